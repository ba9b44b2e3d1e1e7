"""Events: the browsable list (facets, name filter, sort, pages, exports) and one event
with each source's version side by side."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from silkgraph import query
from silkgraph.api.deps import IdPath, get_store, render
from silkgraph.api.lists import EventAll, EventPage, export, facet_parameters
from silkgraph.api.schemas import EventList, EventOut
from silkgraph.query.lists import (
    EVENT_COLUMNS,
    EVENT_FACETS,
    EVENT_FILTERS,
    browse_events,
    event_record,
)
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
def events_page(request: Request, store: StoreDep, lq: EventPage) -> HTMLResponse:
    return render(request, "events.html", data=browse_events(store, lq), params=lq.params())


@router.get("/events.csv", include_in_schema=False)
@router.get(
    "/api/events.csv",
    tags=["events"],
    response_class=StreamingResponse,
    openapi_extra=facet_parameters(EVENT_FACETS + EVENT_FILTERS),
)
def export_events_csv(store: StoreDep, lq: EventAll) -> StreamingResponse:
    """Every event of the filtered list as CSV (same query string as the list)."""
    return export(store, lq, browse_events, event_record, EVENT_COLUMNS, "csv", "events")


@router.get("/events.json", include_in_schema=False)
@router.get(
    "/api/events.json",
    tags=["events"],
    response_class=StreamingResponse,
    openapi_extra=facet_parameters(EVENT_FACETS + EVENT_FILTERS),
)
def export_events_json(store: StoreDep, lq: EventAll) -> StreamingResponse:
    """Every event of the filtered list as a JSON array of the CSV's columns."""
    return export(store, lq, browse_events, event_record, EVENT_COLUMNS, "json", "events")


@router.get("/events/{event_id:path}", response_class=HTMLResponse, include_in_schema=False)
def event_page(request: Request, event_id: Annotated[str, IdPath], store: StoreDep) -> HTMLResponse:
    return render(request, "event.html", ev=query.event(store, event_id))


@router.get(
    "/api/events",
    response_model=EventList,
    tags=["events"],
    openapi_extra=facet_parameters(EVENT_FACETS + EVENT_FILTERS),
)
def list_events(store: StoreDep, lq: EventPage) -> dict[str, Any]:
    """Corpus events, latest first, with facet counts (events per value).

    Facets, each repeatable (any of the values): type, pair (CN-KZ), country (code or
    name), modality, amount (none, lt1m, 1m-100m, 100m-1bn, 1bn+), year (or unknown), outlet.
    """
    return browse_events(store, lq)


@router.get("/api/events/{event_id:path}", response_model=EventOut, tags=["events"])
def get_event(event_id: Annotated[str, IdPath], store: StoreDep) -> dict[str, Any]:
    """One event: participants, place, date, value, and each source's version compared."""
    return query.event(store, event_id)
