"""Articles: list, read with highlighted facts, and ingest (token required)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, StreamingResponse

from silkgraph import query
from silkgraph.api.deps import (
    IdPath,
    get_settings,
    get_store,
    render,
    require_token,
)
from silkgraph.api.lists import DocumentAll, DocumentPage, export, facet_parameters
from silkgraph.api.schemas import DocumentList, DocumentOut, DocumentsIn, IngestOut
from silkgraph.engine import Engine, IngestReport
from silkgraph.ingest import make_document
from silkgraph.model import Document, content_hash
from silkgraph.query.lists import (
    DOCUMENT_COLUMNS,
    DOCUMENT_FACETS,
    browse_documents,
    document_record,
)
from silkgraph.store import Store

router = APIRouter()
StoreDep = Annotated[Store, Depends(get_store)]


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def articles_page(request: Request, store: StoreDep, lq: DocumentPage) -> HTMLResponse:
    """Every article, newest first, with facets and exports (the twin of ``/api/documents``)."""
    return render(request, "articles.html", data=browse_documents(store, lq), params=lq.params())


@router.get("/articles.csv", include_in_schema=False)
@router.get(
    "/api/documents.csv",
    tags=["documents"],
    response_class=StreamingResponse,
    openapi_extra=facet_parameters(DOCUMENT_FACETS),
)
def export_documents_csv(store: StoreDep, lq: DocumentAll) -> StreamingResponse:
    """Every article of the filtered list as CSV (same query string as the list)."""
    return export(store, lq, browse_documents, document_record, DOCUMENT_COLUMNS, "csv", "articles")


@router.get("/articles.json", include_in_schema=False)
@router.get(
    "/api/documents.json",
    tags=["documents"],
    response_class=StreamingResponse,
    openapi_extra=facet_parameters(DOCUMENT_FACETS),
)
def export_documents_json(store: StoreDep, lq: DocumentAll) -> StreamingResponse:
    """Every article of the filtered list as a JSON array of the CSV's columns."""
    return export(
        store, lq, browse_documents, document_record, DOCUMENT_COLUMNS, "json", "articles"
    )


@router.get("/articles/{doc_id:path}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, doc_id: Annotated[str, IdPath], store: StoreDep) -> HTMLResponse:
    return render(request, "article.html", doc=query.article(store, doc_id))


@router.get(
    "/api/documents",
    response_model=DocumentList,
    tags=["documents"],
    openapi_extra=facet_parameters(DOCUMENT_FACETS),
)
def list_documents(store: StoreDep, lq: DocumentPage) -> dict[str, Any]:
    """Articles, newest first, with facet counts (articles per value).

    ``q`` matches the words of the text; facets, each repeatable (any of the values):
    outlet, year (or unknown), language.
    """
    return browse_documents(store, lq)


@router.get("/api/documents/{doc_id:path}", response_model=DocumentOut, tags=["documents"])
def get_document(doc_id: Annotated[str, IdPath], store: StoreDep) -> dict[str, Any]:
    """One article: text, metadata, every extracted fact with its span, and its events."""
    return query.article(store, doc_id)


@router.post(
    "/api/documents",
    response_model=IngestOut,
    tags=["documents"],
    dependencies=[Depends(require_token)],
)
async def ingest_documents(request: Request, body: DocumentsIn) -> IngestOut:
    """Ingest articles as JSON: store, extract and resolve (needs the bearer token)."""
    docs = [
        make_document(
            d.id or f"api-{content_hash(d.text)[:16]}",
            d.text,
            url=d.url,
            outlet=d.outlet,
            published=d.published,
            title=d.title,
            source="api",
        )
        for d in body.documents
    ]
    report, ids = await run_in_threadpool(_ingest, request, docs)
    return IngestOut(
        added=report.added,
        updated=report.updated,
        duplicates=report.duplicates,
        extracted=report.extracted,
        not_extracted=report.not_extracted,
        summary=report.extraction_summary(),
        ids=ids,
        failed=report.failed,
    )


def _ingest(request: Request, docs: list[Document]) -> tuple[IngestReport, list[str]]:
    """One writer at a time; the engine (and its loaded pipeline) is kept for the next call."""
    state = request.app.state
    with state.write_lock:
        if state.engine is None:
            settings = get_settings(request)
            state.engine = Engine(settings=settings)
        engine: Engine = state.engine
        report = IngestReport()
        ids = engine.add(docs, report)
        report.extracted, report.not_extracted = engine.extract_pending()
        if report.extracted or engine.resolution_behind():
            engine.resolve()
    return report, ids
