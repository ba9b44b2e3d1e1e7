"""The review queue: the machine's unsure merges, and a person's judgements on them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from silkgraph import query
from silkgraph.api.deps import (
    MAX_LIMIT,
    Cursor,
    get_settings,
    get_store,
    render,
    require_token,
)
from silkgraph.api.schemas import DetachIn, JudgementIn, JudgementOut, ReviewOut, UndoOut
from silkgraph.resolve import ResolutionReport, resolve_store
from silkgraph.resolve.judgements import detach, judge, undo
from silkgraph.resolve.pairs import weights_from
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]
ReviewLimit = Query(20, ge=1, le=MAX_LIMIT, description="Merges of each kind per page.")


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_page(
    request: Request, store: StoreDep, limit: int = ReviewLimit, cursor: str | None = Cursor
) -> HTMLResponse:
    return render(request, "review.html", data=query.review_queue(store, limit, cursor))


@router.get("/api/review", response_model=ReviewOut, tags=["review"])
def review_queue(
    store: StoreDep, limit: int = ReviewLimit, cursor: str | None = Cursor
) -> dict[str, Any]:
    """Unsure entity merges and doubtful event merges waiting for a person (a page of
    ``limit`` of each, oldest first; ``next_cursor`` reads the next), and the judgements
    already made."""
    return query.review_queue(store, limit, cursor)


async def _write_and_resolve(
    request: Request, store: Store, write: Callable[[], Any]
) -> tuple[Any, ResolutionReport]:
    """Run ``write`` and re-run resolution under the write lock, off the event loop."""
    settings = get_settings(request)

    def run() -> tuple[Any, ResolutionReport]:
        with request.app.state.write_lock, weights_from(settings.pair_model):
            done = write()
            return done, resolve_store(store, settings.review_below)

    return await run_in_threadpool(run)


@router.post(
    "/api/judgements",
    response_model=JudgementOut,
    tags=["review"],
    dependencies=[Depends(require_token)],
)
async def post_judgement(request: Request, body: JudgementIn, store: StoreDep) -> JudgementOut:
    """Confirm (positive) or split (negative) a merge of two entities or two event reports
    (``DOC#KEY``), then re-run resolution; the judgement holds in every later run."""
    if body.left_id == body.right_id:
        raise HTTPException(422, "left_id and right_id must differ")
    _, report = await _write_and_resolve(
        request,
        store,
        lambda: judge(store, body.kind, body.left_id, body.right_id, body.judgement),
    )
    return JudgementOut(
        left_id=body.left_id,
        right_id=body.right_id,
        judgement=body.judgement,
        entities=report.entities,
        events=report.events,
    )


@router.post(
    "/api/judgements/detach",
    response_model=UndoOut,
    tags=["review"],
    dependencies=[Depends(require_token)],
)
async def post_detach(request: Request, body: DetachIn, store: StoreDep) -> UndoOut:
    """Take one report out of its event (a split from each of its other reports), then
    re-run resolution; ``removed`` counts the judgements recorded."""
    made, report = await _write_and_resolve(request, store, lambda: detach(store, body.report_id))
    return UndoOut(removed=len(made), entities=report.entities, events=report.events)


@router.delete(
    "/api/judgements",
    response_model=UndoOut,
    tags=["review"],
    dependencies=[Depends(require_token)],
)
async def delete_judgement(
    request: Request,
    store: StoreDep,
    left_id: str = Query(..., max_length=400),
    right_id: str | None = Query(None, max_length=400),
    kind: str = Query("entity", max_length=6, pattern="^(entity|event)$"),
) -> UndoOut:
    """Undo a person's judgement on two items (or, without ``right_id``, every one on
    ``left_id``), returning them to the machine's decision; then re-run resolution."""
    removed, report = await _write_and_resolve(
        request, store, lambda: undo(store, kind, left_id, right_id)
    )
    if not removed:
        raise HTTPException(404, f"no judgement on {left_id!r}")
    return UndoOut(removed=removed, entities=report.entities, events=report.events)
