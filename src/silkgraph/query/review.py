"""The review queue: unsure merges waiting for a person, and the judgements made."""

from __future__ import annotations

import logging
from typing import Any

from silkgraph.model import Extraction
from silkgraph.query.base import Corpus, event_summary, sentence_around
from silkgraph.store.base import Store

log = logging.getLogger(__name__)


def review_queue(store: Store) -> dict[str, Any]:
    """What waits for a person: the machine's unsure entity merges (``items``) and the event
    merges it made with a low pair probability that still stand (``events``), each with both
    sides; and the judgements people made (``decided``)."""
    items = []
    corpus = Corpus.lazy(store)
    cache: dict[str, Extraction | None] = {}
    for j in store.list_judgements("entity"):
        if j.judgement != "unsure" or j.author != "silkgraph":
            continue
        items.append(
            {
                "left": _side(store, corpus, cache, j.left_id),
                "right": _side(store, corpus, cache, j.right_id),
                "left_id": j.left_id,
                "right_id": j.right_id,
                "score": j.score,
                "features": j.features,
            }
        )
    events = event_merges(store, corpus)
    decided = [
        {
            "kind": j.kind,
            "left_id": j.left_id,
            "right_id": j.right_id,
            "judgement": j.judgement,
            "author": j.author,
            "created_at": j.created_at,
        }
        for kind in ("entity", "event")
        for j in store.list_judgements(kind)
        if j.author != "silkgraph"
    ]
    return {
        "total": len(items),
        "items": items,
        "events": {"total": len(events), "items": events},
        "pending": len(items) + len(events),
        "decided": decided,
    }


def event_merges(store: Store, corpus: Corpus) -> list[dict[str, Any]]:
    """Event merges waiting for review: the two reports the doubtful link joined, each with
    its outlet, date and evidence sentence, the event they are in and the pair probability
    with each feature's share. Merges that no longer stand are left out."""
    out = []
    for j in store.list_judgements("event"):
        if j.judgement != "unsure" or j.author != "silkgraph":
            continue
        left, right = j.left_id.partition("#")[::2], j.right_id.partition("#")[::2]
        event_id = _event_of(store, left[0], left[1])
        if event_id is None or _event_of(store, right[0], right[1]) != event_id:
            continue
        ev = store.get_event(event_id)
        if ev is None:
            continue
        corpus.prefetch([ev])
        versions = {(v.get("doc_id"), v.get("key")): v for v in ev.data.get("versions", [])}
        out.append(
            {
                "event": event_summary(corpus, ev),
                "left_id": j.left_id,
                "right_id": j.right_id,
                "left": _report(store, corpus, versions.get((left[0], left[1]), {}), j.left_id),
                "right": _report(store, corpus, versions.get((right[0], right[1]), {}), j.right_id),
                "probability": j.score,
                "features": j.features,
            }
        )
    return out


def _event_of(store: Store, doc_id: str, key: str) -> str | None:
    """The corpus event a report joined, by its primary key."""
    rows = store.select(
        "SELECT event_id FROM doc_events WHERE doc_id = ? AND key = ?", [doc_id, key]
    )
    return str(rows[0]["event_id"]) if rows and rows[0]["event_id"] else None


def _outlet_name(corpus: Corpus, doc_id: str, version: dict[str, Any]) -> str | None:
    """The outlet an article names for itself (an entity of the article), by name."""
    key = version.get("outlet")
    if not key:
        return None
    return corpus.name(corpus.ent_of.get((doc_id, key))) if (doc_id, key) in corpus.ent_of else None


def _report(
    store: Store, corpus: Corpus, version: dict[str, Any], report_id: str
) -> dict[str, Any]:
    doc_id = report_id.partition("#")[0]
    doc = store.get_document(doc_id, text=False)
    return {
        "report": report_id,
        "doc_id": doc_id,
        "title": doc.title if doc and doc.title else doc_id,
        "outlet": (doc.outlet if doc else None) or _outlet_name(corpus, doc_id, version),
        "published": doc.published if doc else None,
        "date": version.get("date"),
        "location": corpus.name(version.get("location")),
        "participants": [corpus.name(p) for p in version.get("participants", [])],
        "amount_usd": version.get("amount_usd"),
        "evidence": version.get("evidence") or "",
    }


def _side(
    store: Store, corpus: Corpus, cache: dict[str, Extraction | None], node_id: str
) -> dict[str, Any]:
    doc_id, _, key = node_id.partition("#")
    if doc_id not in cache:
        cache[doc_id] = store.get_extraction(doc_id)
    ext = cache[doc_id]
    ent = ext.entity(key) if ext else None
    doc = store.get_document(doc_id)
    context = ""
    if ent and ent.mentions and doc:
        context = sentence_around(doc.text, ent.mentions[0].start, ent.mentions[0].end)[0]
    return {
        "node": node_id,
        "doc_id": doc_id,
        "name": ent.name if ent else key,
        "type": ent.type if ent else None,
        "aliases": ent.aliases if ent else [],
        "entity": corpus.ref(corpus.ent_of.get((doc_id, key))),
        "context": context,
    }
