"""Entities: list, and one entity with its mentions, roles, events and network."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from silkgraph import query
from silkgraph.api.deps import Cursor, IdPath, Limit, Offset, get_store, render
from silkgraph.api.schemas import Page
from silkgraph.model import ENTITY_TYPES
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]
TypeQ = Query(None, max_length=40, description="Entity type, e.g. PERSON.")


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(
    request: Request,
    store: StoreDep,
    type: str | None = TypeQ,
    limit: int = Limit,
    offset: int = Offset,
    cursor: str | None = Cursor,
) -> HTMLResponse:
    data = query.list_entities(store, limit, offset, type or None, cursor or None)
    return render(request, "entities.html", data=data, type=type or "", types=ENTITY_TYPES)


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(
    request: Request, entity_id: Annotated[str, IdPath], store: StoreDep
) -> HTMLResponse:
    return render(request, "entity.html", ent=query.entity(store, entity_id))


@router.get("/api/entities", response_model=Page, tags=["entities"])
def list_entities(
    store: StoreDep,
    type: str | None = TypeQ,
    limit: int = Limit,
    offset: int = Offset,
    cursor: str | None = Cursor,
) -> dict[str, Any]:
    """Corpus entities, most widely reported first."""
    return query.list_entities(store, limit, offset, type or None, cursor or None)


@router.get("/api/entities/{entity_id:path}", tags=["entities"])
def get_entity(entity_id: Annotated[str, IdPath], store: StoreDep) -> dict[str, Any]:
    """One entity: names, roles, mentions with sentence context, events, co-occurrences."""
    return query.entity(store, entity_id)
