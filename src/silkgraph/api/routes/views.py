"""Corpus-wide views: network graph, timeline, map, trade flows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, StreamingResponse

from silkgraph import query
from silkgraph.api.deps import MAX_LIMIT, Cursor, get_filters, get_store, render
from silkgraph.api.lists import table
from silkgraph.api.schemas import GraphOut, PlacesOut, TimelineOut, TradeFlowsOut
from silkgraph.model import ENTITY_TYPES, EVENT_TYPES
from silkgraph.query import Filters
from silkgraph.query.exports import (
    GRAPH_COLUMNS,
    TIMELINE_COLUMNS,
    TRADE_COLUMNS,
    graph_records,
    timeline_records,
    trade_records,
)
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]
FiltersDep = Annotated[Filters, Depends(get_filters)]
TradeLimit = Query(200, ge=1, le=MAX_LIMIT, description="Rows of each list per page.")


def _countries(store: Store) -> list[tuple[str, str]]:
    return query.country_choices(store)


@router.get("/graph", response_class=HTMLResponse, include_in_schema=False)
def graph_page(request: Request, store: StoreDep, filters: FiltersDep) -> HTMLResponse:
    data = query.graph(store, filters)
    return render(
        request,
        "graph.html",
        data=data,
        params=filters.to_dict(),
        entity_types=ENTITY_TYPES,
        event_types=EVENT_TYPES,
        countries=_countries(store),
    )


@router.get("/api/graph", response_model=GraphOut, tags=["views"])
def graph(store: StoreDep, filters: FiltersDep) -> dict[str, Any]:
    """Entities and events as nodes; co-occurrence, participation and place as edges."""
    return query.graph(store, filters)


@router.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
def timeline_page(request: Request, store: StoreDep, filters: FiltersDep) -> HTMLResponse:
    return render(
        request,
        "timeline.html",
        data=query.timeline(store, filters),
        params=filters.to_dict(),
        event_types=EVENT_TYPES,
        countries=_countries(store),
    )


@router.get("/api/timeline", response_model=TimelineOut, tags=["views"])
def timeline(store: StoreDep, filters: FiltersDep) -> dict[str, Any]:
    """Events grouped by month, and articles by publication date."""
    return query.timeline(store, filters)


@router.get("/map", response_class=HTMLResponse, include_in_schema=False)
def map_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "map.html", data=query.places(store))


@router.get("/api/places", response_model=PlacesOut, tags=["views"])
def places(store: StoreDep) -> dict[str, Any]:
    """Places with coordinates or a country code, each with its events."""
    return query.places(store)


@router.get("/trade", response_class=HTMLResponse, include_in_schema=False)
def trade_page(
    request: Request, store: StoreDep, limit: int = TradeLimit, cursor: str | None = Cursor
) -> HTMLResponse:
    return render(request, "trade.html", data=query.trade_flows(store, limit, cursor))


@router.get("/api/trade-flows", response_model=TradeFlowsOut, tags=["views"])
def trade_flows(
    store: StoreDep, limit: int = TradeLimit, cursor: str | None = Cursor
) -> dict[str, Any]:
    """Exporter → commodity → importer flows from TRADE events, with USD values: a page
    of ``limit`` flows and ``limit`` turnover rows, the largest value first; the totals
    are over every row. ``next_cursor`` reads the next page."""
    return query.trade_flows(store, limit, cursor)


# Exports: what each view shows, read by the view's own query with the page's filters.


def _trade_export(fmt: str) -> Callable[..., StreamingResponse]:
    def export_trade(store: StoreDep) -> StreamingResponse:
        """Every trade row (flows, then turnover; the page's order)."""
        return table(list(trade_records(store)), TRADE_COLUMNS, fmt, "trade-flows")

    return export_trade


def _timeline_export(fmt: str) -> Callable[..., StreamingResponse]:
    def export_timeline(store: StoreDep, filters: FiltersDep) -> StreamingResponse:
        """The timeline's events and articles under its filters."""
        return table(list(timeline_records(store, filters)), TIMELINE_COLUMNS, fmt, "timeline")

    return export_timeline


def _graph_export(fmt: str) -> Callable[..., StreamingResponse]:
    def export_graph(store: StoreDep, filters: FiltersDep) -> StreamingResponse:
        """The graph's edges under its filters, both ends named."""
        return table(list(graph_records(store, filters)), GRAPH_COLUMNS, fmt, "graph")

    return export_graph


for _fmt in ("csv", "json"):
    for _page, _api, _make in (
        ("/trade", "/api/trade-flows", _trade_export),
        ("/timeline", "/api/timeline", _timeline_export),
        ("/graph", "/api/graph", _graph_export),
    ):
        router.add_api_route(f"{_page}.{_fmt}", _make(_fmt), include_in_schema=False)
        router.add_api_route(
            f"{_api}.{_fmt}", _make(_fmt), tags=["views"], response_class=StreamingResponse
        )
