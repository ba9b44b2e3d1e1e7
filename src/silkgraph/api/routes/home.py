"""Home page: corpus figures, latest events, most connected entities."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from silkgraph import query
from silkgraph.api.deps import get_store, render
from silkgraph.api.schemas import OverviewOut
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "home.html", data=query.overview(store))


@router.get("/api/overview", response_model=OverviewOut, tags=["corpus"])
def get_overview(store: StoreDep) -> dict[str, Any]:
    """The home page's data: counts, latest events and articles, most connected entities."""
    return query.overview(store)
