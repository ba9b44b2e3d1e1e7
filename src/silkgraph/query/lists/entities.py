"""The entity list: type and country facets, a name filter (names and aliases, any
accents), sorting, pages and the rows of its export, in SQL."""

from __future__ import annotations

from typing import Any

from silkgraph.errors import InputError
from silkgraph.query.base import (
    LazyEntities,
    decode_cursor,
    encode_cursor,
    entity_summary,
    marks,
)
from silkgraph.query.lists.common import (
    ListQuery,
    cached_facets,
    column_facets,
    country_names,
    facet_values,
    list_answer,
    matching_entity_ids,
    where_sql,
)
from silkgraph.query.search import entity_country
from silkgraph.store.base import Store

ENTITY_FACETS = ("type", "country")
ENTITY_SORTS = ("articles", "name", "type", "country", "links")


def entity_conditions(
    store: Store, lq: ListQuery, skip: str | None = None
) -> tuple[list[str], list[Any]]:
    conds: list[str] = []
    args: list[Any] = []
    f = {k: v for k, v in lq.facets.items() if v and k != skip}
    column_facets(f, (("type", "entities.type"), ("country", "entities.country")), conds, args)
    if lq.q:
        ids = matching_entity_ids(store, lq.q)
        if not ids:
            conds.append("1 = 0")
        else:
            conds.append(f"entities.id IN ({marks(len(ids))})")
            args += ids
    return conds, args


ENTITY_SORT_SQL = {
    "articles": "entities.n_docs",
    "name": "entities.name",
    "type": "entities.type",
    "country": "COALESCE(entities.country, '')",
    "links": "entities.degree",
}


def browse_entities(store: Store, lq: ListQuery, facets: bool = True) -> dict[str, Any]:
    """A page of entities under the query's facets, name filter and sort, with counts.

    The default order (most reported first, then name) also pages by keyset cursor.
    """
    conds, args = entity_conditions(store, lq)
    where = where_sql(conds)
    total = int(store.select(f"SELECT COUNT(*) AS n FROM entities{where}", args)[0]["n"])
    sort = lq.sort or "-articles"
    name, desc = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if name not in ENTITY_SORTS:
        raise InputError(f"sort: one of {', '.join(ENTITY_SORTS)} (with - for descending)")
    keyset = sort == "-articles"
    skip = lq.offset
    page_conds, page_args = list(conds), list(args)
    if lq.cursor:
        if not keyset:
            raise InputError("cursor: only the default order has cursors; use offset")
        n, ent_name, ent_id = decode_cursor("entities", lq.cursor, 3)
        page_conds.append(
            "(entities.n_docs < ? OR (entities.n_docs = ? AND (entities.name > ?"
            " OR (entities.name = ? AND entities.id > ?))))"
        )
        page_args += [n, n, ent_name, ent_name, ent_id]
        skip = 0
    direction = "DESC" if desc else "ASC"
    order = f"ORDER BY {ENTITY_SORT_SQL[name]} {direction}, entities.name, entities.id"
    rows = store.select(
        "SELECT entities.id, entities.n_docs, entities.name, entities.degree FROM entities"
        f"{where_sql(page_conds)} {order} LIMIT ? OFFSET ?",
        [*page_args, lq.limit + 1, skip],
    )
    ents = LazyEntities(store)
    ents.prefetch(r["id"] for r in rows[: lq.limit])
    items = []
    codes = {entity_country(ents[r["id"]]) for r in rows[: lq.limit]}
    names = country_names(store, {c for c in codes if c})
    for r in rows[: lq.limit]:
        ent = ents[r["id"]]
        row = entity_summary(ent, int(r["n_docs"]))
        code = entity_country(ent)
        row["country"] = code
        row["country_name"] = names.get(code, code) if code else None
        row["degree"] = int(r["degree"])
        items.append(row)
    next_cursor = None
    if len(rows) > lq.limit and keyset:
        last = rows[lq.limit - 1]
        next_cursor = encode_cursor("entities", (int(last["n_docs"]), last["name"], last["id"]))
    counted = cached_facets(store, "entities", lq, entity_facets) if facets else {}
    return list_answer(lq, total, sort, next_cursor, counted, items)


def entity_facets(store: Store, lq: ListQuery) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for name, column in (("type", "entities.type"), ("country", "entities.country")):
        conds, args = entity_conditions(store, lq, skip=name)
        rows = store.select(
            f"SELECT {column} AS value, COUNT(*) AS n FROM entities"
            f"{where_sql([*conds, f'{column} IS NOT NULL'])} GROUP BY {column}",
            args,
        )
        counts = {str(r["value"]): int(r["n"]) for r in rows}
        out[name] = facet_values(
            store, "entity_type" if name == "type" else name, counts, lq.facets.get(name, [])
        )
    return out


ENTITY_COLUMNS = ("id", "name", "type", "country", "aliases", "n_docs", "degree")


def entity_record(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": e["id"],
        "name": e["name"],
        "type": e["type"],
        "country": e.get("country_name") or "",
        "aliases": "; ".join(e["aliases"]),
        "n_docs": e["n_docs"],
        "degree": e["degree"],
    }
