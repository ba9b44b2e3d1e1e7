"""Read functions shared by the CLI, the HTTP API, the web pages and the exports.

Each page of the web UI and its JSON twin under ``/api`` call the same function here, so
the two can never disagree. Every function takes a Store and returns plain JSON-ready data;
nothing here writes.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, NoReturn

from silkgraph.display import (
    EventDate,
    count_words,
    date_words,
    event_date,
    headline,
    plural,
)
from silkgraph.errors import Moved, NotFound
from silkgraph.ingest import parse_dateline
from silkgraph.model import EVENT_TYPES, Event, Extraction, TradeFlow
from silkgraph.store.base import CorpusEntity, CorpusEvent, Store

log = logging.getLogger(__name__)

ALL = 10**9
PLACE_TYPES = ("GPE", "LOC", "FAC")


# corpus context --------------------------------------------------------------


@dataclass(slots=True)
class Corpus:
    """The resolved corpus view loaded once per request: entities, events and their links.

    Loading it whole keeps every read function simple; it is sized for the corpora one
    analyst explores (thousands of articles), not for the whole news stream.
    """

    entities: dict[str, CorpusEntity]
    events: list[CorpusEvent]
    ent_of: dict[tuple[str, str], str]
    doc_entities: dict[str, set[str]] = field(default_factory=dict)
    store: Store | None = None
    _published: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> Corpus:
        links = store.entity_links()
        per_doc: dict[str, set[str]] = defaultdict(set)
        for (doc_id, _), eid in links.items():
            per_doc[doc_id].add(eid)
        return cls(
            {e.id: e for e in store.list_entities(limit=ALL)},
            store.list_events(limit=ALL),
            links,
            dict(per_doc),
            store,
        )

    def published(self, doc_id: str) -> str | None:
        """An article's publication date, read once (only year-less dates ask for it)."""
        if doc_id not in self._published:
            doc = self.store.get_document(doc_id, text=False) if self.store else None
            self._published[doc_id] = doc.published if doc else None
        return self._published[doc_id]

    def when(self, ev: CorpusEvent) -> EventDate:
        """The event's date with the year it is filed under (see ``display.event_date``)."""
        published = None
        if ev.date and ev.date.startswith("--"):
            docs = {v.get("doc_id") for v in ev.data.get("versions", [])}
            published = [self.published(d) for d in sorted(d for d in docs if d)]
        return event_date(ev.date, ev.end_date, bool(ev.data.get("date_inferred")), published)

    def name(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        ent = self.entities.get(ref)
        return ent.name if ent else ref

    def ref(self, ref: str | None) -> dict[str, Any] | None:
        """An entity reference for display: id, name, type, and whether it resolves."""
        if ref is None:
            return None
        ent = self.entities.get(ref)
        if ent is None:
            return {"id": None, "name": ref, "type": None}
        return {"id": ent.id, "name": ent.name, "type": ent.type}

    def country(self, ref: str | None) -> str | None:
        ent = self.entities.get(ref or "")
        if ent is None:
            return None
        code = ent.attrs.get("country") or (ent.attrs.get("code") if ent.type == "GPE" else None)
        return str(code) if code else None


def event_countries(corpus: Corpus, ev: CorpusEvent) -> set[str]:
    refs = set(event_participants(ev)) | ({ev.location} if ev.location else set())
    return {c for r in refs if (c := corpus.country(r))}


def event_participants(ev: CorpusEvent) -> list[str]:
    seen: dict[str, None] = {}
    for v in ev.data.get("versions", []):
        for p in v.get("participants", []):
            seen.setdefault(p, None)
    return list(seen)


def event_value(ev: CorpusEvent) -> float | None:
    values = [v["amount_usd"] for v in ev.data.get("versions", []) if v.get("amount_usd")]
    return max(values) if values else None


def event_count(ev: CorpusEvent) -> tuple[float | None, str | None]:
    """The event's count and what it counts ("document"), from the first report with one."""
    for v in ev.data.get("versions", []):
        if v.get("count"):
            return float(v["count"]), v.get("count_unit")
    return None, None


def event_summary(corpus: Corpus, ev: CorpusEvent) -> dict[str, Any]:
    """One event as a list row: headline, type, date, place, participants, value, sources.

    ``date_words`` and ``year`` say how the date reads and which year it is filed under
    (``year_source``: stated, other report, publication date, or None for unknown).
    """
    versions = ev.data.get("versions", [])
    commodities = sorted({c for v in versions for c in v.get("commodities", [])})
    when = corpus.when(ev)
    count, unit = event_count(ev)
    location = corpus.ref(ev.location)
    value = event_value(ev)
    counted = count_words(count, plural(unit) if unit else None, ev.type)
    out: dict[str, Any] = {
        "id": ev.id,
        "type": ev.type,
        "date": ev.date,
        "end_date": ev.end_date,
        "date_words": when.words(),
        "year": when.year,
        "year_source": when.year_source,
        "date_sort": when.sort_key,
        "location": location,
        "participants": [corpus.ref(p) for p in event_participants(ev)],
        "amount_usd": value,
        "count": count,
        "count_unit": unit,
        "count_words": counted,
        "commodities": commodities,
        "modality": versions[0].get("modality") if versions else None,
        "n_sources": len({v.get("doc_id") for v in versions}),
        # Copies of one story (one outlet, a shared sentence, near-identical words) count once.
        "independent_sources": ev.data.get("independent_sources"),
        "outlets": sorted({v["outlet"] for v in versions if v.get("outlet")}),
        "evidence": versions[0].get("evidence") if versions else None,
    }
    place = location["name"] if location else None
    parties = headline_parties(corpus, ev)
    goods = list(dict.fromkeys(c for v in versions for c in v.get("commodities", [])))
    out["headline"] = headline(
        ev.type, parties, place if place not in parties else None, when, value, counted, goods
    )
    return out


def headline_parties(corpus: Corpus, ev: CorpusEvent) -> list[str]:
    """Who an event's headline names: its countries where two or more take part, else its
    countries, regions, organisations and people in that order (three at most)."""
    rank = {"country": 0, "region": 1}
    refs = [corpus.entities[p] for p in event_participants(ev) if p in corpus.entities]
    countries = [e.name for e in refs if e.attrs.get("place_kind") == "country"]
    if len(countries) >= 2:
        return list(dict.fromkeys(countries))[:3]

    def order(e: CorpusEntity) -> int:
        if e.type in ("GPE", "LOC"):
            return rank.get(str(e.attrs.get("place_kind")), 2)
        return {"ORG": 3, "PERSON": 4}.get(e.type, 5)

    refs.sort(key=order)
    return list(dict.fromkeys(e.name for e in refs if order(e) < 2 or e.type != "GPE"))[:3]


def entity_summary(ent: CorpusEntity, n_docs: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": ent.id,
        "name": ent.name,
        "type": ent.type,
        "aliases": ent.aliases,
        "attrs": ent.attrs,
    }
    if n_docs is not None:
        out["n_docs"] = n_docs
    return out


def doc_title(title: str | None, text: str) -> str:
    """A document's title, or its first words when it has none."""
    if title:
        return title
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = parse_dateline(first)
    if line is not None and line.length < len(first):
        first = first[line.length :].strip()
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + " …"


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }


# home and lists --------------------------------------------------------------


def overview(store: Store) -> dict[str, Any]:
    """Corpus figures, latest events and articles, the most connected entities."""
    corpus = Corpus.load(store)
    counts = store.counts()
    degree = Counter(eid for ids in corpus.doc_entities.values() for eid in ids)
    for ev in corpus.events:
        degree.update(p for p in event_participants(ev) if p in corpus.entities)
    top = [
        dict(entity_summary(corpus.entities[e]), degree=n)
        for e, n in degree.most_common(12)
        if e in corpus.entities
    ]
    docs = store.list_documents(limit=8)
    return {
        "counts": counts,
        "events": [event_summary(corpus, e) for e in corpus.events[:8]],
        "entities": top,
        "documents": [document_row(d.id, d.title, d.text, d.outlet, d.published) for d in docs],
        "empty": counts.get("documents", 0) == 0,
    }


def document_row(
    doc_id: str, title: str | None, text: str, outlet: str | None, published: str | None
) -> dict[str, Any]:
    return {"id": doc_id, "title": doc_title(title, text), "outlet": outlet, "published": published}


def list_documents(store: Store, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    total = store.counts().get("documents", 0)
    docs = store.list_documents(limit=limit, offset=offset)
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": [document_row(d.id, d.title, d.text, d.outlet, d.published) for d in docs],
    }


def list_entities(
    store: Store, limit: int = 50, offset: int = 0, type_: str | None = None
) -> dict[str, Any]:
    corpus = Corpus.load(store)
    n_docs = Counter(eid for ids in corpus.doc_entities.values() for eid in ids)
    items = [
        entity_summary(e, n_docs[e.id])
        for e in corpus.entities.values()
        if not type_ or e.type == type_
    ]
    items.sort(key=lambda e: (-e["n_docs"], e["name"]))
    return page(items, limit, offset)


def list_events(
    store: Store, limit: int = 50, offset: int = 0, type_: str | None = None
) -> dict[str, Any]:
    corpus = Corpus.load(store)
    items = [event_summary(corpus, e) for e in corpus.events if not type_ or e.type == type_]
    return page(items, limit, offset)


# search with facets ----------------------------------------------------------


@dataclass(slots=True)
class Filters:
    """Facets a search or a view can be narrowed by; empty fields do not filter."""

    entity_type: str | None = None
    event_type: str | None = None
    country: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def in_dates(self, value: str | None) -> bool:
        if not (self.date_from or self.date_to):
            return True
        if not value or value.startswith("--"):
            return False
        n = len(value)
        return (not self.date_from or value >= self.date_from[:n]) and (
            not self.date_to or value <= self.date_to[:n]
        )

    def to_dict(self) -> dict[str, str]:
        return {k: v for k in self.__slots__ if (v := getattr(self, k))}


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


# article ----------------------------------------------------------------------


def article(store: Store, doc_id: str) -> dict[str, Any]:
    """An article's text with every extracted fact, and segments for highlighting them."""
    doc = store.get_document(doc_id)
    if doc is None:
        raise NotFound(f"no document {doc_id!r}")
    ext = store.get_extraction(doc_id) or Extraction(doc_id, "")
    corpus = Corpus.load(store)
    facts = article_facts(ext, corpus)
    evidence = [
        {
            "start": ev.start,
            "end": ev.end,
            "event": corpus_event_id(corpus, doc_id, ev.key),
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
                headline=_headline_of(corpus, cid),
                date_words=date_words(ev.date) if ev.date else None,
                participant_names=[_doc_name(ext, corpus, doc_id, p) for p in ev.participants],
            )
            for ev in ext.events
            for cid in (corpus_event_id(corpus, doc_id, ev.key),)
        ],
        "roles": [
            {
                "person": _doc_name(ext, corpus, doc_id, r.person),
                "title": r.title,
                "org": _doc_name(ext, corpus, doc_id, r.org) if r.org else None,
                "start": r.start,
                "end": r.end,
            }
            for r in ext.roles
        ],
        "errors": ext.errors,
        "segments": segments(doc.text, facts, evidence),
    }


def _headline_of(corpus: Corpus, event_id: str | None) -> str | None:
    ev = next((e for e in corpus.events if e.id == event_id), None) if event_id else None
    return event_summary(corpus, ev)["headline"] if ev else None


def corpus_event_id(corpus: Corpus, doc_id: str, key: str) -> str | None:
    for ev in corpus.events:
        if (doc_id, key) in ev.members or any(
            v.get("doc_id") == doc_id and v.get("key") == key for v in ev.data.get("versions", [])
        ):
            return ev.id
    return None


def _doc_name(ext: Extraction, corpus: Corpus, doc_id: str, key: str | None) -> dict[str, Any]:
    ent = ext.entity(key or "")
    eid = corpus.ent_of.get((doc_id, key or ""))
    return {"id": eid, "name": ent.name if ent else key}


def article_facts(ext: Extraction, corpus: Corpus) -> list[dict[str, Any]]:
    """Every fact with a span, as (kind, label, normalised value, start, end), in text order."""
    facts: list[dict[str, Any]] = []
    for ent in ext.entities:
        eid = corpus.ent_of.get((ext.doc_id, ent.key))
        canon = corpus.name(eid) if eid else ent.name
        norm = f"{ent.type}: {canon}"
        if ent.attrs.get("code"):
            norm += f" [{ent.attrs['code']}]"
        for m in ent.mentions:
            facts.append(
                {
                    "kind": "entity",
                    "subtype": ent.type,
                    "text": m.text,
                    "start": m.start,
                    "end": m.end,
                    "value": norm,
                    "entity": eid,
                }
            )
    for a in ext.amounts:
        norm = f"{a.value:,.0f} {a.currency}"
        if a.usd is not None and a.currency != "USD":
            norm += f" ≈ USD {a.usd:,.0f} (rate {a.rate:.4g} of {a.rate_date}, {a.rate_source})"
        facts.append(
            {
                "kind": "amount",
                "text": a.text,
                "start": a.start,
                "end": a.end,
                "value": norm + (" (approx.)" if a.approx else ""),
            }
        )
    for q in ext.quantities:
        facts.append(
            {
                "kind": "quantity",
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "value": f"{q.value:g} {q.unit}",
            }
        )
    for c in ext.commodities:
        facts.append(
            {
                "kind": "commodity",
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "value": f"{c.name} (HS {c.hs})" if c.hs else c.name,
            }
        )
    for d in ext.dates:
        val = date_words(d.value) + (f" to {date_words(d.end_value)}" if d.end_value else "")
        if d.value.startswith("--") and not d.inferred:
            val += " (year not stated)"
        val += f" [{d.value}]"
        facts.append(
            {
                "kind": "date",
                "text": d.text,
                "start": d.start,
                "end": d.end,
                "value": val + (" (year inferred)" if d.inferred else ""),
            }
        )
    facts.sort(key=lambda x: (x["start"], -x["end"]))
    return facts


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


# entity -----------------------------------------------------------------------


def _missing(store: Store, kind: str, item_id: str) -> NoReturn:
    """Raise ``Moved`` for an id that was merged or renamed, else ``NotFound``."""
    new_id = store.get_redirect(kind, item_id)
    if new_id is not None:
        raise Moved(kind, item_id, new_id)
    raise NotFound(f"no {kind} {item_id!r}")


def sentence_around(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence holding a span, and the span's offsets within it."""
    left = max(
        text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0,
        text.rfind("\n", 0, start) + 1,
    )
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(stops) + 1 if stops else len(text)
    return text[left:right].strip(), start - left, end - left


def entity(store: Store, entity_id: str) -> dict[str, Any]:
    """An entity: names, roles, mentions with context, events, co-occurring entities."""
    ent = store.get_entity(entity_id)
    if ent is None:
        _missing(store, "entity", entity_id)
    corpus = Corpus.load(store)
    mentions, roles = [], []
    by_doc: dict[str, list[str]] = defaultdict(list)
    for doc_id, key in ent.members:
        by_doc[doc_id].append(key)
    for doc_id, keys in sorted(by_doc.items()):
        doc, ext = store.get_document(doc_id), store.get_extraction(doc_id)
        if doc is None or ext is None:
            continue
        title = doc_title(doc.title, doc.text)
        for key in keys:
            e = ext.entity(key)
            for m in e.mentions if e else []:
                sent, a, b = sentence_around(doc.text, m.start, m.end)
                mentions.append(
                    {
                        "doc_id": doc_id,
                        "title": title,
                        "published": doc.published,
                        "text": m.text,
                        "start": m.start,
                        "before": sent[:a],
                        "match": sent[a:b],
                        "after": sent[b:],
                    }
                )
            for r in ext.roles:
                if r.person == key:
                    org = _doc_name(ext, corpus, doc_id, r.org) if r.org else None
                    roles.append({"title": r.title, "org": org, "doc_id": doc_id})
    events = [
        event_summary(corpus, ev)
        for ev in corpus.events
        if entity_id in event_participants(ev) or ev.location == entity_id
    ]
    events.sort(key=lambda e: e["date_sort"])
    return {
        **entity_summary(ent),
        "n_docs": len(by_doc),
        "mentions": mentions,
        "roles": roles,
        "events": events,
        "network": network(corpus, entity_id),
    }


def network(corpus: Corpus, entity_id: str, limit: int = 25) -> dict[str, Any]:
    """Entities that share articles or events with one entity, weighted by how often."""
    weights: Counter[str] = Counter()
    for ids in corpus.doc_entities.values():
        if entity_id in ids:
            weights.update(i for i in ids if i != entity_id)
    for ev in corpus.events:
        parts = set(event_participants(ev))
        if entity_id in parts:
            weights.update(p for p in parts if p != entity_id and p in corpus.entities)
    nodes = [_node(corpus.entities[entity_id])]
    edges = []
    for other, w in weights.most_common(limit):
        if other in corpus.entities:
            nodes.append(_node(corpus.entities[other]))
            edges.append({"source": entity_id, "target": other, "weight": w})
    return {"nodes": nodes, "edges": edges}


def _node(ent: CorpusEntity) -> dict[str, Any]:
    return {"id": ent.id, "label": ent.name, "kind": "entity", "type": ent.type}


# event ------------------------------------------------------------------------

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


def event(store: Store, event_id: str) -> dict[str, Any]:
    """An event with each source's version side by side, agreements and discrepancies."""
    ev = store.get_event(event_id)
    if ev is None:
        _missing(store, "event", event_id)
    corpus = Corpus.load(store)
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
    members = {f"{d}#{k}" for d, k in ev.members}
    doubtful = [
        {"left_id": j.left_id, "right_id": j.right_id, "probability": j.score}
        for j in store.list_judgements("event")
        if j.author == "silkgraph"
        and j.judgement == "unsure"
        and j.left_id in members
        and j.right_id in members
    ]
    return {
        **event_summary(corpus, ev),
        "under_review": doubtful,
        "date_inferred": ev.data.get("date_inferred", False),
        "versions": versions,
        "comparison": comparison,
        "rows": rows,
    }


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


# graph, timeline, map, trade flows --------------------------------------------


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
        nodes.setdefault(a, _node(corpus.entities[a]))
        nodes.setdefault(b, _node(corpus.entities[b]))
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
            nodes.setdefault(r, _node(corpus.entities[r]))
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


def trade_flows(store: Store) -> dict[str, Any]:
    """Trade between countries from TRADE events: directed flows and two-way turnover.

    Each clause of a report is one flow (see ``extract.events.trade_flows``): goods a
    country exports, imports or supplies, with the other side where the text names it
    and "unspecified" where it does not; trade both ways ("turnover") is listed apart and
    never drawn as a direction. One row per event and direction: the sources of one event
    are merged, so each value counts once; ``totals`` add the rows up.
    """
    corpus = Corpus.load(store)
    rows: dict[tuple[Any, ...], dict[str, Any]] = {}
    extractions: dict[str, Extraction | None] = {}
    for ev in corpus.events:
        if ev.type != "TRADE":
            continue
        summary = event_summary(corpus, ev)
        for v in ev.data.get("versions", []):
            doc_id = v.get("doc_id", "")
            if doc_id not in extractions:
                extractions[doc_id] = store.get_extraction(doc_id)
            ext = extractions[doc_id]
            own = next((e for e in ext.events if e.key == v.get("key")), None) if ext else None
            hs: dict[str, str | None] = {c.name: c.hs for c in ext.commodities} if ext else {}
            for flow in _report_flows(own, v):
                row = _flow_row(corpus, doc_id, flow, summary, v)
                key: tuple[Any, ...] = (ev.id, row["kind"])
                if row["kind"] == "turnover":
                    key += tuple(sorted(p["code"] or p["name"] for p in row["parties"]))
                else:
                    key += (row["exporter"]["code"], row["importer"]["code"])
                _merge_row(rows, key, row, flow.commodities, hs)
    items = sorted(
        rows.values(), key=lambda r: (-(r["usd"] or 0), r["year"] or "", r["event"]["headline"])
    )
    flows = [r for r in items if r["kind"] != "turnover"]
    turnover = [r for r in items if r["kind"] == "turnover"]
    return {
        "total": len(flows),
        "flows": flows,
        "turnover": turnover,
        "totals": {
            "directed_usd": sum(r["usd"] or 0 for r in flows),
            "turnover_usd": sum(r["usd"] or 0 for r in turnover),
        },
        "types": list(EVENT_TYPES),
    }


def _report_flows(ev: Event | None, version: dict[str, Any]) -> list[TradeFlow]:
    """A report's flows; a report read before flows existed gives one from its direction."""
    if ev is not None and ev.flows:
        return ev.flows
    exporter = ev.exporter if ev else version.get("exporter")
    importer = ev.importer if ev else version.get("importer")
    commodities = list(ev.commodities if ev else version.get("commodities") or [])
    amount = ev.amount_usd if ev else version.get("amount_usd")
    kind = "export" if exporter or importer else "supply"
    return [TradeFlow(kind, "", 0, 0, exporter, importer, [], commodities, amount)]


def _flow_row(
    corpus: Corpus,
    doc_id: str,
    flow: TradeFlow,
    summary: dict[str, Any],
    version: dict[str, Any],
) -> dict[str, Any]:
    return {
        "kind": flow.kind,
        "exporter": _country_side(corpus, doc_id, flow.exporter),
        "importer": _country_side(corpus, doc_id, flow.importer),
        "parties": [_country_side(corpus, doc_id, p) for p in flow.parties],
        "year": summary["year"],
        "year_source": summary["year_source"],
        "date_words": summary["date_words"],
        "modality": version.get("modality"),
        "usd": flow.amount_usd,
        "commodities": [],
        "event": {"id": summary["id"], "headline": summary["headline"]},
        "evidence": version.get("evidence"),
        "doc_id": doc_id,
    }


def _merge_row(
    rows: dict[tuple[Any, ...], dict[str, Any]],
    key: tuple[Any, ...],
    row: dict[str, Any],
    commodities: list[str],
    hs: dict[str, str | None],
) -> None:
    """One row per event and direction: goods joined, the value of the report that gives
    the largest (sources of one event are not added up)."""
    have = rows.setdefault(key, row)
    names = {c["name"] for c in have["commodities"]}
    have["commodities"] += [
        {"name": c, "hs": hs.get(c)} for c in dict.fromkeys(commodities) if c not in names
    ]
    if row["usd"] is not None and (have["usd"] is None or row["usd"] > have["usd"]):
        have["usd"] = row["usd"]


def _country_side(corpus: Corpus, doc_id: str, key: str | None) -> dict[str, Any]:
    """One side of a flow as a country: code and name, or unspecified."""
    if not key:
        return {"code": None, "name": "unspecified"}
    eid = corpus.ent_of.get((doc_id, key), key)
    code = corpus.country(eid)
    if code is None:
        from silkgraph.knowledge.gazetteer import get_gazetteer

        place = get_gazetteer().lookup(corpus.name(eid) or key)
        code = place.country if place is not None else None
    if code is None:
        return {"code": None, "name": corpus.name(eid) or key}
    return {"code": code, "name": country_name(corpus, code)}


def country_name(corpus: Corpus, code: str) -> str:
    """A country's name as the corpus spells it, else its short ISO name."""
    ent = corpus.entities.get(f"e:{code.lower()}")
    if ent is not None:
        return ent.name
    import pycountry

    rec = pycountry.countries.get(alpha_2=code)
    return str(getattr(rec, "common_name", None) or rec.name) if rec else code


# review queue -----------------------------------------------------------------


def review_queue(store: Store) -> dict[str, Any]:
    """What waits for a person: the machine's unsure entity merges (``items``) and the event
    merges it made with a low pair probability that still stand (``events``), each with both
    sides; and the judgements people made (``decided``)."""
    items = []
    corpus = Corpus.load(store)
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
    links = store.event_links()
    out = []
    for j in store.list_judgements("event"):
        if j.judgement != "unsure" or j.author != "silkgraph":
            continue
        left, right = j.left_id.partition("#")[::2], j.right_id.partition("#")[::2]
        event_id = links.get((left[0], left[1]))
        if event_id is None or links.get((right[0], right[1])) != event_id:
            continue
        ev = store.get_event(event_id)
        if ev is None:
            continue
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
