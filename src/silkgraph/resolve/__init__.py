"""Resolution over the whole store: entities across documents, then events across sources.

Memory follows the distinct names and the events, not the text: extractions stream
from the store twice (once to fold entities and keep each event without its evidence,
once to write each source's version of its event), and the per-document links are
written as they are read off compact arrays.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from silkgraph.model import Document, Event
from silkgraph.resolve.entities import EntityIndex, resolve_entities
from silkgraph.resolve.events import Report, Stories, cluster, corpus_event, sentence_key, version
from silkgraph.store.base import Judgement, Store

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


@dataclass(slots=True)
class Pending:
    """One document's event as resolution keeps it: no evidence, its sentence hashed."""

    doc: int
    event: Event
    sentence: int | None


class DocEntities(Mapping[str, set[str]]):
    """Each event document's corpus entities, read off the index when asked."""

    def __init__(self, index: EntityIndex, entity_of: list[str], docs: dict[str, int]) -> None:
        self.index, self.entity_of, self.docs = index, entity_of, docs

    def __getitem__(self, doc_id: str) -> set[str]:
        return self.index.entity_ids(self.docs[doc_id], self.entity_of)

    def __iter__(self) -> Iterator[str]:
        return iter(self.docs)

    def __len__(self) -> int:
        return len(self.docs)


def _slim(ev: Event) -> Event:
    """The event without its evidence and trigger, its repeated strings shared."""
    return dataclasses.replace(
        ev,
        key=sys.intern(ev.key),
        type=sys.intern(ev.type),
        trigger="",
        evidence="",
        date=_intern(ev.date),
        end_date=_intern(ev.end_date),
        location=_intern(ev.location),
        participants=[sys.intern(p) for p in ev.participants],
        commodities=[sys.intern(c) for c in ev.commodities],
        modality=sys.intern(ev.modality),
        speaker=_intern(ev.speaker),
        outlet=_intern(ev.outlet),
        subject=_intern(ev.subject),
        exporter=_intern(ev.exporter),
        importer=_intern(ev.importer),
    )


def _intern(value: str | None) -> str | None:
    return sys.intern(value) if value else value


def resolve_store(store: Store) -> ResolutionReport:
    """Re-run resolution over every stored extraction; human judgements are kept and applied."""
    judgements = store.list_judgements()
    human = [j for j in judgements if j.kind == "entity" and j.author != "silkgraph"]
    index = EntityIndex({n for j in human for n in (j.left_id, j.right_id)})
    pending: list[Pending] = []
    meta: dict[int, Document] = {}
    for ext in store.iter_extractions():
        d = index.add(ext)
        if ext.events:
            meta[d] = _meta(store.get_document(ext.doc_id), ext.doc_id)
            pending.extend(Pending(d, _slim(ev), sentence_key(ev.evidence)) for ev in ext.events)
    entities, links, entity_of = resolve_entities(index, judgements)
    reports, groups = _events(index, entity_of, pending, meta, judgements)
    same = _same_event(index, pending, groups)
    if same:
        reports = []  # let the first round's reports go before the second's are made
        entities, links, entity_of = resolve_entities(index, judgements, same)
        reports, groups = _events(index, entity_of, pending, meta, judgements)
    events = [corpus_event([reports[i] for i in g], versions=False) for g in groups]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spill:
        _spill_versions(store, reports, spill)
        del reports
        spill.seek(0)
        store.save_resolution(entities, events, index.memberships(entity_of), _read(spill))
    decided = {(j.left_id, j.right_id) for j in human}
    for j in links:
        # Unsure links feed the review queue; a person's judgement is never overwritten.
        if j.judgement == "unsure" and (j.left_id, j.right_id) not in decided:
            store.save_judgement(j)
    report = ResolutionReport(
        len(index),
        len(entities),
        len(pending),
        len(events),
        len(links),
        len(index.units),
        index.n_candidates,
    )
    log.info("resolution: %s", report)
    return report


def _meta(doc: Document | None, doc_id: str) -> Document:
    """A document without its text: event clustering needs only outlet and date."""
    if doc is None:
        return Document(doc_id, "")
    outlet = sys.intern(doc.outlet) if doc.outlet else None
    published = sys.intern(doc.published) if doc.published else None
    return Document(doc.id, "", outlet=outlet, published=published)


def _events(
    index: EntityIndex,
    entity_of: list[str],
    pending: list[Pending],
    meta: dict[int, Document],
    judgements: list[Judgement],
) -> tuple[list[Report], list[list[int]]]:
    """Every pending event as a report with corpus ids, and the reports' clusters."""
    unit = index.node_unit

    def refer(d: int, key: str) -> str | None:
        n = index.find(d, key)
        return entity_of[unit[n]] if n >= 0 else None

    reports = [
        Report(meta[p.doc].id, p.event, functools.partial(refer, p.doc), meta[p.doc], p.sentence)
        for p in pending
    ]
    docs = {meta[d].id: d for d in meta}
    stories = Stories(DocEntities(index, entity_of, docs))
    return reports, cluster(reports, stories, judgements)


def _same_event(
    index: EntityIndex, pending: list[Pending], groups: list[list[int]]
) -> list[tuple[int, int]]:
    """Pairs of named-event entities (as nodes) whose reports one event cluster holds."""
    out: list[tuple[int, int]] = []
    for g in groups:
        named = [
            n
            for i in g
            if (subject := pending[i].event.subject)
            and (n := index.find(pending[i].doc, subject)) >= 0
        ]
        out.extend((named[0], other) for other in named[1:])
    return out


def _spill_versions(store: Store, reports: list[Report], out: IO[str]) -> None:
    """Write each report's version, with its evidence read again from the store."""
    first: dict[str, int] = {}
    for i, r in enumerate(reports):
        first.setdefault(r.doc_id, i)
    for ext in store.iter_extractions():
        start = first.get(ext.doc_id)
        if start is None:
            continue
        i = start
        full = {ev.key: ev for ev in ext.events}
        while i < len(reports) and reports[i].doc_id == ext.doc_id:
            r = reports[i]
            row = [r.doc_id, r.event.key, version(r, full.get(r.event.key))]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            i += 1


def _read(spill: IO[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for line in spill:
        doc_id, key, data = json.loads(line)
        yield doc_id, key, data
