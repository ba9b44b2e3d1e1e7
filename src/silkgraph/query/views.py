"""Graph, timeline and map: views over the corpus, each read with a cap.

The graph joins the best-connected entities (by ``entities.degree``) with their
co-occurrence counts and the latest matching events; the timeline shows the latest
matching events and articles; the map lists the places with their event counts and latest
events. Events, places and co-occurrence come from the summaries resolution writes
(``store.summaries``), so no page reads an event's versions. Each says how much it left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from silkgraph.display import date_words
from silkgraph.query.base import Corpus, Filters, LazyEntities, document_row, marks, node
from silkgraph.store.base import Store
from silkgraph.store.summaries import loads

GRAPH_ENTITIES = 100
GRAPH_EVENTS = 150
TIMELINE_EVENTS = 200
TIMELINE_DOCS = 200
PLACE_EVENTS = 10


def _doc_conditions(f: Filters, table: str = "") -> tuple[list[str], list[Any]]:
    """SQL conditions on ``documents`` (as ``table``) for the outlet and date filters.

    A published date passes when it lies within the filter's dates compared at the date's
    own precision, as ``Filters.in_dates`` does.
    """
    pub, conds, args = f"{table}published", [], []
    if f.outlet:
        conds, args = [f"{table}outlet = ?"], [f.outlet]
    if f.date_from or f.date_to:
        conds.append(f"{pub} IS NOT NULL AND substr({pub}, 1, 2) != '--'")
    if f.date_from:
        conds.append(f"{pub} >= substr(?, 1, length({pub}))")
        args.append(f.date_from)
    if f.date_to:
        conds.append(f"{pub} <= substr(?, 1, length({pub}))")
        args.append(f.date_to)
    return conds, args


def _top_entities(store: Store, corpus: Corpus, f: Filters) -> list[str]:
    """The best-connected entities that pass the entity type and country filters."""
    where, args = ("WHERE type = ? ", [f.entity_type]) if f.entity_type else ("", [])
    # A country filter is checked on the entity's attributes, so read more candidates.
    n = GRAPH_ENTITIES * (10 if f.country else 1)
    found = store.select_entities(f"{where}ORDER BY degree DESC, id LIMIT ?", [*args, n])
    if isinstance(corpus.entities, LazyEntities):
        corpus.entities.cache.update({e.id: e for e in found})
    ids = [e.id for e in found if not f.country or corpus.country(e.id) == f.country]
    return ids[:GRAPH_ENTITIES]


def _event_conditions(
    f: Filters, dates: bool = True, alias: str = "r"
) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``event_rows`` (as ``alias``) for the event filters: type,
    country and outlet (``event_keys``) and, with ``dates``, the date with its inferred
    year compared at its own precision, as ``Filters.in_dates`` does."""
    conds: list[str] = []
    args: list[Any] = []
    if f.event_type:
        conds.append(f"{alias}.type = ?")
        args.append(f.event_type)
    for facet, value in (("country", f.country), ("outlet", f.outlet)):
        if value:
            conds.append(
                "EXISTS (SELECT 1 FROM event_keys k WHERE k.facet = ? AND k.value = ?"
                f" AND k.event_id = {alias}.event_id)"
            )
            args += [facet, value]
    day = f"{alias}.filter_date"
    if dates and (f.date_from or f.date_to):
        conds.append(f"{day} IS NOT NULL")
    if dates and f.date_from:
        conds.append(f"{day} >= substr(?, 1, length({day}))")
        args.append(f.date_from)
    if dates and f.date_to:
        conds.append(f"{day} <= substr(?, 1, length({day}))")
        args.append(f.date_to)
    return conds, args


def event_rows(store: Store, f: Filters, limit: int) -> list[tuple[dict[str, Any], str | None]]:
    """The latest ``limit`` events that pass the filters, as their stored list rows with
    the date a date filter compares; one indexed read of the event summary."""
    conds, args = _event_conditions(f)
    where = f"WHERE {' AND '.join(conds)} " if conds else ""
    rows = store.select(
        f"SELECT r.summary, r.filter_date FROM event_rows r {where}"
        "ORDER BY r.sort_date DESC, r.event_id LIMIT ?",
        [*args, limit],
    )
    return [(loads(r["summary"]), r["filter_date"]) for r in rows]


def _cooccurrence(store: Store, f: Filters, top: list[str], limit: int) -> list[dict[str, Any]]:
    """Articles in common between pairs of ``top`` entities, the most first.

    Without an outlet, date or country filter the counts are read from ``entity_pairs``
    (written by resolution); with one they are counted over the matching articles."""
    if not (f.outlet or f.date_from or f.date_to or f.country):
        return store.select(
            f"SELECT a, b, n FROM entity_pairs WHERE a IN ({marks(len(top))})"
            f" AND b IN ({marks(len(top))}) ORDER BY n DESC, a, b LIMIT ?",
            [*top, *top, limit],
        )
    conds, args = _doc_conditions(f, "d.")
    join = " JOIN documents d ON d.id = a.doc_id" if conds else ""
    return store.select(
        "SELECT a.entity_id AS a, b.entity_id AS b, COUNT(DISTINCT a.doc_id) AS n"
        " FROM doc_entities a JOIN doc_entities b"
        f" ON b.doc_id = a.doc_id AND a.entity_id < b.entity_id{join}"
        # "|| ''": b is read by article, not probed in the entity index per id.
        f" WHERE a.entity_id IN ({marks(len(top))}) AND (b.entity_id || '') IN ({marks(len(top))})"
        + "".join(f" AND {c}" for c in conds)
        + " GROUP BY a.entity_id, b.entity_id ORDER BY n DESC, a.entity_id, b.entity_id"
        " LIMIT ?",
        [*top, *top, *args, limit],
    )


def graph(store: Store, filters: Filters | None = None, max_nodes: int = 300) -> dict[str, Any]:
    """Entities and events as a network: co-occurrence, participation and place edges.

    Co-occurrence among the ``GRAPH_ENTITIES`` best-connected entities (articles in
    common, from the ``entity_pairs`` summary or counted in SQL under a filter), then the
    latest ``GRAPH_EVENTS`` matching events from the event summary with their
    participants and places; at most ``max_nodes`` nodes, the heaviest first.
    """
    f = filters or Filters()
    corpus = Corpus.lazy(store)
    top = _top_entities(store, corpus, f)
    weights: Counter[tuple[str, str]] = Counter()
    if top:
        rows = _cooccurrence(store, f, top, max_nodes * 4)
        weights.update({(r["a"], r["b"]): int(r["n"]) for r in rows})
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for (a, b), w in weights.most_common():
        nodes.setdefault(a, node(corpus.entities[a]))
        nodes.setdefault(b, node(corpus.entities[b]))
        edges.append({"source": a, "target": b, "weight": w, "kind": "co-occurrence"})
    event_filter = Filters(
        event_type=f.event_type,
        country=f.country,
        outlet=f.outlet,
        date_from=f.date_from,
        date_to=f.date_to,
    )
    for summary, _ in event_rows(store, event_filter, GRAPH_EVENTS):
        refs = [(p, "participant") for p in summary["participants"]]
        refs += [(summary["location"], "place")] if summary["location"] else []
        refs = [
            (r, k)
            for r, k in refs
            if r["id"] is not None and (not f.entity_type or r["type"] == f.entity_type)
        ]
        nodes[summary["id"]] = {
            "id": summary["id"],
            "label": summary["headline"],
            "kind": "event",
            "type": summary["type"],
        }
        for r, k in refs:
            nodes.setdefault(
                r["id"], {"id": r["id"], "label": r["name"], "kind": "entity", "type": r["type"]}
            )
            edges.append({"source": summary["id"], "target": r["id"], "weight": 1, "kind": k})
    if len(nodes) > max_nodes:
        keep = set(list(nodes)[:max_nodes])
        nodes = {k: v for k, v in nodes.items() if k in keep}
        edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    return {"filters": f.to_dict(), "nodes": list(nodes.values()), "edges": edges}


def timeline(store: Store, filters: Filters | None = None) -> dict[str, Any]:
    """Events by month (year-less dates last), and articles by publication date.

    The latest ``TIMELINE_EVENTS`` matching events (from the event summary) and
    ``TIMELINE_DOCS`` articles, oldest first; ``truncated`` says whether older ones were
    left out.
    """
    f = filters or Filters()
    matching = event_rows(store, f, TIMELINE_EVENTS + 1)
    truncated = len(matching) > TIMELINE_EVENTS
    matching = matching[:TIMELINE_EVENTS]
    matching.sort(key=lambda m: m[0]["date_sort"])
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for summary, day in matching:
        if day is None:
            label = "year unknown" if summary["date"] else "undated"
        else:
            label = day[:7] if len(day) >= 7 and day[5:7].isdigit() else day[:4]
        months[label].append(summary)
    events = [e for evs in months.values() for e in evs]
    unknown = 0
    if f.date_from or f.date_to:
        conds, args = _event_conditions(f, dates=False)
        conds.append("r.filter_date IS NULL")
        unknown = int(
            store.select(
                f"SELECT COUNT(*) AS n FROM event_rows r WHERE {' AND '.join(conds)}", args
            )[0]["n"]
        )
    conds, args = _doc_conditions(f)
    conds = ["published IS NOT NULL", *conds]
    rows = store.select(
        "SELECT id, title, outlet, published, substr(text, 1, 1000) AS head FROM documents"
        f" WHERE {' AND '.join(conds)} ORDER BY COALESCE(published, '') DESC, id LIMIT ?",
        [*args, TIMELINE_DOCS + 1],
    )
    truncated = truncated or len(rows) > TIMELINE_DOCS
    docs = [
        document_row(r["id"], r["title"], r["head"], r["outlet"], r["published"])
        for r in rows[:TIMELINE_DOCS]
    ]
    docs.sort(key=lambda d: d["published"])
    return {
        "filters": f.to_dict(),
        "total": len(events),
        "truncated": truncated,
        "months": [
            {"month": m, "label": date_words(m) if m[:1].isdigit() else m, "events": evs}
            for m, evs in months.items()
        ],
        "year_unknown_left_out": unknown,
        "documents": docs,
    }


def places(store: Store) -> dict[str, Any]:
    """Places with coordinates or a country, each with its event count and latest events.

    The places are rows of the place summary (written by resolution, in the map's order:
    most events, most articles, name), and the latest ``PLACE_EVENTS`` events of each
    place are one windowed read of the event summary.
    """
    rows = store.select("SELECT row FROM place_rows ORDER BY rank")
    latest = store.select(
        "SELECT place, summary FROM (SELECT x.entity_id AS place, r.summary, ROW_NUMBER() OVER"
        " (PARTITION BY x.entity_id ORDER BY r.sort_date DESC, r.event_id) AS rn,"
        " r.sort_date, r.event_id"
        " FROM event_entities x JOIN event_rows r ON r.event_id = x.event_id"
        " WHERE x.role = 'place') t WHERE rn <= ? ORDER BY place, sort_date DESC, event_id",
        [PLACE_EVENTS],
    )
    by_place: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in latest:
        by_place[r["place"]].append(loads(r["summary"]))
    out = [loads(r["row"]) for r in rows]
    for p in out:
        p["events"] = by_place.get(p["id"], [])
    return {"total": len(out), "places": out}


def country_choices(store: Store) -> list[tuple[str, str]]:
    """(code, name) of every country on the map, by name: the pages' country filter."""
    rows = store.select(
        "SELECT DISTINCT country, name FROM place_rows"
        " WHERE kind = 'country' AND country IS NOT NULL"
    )
    return sorted({(r["country"], r["name"]) for r in rows}, key=lambda c: c[1])
