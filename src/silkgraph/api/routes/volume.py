"""The timeline's volume chart: events per month and type."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from silkgraph.api.deps import get_filters, get_store
from silkgraph.api.schemas import VolumeOut
from silkgraph.query import Filters
from silkgraph.query.volume import event_volume
from silkgraph.store import Store

router = APIRouter()


@router.get("/api/timeline/volume", response_model=VolumeOut, tags=["views"])
def timeline_volume(
    store: Annotated[Store, Depends(get_store)], filters: Annotated[Filters, Depends(get_filters)]
) -> dict[str, Any]:
    """Matching events per month and type (every one, not only the latest), oldest first."""
    return event_volume(store, filters)
