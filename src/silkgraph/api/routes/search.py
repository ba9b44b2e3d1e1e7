"""Search with facets over the full-text index."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from silkgraph import query
from silkgraph.api.deps import Limit, Offset, get_filters, get_store, render
from silkgraph.api.schemas import SearchOut
from silkgraph.model import ENTITY_TYPES, EVENT_TYPES
from silkgraph.query import Filters
from silkgraph.query.lists import country_names
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]
FiltersDep = Annotated[Filters, Depends(get_filters)]
Q = Query("", max_length=500, description="Words to look for (all required).")


@router.get("/search", response_class=HTMLResponse, include_in_schema=False)
def search_page(
    request: Request,
    store: StoreDep,
    filters: FiltersDep,
    q: str = Q,
    limit: int = Limit,
    offset: int = Offset,
) -> HTMLResponse:
    data = query.search(store, q, limit, offset, filters)
    codes = {v for v, _ in data["facets"]["country"]} | ({filters.country} - {None})
    return render(
        request,
        "search.html",
        data=data,
        country_names=country_names(store, {c for c in codes if c}),
        entity_types=ENTITY_TYPES,
        event_types=EVENT_TYPES,
        params={"q": q, **filters.to_dict()},
    )


@router.get("/api/search", response_model=SearchOut, tags=["search"])
def search(
    store: StoreDep, filters: FiltersDep, q: str = Q, limit: int = Limit, offset: int = Offset
) -> dict[str, Any]:
    """Articles (paginated, with facet counts), entities and events matching the query."""
    return query.search(store, q, limit, offset, filters)
