"""Graph, timeline and map: views over the whole corpus.

Still on the whole-corpus path (``Corpus.load``); they aggregate every event in Python.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Any

from silkgraph.display import date_words
from silkgraph.query.base import (
    ALL,
    PLACE_TYPES,
    Corpus,
    Filters,
    document_row,
    event_participants,
    event_summary,
    node,
)
from silkgraph.query.search import _event_matches
from silkgraph.store.base import Store

log = logging.getLogger(__name__)


def graph(store: Store, filters: Filters | None = None, max_nodes: int = 300) -> dict[str, Any]:
    """Entities and events as a network: co-occurrence, participation and place edges."""
    f = filters or Filters()
    corpus = Corpus.load(store)
    docs = {d.id: d for d in store.list_documents(limit=ALL)}

    def keep_entity(eid: str) -> bool:
        ent = corpus.entities.get(eid)
        return bool(
            ent
            and (not f.entity_type or ent.type == f.entity_type)
            and (not f.country or corpus.country(eid) == f.country)
        )

    weights: Counter[tuple[str, str]] = Counter()
    for doc_id, ids in corpus.doc_entities.items():
        d = docs.get(doc_id)
        if d is None or (f.outlet and d.outlet != f.outlet) or not f.in_dates(d.published):
            continue
        kept = sorted(i for i in ids if keep_entity(i))
        for x, a in enumerate(kept):
            for b in kept[x + 1 :]:
                weights[(a, b)] += 1
    nodes: dict[str, dict[str, Any]] = {}
    edges = []
    for (a, b), w in weights.most_common():
        nodes.setdefault(a, node(corpus.entities[a]))
        nodes.setdefault(b, node(corpus.entities[b]))
        edges.append({"source": a, "target": b, "weight": w, "kind": "co-occurrence"})
    for ev in corpus.events:
        if not _event_matches(
            corpus,
            ev,
            "",
            Filters(
                event_type=f.event_type,
                country=f.country,
                outlet=f.outlet,
                date_from=f.date_from,
                date_to=f.date_to,
            ),
        ):
            continue
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
            "label": event_summary(corpus, ev)["headline"],
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
    """Events by month (year-less dates last), and articles by publication date."""
    f = filters or Filters()
    corpus = Corpus.load(store)
    matching = [ev for ev in corpus.events if _event_matches(corpus, ev, "", f)]
    matching.sort(key=lambda ev: corpus.when(ev).sort_key)
    months: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in matching:
        when = corpus.when(ev)
        day = when.filter_value()
        if day is None:
            label = "year unknown" if when.value else "undated"
        else:
            label = day[:7] if len(day) >= 7 and day[5:7].isdigit() else day[:4]
        months[label].append(event_summary(corpus, ev))
    events = [e for evs in months.values() for e in evs]
    unknown = 0
    if f.date_from or f.date_to:
        unknown = sum(
            1
            for ev in corpus.events
            if corpus.when(ev).filter_value() is None
            and _event_matches(
                corpus, ev, "", Filters(**{**f.to_dict(), "date_from": None, "date_to": None})
            )
        )
    docs = [
        document_row(d.id, d.title, d.text, d.outlet, d.published)
        for d in store.list_documents(limit=ALL)
        if d.published and f.in_dates(d.published) and (not f.outlet or d.outlet == f.outlet)
    ]
    docs.sort(key=lambda d: d["published"])
    return {
        "filters": f.to_dict(),
        "total": len(events),
        "months": [
            {"month": m, "label": date_words(m) if m[:1].isdigit() else m, "events": evs}
            for m, evs in months.items()
        ],
        "year_unknown_left_out": unknown,
        "documents": docs,
    }


def places(store: Store) -> dict[str, Any]:
    """Places with coordinates or a country, each with its events and article count."""
    import pycountry

    corpus = Corpus.load(store)
    n_docs = Counter(eid for ids in corpus.doc_entities.values() for eid in ids)
    by_place: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for ev in corpus.events:
        if ev.location:
            by_place[ev.location].append(event_summary(corpus, ev))
    out: list[dict[str, Any]] = []
    for ent in corpus.entities.values():
        if ent.type not in PLACE_TYPES:
            continue
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
                "n_docs": n_docs[ent.id],
                "events": by_place.get(ent.id, []),
            }
        )
    out.sort(key=lambda p: (-len(p["events"]), -p["n_docs"], p["name"]))
    return {"total": len(out), "places": out}
