"""The article list: outlet, year and language facets, a word filter, sorting, pages and
the rows of its export, in SQL."""

from __future__ import annotations

from typing import Any

from silkgraph.errors import InputError
from silkgraph.query.base import document_row, encode_cursor
from silkgraph.query.lists.common import (
    ListQuery,
    cached_facets,
    column_facets,
    date_cursor,
    facet_counts,
    facet_values,
    list_answer,
    where_sql,
    year_facet,
)
from silkgraph.store.base import Store

DOCUMENT_FACETS = ("outlet", "year", "language")
DOCUMENT_SORTS = ("published", "outlet")
DOC_YEAR = (
    "(CASE WHEN substr(documents.published, 1, 1) BETWEEN '0' AND '9'"
    " THEN substr(documents.published, 1, 4) END)"
)
DOC_SORT_SQL = {
    "published": "COALESCE(documents.published, '')",
    "outlet": "COALESCE(documents.outlet, '')",
}
DOCUMENT_COLUMNS = ("id", "title", "outlet", "published", "url", "language")


def document_conditions(
    store: Store, lq: ListQuery, skip: str | None = None
) -> tuple[list[str], list[Any]]:
    conds: list[str] = []
    args: list[Any] = []
    f = {k: v for k, v in lq.facets.items() if v and k != skip}
    column_facets(
        f, (("outlet", "documents.outlet"), ("language", "documents.language")), conds, args
    )
    year_facet(f, DOC_YEAR, conds, args)
    if lq.q:
        match = store.text_match(lq.q)
        if match is None:
            conds.append("1 = 0")
        else:
            # The store's full-text match names the documents "d"; this list calls them
            # "documents", so the match runs as a sub-select of ids.
            conds.append(f"documents.id IN (SELECT d.id FROM {match.source} WHERE {match.where})")
            args += match.args
    return conds, args


def document_facets(store: Store, lq: ListQuery) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for name, column in (
        ("outlet", "documents.outlet"),
        ("year", DOC_YEAR),
        ("language", "documents.language"),
    ):
        conds, args = document_conditions(store, lq, skip=name)
        rows = store.select(
            f"SELECT t.value, COUNT(*) AS n FROM (SELECT {column} AS value FROM documents"
            f"{where_sql(conds)}) t GROUP BY t.value",
            args,
        )
        counts = facet_counts(name, rows, blank=(None, ""))
        out[name] = facet_values(store, name, counts, lq.facets.get(name, []))
    return out


def browse_documents(store: Store, lq: ListQuery, facets: bool = True) -> dict[str, Any]:
    """A page of articles under the query's facets and words, newest first by default."""
    conds, args = document_conditions(store, lq)
    total = int(
        store.select(f"SELECT COUNT(*) AS n FROM documents{where_sql(conds)}", args)[0]["n"]
    )
    sort = lq.sort or "-published"
    name, desc = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if name not in DOCUMENT_SORTS:
        raise InputError(f"sort: one of {', '.join(DOCUMENT_SORTS)} (with - for descending)")
    key_sql = DOC_SORT_SQL[name]
    skip = lq.offset
    page_conds, page_args = list(conds), list(args)
    if lq.cursor:
        if sort != "-published":
            raise InputError("cursor: only the default order has cursors; use offset")
        cond, cargs = date_cursor("documents", lq, key_sql, True)
        page_conds, page_args, skip = [*page_conds, cond], [*page_args, *cargs], 0
    direction = "DESC" if desc else "ASC"
    rows = store.select(
        "SELECT documents.id, documents.title, documents.outlet, documents.published,"
        f" documents.url, documents.language, {key_sql} AS sort_key,"
        " substr(documents.text, 1, 1000) AS head FROM documents"
        f"{where_sql(page_conds)} ORDER BY {key_sql} {direction}, documents.id LIMIT ? OFFSET ?",
        [*page_args, lq.limit + 1, skip],
    )
    items = [
        dict(
            document_row(r["id"], r["title"], r["head"], r["outlet"], r["published"]),
            url=r["url"],
            language=r["language"],
        )
        for r in rows[: lq.limit]
    ]
    next_cursor = None
    if len(rows) > lq.limit and sort == "-published":
        last = rows[lq.limit - 1]
        next_cursor = encode_cursor("documents", (last["sort_key"], last["id"]))
    counted = cached_facets(store, "documents", lq, document_facets) if facets else {}
    return list_answer(lq, total, sort, next_cursor, counted, items)


def document_record(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) or "" for k in DOCUMENT_COLUMNS}
