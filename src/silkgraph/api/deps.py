"""Request dependencies: a store per request, settings, and the write guard."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from silkgraph.config import Settings
from silkgraph.errors import InputError
from silkgraph.query import Filters
from silkgraph.query.lists import country_code
from silkgraph.store import Store, open_store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_store(request: Request) -> Iterator[Store]:
    """One connection per request: SQLite connections are not shared between threads."""
    store = open_store(get_settings(request).db)
    try:
        yield store
    finally:
        store.close()


# Declares the bearer scheme in the OpenAPI document (so /docs can send the token); the
# check itself stays below, where a missing and a wrong token get their own answers.
bearer = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    description="The server's write token (SILKGRAPH_TOKEN); only write routes need it.",
)


def require_token(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Writes need ``Authorization: Bearer <token>``; with no token configured they are off."""
    token = get_settings(request).token
    if not token:
        raise HTTPException(403, "writes are disabled: start the server with SILKGRAPH_TOKEN set")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


# ASCII digits only: `\d` would also take Arabic-Indic or superscript digits.
DATE = r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$"


def get_filters(
    store: Annotated[Store, Depends(get_store)],
    entity_type: str | None = Query(None, max_length=40),
    event_type: str | None = Query(None, max_length=40),
    country: str | None = Query(None, max_length=100, description="Country code or name."),
    outlet: str | None = Query(None, max_length=200),
    date_from: str | None = Query(None, max_length=10, pattern=DATE),
    date_to: str | None = Query(None, max_length=10, pattern=DATE),
) -> Filters:
    """Facets from the query string; empty form fields count as not given.

    A country may be named ("Kazakhstan") or coded ("KZ"); a name that is no country is a
    one-line 422, not an empty page.
    """

    def clean(v: str | None) -> str | None:
        return v.strip() or None if v else None

    place = clean(country)
    code = None
    if place:
        # A dependency runs before the route's own parameters are checked, so a bad name
        # is reported as they are (422), not as an error of the query (400).
        try:
            code = country_code(store, place)
        except InputError as err:
            msg = str(err).removeprefix("country: ")
            error = {"type": "value_error", "loc": ("query", "country"), "msg": msg}
            raise RequestValidationError([error]) from None
    return Filters(
        clean(entity_type),
        clean(event_type),
        code,
        clean(outlet),
        clean(date_from),
        clean(date_to),
    )


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a page template; autoescaping is on for every template."""
    html = request.app.state.templates.get_template(name).render(
        request=request, writes=bool(get_settings(request).token), **context
    )
    return HTMLResponse(html, status_code=status)


# Every number a client sends has bounds, so none reaches the store as an integer it cannot
# bind (SQLite and PostgreSQL stop at 2**63 - 1) and none asks for absurd work.
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
MAX_ID = 500

Limit = Query(50, ge=1, le=MAX_LIMIT, description="Page size.")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="Items to skip.")
# Opaque keyset cursors (``next_cursor`` of the page before); a list refuses another's.
Cursor = Query(None, max_length=2000, description="Start after this cursor (next_cursor).")
IdPath = Path(..., min_length=1, max_length=MAX_ID, description="Identifier.")
