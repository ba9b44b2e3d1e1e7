"""Resolution over the whole store: entities across documents, then events across sources."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from silkgraph.model import Document, Extraction
from silkgraph.resolve.entities import Node, make_nodes, resolve_entities
from silkgraph.store.base import CorpusEvent, Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class ResolutionReport:
    """What a resolution run did."""

    doc_entities: int
    entities: int
    doc_events: int
    events: int
    auto_links: int


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


def resolve_store(store: Store) -> ResolutionReport:
    """Re-run resolution over every stored extraction; human judgements are kept and applied."""
    from silkgraph.resolve.events import resolve_events

    # Stream: keep compact nodes and each document's events, not whole extractions.
    nodes: list[Node] = []
    extractions = []
    for ext in store.iter_extractions():
        nodes.extend(make_nodes([ext]))
        extractions.append(Extraction(ext.doc_id, ext.pipeline, events=ext.events))
    judgements = store.list_judgements()
    entities, links = resolve_entities(nodes, judgements)
    ent_of = {ref: e.id for e in entities for ref in e.members}
    docs = {ext.doc_id: _meta(store.get_document(ext.doc_id)) for ext in extractions}
    events = resolve_events(extractions, ent_of, docs, judgements)
    same = same_event_links(events, extractions)
    if same:
        entities, links = resolve_entities(nodes, judgements, same)
        ent_of = {ref: e.id for e in entities for ref in e.members}
        events = resolve_events(extractions, ent_of, docs, judgements)
    store.save_resolution(entities, events)
    human = {(j.left_id, j.right_id) for j in judgements if j.author != "silkgraph"}
    for j in links:
        # Unsure links feed the review queue; a person's judgement is never overwritten.
        if j.judgement == "unsure" and (j.left_id, j.right_id) not in human:
            store.save_judgement(j)
    report = ResolutionReport(
        len(nodes), len(entities), sum(len(e.events) for e in extractions), len(events), len(links)
    )
    log.info("resolution: %s", report)
    return report
