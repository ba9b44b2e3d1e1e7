"""Articles: the list (keyset pages, newest first) and one article with its facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from silkgraph.display import date_words
from silkgraph.errors import NotFound
from silkgraph.model import (
    FACT_KINDS,
    Amount,
    Commodity,
    Entity,
    Extraction,
    Quantity,
    TimeExpr,
)
from silkgraph.query.base import (
    Corpus,
    LazyEntities,
    LazyLinks,
    decode_cursor,
    doc_title,
    document_row,
    keyset_page,
    stored_summaries,
)
from silkgraph.store.base import Store

# Newest first, undated last; the id breaks ties so that the order is total (keyset pages).
DOC_ORDER = "ORDER BY COALESCE(published, '') DESC, id"
DOC_AFTER = "WHERE COALESCE(published, '') < ? OR (COALESCE(published, '') = ? AND id > ?)"
# Enough of the text to make a title of its first line when the article has none.
HEAD_CHARS = 1000


def list_documents(
    store: Store, limit: int = 50, offset: int = 0, cursor: str | None = None
) -> dict[str, Any]:
    """A page of articles, newest first: after ``cursor`` when given, else from ``offset``."""
    total = int(store.select("SELECT COUNT(*) AS n FROM documents")[0]["n"])
    where, args = "", []
    if cursor:
        published, doc_id = decode_cursor("documents", cursor, 2)
        where, args, offset_sql = DOC_AFTER, [published, published, doc_id], 0
    else:
        offset_sql = offset
    rows = store.select(
        "SELECT id, title, outlet, published, COALESCE(published, '') AS sort_key,"
        f" substr(text, 1, {HEAD_CHARS}) AS head FROM documents {where} {DOC_ORDER}"
        " LIMIT ? OFFSET ?",
        [*args, limit + 1, offset_sql],
    )
    items = [
        document_row(r["id"], r["title"], r["head"], r["outlet"], r["published"]) for r in rows
    ]
    return keyset_page(
        "documents",
        rows,
        items,
        lambda r: (r["sort_key"], r["id"]),
        total,
        limit,
        offset,
        cursor,
    )


def article(store: Store, doc_id: str) -> dict[str, Any]:
    """An article's text with every extracted fact, and segments for highlighting them.

    Reads the article, its extraction, its own entity and event links and the corpus
    entities and events they point to: a bounded read, whatever the size of the corpus.
    """
    doc = store.get_document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r}")
    ext = store.get_extraction(doc_id) or Extraction(doc_id, "")
    entities, links = LazyEntities(store), LazyLinks(store)
    corpus = Corpus(entities, [], links, {}, store)
    links.load([doc_id])
    entities.prefetch(links.links.values())
    event_of = {
        r["key"]: r["event_id"]
        for r in store.select(
            "SELECT key, event_id FROM doc_events WHERE doc_id = ? AND event_id IS NOT NULL",
            [doc_id],
        )
    }
    ids = sorted(set(event_of.values()))
    headlines = {s["id"]: s["headline"] for s in stored_summaries(store, corpus, ids)}
    facts = article_facts(ext, corpus)
    evidence = [
        {
            "start": ev.start,
            "end": ev.end,
            "event": event_of.get(ev.key),
            "type": ev.type,
            "title": f"{ev.type} event: {ev.trigger}",
        }
        for ev in ext.events
    ]
    return {
        "id": doc.id,
        "title": doc_title(doc.title, doc.text),
        "url": doc.url,
        "outlet": doc.outlet,
        "published": doc.published,
        "language": doc.language,
        "dateline_place": doc.dateline_place,
        "text": doc.text,
        "facts": facts,
        "evidence": evidence,
        "events": [
            dict(
                ev.to_dict(),
                corpus_id=cid,
                headline=headlines.get(cid) if cid else None,
                date_words=date_words(ev.date) if ev.date else None,
                participant_names=[doc_name(ext, corpus, doc_id, p) for p in ev.participants],
            )
            for ev in ext.events
            for cid in (event_of.get(ev.key),)
        ],
        "roles": [
            {
                "person": doc_name(ext, corpus, doc_id, r.person),
                "title": r.title,
                "org": doc_name(ext, corpus, doc_id, r.org) if r.org else None,
                "start": r.start,
                "end": r.end,
            }
            for r in ext.roles
        ],
        "errors": ext.errors,
        "segments": segments(doc.text, facts, evidence),
    }


def doc_name(ext: Extraction, corpus: Corpus, doc_id: str, key: str | None) -> dict[str, Any]:
    ent = ext.entity(key or "")
    eid = corpus.ent_of.get((doc_id, key or ""))
    return {"id": eid, "name": ent.name if ent else key}


def article_facts(ext: Extraction, corpus: Corpus) -> list[dict[str, Any]]:
    """Every fact with a span, as (kind, label, normalised value, start, end), in text order.

    The kinds are ``model.FACT_KINDS``: each is listed here (``FACT_LABELS``) or shown in a
    part of the page of its own (``SHOWN_APART``), and a test keeps the three in step.
    """
    fields = {k.schema: k.field for k in FACT_KINDS}
    facts: list[dict[str, Any]] = []
    for schema, label in FACT_LABELS.items():
        for rec in getattr(ext, fields[schema]):
            facts.extend(label(rec, ext, corpus))
    facts.sort(key=lambda x: (x["start"], -x["end"]))
    return facts


def _entity_facts(ent: Entity, ext: Extraction, corpus: Corpus) -> list[dict[str, Any]]:
    eid = corpus.ent_of.get((ext.doc_id, ent.key))
    canon = corpus.name(eid) if eid else ent.name
    norm = f"{ent.type}: {canon}"
    if ent.attrs.get("code"):
        norm += f" [{ent.attrs['code']}]"
    return [
        {
            "kind": "entity",
            "subtype": ent.type,
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "value": norm,
            "entity": eid,
        }
        for m in ent.mentions
    ]


def _amount_facts(a: Amount, ext: Extraction, corpus: Corpus) -> list[dict[str, Any]]:
    norm = f"{a.value:,.0f} {a.currency}"
    if a.usd is not None and a.currency != "USD":
        norm += f" ≈ USD {a.usd:,.0f} (rate {a.rate:.4g} of {a.rate_date}, {a.rate_source})"
    value = norm + (" (approx.)" if a.approx else "")
    return [{"kind": "amount", "text": a.text, "start": a.start, "end": a.end, "value": value}]


def _quantity_facts(q: Quantity, ext: Extraction, corpus: Corpus) -> list[dict[str, Any]]:
    value = f"{q.value:g} {q.unit}"
    return [{"kind": "quantity", "text": q.text, "start": q.start, "end": q.end, "value": value}]


def _commodity_facts(c: Commodity, ext: Extraction, corpus: Corpus) -> list[dict[str, Any]]:
    value = f"{c.name} (HS {c.hs})" if c.hs else c.name
    return [{"kind": "commodity", "text": c.text, "start": c.start, "end": c.end, "value": value}]


def _date_facts(d: TimeExpr, ext: Extraction, corpus: Corpus) -> list[dict[str, Any]]:
    val = date_words(d.value) + (f" to {date_words(d.end_value)}" if d.end_value else "")
    if d.value.startswith("--") and not d.inferred:
        val += " (year not stated)"
    val += f" [{d.value}]"
    value = val + (" (year inferred)" if d.inferred else "")
    return [{"kind": "date", "text": d.text, "start": d.start, "end": d.end, "value": value}]


# The kinds listed among an article's facts, in the order ties of one span keep.
FACT_LABELS: dict[str, Callable[[Any, Extraction, Corpus], list[dict[str, Any]]]] = {
    "entity": _entity_facts,
    "amount": _amount_facts,
    "quantity": _quantity_facts,
    "commodity": _commodity_facts,
    "date": _date_facts,
}
# The kinds the page shows in parts of their own: its roles and its events.
SHOWN_APART = frozenset({"role", "event"})


def segments(
    text: str, facts: list[dict[str, Any]], evidence: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Cut the text into runs, each covered by at most one fact and one evidence span.

    Overlapping facts cannot all be marked up inline; the longest one wins and the others
    stay in the list of facts beside the text.
    """
    chosen_facts = _non_overlapping(facts)
    chosen_ev = _non_overlapping(evidence)
    cuts = {0, len(text)}
    for s in chosen_facts + chosen_ev:
        cuts.update((max(0, min(s["start"], len(text))), max(0, min(s["end"], len(text)))))
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a == b:
            continue
        fact = next(
            (
                i
                for i, s in enumerate(facts)
                if s in chosen_facts and s["start"] <= a and b <= s["end"]
            ),
            None,
        )
        ev = next(
            (
                i
                for i, s in enumerate(evidence)
                if s in chosen_ev and s["start"] <= a and b <= s["end"]
            ),
            None,
        )
        out.append({"text": text[a:b], "fact": fact, "evidence": ev})
    return out


def _non_overlapping(spans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    chosen: list[dict[str, Any]] = []
    for s in sorted(spans, key=lambda x: (-(x["end"] - x["start"]), x["start"])):
        if s["end"] > s["start"] and all(
            s["end"] <= c["start"] or s["start"] >= c["end"] for c in chosen
        ):
            chosen.append(s)
    return chosen
