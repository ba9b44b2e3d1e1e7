"""Search with facets: articles, entities and events matching words and filters.

Still on the whole-corpus path (``Corpus.load``): the facet counts are computed in Python
over every matching article; moving them to SQL aggregates is the next step.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from silkgraph.query.base import (
    ALL,
    Corpus,
    Filters,
    document_row,
    entity_summary,
    event_countries,
    event_participants,
    event_summary,
    page,
)
from silkgraph.query.events import EVENT_AFTER, EVENT_ORDER
from silkgraph.store.base import CorpusEvent, Store

log = logging.getLogger(__name__)


def matching_events(
    store: Store, corpus: Corpus, f: Filters, query: str = "", where: str = "", batch: int = 500
) -> Iterator[CorpusEvent]:
    """Events that match the words and facets, latest first, read 500 at a time.

    The type filter is SQL; the others (countries of participants, outlets, dates with
    their inferred years) are checked on each batch, so a caller that stops after N
    matches reads about N events when most match. ``where`` narrows the events further
    (an SQL condition on ``events``).
    """
    conds, args = ([where] if where else []), []
    if f.event_type:
        conds, args = [*conds, "type = ?"], [f.event_type]
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
    corpus = Corpus.load(store)
    query = query.strip()
    rows = _search_docs(store, query)
    doc_events: dict[str, list[CorpusEvent]] = defaultdict(list)
    for ev in corpus.events:
        for v in ev.data.get("versions", []):
            doc_events[v.get("doc_id", "")].append(ev)

    def doc_facets(doc_id: str) -> dict[str, set[str]]:
        ents = [
            corpus.entities[e] for e in corpus.doc_entities.get(doc_id, ()) if e in corpus.entities
        ]
        return {
            "entity_type": {e.type for e in ents},
            "country": {c for e in ents if (c := corpus.country(e.id))},
            "event_type": {ev.type for ev in doc_events.get(doc_id, [])},
        }

    docs, facets = (
        [],
        {k: Counter[str]() for k in ("entity_type", "event_type", "country", "outlet")},
    )
    for row in rows:
        fac = doc_facets(row["id"])
        fac["outlet"] = {row["outlet"]} if row["outlet"] else set()
        if not all(getattr(f, k) is None or getattr(f, k) in fac[k] for k in fac):
            continue
        if not f.in_dates(row["published"]):
            continue
        docs.append(row)
        for k, vals in fac.items():
            facets[k].update(vals)
    entities = _search_entities(store, corpus, query, f)
    events = [
        event_summary(corpus, ev) for ev in corpus.events if _event_matches(corpus, ev, query, f)
    ]
    return {
        "query": query,
        "filters": f.to_dict(),
        "documents": page(docs, limit, offset),
        "entities": entities[:limit],
        "events": events[:limit],
        "facets": {k: sorted(c.items(), key=lambda kv: (-kv[1], kv[0])) for k, c in facets.items()},
    }


def _search_docs(store: Store, query: str) -> list[dict[str, Any]]:
    if not query:
        docs = store.list_documents(limit=ALL)
        return [
            dict(document_row(d.id, d.title, d.text, d.outlet, d.published), snippet="")
            for d in docs
        ]
    out = []
    for doc_id, _, snippet in store.search_documents(query, limit=ALL):
        d = store.get_document(doc_id)
        if d:
            out.append(
                dict(document_row(d.id, d.title, d.text, d.outlet, d.published), snippet=snippet)
            )
    return out


def _search_entities(store: Store, corpus: Corpus, query: str, f: Filters) -> list[dict[str, Any]]:
    ents = store.search_entities(query, limit=200) if query else list(corpus.entities.values())
    return [
        entity_summary(e)
        for e in ents
        if (not f.entity_type or e.type == f.entity_type)
        and (not f.country or corpus.country(e.id) == f.country)
    ]


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
