"""The query string of a browsable list (facets, name filter, sort, page) as a ListQuery,
and its exports: CSV and JSON of every row of the same query."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.responses import StreamingResponse

from silkgraph.api.deps import MAX_LIMIT, MAX_OFFSET, get_store
from silkgraph.errors import InputError
from silkgraph.query.lists import (
    DOCUMENT_FACETS,
    ENTITY_FACETS,
    EVENT_FACETS,
    EVENT_FILTERS,
    ListQuery,
    country_code,
    export_rows,
)
from silkgraph.store import Store

# Values one facet may take at once, and the length of one value.
MAX_VALUES = 50
MAX_VALUE = 200

Q = Query("", max_length=200, description="Name filter: names and known aliases, any accents.")
Sort = Query(
    "", max_length=20, pattern=r"^-?[a-z]*$", description="Column to sort by; -column descends."
)
Limit = Query(50, ge=1, le=MAX_LIMIT, description="Page size.")
Offset = Query(0, ge=0, le=MAX_OFFSET, description="Items to skip.")
Cursor = Query(None, max_length=2000, description="Start after this cursor (next_cursor).")


FACET_HELP = {
    "type": "Type (events: TRADE, AGREEMENT, ...; entities: PERSON, ORG, GPE, ...).",
    "pair": "Two country codes joined by '-', e.g. CN-KZ.",
    "country": "Country code or name.",
    "modality": "realized, planned or target.",
    "amount": "Value in USD: none, lt1m, 1m-100m, 100m-1bn or 1bn+.",
    "year": "Year the event is filed under (or published, for articles), or unknown.",
    "outlet": "Outlet name.",
    "language": "Language code of the article.",
    "entity": "Entity id: the events it takes part in or is the place of.",
    "entity_type": "Articles naming an entity of this type (PERSON, ORG, GPE, ...).",
    "event_type": "Articles reporting an event of this type (TRADE, AGREEMENT, ...).",
}


def facet_parameters(names: tuple[str, ...]) -> dict[str, Any]:
    """The OpenAPI description of a list's facets: each a repeatable query key, any of whose
    values an item may have (read from the query string, not declared one by one)."""
    return {
        "parameters": [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": FACET_HELP[name] + " Repeat the key for several values.",
                "schema": {"type": "array", "items": {"type": "string", "maxLength": MAX_VALUE}},
                "style": "form",
                "explode": True,
            }
            for name in names
        ]
    }


def _facets(request: Request, names: tuple[str, ...], store: Store) -> dict[str, list[str]]:
    """Each facet's values from the repeated query keys; countries may be given by name."""
    out: dict[str, list[str]] = {}
    for name in names:
        values = [v.strip() for v in request.query_params.getlist(name) if v.strip()]
        if len(values) > MAX_VALUES or any(len(v) > MAX_VALUE for v in values):
            raise InputError(f"{name}: at most {MAX_VALUES} values of {MAX_VALUE} characters")
        if name == "country":
            values = [country_code(store, v) for v in values]
        if values:
            out[name] = list(dict.fromkeys(values))
    return out


def _paged(names: tuple[str, ...]) -> Callable[..., ListQuery]:
    """The dependency that reads a page of a list: its facets (``names``), name filter,
    sort and page, declared once for the page and its JSON twin."""

    def page(
        request: Request,
        store: Annotated[Store, Depends(get_store)],
        q: str = Q,
        sort: str = Sort,
        limit: int = Limit,
        offset: int = Offset,
        cursor: str | None = Cursor,
    ) -> ListQuery:
        facets = _facets(request, names, store)
        return ListQuery(facets, q.strip(), sort, limit, offset, cursor or None)

    return page


def _whole(names: tuple[str, ...]) -> Callable[..., ListQuery]:
    """The dependency that reads a whole list for an export: facets, name filter, sort."""

    def whole(
        request: Request, store: Annotated[Store, Depends(get_store)], q: str = Q, sort: str = Sort
    ) -> ListQuery:
        return ListQuery(_facets(request, names, store), q.strip(), sort, 50, 0, None)

    return whole


# The lists' query strings, as route parameters: a page (``...Page``) or every row (``...All``).
EventPage = Annotated[ListQuery, Depends(_paged(EVENT_FACETS + EVENT_FILTERS))]
EventAll = Annotated[ListQuery, Depends(_whole(EVENT_FACETS + EVENT_FILTERS))]
EntityPage = Annotated[ListQuery, Depends(_paged(ENTITY_FACETS))]
EntityAll = Annotated[ListQuery, Depends(_whole(ENTITY_FACETS))]
DocumentPage = Annotated[ListQuery, Depends(_paged(DOCUMENT_FACETS))]
DocumentAll = Annotated[ListQuery, Depends(_whole(DOCUMENT_FACETS))]


def export(
    store: Store,
    lq: ListQuery,
    browse: Callable[..., dict[str, Any]],
    record: Callable[[dict[str, Any]], dict[str, Any]],
    columns: tuple[str, ...],
    fmt: str,
    name: str,
) -> StreamingResponse:
    """Every row of the list as CSV (one header line) or as a JSON array, streamed.

    The rows are read before the answer starts, so a bad query is a 400, not a cut file.
    ``X-Total-Count`` says how many rows the list has, ``X-Rows`` how many were written
    (fewer only past ``EXPORT_MAX``).
    """
    total = int(browse(store, replace(lq, limit=1, offset=0, cursor=None), facets=False)["total"])
    rows = [record(r) for r in export_rows(store, lq, browse)]
    return table(rows, columns, fmt, name, {"X-Total-Count": str(total)})


def table(
    rows: list[dict[str, Any]],
    columns: tuple[str, ...],
    fmt: str,
    name: str,
    headers: dict[str, str] | None = None,
) -> StreamingResponse:
    """Rows as a CSV download (one header line, ``columns``) or a JSON array; ``X-Rows``
    says how many were written."""
    if fmt == "csv":
        body: Iterator[str] = _csv(rows, columns)
        media = "text/csv; charset=utf-8"
    else:
        body = iter([json.dumps(rows, ensure_ascii=False, indent=1)])
        media = "application/json"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
        **(headers or {}),
        "X-Rows": str(len(rows)),
    }
    return StreamingResponse(body, media_type=media, headers=headers)


def _csv(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for i, row in enumerate(rows):
        writer.writerow({k: _cell(v) for k, v in row.items()})
        if i % 200 == 199:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula ("=...") is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "@", "\t", "\r"):
        return "'" + value
    return value
