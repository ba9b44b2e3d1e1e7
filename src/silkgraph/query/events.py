"""Events: the list (keyset pages, latest first) and one event with its sources compared."""

from __future__ import annotations

import logging
from typing import Any

from silkgraph.display import count_words, plural
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
from silkgraph.store.base import Store

log = logging.getLogger(__name__)

# Latest first, undated last; the id breaks ties so that the order is total (keyset pages).
EVENT_ORDER = "ORDER BY COALESCE(date, '') DESC, id"
EVENT_AFTER = "(COALESCE(date, '') < ? OR (COALESCE(date, '') = ? AND id > ?))"

COMPARED = (
    "date",
    "location",
    "amount_usd",
    "count",
    "modality",
    "participants",
    "commodities",
    "speaker",
)


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
    versions = []
    for v in ev.data.get("versions", []):
        doc = store.get_document(v.get("doc_id", ""))
        versions.append(
            {
                **v,
                "title": doc_title(doc.title, doc.text) if doc else v.get("doc_id"),
                "published": doc.published if doc else None,
                "location_name": corpus.name(v.get("location")),
                "participant_refs": [corpus.ref(p) for p in v.get("participants", [])],
            }
        )
    comparison = ev.data.get("comparison", {"agree": [], "differ": [], "only": []})
    status = {c["field"]: "agree" for c in comparison.get("agree", [])}
    status |= {c["field"]: "differ" for c in comparison.get("differ", [])}
    status |= {c["field"]: "only" for c in comparison.get("only", [])}
    rows = [
        {
            "field": f,
            "status": status.get(f, "same" if len(versions) < 2 else ""),
            "values": [_show(corpus, f, v.get(f), v) for v in versions],
        }
        for f in COMPARED
    ]
    rows = [r for r in rows if any(x not in (None, "", []) for x in r["values"])]
    return {
        **event_summary(corpus, ev),
        "under_review": _doubtful(store, {f"{d}#{k}" for d, k in ev.members}),
        "date_inferred": ev.data.get("date_inferred", False),
        "versions": versions,
        "comparison": comparison,
        "rows": rows,
    }


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


def _show(corpus: Corpus, field_: str, value: Any, version: dict[str, Any]) -> Any:
    if field_ == "count" and value:
        unit = version.get("count_unit")
        return count_words(float(value), plural(unit) if unit else None, version.get("type", ""))
    if field_ == "location":
        return corpus.name(value)
    if field_ == "participants":
        return ", ".join(corpus.name(p) or p for p in value or [])
    if field_ == "commodities":
        return ", ".join(value or [])
    if field_ == "amount_usd" and value:
        return f"USD {value:,.0f}"
    return value
