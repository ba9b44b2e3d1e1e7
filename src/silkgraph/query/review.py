"""The review queue: unsure merges waiting for a person, and the judgements made."""

from __future__ import annotations

from typing import Any

from silkgraph.model import Extraction
from silkgraph.query.base import (
    Corpus,
    chunks,
    decode_cursor,
    encode_cursor,
    marks,
    sentence_around,
    stored_summaries,
)
from silkgraph.store.base import Judgement, Store
from silkgraph.store.summaries import loads

REVIEW_PAGE = 20
PENDING = "kind = ? AND judgement = 'unsure' AND author = 'silkgraph'"
ORDER = "ORDER BY created_at, left_id, right_id"


def review_queue(
    store: Store, limit: int = REVIEW_PAGE, cursor: str | None = None
) -> dict[str, Any]:
    """What waits for a person: the machine's unsure entity merges (``items``) and the event
    merges it made with a low pair probability (``events``), each with both sides; and the
    judgements people made (``decided``).

    A page holds ``limit`` merges of each kind, oldest first, after ``cursor``; only the
    page's merges are read with their articles, so a page costs the same whatever the
    queue's length. Each resolution rewrites the machine's doubtful event merges to the
    ones it made (``replace_machine_events``), so every one counted stands; one that no
    longer does is still left off its page.
    """
    after = decode_cursor("review", cursor, 6) if cursor else ["", "", "", "", "", ""]
    corpus = Corpus.lazy(store)
    cache: dict[str, Extraction | None] = {}
    total, rows = _pending(store, "entity", after[3:] if cursor else None, limit)
    n_events, ev_rows = _pending(store, "event", after[:3] if cursor else None, limit)
    judged = {(j.left_id, j.right_id): j for j in _judgements(store, "entity", rows[:limit])}
    items = [
        {
            "left": _side(store, corpus, cache, j.left_id),
            "right": _side(store, corpus, cache, j.right_id),
            "left_id": j.left_id,
            "right_id": j.right_id,
            "score": j.score,
            "features": j.features,
        }
        for r in rows[:limit]
        if (j := judged.get((r["left_id"], r["right_id"]))) is not None
    ]
    page = [(r["created_at"], r["left_id"], r["right_id"]) for r in ev_rows[:limit]]
    events = event_merges(store, corpus, page)
    last_ev = page[-1] if page else tuple(after[:3])
    last_ent = (
        (rows[:limit][-1]["created_at"], rows[:limit][-1]["left_id"], rows[:limit][-1]["right_id"])
        if rows[:limit]
        else tuple(after[3:])
    )
    decided = [
        r
        for kind in ("entity", "event")
        for r in store.select(
            "SELECT kind, left_id, right_id, judgement, author, created_at FROM judgements"
            f" WHERE kind = ? AND author <> 'silkgraph' {ORDER}",
            [kind],
        )
    ]
    more = len(rows) > limit or len(ev_rows) > limit
    return {
        "total": total,
        "items": items,
        "events": {"total": n_events, "items": events},
        "pending": total + n_events,
        "decided": decided,
        "limit": limit,
        "cursor": cursor,
        "next_cursor": encode_cursor("review", [*last_ev, *last_ent]) if more else None,
    }


def _pending(
    store: Store, kind: str, after: list[Any] | None, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """How many of the machine's unsure ``kind`` merges wait, and the next ``limit + 1``
    (left_id, right_id, created_at) after the sort key ``after``, oldest first."""
    total = int(
        store.select(f"SELECT COUNT(*) AS n FROM judgements WHERE {PENDING}", [kind])[0]["n"]
    )
    keyset = (
        " AND (created_at > ? OR (created_at = ? AND (left_id > ?"
        " OR (left_id = ? AND right_id > ?))))"
    )
    args = [after[0], after[0], after[1], after[1], after[2]] if after else []
    rows = store.select(
        f"SELECT left_id, right_id, created_at FROM judgements WHERE {PENDING}"
        + (keyset if after else "")
        + f" {ORDER} LIMIT ?",
        [kind, *args, limit + 1],
    )
    return total, rows


def standing_event_merges(store: Store) -> list[tuple[str, str, str]]:
    """(created_at, left, right) of the machine's doubtful event merges that still stand
    (both reports in one event), oldest first; read as ids only, the reports' events in
    batches by document."""
    rows = store.select(
        f"SELECT left_id, right_id, created_at FROM judgements WHERE {PENDING} {ORDER}",
        ["event"],
    )
    docs = {r[side].partition("#")[0] for r in rows for side in ("left_id", "right_id")}
    event_of: dict[tuple[str, str], str] = {}
    for part in chunks(docs):
        for r in store.select(
            "SELECT doc_id, key, event_id FROM doc_events"
            f" WHERE doc_id IN ({marks(len(part))}) AND event_id IS NOT NULL",
            part,
        ):
            event_of[(r["doc_id"], r["key"])] = r["event_id"]
    out = []
    for r in rows:
        left = tuple(r["left_id"].partition("#")[::2])
        right = tuple(r["right_id"].partition("#")[::2])
        ev = event_of.get((left[0], left[1]))
        if ev is not None and event_of.get((right[0], right[1])) == ev:
            out.append((r["created_at"], r["left_id"], r["right_id"]))
    return out


def _judgements(store: Store, kind: str, rows: list[dict[str, Any]]) -> list[Judgement]:
    """The stored judgements of ``kind`` on the pairs of ``rows`` (left_id, right_id)."""
    out = []
    for r in rows:
        got = store.select(
            "SELECT score, features, judgement, author, created_at FROM judgements"
            " WHERE kind = ? AND left_id = ? AND right_id = ?",
            [kind, r["left_id"], r["right_id"]],
        )
        if got:
            g = got[0]
            out.append(
                Judgement(
                    kind,
                    r["left_id"],
                    r["right_id"],
                    g["judgement"],
                    g["score"],
                    loads(g["features"]),
                    g["author"],
                    g["created_at"],
                )
            )
    return out


def event_merges(
    store: Store, corpus: Corpus, pairs: list[tuple[str, str, str]] | None = None
) -> list[dict[str, Any]]:
    """Event merges waiting for review: the two reports the doubtful link joined, each with
    its outlet, date and evidence sentence, the event they are in and the pair probability
    with each feature's share. ``pairs`` (created_at, left, right) picks which; by default
    every merge that still stands."""
    out = []
    wanted = standing_event_merges(store) if pairs is None else pairs
    for j in _judgements(store, "event", [{"left_id": p[1], "right_id": p[2]} for p in wanted]):
        left, right = j.left_id.partition("#")[::2], j.right_id.partition("#")[::2]
        event_id = _event_of(store, left[0], left[1])
        if event_id is None or _event_of(store, right[0], right[1]) != event_id:
            continue
        found = stored_summaries(store, corpus, [event_id])
        if not found:
            continue
        summary = found[0]
        out.append(
            {
                "event": summary,
                "left_id": j.left_id,
                "right_id": j.right_id,
                "left": _report(store, corpus, _version(store, *left), j.left_id),
                "right": _report(store, corpus, _version(store, *right), j.right_id),
                "probability": j.score,
                "features": j.features,
            }
        )
    return out


def _version(store: Store, doc_id: str, key: str) -> dict[str, Any]:
    """One report's version of the event it joined (read alone, not with the event's
    every other report)."""
    rows = store.select(
        "SELECT version FROM doc_events WHERE doc_id = ? AND key = ? AND version IS NOT NULL",
        [doc_id, key],
    )
    version = loads(rows[0]["version"]) if rows else {}
    return version if isinstance(version, dict) else {}


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
