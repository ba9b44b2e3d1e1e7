"""Entities: the browsable list (facets, name filter, sort, pages, exports) and one
entity's page."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from silkgraph import query
from silkgraph.api.deps import IdPath, get_store, render
from silkgraph.api.lists import EntityAll, EntityPage, export, facet_parameters
from silkgraph.api.schemas import EntityList, EntityOut
from silkgraph.query.lists import ENTITY_COLUMNS, ENTITY_FACETS, browse_entities, entity_record
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/entities", response_class=HTMLResponse, include_in_schema=False)
def entities_page(request: Request, store: StoreDep, lq: EntityPage) -> HTMLResponse:
    return render(request, "entities.html", data=browse_entities(store, lq), params=lq.params())


@router.get("/entities.csv", include_in_schema=False)
@router.get(
    "/api/entities.csv",
    tags=["entities"],
    response_class=StreamingResponse,
    openapi_extra=facet_parameters(ENTITY_FACETS),
)
def export_entities_csv(store: StoreDep, lq: EntityAll) -> StreamingResponse:
    """Every entity of the filtered list as CSV (same query string as the list)."""
    return export(store, lq, browse_entities, entity_record, ENTITY_COLUMNS, "csv", "entities")


@router.get("/entities.json", include_in_schema=False)
@router.get(
    "/api/entities.json",
    tags=["entities"],
    response_class=StreamingResponse,
    openapi_extra=facet_parameters(ENTITY_FACETS),
)
def export_entities_json(store: StoreDep, lq: EntityAll) -> StreamingResponse:
    """Every entity of the filtered list as a JSON array of the CSV's columns."""
    return export(store, lq, browse_entities, entity_record, ENTITY_COLUMNS, "json", "entities")


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse, include_in_schema=False)
def entity_page(
    request: Request, entity_id: Annotated[str, IdPath], store: StoreDep
) -> HTMLResponse:
    return render(request, "entity.html", ent=query.entity(store, entity_id))


@router.get(
    "/api/entities",
    response_model=EntityList,
    tags=["entities"],
    openapi_extra=facet_parameters(ENTITY_FACETS),
)
def list_entities(store: StoreDep, lq: EntityPage) -> dict[str, Any]:
    """Corpus entities, most widely reported first, with facet counts (entities per value).

    Facets, each repeatable (any of the values): type, country (code or name).
    """
    return browse_entities(store, lq)


@router.get("/api/entities/{entity_id:path}", response_model=EntityOut, tags=["entities"])
def get_entity(entity_id: Annotated[str, IdPath], store: StoreDep) -> dict[str, Any]:
    """One entity: names, roles, mentions with sentence context, events, co-occurrences."""
    return query.entity(store, entity_id)
