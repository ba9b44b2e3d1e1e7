"""Search with facets: articles, entities and events matching words and filters.

Every part is an SQL read with a LIMIT or an aggregate: the articles through the store's
full-text index (``Store.text_match``), a page at a time; their facet counts by GROUP BY
over ``doc_facets`` (each article's entity types, countries and event types, rewritten by
resolution); the entities through the entity index; the events the latest first, narrowed
in SQL and checked word by word in Python as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

from silkgraph.query.aliases import any_name_match, other_names, snippet
from silkgraph.query.base import (
    Corpus,
    Filters,
    document_row,
    entity_summary,
    event_countries,
    event_participants,
    event_summaries,
)
from silkgraph.query.events import EVENT_AFTER, EVENT_ORDER
from silkgraph.store.base import CorpusEntity, CorpusEvent, Store, TextMatch

FACETS = ("entity_type", "event_type", "country", "outlet")
# Enough of an article's start for its title when it has none (``doc_title``).
HEAD = 2000
# Entities a word search considers before the type and country filters.
ENTITY_HITS = 200


def matching_events(
    store: Store,
    corpus: Corpus,
    f: Filters,
    query: str = "",
    where: str = "",
    batch: int = 500,
    where_args: Sequence[Any] = (),
) -> Iterator[CorpusEvent]:
    """Events that match the words and facets, latest first, read 500 at a time.

    The type filter is SQL; the others (countries of participants, outlets, dates with
    their inferred years) are checked on each batch, so a caller that stops after N
    matches reads about N events when most match. ``where`` narrows the events further
    (an SQL condition on ``events``, its "?" filled by ``where_args``).
    """
    conds, args = ([where] if where else []), list(where_args)
    if f.event_type:
        conds, args = [*conds, "type = ?"], [*args, f.event_type]
    after: list[str] = []
    while True:
        cs = conds + ([EVENT_AFTER] if after else [])
        sql = (f"WHERE {' AND '.join(cs)} " if cs else "") + f"{EVENT_ORDER} LIMIT ?"
        evs = store.select_events(sql, [*args, *after, batch])
        corpus.prefetch(evs)
        yield from (ev for ev in evs if _event_matches(corpus, ev, query, f))
        if len(evs) < batch:
            return
        after = [evs[-1].date or "", evs[-1].date or "", evs[-1].id]


def search(
    store: Store, query: str = "", limit: int = 20, offset: int = 0, filters: Filters | None = None
) -> dict[str, Any]:
    """Articles, entities and events matching the query and the facets, with facet counts."""
    f = filters or Filters()
    query = query.strip()
    match = store.text_match(query) if query else None
    # A query that is one name of an entity also finds its other names (aliases).
    names = other_names(store, query) if query else []
    if names:
        match = any_name_match(store, [query, *names])
    if query and match is None:
        docs: dict[str, Any] = {"total": 0, "limit": limit, "offset": offset, "items": []}
        facets: dict[str, list[tuple[str, int]]] = {k: [] for k in FACETS}
    else:
        docs, facets = _search_docs(store, match, f, limit, offset)
    for item in docs["items"] if names else []:
        doc = store.get_document(item["id"])
        item["snippet"] = snippet(doc.text, [query, *names]) if doc else ""
    return {
        "also_named": names,
        "query": query,
        "filters": f.to_dict(),
        "documents": docs,
        "entities": _search_entities(store, query, f, limit),
        "events": _search_events(store, query, f, limit),
        "facets": facets,
    }


def _doc_conditions(f: Filters) -> tuple[list[str], list[Any]]:
    """SQL conditions on the documents ``d`` for the facets; the date ones as ``in_dates``."""
    conds: list[str] = []
    args: list[Any] = []
    for k in ("entity_type", "country", "event_type"):
        if value := getattr(f, k):
            conds.append(
                "EXISTS (SELECT 1 FROM doc_facets x"
                " WHERE x.facet = ? AND x.value = ? AND x.doc_id = d.id)"
            )
            args += [k, value]
    if f.outlet:
        conds.append("d.outlet = ?")
        args.append(f.outlet)
    if f.date_from or f.date_to:
        # A date compares with a bound cut to its own precision; month-days never match.
        conds.append("d.published IS NOT NULL AND d.published <> ''")
        conds.append("substr(d.published, 1, 2) <> '--'")
    for bound, op in ((f.date_from, ">="), (f.date_to, "<=")):
        if bound:
            conds.append(f"d.published {op} substr(?, 1, length(d.published))")
            args.append(bound)
    return conds, args


def _search_docs(
    store: Store, match: TextMatch | None, f: Filters, limit: int, offset: int
) -> tuple[dict[str, Any], dict[str, list[tuple[str, int]]]]:
    """A page of matching articles, their total, and the facet counts over all of them."""
    conds, args = _doc_conditions(f)
    if match is not None:
        source, conds, args = match.source, [match.where, *conds], [*match.args, *args]
        order, snippet = match.order, match.snippet
    else:
        source, order, snippet = "documents d", "COALESCE(d.published, '') DESC, d.id", "''"
    where = f" WHERE {' AND '.join(conds)}" if conds else ""
    matched = f"FROM {source}{where}"
    total = store.select(f"SELECT COUNT(*) AS n {matched}", args)[0]["n"]
    rows = store.select(
        f"SELECT d.id, d.title, substr(d.text, 1, {HEAD}) AS head, d.outlet, d.published,"
        f" {snippet} AS snippet {matched} ORDER BY {order} LIMIT ? OFFSET ?",
        [*args, limit, offset],
    )
    items = [
        dict(
            document_row(r["id"], r["title"], r["head"], r["outlet"], r["published"]),
            snippet=r["snippet"] or "",
        )
        for r in rows
    ]
    counts: dict[str, dict[str, int]] = {k: {} for k in FACETS}
    for r in store.select(
        "SELECT x.facet, x.value, COUNT(*) AS n FROM doc_facets x"
        # Every article matches when nothing narrows: the summary is counted whole.
        + (f" WHERE x.doc_id IN (SELECT d.id {matched})" if conds else "")
        + " GROUP BY x.facet, x.value",
        args,
    ):
        counts[r["facet"]][r["value"]] = int(r["n"])
    for r in store.select(
        f"SELECT d.outlet AS value, COUNT(*) AS n {matched}"
        f"{' AND' if conds else ' WHERE'} d.outlet IS NOT NULL AND d.outlet <> ''"
        " GROUP BY d.outlet",
        args,
    ):
        counts["outlet"][r["value"]] = int(r["n"])
    page = {"total": int(total), "limit": limit, "offset": offset, "items": items}
    facets = {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for k, c in counts.items()}
    return page, facets


def entity_country(ent: CorpusEntity) -> str | None:
    """An entity's country: its ``country`` attribute, or a country's own code."""
    code = ent.attrs.get("country") or (ent.attrs.get("code") if ent.type == "GPE" else None)
    return str(code) if code else None


def _search_entities(store: Store, query: str, f: Filters, limit: int) -> list[dict[str, Any]]:
    if query:
        ents = [
            e
            for e in store.search_entities(query, limit=ENTITY_HITS)
            if (not f.entity_type or e.type == f.entity_type)
            and (not f.country or entity_country(e) == f.country)
        ]
        return [entity_summary(e) for e in ents[:limit]]
    narrow = {"type": f.entity_type, "country": f.country}
    conds = [f"{column} = ?" for column, value in narrow.items() if value]
    args: list[Any] = [value for value in narrow.values() if value]
    where = f"WHERE {' AND '.join(conds)} " if conds else ""
    ents = store.select_entities(
        f"{where}ORDER BY n_docs DESC, n_mentions DESC, name LIMIT ?", [*args, limit]
    )
    return [entity_summary(e) for e in ents]


def _search_events(store: Store, query: str, f: Filters, limit: int) -> list[dict[str, Any]]:
    """The latest events matching, narrowed in SQL (a superset) and checked in Python."""
    conds: list[str] = []
    args: list[Any] = []
    if f.country:
        conds.append(
            "EXISTS (SELECT 1 FROM event_entities x JOIN entities n ON n.id = x.entity_id"
            " WHERE x.event_id = events.id AND n.country = ?)"
        )
        args.append(f.country)
    if f.outlet:
        conds.append(
            "EXISTS (SELECT 1 FROM doc_events d JOIN documents o ON o.id = d.doc_id"
            " WHERE d.event_id = events.id AND o.outlet = ?)"
        )
        args.append(f.outlet)
    # SQLite lowers ASCII letters only: other words are left to the check in Python.
    # Each event's searchable words are kept lowered in event_rows (store.summaries), so a
    # word is one LIKE over one row; an event without a row yet is left to the check.
    for w in {w.lower() for w in re.findall(r"\w+", query) if w.isascii()}:
        conds.append(
            "(NOT EXISTS (SELECT 1 FROM event_rows r WHERE r.event_id = events.id) OR EXISTS"
            " (SELECT 1 FROM event_rows r WHERE r.event_id = events.id AND r.words LIKE ?))"
        )
        args.append(f"%{w}%")
    corpus = Corpus.lazy(store)
    where = " AND ".join(f"({c})" for c in conds)
    found = matching_events(store, corpus, f, query, where, batch=2 * limit + 1, where_args=args)
    events = list(islice(found, limit))
    return event_summaries(corpus, events)


def _event_matches(corpus: Corpus, ev: CorpusEvent, query: str, f: Filters) -> bool:
    if f.event_type and ev.type != f.event_type:
        return False
    if f.country and f.country not in event_countries(corpus, ev):
        return False
    if f.outlet and f.outlet not in {v.get("outlet") for v in ev.data.get("versions", [])}:
        return False
    if not f.in_dates(corpus.when(ev).filter_value()):
        return False
    if not query:
        return True
    words = [w.lower() for w in re.findall(r"\w+", query)]
    hay = " ".join(
        [
            ev.type,
            *(str(v.get("evidence", "")) for v in ev.data.get("versions", [])),
            *(corpus.name(p) or "" for p in event_participants(ev)),
        ]
    ).lower()
    return all(w in hay for w in words)
