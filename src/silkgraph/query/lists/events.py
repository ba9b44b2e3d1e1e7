"""The event list: facets (type, country pair, country, modality, value, year, outlet),
a name filter, sorting, pages and the rows of its export, in SQL."""

from __future__ import annotations

import re
from typing import Any

from silkgraph.display import money_words
from silkgraph.errors import InputError
from silkgraph.query.aliases import fold
from silkgraph.query.base import Corpus, encode_cursor, marks, stored_summaries
from silkgraph.query.lists.common import (
    AMOUNT_BUCKETS,
    AMOUNT_LABELS,
    ListQuery,
    any_of,
    cached_facets,
    column_facets,
    date_cursor,
    facet_counts,
    facet_values,
    is_postgres,
    json_number,
    list_answer,
    matching_entity_ids,
    where_sql,
    year_facet,
)
from silkgraph.store.base import Store

EVENT_FACETS = ("type", "pair", "country", "modality", "amount", "year", "outlet")
EVENT_SORTS = ("date", "type", "value", "sources")
# Filters without counts: taken from the query string like a facet, shown as a chip.
EVENT_FILTERS = ("entity",)

# The year an event is filed under, as ``display.event_date`` gives it: the stated year,
# else (a day without a year) the earliest publication year of its reports.
EVENT_YEAR = (
    "(CASE WHEN substr(events.date, 1, 2) = '--' THEN (SELECT MIN(substr(o.published, 1, 4))"
    " FROM doc_events y JOIN documents o ON o.id = y.doc_id WHERE y.event_id = events.id"
    " AND substr(o.published, 1, 1) BETWEEN '0' AND '9')"
    " WHEN events.date IS NULL OR events.date = '' THEN NULL"
    " ELSE substr(events.date, 1, 4) END)"
)
# Sorts a day without a year into the year it is filed under; undated events sort first
# (so last from the latest down).
EVENT_DATE_KEY = (
    "(CASE WHEN substr(events.date, 1, 2) = '--' THEN COALESCE("
    + EVENT_YEAR
    + ", '0000') || substr(events.date, 2) ELSE COALESCE(events.date, '') END)"
)


def event_value_sql(store: Store) -> str:
    """The event's value in USD: the largest any report states (``base.event_value``).

    Read from the event's kept list row (``event_rows``: one row, not every report's
    version); an event without one yet is read from its reports.
    """
    summary = "CAST(r.summary AS JSON)" if is_postgres(store) else "r.summary"
    kept = json_number(store, summary, "amount_usd")
    amount = json_number(store, "v.version", "amount_usd")
    return (
        "(CASE WHEN EXISTS (SELECT 1 FROM event_rows r WHERE r.event_id = events.id)"
        f" THEN (SELECT {kept} FROM event_rows r WHERE r.event_id = events.id)"
        f" ELSE (SELECT MAX({amount}) FROM doc_events v WHERE v.event_id = events.id) END)"
    )


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


def event_conditions(
    store: Store, lq: ListQuery, skip: str | None = None
) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``events`` for every facet of the query but ``skip``."""
    conds: list[str] = []
    args: list[Any] = []
    f = {k: v for k, v in lq.facets.items() if v and k != skip}
    column_facets(f, (("type", "events.type"),), conds, args)
    year_facet(f, EVENT_YEAR, conds, args)
    if "country" in f:
        sql, a = any_of(f["country"])
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
    # The modalities and outlets of an event's reports' versions, as resolution keeps
    # them (``event_facets``, decision 121), not every report.
    for name in ("modality", "outlet"):
        if name in f:
            sql, a = any_of(f[name])
            conds.append(
                "EXISTS (SELECT 1 FROM event_facets k WHERE k.facet = ?"
                f" AND k.value {sql} AND k.event_id = events.id)"
            )
            args += [name, *a]
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
    if "entity" in f:
        # Not a facet (no counts): the events one of these entities takes part in or is
        # the place of, as an entity page links to them.
        sql, a = any_of(f["entity"])
        conds.append(
            "EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id = events.id"
            f" AND x.entity_id {sql})"
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


def event_facets(store: Store, lq: ListQuery) -> dict[str, list[dict[str, Any]]]:
    """Counts of events for each value of each facet, under the other facets' filters."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name in EVENT_FACETS:
        conds, args = event_conditions(store, lq, skip=name)
        rows = store.select(_event_facet_sql(store, name, conds), args)
        counts = facet_counts(name, rows)
        out[name] = facet_values(store, name, counts, lq.facets.get(name, []))
    return out


def _event_facet_sql(store: Store, name: str, conds: list[str]) -> str:
    where = where_sql(conds)
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
        # Each event's participant countries once, then paired: a merged event has many
        # participants, and pairing them before removing repeats grows as their square.
        return (
            "WITH c AS (SELECT DISTINCT x.event_id AS event_id, n.country AS country"
            " FROM event_entities x JOIN entities n ON n.id = x.entity_id"
            " JOIN events ON events.id = x.event_id WHERE x.role = 'participant'"
            f" AND n.country IS NOT NULL{and_conds})"
            " SELECT a.country || '-' || b.country AS value, COUNT(*) AS n FROM c a"
            " JOIN c b ON b.event_id = a.event_id AND a.country < b.country"
            " GROUP BY a.country, b.country"
        )
    if name in ("modality", "outlet"):
        # One row per event and value (``event_facets``), so a count is a plain COUNT.
        return (
            "SELECT k.value AS value, COUNT(*) AS n FROM event_facets k"
            f" JOIN events ON events.id = k.event_id WHERE k.facet = '{name}'{and_conds}"
            " GROUP BY k.value"
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
    raise ValueError(name)


def browse_events(store: Store, lq: ListQuery, facets: bool = True) -> dict[str, Any]:
    """A page of events under the query's facets, name filter and sort, with facet counts.

    Sorted by date (the default, latest first) a page also has a keyset ``next_cursor``.
    """
    conds, args = event_conditions(store, lq)
    total = int(store.select(f"SELECT COUNT(*) AS n FROM events{where_sql(conds)}", args)[0]["n"])
    key_sql, desc = _event_sort(store, lq.sort or "-date")
    keyset = key_sql == EVENT_DATE_KEY
    skip = lq.offset
    page_conds, page_args = list(conds), list(args)
    if lq.cursor:
        if not keyset:
            raise InputError("cursor: only lists sorted by date have cursors; use offset")
        cond, cargs = date_cursor("events", lq, key_sql, desc)
        page_conds, page_args, skip = [*page_conds, cond], [*page_args, *cargs], 0
    direction = "DESC" if desc else "ASC"
    nulls = " NULLS LAST" if is_postgres(store) or not desc else ""
    order = f"ORDER BY {key_sql} {direction}{nulls}, events.id"
    # The page's rows as resolution keeps them (event_rows), not every report's version.
    ids = [
        r["id"]
        for r in store.select(
            f"SELECT events.id AS id FROM events{where_sql(page_conds)} {order} LIMIT ? OFFSET ?",
            [*page_args, lq.limit + 1, skip],
        )
    ]
    items = stored_summaries(store, Corpus.lazy(store), ids[: lq.limit])
    more = len(ids) > lq.limit
    next_cursor = None
    if more and keyset:
        last = items[-1]
        next_cursor = encode_cursor("events", (_date_key(last), last["id"]))
    counted = cached_facets(store, "events", lq, event_facets) if facets else {}
    return list_answer(
        lq,
        total,
        lq.sort or "-date",
        next_cursor,
        counted,
        items,
        filter_labels={"entity": entity_names(store, lq.facets.get("entity", []))},
    )


def _date_key(summary: dict[str, Any]) -> str:
    """The value of ``EVENT_DATE_KEY`` for a row (the year it is filed under, then the day)."""
    date = summary.get("date") or ""
    if date.startswith("--"):
        return (summary.get("year") or "0000") + date[1:]
    return str(date)


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


def entity_names(store: Store, ids: list[str]) -> dict[str, str]:
    """Entity ids to names, for the chips of an entity filter."""
    if not ids:
        return {}
    return {e.id: e.name for e in store.select_entities(f"WHERE id IN ({marks(len(ids))})", ids)}
