"""Browsable lists of events and entities: facets with counts, several values at once,
a name filter, sorting, pages and exports, all in SQL.

A list is described by a ``ListQuery`` (the page's query string); ``browse_events`` and
``browse_entities`` return one page of rows with the facet counts of the listed thing
(events for the event list, entities for the entity list) and ``export_*`` every row of
the same query, a batch at a time. Values of one facet are alternatives (any of them);
different facets must all hold. A facet's counts are taken under every other filter but
its own, so that a second value can be added with its count in view.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from silkgraph.display import TYPE_LABELS, money_words
from silkgraph.errors import InputError
from silkgraph.query.base import (
    Corpus,
    LazyEntities,
    decode_cursor,
    document_row,
    encode_cursor,
    entity_summary,
    event_summaries,
    marks,
)
from silkgraph.query.search import entity_country
from silkgraph.store.base import Store

log = logging.getLogger(__name__)

# Rows an export reads per statement, and the most it writes (a whole list at 100,000
# documents fits; a bigger one says where it stopped).
EXPORT_BATCH = 500
EXPORT_MAX = 100_000
# Entities a name filter takes from the full-text index (names and known aliases).
NAME_HITS = 500

AMOUNT_BUCKETS: tuple[tuple[str, str, float | None, float | None], ...] = (
    ("none", "no value stated", None, None),
    ("lt1m", "under $1 M", 0.0, 1e6),
    ("1m-100m", "$1 M to $100 M", 1e6, 1e8),
    ("100m-1bn", "$100 M to $1 bn", 1e8, 1e9),
    ("1bn+", "$1 bn and more", 1e9, None),
)
AMOUNT_LABELS = {key: label for key, label, _, _ in AMOUNT_BUCKETS}

EVENT_FACETS = ("type", "pair", "country", "modality", "amount", "year", "outlet")
ENTITY_FACETS = ("type", "country")
EVENT_SORTS = ("date", "type", "value", "sources")
ENTITY_SORTS = ("articles", "name", "type", "country", "links")


@dataclass(slots=True)
class ListQuery:
    """What a list shows: facet values (any of each), a name filter, a sort and a page.

    ``sort`` names a column; a leading "-" sorts it from the largest down.
    """

    facets: dict[str, list[str]] = field(default_factory=dict)
    q: str = ""
    sort: str = ""
    limit: int = 50
    offset: int = 0
    cursor: str | None = None

    def params(self) -> dict[str, Any]:
        """The query string of this list (facets as repeated keys), without the page."""
        out: dict[str, Any] = {k: list(v) for k, v in self.facets.items() if v}
        if self.q:
            out["q"] = self.q
        if self.sort:
            out["sort"] = self.sort
        return out

    def without(self, facet: str) -> ListQuery:
        return replace(self, facets={k: v for k, v in self.facets.items() if k != facet})


def fold(text: str) -> str:
    """Lower case without accents: "Ürümqi" and "Urumqi" fold to the same "urumqi"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_postgres(store: Store) -> bool:
    return type(store).__name__ == "PostgresStore"


def json_text(store: Store, column: str, key: str) -> str:
    """SQL for a text field of a JSON column, in the store's dialect."""
    if is_postgres(store):
        return f"({column} ->> '{key}')"
    return f"json_extract({column}, '$.{key}')"


def json_number(store: Store, column: str, key: str) -> str:
    if is_postgres(store):
        return f"CAST({column} ->> '{key}' AS DOUBLE PRECISION)"
    return f"CAST(json_extract({column}, '$.{key}') AS REAL)"


# Events ------------------------------------------------------------------------

# The year an event is filed under, as ``display.event_date`` gives it: the stated year,
# else (a day without a year) the earliest publication year of its reports.
EVENT_YEAR = (
    "(CASE WHEN events.date LIKE '--%' THEN (SELECT MIN(substr(o.published, 1, 4))"
    " FROM doc_events y JOIN documents o ON o.id = y.doc_id WHERE y.event_id = events.id"
    " AND substr(o.published, 1, 1) BETWEEN '0' AND '9')"
    " WHEN events.date IS NULL OR events.date = '' THEN NULL"
    " ELSE substr(events.date, 1, 4) END)"
)
# Sorts a day without a year into the year it is filed under; undated events sort first
# (so last from the latest down).
EVENT_DATE_KEY = (
    "(CASE WHEN events.date LIKE '--%' THEN COALESCE("
    + EVENT_YEAR
    + ", '0000') || substr(events.date, 2) ELSE COALESCE(events.date, '') END)"
)


def event_value_sql(store: Store) -> str:
    """The event's value in USD: the largest any report states (``base.event_value``)."""
    amount = json_number(store, "v.version", "amount_usd")
    return f"(SELECT MAX({amount}) FROM doc_events v WHERE v.event_id = events.id)"


def _event_sort(store: Store, sort: str) -> tuple[str, bool]:
    name, desc = (sort[1:], True) if sort.startswith("-") else (sort, False)
    if name not in EVENT_SORTS:
        raise InputError(f"sort: one of {', '.join(EVENT_SORTS)} (with - for descending)")
    column = {
        "date": EVENT_DATE_KEY,
        "type": "events.type",
        "value": event_value_sql(store),
        "sources": "events.n_sources",
    }[name]
    return column, desc


def _any_of(values: list[str]) -> tuple[str, list[str]]:
    return f"IN ({marks(len(values))})", list(values)


def event_conditions(
    store: Store, lq: ListQuery, skip: str | None = None
) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``events`` for every facet of the query but ``skip``."""
    conds: list[str] = []
    args: list[Any] = []
    f = {k: v for k, v in lq.facets.items() if v and k != skip}
    if "type" in f:
        sql, a = _any_of(f["type"])
        conds.append(f"events.type {sql}")
        args += a
    if "year" in f:
        years = [y for y in f["year"] if y != "unknown"]
        parts = [f"{EVENT_YEAR} IN ({marks(len(years))})"] if years else []
        parts += [f"{EVENT_YEAR} IS NULL"] if "unknown" in f["year"] else []
        conds.append("(" + " OR ".join(parts) + ")")
        args += years
    if "country" in f:
        sql, a = _any_of(f["country"])
        conds.append(
            "EXISTS (SELECT 1 FROM event_entities x JOIN entities n ON n.id = x.entity_id"
            f" WHERE x.event_id = events.id AND n.country {sql})"
        )
        args += a
    if "pair" in f:
        parts = []
        for pair in f["pair"]:
            a_code, b_code = _pair(pair)
            parts.append(
                "EXISTS (SELECT 1 FROM event_entities x JOIN entities n ON n.id = x.entity_id"
                " JOIN event_entities z ON z.event_id = x.event_id AND z.role = 'participant'"
                " JOIN entities m ON m.id = z.entity_id WHERE x.event_id = events.id"
                " AND x.role = 'participant' AND n.country = ? AND m.country = ?)"
            )
            args += [a_code, b_code]
        conds.append("(" + " OR ".join(parts) + ")")
    if "modality" in f:
        sql, a = _any_of(f["modality"])
        conds.append(
            "EXISTS (SELECT 1 FROM doc_events w WHERE w.event_id = events.id AND "
            f"{json_text(store, 'w.version', 'modality')} {sql})"
        )
        args += a
    if "amount" in f:
        value = event_value_sql(store)
        parts = []
        for key in f["amount"]:
            bucket = next((b for b in AMOUNT_BUCKETS if b[0] == key), None)
            if bucket is None:
                raise InputError(f"amount: one of {', '.join(AMOUNT_LABELS)}")
            _, _, low, high = bucket
            if low is None:
                parts.append(f"{value} IS NULL")
            else:
                parts.append(f"({value} >= ?" + (f" AND {value} < ?)" if high else ")"))
                args += [low, high] if high else [low]
        conds.append("(" + " OR ".join(parts) + ")")
    if "outlet" in f:
        sql, a = _any_of(f["outlet"])
        conds.append(
            "EXISTS (SELECT 1 FROM doc_events w JOIN documents o ON o.id = w.doc_id"
            f" WHERE w.event_id = events.id AND o.outlet {sql})"
        )
        args += a
    if lq.q:
        ids = matching_entity_ids(store, lq.q)
        word = fold(lq.q).strip()
        parts = ["lower(events.type) = ?"]
        args.append(word)
        if ids:
            parts.append(
                "EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id = events.id"
                f" AND x.entity_id IN ({marks(len(ids))}))"
            )
            args += ids
        conds.append("(" + " OR ".join(parts) + ")")
    return conds, args


def _pair(pair: str) -> tuple[str, str]:
    codes = pair.split("-")
    if len(codes) != 2 or not all(re.fullmatch(r"[A-Z]{2}", c) for c in codes):
        raise InputError(f"pair: two country codes joined by '-', e.g. CN-KZ, not {pair!r}")
    a, b = sorted(codes)
    return a, b


def matching_entity_ids(store: Store, q: str) -> list[str]:
    """Entities whose name or a known alias matches ``q``, accents and case aside.

    The full-text index matches words (names and aliases, diacritics removed); a folded
    substring of the name or aliases catches the rest ("rumq" in "Ürümqi").
    """
    ids = [e.id for e in store.search_entities(q, limit=NAME_HITS)]
    folded = fold(q).strip()
    if folded and folded != q.strip().casefold():
        ids += [e.id for e in store.search_entities(folded, limit=NAME_HITS)]
    if folded.isascii() and len(folded) >= 2:
        like = f"%{folded}%"
        ids += [
            r["id"]
            for r in store.select(
                "SELECT id FROM entities WHERE lower(name) LIKE ? OR lower(aliases) LIKE ?"
                " ORDER BY n_docs DESC, id LIMIT ?",
                [like, like, NAME_HITS],
            )
        ]
    return list(dict.fromkeys(ids))


def _where(conds: list[str]) -> str:
    return f" WHERE {' AND '.join(conds)}" if conds else ""


def event_facets(store: Store, lq: ListQuery) -> dict[str, list[dict[str, Any]]]:
    """Counts of events for each value of each facet, under the other facets' filters."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name in EVENT_FACETS:
        conds, args = event_conditions(store, lq, skip=name)
        rows = store.select(_event_facet_sql(store, name, conds), args)
        counts = {str(r["value"]): int(r["n"]) for r in rows if r["value"] is not None}
        if name == "year":
            unknown = sum(int(r["n"]) for r in rows if r["value"] is None)
            counts = dict(sorted(counts.items(), reverse=True))
            if unknown:
                counts["unknown"] = unknown
        out[name] = _facet_values(store, name, counts, lq.facets.get(name, []))
    return out


def _event_facet_sql(store: Store, name: str, conds: list[str]) -> str:
    where = _where(conds)
    also = " AND ".join(conds)
    and_conds = f" AND {also}" if also else ""
    if name == "type":
        return f"SELECT events.type AS value, COUNT(*) AS n FROM events{where} GROUP BY events.type"
    if name == "year":
        return (
            f"SELECT t.value, COUNT(*) AS n FROM (SELECT {EVENT_YEAR} AS value FROM events"
            f"{where}) t GROUP BY t.value"
        )
    if name == "country":
        return (
            "SELECT n.country AS value, COUNT(DISTINCT x.event_id) AS n FROM event_entities x"
            " JOIN entities n ON n.id = x.entity_id JOIN events ON events.id = x.event_id"
            f" WHERE n.country IS NOT NULL{and_conds} GROUP BY n.country"
        )
    if name == "pair":
        return (
            "SELECT n.country || '-' || m.country AS value, COUNT(DISTINCT x.event_id) AS n"
            " FROM event_entities x JOIN entities n ON n.id = x.entity_id"
            " JOIN event_entities z ON z.event_id = x.event_id AND z.role = 'participant'"
            " JOIN entities m ON m.id = z.entity_id JOIN events ON events.id = x.event_id"
            " WHERE x.role = 'participant' AND n.country < m.country"
            f"{and_conds} GROUP BY n.country, m.country"
        )
    if name == "modality":
        modality = json_text(store, "w.version", "modality")
        return (
            f"SELECT {modality} AS value, COUNT(DISTINCT w.event_id) AS n FROM doc_events w"
            f" JOIN events ON events.id = w.event_id WHERE w.version IS NOT NULL{and_conds}"
            f" GROUP BY {modality}"
        )
    if name == "amount":
        cases = " ".join(
            f"WHEN t.v >= {low!r}" + (f" AND t.v < {high!r}" if high else "") + f" THEN '{key}'"
            for key, _, low, high in AMOUNT_BUCKETS
            if low is not None
        )
        return (
            f"SELECT u.value, COUNT(*) AS n FROM (SELECT CASE WHEN t.v IS NULL THEN 'none'"
            f" {cases} END AS value FROM (SELECT {event_value_sql(store)} AS v FROM events"
            f"{where}) t) u GROUP BY u.value"
        )
    if name == "outlet":
        return (
            "SELECT o.outlet AS value, COUNT(DISTINCT w.event_id) AS n FROM doc_events w"
            " JOIN documents o ON o.id = w.doc_id JOIN events ON events.id = w.event_id"
            f" WHERE o.outlet IS NOT NULL AND o.outlet <> ''{and_conds} GROUP BY o.outlet"
        )
    raise ValueError(name)


def _facet_values(
    store: Store, name: str, counts: dict[str, int], selected: list[str]
) -> list[dict[str, Any]]:
    """Facet values with their counts, the largest first; a chosen value stays listed."""
    for value in selected:
        counts.setdefault(value, 0)
    if name in ("type", "country", "pair", "modality", "outlet", "entity_type"):
        order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    elif name == "amount":
        rank = {key: i for i, (key, *_) in enumerate(AMOUNT_BUCKETS)}
        order = sorted(counts.items(), key=lambda kv: rank.get(kv[0], 99))
    else:
        order = list(counts.items())
    labels = facet_labels(store, name, [v for v, _ in order])
    return [
        {"value": v, "label": labels.get(v, v), "count": n, "selected": v in selected}
        for v, n in order
    ]


def facet_labels(store: Store, name: str, values: list[str]) -> dict[str, str]:
    """How a facet value reads: country names for codes and pairs, words for buckets."""
    if name == "amount":
        return dict(AMOUNT_LABELS)
    if name == "year":
        return {"unknown": "year unknown"}
    if name == "type":
        return {v: v.lower().replace("_", " ") for v in values}
    if name == "entity_type":
        return {v: TYPE_LABELS.get(v, v.lower()) for v in values}
    if name in ("country", "pair"):
        codes = {c for v in values for c in v.split("-")}
        names = country_names(store, codes)
        return {v: "–".join(names.get(c, c) for c in v.split("-")) for v in values}
    return {}


def country_names(store: Store, codes: set[str]) -> dict[str, str]:
    """Country codes to the names the corpus uses for them (the most reported country)."""
    if not codes:
        return {}
    found = store.select_entities(
        f"WHERE type = 'GPE' AND country IN ({marks(len(codes))}) ORDER BY n_docs DESC, id",
        sorted(codes),
    )
    out: dict[str, str] = {}
    for ent in found:
        if ent.attrs.get("place_kind") == "country" and entity_country(ent) not in out:
            out[str(entity_country(ent))] = ent.name
    for code in codes - set(out):
        out[code] = _pycountry_name(code) or code
    return out


def _pycountry_name(code: str) -> str | None:
    import pycountry

    rec = pycountry.countries.get(alpha_2=code)
    return str(getattr(rec, "common_name", None) or rec.name) if rec else None


def country_code(store: Store, value: str) -> str:
    """A country filter's value as its code: "KZ", "kz" and "Kazakhstan" all give "KZ".

    Names are looked up among the corpus's countries (names and aliases), then in ISO 3166;
    a value that names no country is a one-line InputError.
    """
    v = value.strip()
    if re.fullmatch(r"[A-Za-z]{2}", v):
        return v.upper()
    for ent in store.search_entities(v, limit=20):
        if ent.type == "GPE" and ent.attrs.get("place_kind") == "country":
            names = [fold(n) for n in (ent.name, *ent.aliases)]
            if fold(v) in names and entity_country(ent):
                return str(entity_country(ent))
    import pycountry

    try:
        return str(pycountry.countries.lookup(v).alpha_2)
    except LookupError:
        raise InputError(f"country: no country is called {value!r}") from None


def _date_cursor(kind: str, lq: ListQuery, key_sql: str, desc: bool) -> tuple[str, list[Any]]:
    """The keyset condition of a cursor on (key, id); ``key`` is never NULL."""
    key, item_id = decode_cursor(kind, lq.cursor or "", 2)
    op = "<" if desc else ">"
    return f"({key_sql} {op} ? OR ({key_sql} = ? AND {kind}.id > ?))", [key, key, item_id]


def browse_events(store: Store, lq: ListQuery, facets: bool = True) -> dict[str, Any]:
    """A page of events under the query's facets, name filter and sort, with facet counts.

    Sorted by date (the default, latest first) a page also has a keyset ``next_cursor``.
    """
    conds, args = event_conditions(store, lq)
    total = int(store.select(f"SELECT COUNT(*) AS n FROM events{_where(conds)}", args)[0]["n"])
    key_sql, desc = _event_sort(store, lq.sort or "-date")
    keyset = key_sql == EVENT_DATE_KEY
    skip = lq.offset
    page_conds, page_args = list(conds), list(args)
    if lq.cursor:
        if not keyset:
            raise InputError("cursor: only lists sorted by date have cursors; use offset")
        cond, cargs = _date_cursor("events", lq, key_sql, desc)
        page_conds, page_args, skip = [*page_conds, cond], [*page_args, *cargs], 0
    direction = "DESC" if desc else "ASC"
    nulls = " NULLS LAST" if is_postgres(store) or not desc else ""
    order = f"ORDER BY {key_sql} {direction}{nulls}, events.id"
    evs = store.select_events(
        f"{_where(page_conds)} {order} LIMIT ? OFFSET ?", [*page_args, lq.limit + 1, skip]
    )
    items = event_summaries(Corpus.lazy(store), evs[: lq.limit])
    more = len(evs) > lq.limit
    next_cursor = None
    if more and keyset:
        last = items[-1]
        next_cursor = encode_cursor("events", (_date_key(last), last["id"]))
    return {
        "total": total,
        "limit": lq.limit,
        "offset": lq.offset,
        "cursor": lq.cursor,
        "next_cursor": next_cursor,
        "sort": lq.sort or "-date",
        "q": lq.q,
        "filters": {k: v for k, v in lq.facets.items() if v},
        "facets": event_facets(store, lq) if facets else {},
        "items": items,
    }


def _date_key(summary: dict[str, Any]) -> str:
    """The value of ``EVENT_DATE_KEY`` for a row (the year it is filed under, then the day)."""
    date = summary.get("date") or ""
    if date.startswith("--"):
        return (summary.get("year") or "0000") + date[1:]
    return str(date)


# Entities ----------------------------------------------------------------------------


def entity_conditions(
    store: Store, lq: ListQuery, skip: str | None = None
) -> tuple[list[str], list[Any]]:
    conds: list[str] = []
    args: list[Any] = []
    f = {k: v for k, v in lq.facets.items() if v and k != skip}
    for name, column in (("type", "entities.type"), ("country", "entities.country")):
        if name in f:
            sql, a = _any_of(f[name])
            conds.append(f"{column} {sql}")
            args += a
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
    where = _where(conds)
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
        f"{_where(page_conds)} {order} LIMIT ? OFFSET ?",
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
    return {
        "total": total,
        "limit": lq.limit,
        "offset": lq.offset,
        "cursor": lq.cursor,
        "next_cursor": next_cursor,
        "sort": sort,
        "q": lq.q,
        "filters": {k: v for k, v in lq.facets.items() if v},
        "facets": entity_facets(store, lq) if facets else {},
        "items": items,
    }


def entity_facets(store: Store, lq: ListQuery) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for name, column in (("type", "entities.type"), ("country", "entities.country")):
        conds, args = entity_conditions(store, lq, skip=name)
        rows = store.select(
            f"SELECT {column} AS value, COUNT(*) AS n FROM entities"
            f"{_where([*conds, f'{column} IS NOT NULL'])} GROUP BY {column}",
            args,
        )
        counts = {str(r["value"]): int(r["n"]) for r in rows}
        out[name] = _facet_values(
            store, "entity_type" if name == "type" else name, counts, lq.facets.get(name, [])
        )
    return out


# Exports -----------------------------------------------------------------------------


def export_rows(
    store: Store, lq: ListQuery, browse: Callable[..., dict[str, Any]]
) -> Iterator[dict[str, Any]]:
    """Every row of a list under its query, a batch at a time (at most ``EXPORT_MAX``)."""
    offset = 0
    while offset < EXPORT_MAX:
        page = browse(
            store, replace(lq, limit=EXPORT_BATCH, offset=offset, cursor=None), facets=False
        )
        yield from page["items"]
        if len(page["items"]) < EXPORT_BATCH:
            return
        offset += EXPORT_BATCH


EVENT_COLUMNS = (
    "id",
    "headline",
    "type",
    "date",
    "date_words",
    "year",
    "year_source",
    "place",
    "participants",
    "amount_usd",
    "value",
    "count",
    "commodities",
    "modality",
    "n_sources",
    "outlets",
)
ENTITY_COLUMNS = ("id", "name", "type", "country", "aliases", "n_docs", "degree")


def event_record(e: dict[str, Any]) -> dict[str, Any]:
    """An event row flattened for a table: names joined, value in words."""
    return {
        "id": e["id"],
        "headline": e["headline"],
        "type": e["type"],
        "date": e["date"] or "",
        "date_words": e["date_words"] or "",
        "year": e["year"] or "",
        "year_source": e["year_source"] or "",
        "place": (e["location"] or {}).get("name") or "",
        "participants": "; ".join(p["name"] for p in e["participants"] if p),
        "amount_usd": "" if e["amount_usd"] is None else f"{e['amount_usd']:.0f}",
        "value": money_words(e["amount_usd"]) or "",
        "count": e["count_words"] or "",
        "commodities": "; ".join(e["commodities"]),
        "modality": e["modality"] or "",
        "n_sources": e["n_sources"],
        "outlets": "; ".join(e["outlets"]),
    }


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


# Articles ----------------------------------------------------------------------------

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
    for name, column in (("outlet", "documents.outlet"), ("language", "documents.language")):
        if name in f:
            sql, a = _any_of(f[name])
            conds.append(f"{column} {sql}")
            args += a
    if "year" in f:
        years = [y for y in f["year"] if y != "unknown"]
        parts = [f"{DOC_YEAR} IN ({marks(len(years))})"] if years else []
        parts += [f"{DOC_YEAR} IS NULL"] if "unknown" in f["year"] else []
        conds.append("(" + " OR ".join(parts) + ")")
        args += years
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
            f"{_where(conds)}) t GROUP BY t.value",
            args,
        )
        counts = {str(r["value"]): int(r["n"]) for r in rows if r["value"] not in (None, "")}
        if name == "year":
            unknown = sum(int(r["n"]) for r in rows if r["value"] is None)
            counts = dict(sorted(counts.items(), reverse=True))
            if unknown:
                counts["unknown"] = unknown
        out[name] = _facet_values(store, name, counts, lq.facets.get(name, []))
    return out


def browse_documents(store: Store, lq: ListQuery, facets: bool = True) -> dict[str, Any]:
    """A page of articles under the query's facets and words, newest first by default."""
    conds, args = document_conditions(store, lq)
    total = int(store.select(f"SELECT COUNT(*) AS n FROM documents{_where(conds)}", args)[0]["n"])
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
        cond, cargs = _date_cursor("documents", lq, key_sql, True)
        page_conds, page_args, skip = [*page_conds, cond], [*page_args, *cargs], 0
    direction = "DESC" if desc else "ASC"
    rows = store.select(
        "SELECT documents.id, documents.title, documents.outlet, documents.published,"
        f" documents.url, documents.language, {key_sql} AS sort_key,"
        " substr(documents.text, 1, 1000) AS head FROM documents"
        f"{_where(page_conds)} ORDER BY {key_sql} {direction}, documents.id LIMIT ? OFFSET ?",
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
    return {
        "total": total,
        "limit": lq.limit,
        "offset": lq.offset,
        "cursor": lq.cursor,
        "next_cursor": next_cursor,
        "sort": sort,
        "q": lq.q,
        "filters": {k: v for k, v in lq.facets.items() if v},
        "facets": document_facets(store, lq) if facets else {},
        "items": items,
    }


def document_record(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) or "" for k in DOCUMENT_COLUMNS}
