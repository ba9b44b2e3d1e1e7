"""Resolution over the whole store: entities across documents, then events across sources."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from silkgraph.model import Document, Extraction
from silkgraph.resolve.entities import EntityIndex, resolve_entities
from silkgraph.store.base import CorpusEvent, Judgement, Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ResolutionReport:
    """What a resolution run did."""

    doc_entities: int
    entities: int
    doc_events: int
    events: int
    auto_links: int
    units: int = 0
    candidate_pairs: int = 0


def _meta(doc: Document | None) -> Document | None:
    """A document without its text: event clustering needs only outlet and date."""
    if doc is None:
        return None
    return Document(doc.id, "", outlet=doc.outlet, published=doc.published)


def same_event_links(
    events: list[CorpusEvent], extractions: list[Extraction]
) -> list[tuple[str, str]]:
    """Pairs of named-event entities whose reports one event cluster holds."""
    subject = {(x.doc_id, ev.key): ev.subject for x in extractions for ev in x.events if ev.subject}
    out: list[tuple[str, str]] = []
    for ev in events:
        named = [f"{d}#{subject[(d, k)]}" for d, k in ev.members if (d, k) in subject]
        out.extend((named[0], other) for other in named[1:])
    return out


def _event_refs(ext: Extraction) -> set[str]:
    """The document entities an extraction's events point to."""
    out: set[str] = set()
    for ev in ext.events:
        out.update(ev.participants)
        out.update(k for k in (ev.subject, ev.speaker, ev.location, ev.exporter, ev.importer) if k)
    return out


def resolve_store(store: Store) -> ResolutionReport:
    """Re-run resolution over every stored extraction; human judgements are kept and applied.

    Extractions stream from the store: entities are folded into an index whose size
    follows the distinct names, and only documents with events keep those events.
    """
    judgements = store.list_judgements()
    human = [j for j in judgements if j.kind == "entity" and j.author != "silkgraph"]
    index = EntityIndex({n for j in human for n in (j.left_id, j.right_id)})
    extractions = []
    docs: dict[str, Document | None] = {}
    for ext in store.iter_extractions():
        index.add(ext, _event_refs(ext))
        if ext.events:
            extractions.append(Extraction(ext.doc_id, ext.pipeline, events=ext.events))
            docs[ext.doc_id] = _meta(store.get_document(ext.doc_id))
    entities, links, entity_of = resolve_entities(index, judgements)
    events = _events(index, entity_of, extractions, docs, judgements)
    same = same_event_links(events, extractions)
    if same:
        entities, links, entity_of = resolve_entities(index, judgements, same)
        events = _events(index, entity_of, extractions, docs, judgements)
    store.save_resolution(entities, events)
    decided = {(j.left_id, j.right_id) for j in human}
    for j in links:
        # Unsure links feed the review queue; a person's judgement is never overwritten.
        if j.judgement == "unsure" and (j.left_id, j.right_id) not in decided:
            store.save_judgement(j)
    report = ResolutionReport(
        len(index),
        len(entities),
        sum(len(e.events) for e in extractions),
        len(events),
        len(links),
        len(index.units),
        index.n_candidates,
    )
    log.info("resolution: %s", report)
    return report


def _events(
    index: EntityIndex,
    entity_of: list[str],
    extractions: list[Extraction],
    docs: dict[str, Document | None],
    judgements: list[Judgement],
) -> list[CorpusEvent]:
    from silkgraph.resolve.events import resolve_events

    ent_of = {ref: entity_of[u] for ref, u in index.refs.items()}
    return resolve_events(
        extractions, ent_of, docs, judgements, index.doc_entities(entity_of, set(docs))
    )
