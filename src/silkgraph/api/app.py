"""The HTTP API and the web UI: ``create_app(settings)`` builds one FastAPI application.

Pages and their JSON twins under ``/api`` are thin adapters over ``silkgraph.query``.
The application is read-only unless a token is configured; writes need that token.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from silkgraph.api.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from silkgraph.api.routes import documents, entities, events, home, review, search, system, views
from silkgraph.config import Settings
from silkgraph.errors import Moved, NotFound, SilkgraphError
from silkgraph.store import open_store
from silkgraph.web.render import make_templates

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"


def create_app(settings: Settings) -> FastAPI:
    """Build the application over the store named in the settings (opened to check it works)."""
    open_store(settings.db).close()
    app = FastAPI(
        title="silkgraph",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        description="Sourced knowledge graph of cross-border economic cooperation. "
        "Read-only unless the server has a token; writes need "
        "`Authorization: Bearer <token>`.",
    )
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.write_lock = threading.Lock()
    app.state.engine = None
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (system, home, search, documents, entities, events, views, review):
        app.include_router(module.router)
    app.add_exception_handler(Moved, _moved)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(SilkgraphError, _bad_request)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


MOVED_PATHS = {"entity": "entities", "event": "events"}


async def _moved(request: Request, exc: Exception) -> Response:
    """A merged or renamed entity or event: 301 to the same page (or JSON) of its new id."""
    assert isinstance(exc, Moved)
    prefix = "/api/" if _wants_json(request) else "/"
    url = f"{prefix}{MOVED_PATHS[exc.kind]}/{quote(exc.new_id, safe=':')}"
    if request.url.query:
        url += f"?{request.url.query}"
    return RedirectResponse(url, status_code=301)


async def _not_found(request: Request, exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=404)
    html = request.app.state.templates.get_template("error.html").render(
        request=request, status=404, message=str(exc)
    )
    return HTMLResponse(html, status_code=404)


async def _bad_request(request: Request, exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=400)
    html = request.app.state.templates.get_template("error.html").render(
        request=request, status=400, message=str(exc)
    )
    return HTMLResponse(html, status_code=400)
