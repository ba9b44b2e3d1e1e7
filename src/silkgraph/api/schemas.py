"""Pydantic models of what the API accepts and the small fixed shapes it returns.

Pydantic lives only here, at the boundary; the library below speaks dataclasses and dicts.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class DocumentIn(BaseModel):
    """One article to ingest; without an id, one is made from the text's hash."""

    id: str | None = Field(None, max_length=200, pattern=r"^[\w.:\-]+$")
    text: str = Field(..., min_length=1)
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=200)
    published: str | None = Field(None, max_length=40)


class DocumentsIn(BaseModel):
    documents: list[DocumentIn] = Field(..., min_length=1, max_length=1000)


class IngestOut(BaseModel):
    added: int
    duplicates: int
    extracted: int
    ids: list[str]
    failed: list[str]


class JudgementIn(BaseModel):
    """A person's decision on a proposed merge: confirm (positive) or split (negative)."""

    left_id: str = Field(..., max_length=400, description="document id#entity or event key")
    right_id: str = Field(..., max_length=400, description="document id#entity or event key")
    judgement: Literal["positive", "negative"]
    kind: Literal["entity", "event"] = "entity"


class DetachIn(BaseModel):
    """Take one report out of the event it is in now."""

    report_id: str = Field(..., max_length=400, description="document id#event key")


class UndoOut(BaseModel):
    removed: int
    entities: int
    events: int


class JudgementOut(BaseModel):
    left_id: str
    right_id: str
    judgement: str
    entities: int
    events: int


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    writes: bool
    counts: dict[str, int]


class Page(BaseModel):
    """A page of a list: ``total`` items in all, ``items`` from ``offset``."""

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]
