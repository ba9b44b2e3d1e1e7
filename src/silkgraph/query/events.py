"""Events: the list (keyset pages, latest first) and one event with its sources compared."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from silkgraph.model import Document
from silkgraph.query.base import (
    Corpus,
    LazyEntities,
    LazyLinks,
    doc_title,
    event_summary,
    keyset_page,
    marks,
    missing,
    stored_summaries,
    typed_page_where,
)
from silkgraph.query.compare import compare_versions
from silkgraph.resolve.events import Report, compare, version
from silkgraph.statements import CURRENT_STATEMENTS, extraction, from_row
from silkgraph.store.base import Store

# Latest first, undated last; the id breaks ties so that the order is total (keyset pages).
EVENT_ORDER = "ORDER BY COALESCE(date, '') DESC, id"
EVENT_AFTER = "(COALESCE(date, '') < ? OR (COALESCE(date, '') = ? AND id > ?))"


def list_events(
    store: Store,
    limit: int = 50,
    offset: int = 0,
    type_: str | None = None,
    cursor: str | None = None,
) -> dict[str, Any]:
    """A page of events, latest first: after ``cursor`` when given, else from ``offset``."""
    where, args, skip, total = typed_page_where(
        store, "events", type_, cursor, EVENT_AFTER, lambda k: [k[0], k[0], k[1]], 2, offset
    )
    evs = store.select(
        f"SELECT id, date FROM events {where} {EVENT_ORDER} LIMIT ? OFFSET ?",
        [*args, limit + 1, skip],
    )
    items = stored_summaries(store, Corpus.lazy(store), [e["id"] for e in evs[:limit]])
    return keyset_page(
        "events", evs, items, lambda e: (e["date"] or "", e["id"]), total, limit, offset, cursor
    )


def event(store: Store, event_id: str) -> dict[str, Any]:
    """An event with each source's version side by side, agreements and discrepancies."""
    ev = store.get_event(event_id)
    if ev is None:
        missing(store, "event", event_id)
    entities = LazyEntities(store)
    corpus = Corpus(entities, [], LazyLinks(store), {}, store)
    corpus.prefetch([ev])
    # Built from the statements of the event's reports, not from what resolution stored.
    raw = source_versions(store, ev.members)
    versions = []
    for v in raw:
        doc = store.get_document(v.get("doc_id", ""))
        versions.append(
            {
                **v,
                "title": doc_title(doc.title, doc.text) if doc else v.get("doc_id"),
                "published": doc.published if doc else None,
                "url": doc.url if doc else v.get("url"),
                "location_name": corpus.name(v.get("location")),
                "participant_refs": [corpus.ref(p) for p in v.get("participants", [])],
            }
        )
    # Compared from the statements of the reports, as the versions are.
    comparison = compare(raw)
    rows = compare_versions(corpus, versions, ev.type)
    return {
        **event_summary(corpus, ev),
        "under_review": _doubtful(store, {f"{d}#{k}" for d, k in ev.members}),
        "date_inferred": ev.data.get("date_inferred", False),
        "versions": versions,
        "comparison": comparison,
        "rows": rows,
    }


def source_versions(store: Store, members: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Each source's version of an event, built from the statements of its reports (in
    each document's current version) and their entities' corpus ids.

    The same fields and values resolution computes (``resolve.events.version``), in the
    order of the reports (document, key).
    """
    if not members:
        return []
    wanted = set(members)
    docs = sorted({d for d, _ in members})
    # The documents' events and their trade clauses (a clause is a subject of its own).
    rows = store.select(
        CURRENT_STATEMENTS.format(docs=marks(len(docs)))
        + " AND s.schema IN ('event', 'flow') ORDER BY s.doc_id, s.seq",
        docs,
    )
    said: dict[str, list[Any]] = {d: [] for d in docs}
    for r in rows:
        said[r["doc_id"]].append(from_row(r))
    links = store.select(
        f"SELECT doc_id, key, entity_id FROM doc_entities WHERE doc_id IN ({marks(len(docs))})"
        " AND entity_id IS NOT NULL",
        docs,
    )
    refer = {(r["doc_id"], r["key"]): r["entity_id"] for r in links}
    out = []
    for doc_id in docs:
        meta = store.get_document(doc_id, text=False) or Document(doc_id, "")
        for ev in extraction(doc_id, "", said[doc_id]).events:
            if (doc_id, ev.key) not in wanted:
                continue
            report = Report(doc_id, ev, _referrer(refer, doc_id), meta)
            out.append(version(report))
    return sorted(out, key=lambda v: (v["doc_id"], v["key"]))


def _referrer(refer: dict[tuple[str, str], str], doc_id: str) -> Callable[[str], str | None]:
    """A document's entity keys to their corpus ids."""
    return lambda key: refer.get((doc_id, key))


def _doubtful(store: Store, members: set[str]) -> list[dict[str, Any]]:
    """The machine's unsure merges between two reports of this event, read by report id."""
    ids = sorted(members)
    out = []
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        rows = store.select(
            "SELECT left_id, right_id, score FROM judgements WHERE kind = 'event'"
            " AND author = 'silkgraph' AND judgement = 'unsure'"
            f" AND left_id IN ({marks(len(part))}) ORDER BY created_at, left_id, right_id",
            part,
        )
        out += [
            {"left_id": r["left_id"], "right_id": r["right_id"], "probability": r["score"]}
            for r in rows
            if r["right_id"] in members
        ]
    return out
