"""The review queue: the machine's unsure merges, and a person's judgements on them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from silkgraph import query
from silkgraph.api.deps import get_store, render, require_token
from silkgraph.api.schemas import JudgementIn, JudgementOut
from silkgraph.resolve import resolve_store
from silkgraph.store import Store
from silkgraph.store.base import Judgement

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_page(request: Request, store: StoreDep) -> HTMLResponse:
    return render(request, "review.html", data=query.review_queue(store))


@router.get("/api/review", tags=["review"])
def review_queue(store: StoreDep) -> dict[str, Any]:
    """Unsure entity merges waiting for a person, and the judgements already made."""
    return query.review_queue(store)


@router.post(
    "/api/judgements",
    response_model=JudgementOut,
    tags=["review"],
    dependencies=[Depends(require_token)],
)
async def post_judgement(request: Request, body: JudgementIn, store: StoreDep) -> JudgementOut:
    """Confirm (positive) or split (negative) a merge, then re-run resolution."""
    for node in (body.left_id, body.right_id):
        doc_id, _, key = node.partition("#")
        ext = store.get_extraction(doc_id)
        if ext is None or ext.entity(key) is None:
            raise HTTPException(404, f"no document entity {node!r}")
    if body.left_id == body.right_id:
        raise HTTPException(422, "left_id and right_id must differ")

    def save_and_resolve() -> Any:
        with request.app.state.write_lock:
            store.save_judgement(
                Judgement(body.kind, body.left_id, body.right_id, body.judgement, author="analyst")
            )
            return resolve_store(store)

    report = await run_in_threadpool(save_and_resolve)
    return JudgementOut(
        left_id=body.left_id,
        right_id=body.right_id,
        judgement=body.judgement,
        entities=report.entities,
        events=report.events,
    )
