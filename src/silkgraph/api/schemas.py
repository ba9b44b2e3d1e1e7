"""Pydantic models of what the API accepts and the small fixed shapes it returns.

Pydantic lives only here, at the boundary; the library below speaks dataclasses and dicts.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: str) -> str:
    """Refuse text no store can hold (NUL, lone surrogates) and text with nothing in it."""
    bad = _UNSTORABLE.search(value)
    if bad:
        what = "a NUL character" if bad.group() == "\x00" else "a lone surrogate"
        raise ValueError(f"contains {what} at character {bad.start()}")
    if not value.strip():
        raise ValueError("is empty or only whitespace")
    return value


# Every string a client sends: no NUL, no lone surrogate (JSON's "\ud800" parses to one and
# then fails to encode in the store), not blank.
Text = Annotated[str, AfterValidator(_storable)]


class DocumentIn(BaseModel):
    """One article to ingest; without an id, one is made from the text's hash."""

    id: Text | None = Field(None, max_length=200, pattern=r"^[\w.:\-]+$")
    text: Text = Field(..., min_length=1)
    title: Text | None = Field(None, max_length=1000)
    url: Text | None = Field(None, max_length=2000)
    outlet: Text | None = Field(None, max_length=200)
    published: Text | None = Field(None, max_length=40)


class DocumentsIn(BaseModel):
    documents: list[DocumentIn] = Field(..., min_length=1, max_length=1000)


class IngestOut(BaseModel):
    added: int
    updated: int = 0  # ids stored before with other text: each got a new version
    duplicates: int
    extracted: int
    # Stored but not extracted, by language code: no pipeline reads that language yet.
    not_extracted: dict[str, int] = Field(default_factory=dict)
    summary: str = ""  # "2 extracted, 1 not extracted: language ru, no pipeline"
    ids: list[str]
    failed: list[str]


class JudgementIn(BaseModel):
    """A person's decision on a proposed merge: confirm (positive) or split (negative)."""

    left_id: Text = Field(..., max_length=400, description="document id#entity or event key")
    right_id: Text = Field(..., max_length=400, description="document id#entity or event key")
    judgement: Literal["positive", "negative"]
    kind: Literal["entity", "event"] = "entity"


class DetachIn(BaseModel):
    """Take one report out of the event it is in now."""

    report_id: Text = Field(..., max_length=400, description="document id#event key")


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
    """A page of a list: ``total`` items in all, ``items`` from ``offset`` or after ``cursor``.

    ``next_cursor`` (None on the last page) asks for the page after this one; a cursor names
    the last row shown, so rows stored meanwhile never shift the pages that follow.
    """

    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]
    cursor: str | None = None
    next_cursor: str | None = None


# Answers of the read routes. Each declares the fields a client can rely on; the query
# layer may add more (``extra="allow"`` keeps them), so the schema documents without
# hiding anything.


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Ref(Open):
    """An entity as another item names it: ``id`` None where it does not resolve."""

    id: str | None
    name: str
    type: str | None = None


class FacetValue(BaseModel):
    value: str
    label: str
    count: int = Field(description="Items of the list with this value, under the other facets.")
    selected: bool


class EventSummary(Open):
    id: str
    type: str
    headline: str
    date: str | None
    end_date: str | None
    date_words: str | None
    year: str | None
    year_source: str | None
    location: Ref | None
    participants: list[Ref | None]
    amount_usd: float | None
    count_words: str | None
    commodities: list[str]
    modality: str | None
    n_sources: int
    outlets: list[str]


class EntitySummary(Open):
    id: str
    name: str
    type: str
    aliases: list[str]
    attrs: dict[str, Any]
    n_docs: int | None = None


class ListPage(Page):
    """A page of a browsable list, with its query and the facet counts."""

    sort: str
    q: str
    filters: dict[str, list[str]]
    facets: dict[str, list[FacetValue]]


class EventList(ListPage):
    items: list[EventSummary]  # type: ignore[assignment]
    filter_labels: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="Names of the values of filters without facets."
    )


class DocumentRow(Open):
    id: str
    title: str
    outlet: str | None
    published: str | None


class DocumentList(ListPage):
    items: list[DocumentRow]  # type: ignore[assignment]


class EntityList(ListPage):
    items: list[EntitySummary]  # type: ignore[assignment]


class EventOut(EventSummary):
    """One event, each report's version, and the field-by-field comparison of them."""

    versions: list[dict[str, Any]]
    rows: list[dict[str, Any]]
    comparison: dict[str, Any]
    under_review: list[dict[str, Any]]


class EntityOut(EntitySummary):
    mentions: list[dict[str, Any]]
    roles: list[dict[str, Any]]
    events: list[EventSummary]
    n_events: int
    network: dict[str, Any]


class DocumentOut(Open):
    id: str
    title: str
    url: str | None
    outlet: str | None
    published: str | None
    language: str
    text: str
    facts: list[dict[str, Any]]
    events: list[dict[str, Any]]


class OverviewOut(Open):
    counts: dict[str, int]
    events: list[EventSummary]
    entities: list[EntitySummary]
    documents: list[dict[str, Any]]
    empty: bool


class SearchPage(Page):
    """A page of matching articles, with how far the search counted and checked them."""

    capped: bool = Field(description="More than ``total`` match: counting stopped there.")
    ranked: bool = Field(description="The page is in order of relevance (else newest first).")
    scanned: int | None = Field(
        None,
        description="With filters and very many articles with the words: only the newest"
        " this many were checked against the filters (None: every one was).",
    )
    with_words: int | None = Field(
        None, description="Articles with the words (None where not counted)."
    )


class SearchOut(Open):
    query: str
    filters: dict[str, Any] = Field(
        description="Each facet's chosen values (a list: any of them) and the dates."
    )
    documents: SearchPage
    entities: list[EntitySummary]
    events: list[EventSummary]
    facets: dict[str, list[tuple[str, int]]] = Field(
        description="(value, articles) per facet, each counted under the other facets."
    )
    facets_counted: int = Field(description="Matching articles the facet counts cover.")
    facets_complete: bool = Field(description="Whether those are every matching article.")


class GraphOut(Open):
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class TimelineOut(Open):
    months: list[dict[str, Any]]
    documents: list[dict[str, Any]]


class PlacesOut(Open):
    total: int
    places: list[dict[str, Any]]


class TradeFlowsOut(Open):
    flows: list[dict[str, Any]]


class ReviewOut(Open):
    """Pending merges for a person to judge, and the judgements already made."""


class MonthCount(BaseModel):
    month: str = Field(description="YYYY-MM, in the year the event is filed under")
    type: str
    n: int


class VolumeOut(BaseModel):
    filters: dict[str, str]
    counts: list[MonthCount]
    types: list[str]
    total: int
    no_month: int = Field(description="Matching events without a month (or year) to chart")
