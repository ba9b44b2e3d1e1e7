"""Health and the offline OpenAPI docs (Swagger UI served from the package; /redoc leads there)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from silkgraph import __version__
from silkgraph.api.deps import get_settings, get_store
from silkgraph.api.schemas import Health
from silkgraph.config import Settings
from silkgraph.store import Store

router = APIRouter()


@router.get("/api/health", response_model=Health, tags=["system"])
def health(
    store: Annotated[Store, Depends(get_store)],
    settings: Annotated[Settings, Depends(get_settings)],
) -> Health:
    """Liveness and corpus size; ``writes`` says whether a token enables the write endpoints."""
    return Health(
        status="ok", version=__version__, writes=bool(settings.token), counts=store.counts()
    )


@router.get("/docs", include_in_schema=False)
def docs() -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url="/api/openapi.json",
        title="silkgraph API",
        swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
        swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
    )


@router.get("/openapi.json", include_in_schema=False)
def openapi_document(request: Request) -> JSONResponse:
    """The OpenAPI document at the address tools look for first (also at /api/openapi.json)."""
    return JSONResponse(request.app.openapi())


@router.get("/redoc", include_in_schema=False)
def redoc() -> RedirectResponse:
    """ReDoc's script is not shipped (nothing is fetched at run time): the Swagger UI instead."""
    return RedirectResponse("/docs", status_code=307)
