"""Read functions shared by the CLI, the HTTP API, the web pages and the exports."""

from __future__ import annotations

from typing import Any

from silkgraph.store.base import Store


def search(store: Store, query: str, limit: int = 20) -> dict[str, Any]:
    """Entities whose names match, and articles whose text matches, the query."""
    ents = store.search_entities(query, limit)
    docs = store.search_documents(query, limit)
    return {
        "query": query,
        "entities": [{"id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases}
                     for e in ents],
        "documents": [{"id": d, "title": t, "snippet": s} for d, t, s in docs],
    }
