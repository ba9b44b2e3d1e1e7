"""Entities: the list (keyset pages, most reported first) and one entity's page."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from silkgraph.model import Statement
from silkgraph.query.base import (
    Corpus,
    LazyEntities,
    LazyLinks,
    doc_title,
    entity_summary,
    keyset_page,
    missing,
    node,
    sentence_around,
    stored_summaries,
    typed_page_where,
)
from silkgraph.query.documents import doc_name
from silkgraph.statements import CURRENT_STATEMENTS, extraction, from_row
from silkgraph.store.base import Store

ENTITY_ORDER = "ORDER BY n_docs DESC, name, id"
ENTITY_AFTER = "(n_docs < ? OR (n_docs = ? AND (name > ? OR (name = ? AND id > ?))))"
# An entity page shows the mentions in its first MENTION_DOCS articles (by id) and its
# latest EVENTS events; the totals say how many there are in all.
MENTION_DOCS = 20
EVENTS = 100


def list_entities(
    store: Store,
    limit: int = 50,
    offset: int = 0,
    type_: str | None = None,
    cursor: str | None = None,
) -> dict[str, Any]:
    """A page of entities, most widely reported first (then by name)."""
    where, args, skip, total = typed_page_where(
        store,
        "entities",
        type_,
        cursor,
        ENTITY_AFTER,
        lambda k: [k[0], k[0], k[1], k[1], k[2]],
        3,
        offset,
    )
    rows = store.select(
        f"SELECT id, n_docs, name FROM entities {where} {ENTITY_ORDER} LIMIT ? OFFSET ?",
        [*args, limit + 1, skip],
    )
    ents = LazyEntities(store)
    ents.prefetch(r["id"] for r in rows[:limit])
    items = [entity_summary(ents[r["id"]], int(r["n_docs"])) for r in rows[:limit]]
    return keyset_page(
        "entities",
        rows,
        items,
        lambda r: (int(r["n_docs"]), r["name"], r["id"]),
        total,
        limit,
        offset,
        cursor,
    )


def entity(store: Store, entity_id: str) -> dict[str, Any]:
    """An entity: names, roles, mentions with context, events, co-occurring entities.

    Mentions and roles come from the entity's first ``MENTION_DOCS`` articles and the
    events are its latest ``EVENTS``, so the page reads a bounded number of rows even for a
    country named in every article; ``n_docs`` and ``n_events`` count them all.
    """
    found = store.select_entities("WHERE id = ?", [entity_id])
    if not found:
        missing(store, "entity", entity_id)
    ent = found[0]
    entities, links = LazyEntities(store), LazyLinks(store)
    entities.cache[ent.id] = ent
    corpus = Corpus(entities, [], links, {}, store)
    n_docs = int(store.select("SELECT n_docs FROM entities WHERE id = ?", [entity_id])[0]["n_docs"])
    doc_ids = [
        r["doc_id"]
        for r in store.select(
            "SELECT DISTINCT doc_id FROM doc_entities WHERE entity_id = ? ORDER BY doc_id LIMIT ?",
            [entity_id, MENTION_DOCS],
        )
    ]
    by_doc: dict[str, list[str]] = defaultdict(list)
    if doc_ids:
        for r in store.select(
            "SELECT doc_id, key FROM doc_entities WHERE entity_id = ? AND doc_id IN"
            f" ({','.join('?' * len(doc_ids))}) ORDER BY doc_id, key",
            [entity_id, *doc_ids],
        ):
            by_doc[r["doc_id"]].append(r["key"])
    mentions, roles = _mentions_and_roles(store, corpus, by_doc)
    n_events = int(
        store.select(
            "SELECT COUNT(DISTINCT event_id) AS n FROM event_entities WHERE entity_id = ?",
            [entity_id],
        )[0]["n"]
    )
    ids = store.select(
        "SELECT id FROM events WHERE id IN (SELECT event_id FROM event_entities"
        " WHERE entity_id = ?) ORDER BY COALESCE(date, '') DESC, id LIMIT ?",
        [entity_id, EVENTS],
    )
    events = stored_summaries(store, corpus, [r["id"] for r in ids])
    events.sort(key=lambda e: e["date_sort"])
    return {
        **entity_summary(ent),
        "n_docs": n_docs,
        "mentions": mentions,
        "mention_docs_shown": len(by_doc),
        "roles": roles,
        "events": events,
        "n_events": n_events,
        "network": network(store, corpus, entity_id),
    }


def _mentions_and_roles(
    store: Store, corpus: Corpus, by_doc: dict[str, list[str]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The entity's mentions and roles in some articles, read from their statements: the
    mentions of its keys, the roles and the names they give, not the whole extraction."""
    said = _mention_and_role_statements(store, by_doc)
    mentions, roles = [], []
    for doc_id, keys in sorted(by_doc.items()):
        doc = store.get_document(doc_id)
        if doc is None or doc_id not in said:
            continue
        title = doc_title(doc.title, doc.text)
        ext = extraction(doc_id, "", said[doc_id])
        for key in keys:
            for s in said[doc_id]:
                if (s.schema, s.subject, s.prop) != ("entity", key, "mention"):
                    continue
                sent, a, b = sentence_around(doc.text, s.start or 0, s.end or 0)
                mentions.append(
                    {
                        "doc_id": doc_id,
                        "title": title,
                        "published": doc.published,
                        "text": s.value,
                        "start": s.start,
                        "before": sent[:a],
                        "match": sent[a:b],
                        "after": sent[b:],
                    }
                )
            for r in ext.roles:
                if r.person == key:
                    org = doc_name(ext, corpus, doc_id, r.org) if r.org else None
                    roles.append({"title": r.title, "org": org, "doc_id": doc_id})
    return mentions, roles


def _mention_and_role_statements(
    store: Store, by_doc: dict[str, list[str]]
) -> dict[str, list[Statement]]:
    """Per article, the current version's roles, entity names and the mentions of the
    given keys: the records they make have no other fields (an entity's type is None)."""
    if not by_doc:
        return {}
    docs = sorted(by_doc)
    pairs = [(d, k) for d in docs for k in by_doc[d]]
    rows = store.select(
        CURRENT_STATEMENTS.format(docs=",".join("?" * len(docs)))
        + " AND (s.schema = 'role' OR (s.schema = 'entity' AND (s.prop = 'name' OR"
        f" (s.prop = 'mention' AND (s.doc_id, s.subject) IN ({','.join(['(?, ?)'] * len(pairs))})))))"
        " ORDER BY s.doc_id, s.seq",
        [*docs, *(v for p in pairs for v in p)],
    )
    out: dict[str, list[Statement]] = defaultdict(list)
    for r in rows:
        out[r["doc_id"]].append(from_row(r))
    return out


# An entity in more articles than this has its neighbours read from ``entity_network``
# (written by resolution): counting them at each request grows with its articles.
NETWORK_DOCS = 1000


def network(store: Store, corpus: Corpus, entity_id: str, limit: int = 25) -> dict[str, Any]:
    """Entities that share articles or events with one entity, weighted by how often.

    The heaviest ``limit`` neighbours, ties by id: counted by ``neighbour_weights`` for an
    entity in at most ``NETWORK_DOCS`` articles, read from the ``entity_network`` summary
    (the same counts, written by resolution) for one in more.
    """
    n_docs = store.select("SELECT n_docs FROM entities WHERE id = ?", [entity_id])
    stored = []
    if n_docs and int(n_docs[0]["n_docs"]) > NETWORK_DOCS:
        stored = store.select(
            "SELECT other_id, n FROM entity_network WHERE entity_id = ? ORDER BY rank LIMIT ?",
            [entity_id, limit * 2],
        )
    if stored:
        top = [(r["other_id"], int(r["n"])) for r in stored]
    else:
        top = neighbour_weights(store, entity_id, limit * 2)
    if isinstance(corpus.entities, LazyEntities):
        corpus.entities.prefetch(i for i, _ in top)
    nodes = [node(corpus.entities[entity_id])]
    edges: list[dict[str, Any]] = []
    for other, w in top:
        if other in corpus.entities and len(edges) < limit:
            nodes.append(node(corpus.entities[other]))
            edges.append({"source": entity_id, "target": other, "weight": w})
    return {"nodes": nodes, "edges": edges}


def neighbour_weights(store: Store, entity_id: str, limit: int) -> list[tuple[str, int]]:
    """The ``limit`` heaviest neighbours of an entity (ties by id): articles in common (each
    article once) plus events both take part in, by two grouped SQL reads."""
    weights: Counter[str] = Counter()
    for r in store.select(
        "SELECT b.entity_id AS id, COUNT(DISTINCT b.doc_id) AS n FROM doc_entities a"
        " JOIN doc_entities b ON b.doc_id = a.doc_id WHERE a.entity_id = ?"
        " AND b.entity_id IS NOT NULL AND b.entity_id != ? GROUP BY b.entity_id",
        [entity_id, entity_id],
    ):
        weights[r["id"]] += int(r["n"])
    for r in store.select(
        "SELECT o.entity_id AS id, COUNT(*) AS n FROM event_entities s"
        " JOIN event_entities o ON o.event_id = s.event_id AND o.role = 'participant'"
        " JOIN entities e ON e.id = o.entity_id"
        " WHERE s.entity_id = ? AND s.role = 'participant' AND o.entity_id != ?"
        " GROUP BY o.entity_id",
        [entity_id, entity_id],
    ):
        weights[r["id"]] += int(r["n"])
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
