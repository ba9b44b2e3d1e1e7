"""The HTTP API and the web UI: ``create_app(settings)`` builds one FastAPI application.

Pages and their JSON twins under ``/api`` are thin adapters over ``silkgraph.query``.
The application is read-only unless a token is configured; writes need that token.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from silkgraph.api.middleware import (
    BodyLimitMiddleware,
    CleanURLMiddleware,
    HostCheckMiddleware,
    SecurityHeadersMiddleware,
    allowed_host_names,
)
from silkgraph.api.routes import (
    documents,
    entities,
    events,
    home,
    review,
    search,
    system,
    views,
    volume,
)
from silkgraph.config import Settings
from silkgraph.errors import Moved, NotFound, SilkgraphError
from silkgraph.store import open_store
from silkgraph.web.render import make_templates

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
    # The last added runs first: headers on every answer, then the Host check, then the URL.
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_request_bytes)
    app.add_middleware(CleanURLMiddleware)
    app.add_middleware(
        HostCheckMiddleware, allowed=allowed_host_names(settings.allowed_hosts, settings.host)
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (system, home, search, documents, entities, events, views, volume, review):
        app.include_router(module.router)
    app.add_exception_handler(Moved, _moved)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(SilkgraphError, _bad_request)
    app.add_exception_handler(RequestValidationError, _invalid)
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


async def _invalid(request: Request, exc: Exception) -> Response:
    """422 for a parameter or body out of bounds: the errors as JSON, or one line on a page.

    The input is not echoed: it may be 20 MB, or hold a lone surrogate that no UTF-8
    response can carry (FastAPI's own handler then fails with a 500).
    """
    assert isinstance(exc, RequestValidationError)
    errors = [_error(e) for e in exc.errors()]
    if _wants_json(request):
        body = json.dumps({"detail": errors}, ensure_ascii=True, default=str)
        return Response(body, status_code=422, media_type="application/json")
    message = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in errors)
    html = request.app.state.templates.get_template("error.html").render(
        request=request, status=422, message=message
    )
    return HTMLResponse(html, status_code=422)


def _error(error: Any) -> dict[str, Any]:
    return {k: error[k] for k in ("type", "loc", "msg", "ctx") if k in error}
