"""Graph, timeline and map: views over the corpus, each read with a cap.

The graph joins the best-connected entities (by ``entities.degree``) with their
co-occurrence counts (one grouped SQL read) and the latest matching events; the timeline
shows the latest matching events and articles; the map lists the places with their event
counts and latest events. Each says how much it left out.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from itertools import islice
from typing import Any

from silkgraph.display import date_words
from silkgraph.query.base import (
    PLACE_TYPES,
    Corpus,
    Filters,
    LazyEntities,
    document_row,
    event_participants,
    event_summaries,
    marks,
    node,
)
from silkgraph.query.events import EVENT_ORDER
from silkgraph.query.search import matching_events
from silkgraph.store.base import Store

log = logging.getLogger(__name__)

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


def graph(store: Store, filters: Filters | None = None, max_nodes: int = 300) -> dict[str, Any]:
    """Entities and events as a network: co-occurrence, participation and place edges.

    Co-occurrence among the ``GRAPH_ENTITIES`` best-connected entities (articles in
    common, counted in SQL), then the latest ``GRAPH_EVENTS`` matching events with their
    participants and places; at most ``max_nodes`` nodes, the heaviest first.
    """
    f = filters or Filters()
    corpus = Corpus.lazy(store)
    top = _top_entities(store, corpus, f)
    weights: Counter[tuple[str, str]] = Counter()
    if top:
        conds, args = _doc_conditions(f, "d.")
        join = " JOIN documents d ON d.id = a.doc_id" if conds else ""
        rows = store.select(
            "SELECT a.entity_id AS a, b.entity_id AS b, COUNT(DISTINCT a.doc_id) AS n"
            " FROM doc_entities a JOIN doc_entities b"
            f" ON b.doc_id = a.doc_id AND a.entity_id < b.entity_id{join}"
            f" WHERE a.entity_id IN ({marks(len(top))}) AND b.entity_id IN ({marks(len(top))})"
            + "".join(f" AND {c}" for c in conds)
            + " GROUP BY a.entity_id, b.entity_id ORDER BY n DESC, a.entity_id, b.entity_id"
            " LIMIT ?",
            [*top, *top, *args, max_nodes * 4],
        )
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
    events = list(
        islice(matching_events(store, corpus, event_filter, batch=GRAPH_EVENTS), GRAPH_EVENTS)
    )
    for ev, summary in zip(events, event_summaries(corpus, events), strict=True):
        refs = [(p, "participant") for p in event_participants(ev)]
        refs += [(ev.location, "place")] if ev.location else []
        refs = [
            (r, k)
            for r, k in refs
            if r in corpus.entities
            and (not f.entity_type or corpus.entities[r].type == f.entity_type)
        ]
        nodes[ev.id] = {
            "id": ev.id,
            "label": summary["headline"],
            "kind": "event",
            "type": ev.type,
        }
        for r, k in refs:
            nodes.setdefault(r, node(corpus.entities[r]))
            edges.append({"source": ev.id, "target": r, "weight": 1, "kind": k})
    if len(nodes) > max_nodes:
        keep = set(list(nodes)[:max_nodes])
        nodes = {k: v for k, v in nodes.items() if k in keep}
        edges = [e for e in edges if e["source"] in keep and e["target"] in keep]
    return {"filters": f.to_dict(), "nodes": list(nodes.values()), "edges": edges}


def timeline(store: Store, filters: Filters | None = None) -> dict[str, Any]:
    """Events by month (year-less dates last), and articles by publication date.

    The latest ``TIMELINE_EVENTS`` matching events and ``TIMELINE_DOCS`` articles, oldest
    first; ``truncated`` says whether older ones were left out.
    """
    f = filters or Filters()
    corpus = Corpus.lazy(store)
    matching = list(
        islice(matching_events(store, corpus, f, batch=TIMELINE_EVENTS + 1), TIMELINE_EVENTS + 1)
    )
    truncated = len(matching) > TIMELINE_EVENTS
    matching = matching[:TIMELINE_EVENTS]
    matching.sort(key=lambda ev: corpus.when(ev).sort_key)
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev, summary in zip(matching, event_summaries(corpus, matching), strict=True):
        when = corpus.when(ev)
        day = when.filter_value()
        if day is None:
            label = "year unknown" if when.value else "undated"
        else:
            label = day[:7] if len(day) >= 7 and day[5:7].isdigit() else day[:4]
        months[label].append(summary)
    events = [e for evs in months.values() for e in evs]
    unknown = 0
    if f.date_from or f.date_to:
        undated = Filters(**{**f.to_dict(), "date_from": None, "date_to": None})
        unknown = sum(
            1
            for ev in matching_events(
                store, corpus, undated, where="(date IS NULL OR substr(date, 1, 2) = '--')"
            )
            if corpus.when(ev).filter_value() is None
        )
    conds, args = _doc_conditions(f)
    conds = ["published IS NOT NULL", *conds]
    rows = store.select(
        "SELECT id, title, outlet, published, substr(text, 1, 1000) AS head FROM documents"
        f" WHERE {' AND '.join(conds)} ORDER BY published DESC, id LIMIT ?",
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

    One read of the place entities, one grouped count of events by place, and the latest
    ``PLACE_EVENTS`` events of each place (a window over the event_entities summary).
    """
    import pycountry

    entities = LazyEntities(store)
    corpus = Corpus(entities, [], {}, {}, store)
    types = list(PLACE_TYPES)
    found = store.select_entities(f"WHERE type IN ({marks(len(types))})", types)
    entities.cache.update({e.id: e for e in found})
    n_docs = {
        r["id"]: int(r["n_docs"])
        for r in store.select(
            f"SELECT id, n_docs FROM entities WHERE type IN ({marks(len(types))})", types
        )
    }
    n_events = {
        r["entity_id"]: int(r["n"])
        for r in store.select(
            "SELECT entity_id, COUNT(*) AS n FROM event_entities WHERE role = 'place'"
            " GROUP BY entity_id"
        )
    }
    latest = store.select_events(
        "WHERE id IN (SELECT event_id FROM (SELECT x.event_id, ROW_NUMBER() OVER"
        " (PARTITION BY x.entity_id ORDER BY COALESCE(v.date, '') DESC, v.id) AS rn"
        " FROM event_entities x JOIN events v ON v.id = x.event_id"
        f" WHERE x.role = 'place') t WHERE rn <= ?) {EVENT_ORDER}",
        [PLACE_EVENTS],
    )
    by_place: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev, summary in zip(latest, event_summaries(corpus, latest), strict=True):
        if ev.location:
            by_place[ev.location].append(summary)
    out: list[dict[str, Any]] = []
    for ent in found:
        country = corpus.country(ent.id)
        lat, lon = ent.attrs.get("lat"), ent.attrs.get("lon")
        if country is None and lat is None:
            continue
        rec = pycountry.countries.get(alpha_2=country) if country else None
        out.append(
            {
                "id": ent.id,
                "name": ent.name,
                "type": ent.type,
                "kind": ent.attrs.get("place_kind"),
                "country": country,
                "country_numeric": rec.numeric if rec else None,
                "lat": lat,
                "lon": lon,
                "n_docs": n_docs.get(ent.id, 0),
                "n_events": n_events.get(ent.id, 0),
                "events": by_place.get(ent.id, []),
            }
        )
    out.sort(key=lambda p: (-p["n_events"], -p["n_docs"], p["name"]))
    return {"total": len(out), "places": out}
