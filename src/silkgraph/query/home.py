"""The home page: corpus figures, the latest events and articles, the best-connected
entities; every figure an SQL count or an indexed read."""

from __future__ import annotations

from typing import Any

from silkgraph.query.base import (
    Corpus,
    LazyEntities,
    entity_summary,
    stored_summaries,
)
from silkgraph.query.documents import list_documents
from silkgraph.query.events import EVENT_ORDER
from silkgraph.store.base import Store


def overview(store: Store) -> dict[str, Any]:
    """Corpus figures, latest events and articles, the most connected entities.

    An entity's degree (its articles plus the events it takes part in) is written by
    resolution (``entities.degree``), so the top twelve are one indexed read.
    """
    counts = store.counts()
    entities = LazyEntities(store)
    corpus = Corpus(entities, [], {}, {}, store)
    top = store.select("SELECT id, degree FROM entities ORDER BY degree DESC, id LIMIT 12")
    entities.prefetch(r["id"] for r in top)
    latest = [r["id"] for r in store.select(f"SELECT id FROM events {EVENT_ORDER} LIMIT 8")]
    docs = list_documents(store, limit=8)["items"]
    return {
        "counts": counts,
        "events": stored_summaries(store, corpus, latest),
        "entities": [
            dict(entity_summary(entities[r["id"]]), degree=int(r["degree"]))
            for r in top
            if r["id"] in entities
        ],
        "documents": docs,
        "empty": counts.get("documents", 0) == 0,
    }
