"""Events: list, and one event with each source's version side by side."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from silkgraph import query
from silkgraph.api.deps import Cursor, IdPath, Limit, Offset, get_store, render
from silkgraph.api.schemas import Page
from silkgraph.model import EVENT_TYPES
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]
TypeQ = Query(None, max_length=40, description="Event type, e.g. TRADE.")


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
def events_page(
    request: Request,
    store: StoreDep,
    type: str | None = TypeQ,
    limit: int = Limit,
    offset: int = Offset,
    cursor: str | None = Cursor,
) -> HTMLResponse:
    data = query.list_events(store, limit, offset, type or None, cursor or None)
    return render(request, "events.html", data=data, type=type or "", types=EVENT_TYPES)


@router.get("/events/{event_id:path}", response_class=HTMLResponse, include_in_schema=False)
def event_page(request: Request, event_id: Annotated[str, IdPath], store: StoreDep) -> HTMLResponse:
    return render(request, "event.html", ev=query.event(store, event_id))


@router.get("/api/events", response_model=Page, tags=["events"])
def list_events(
    store: StoreDep,
    type: str | None = TypeQ,
    limit: int = Limit,
    offset: int = Offset,
    cursor: str | None = Cursor,
) -> dict[str, Any]:
    """Corpus events, latest first."""
    return query.list_events(store, limit, offset, type or None, cursor or None)


@router.get("/api/events/{event_id:path}", tags=["events"])
def get_event(event_id: Annotated[str, IdPath], store: StoreDep) -> dict[str, Any]:
    """One event: participants, place, date, value, and each source's version compared."""
    return query.event(store, event_id)
