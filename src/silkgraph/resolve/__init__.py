"""Resolution over the whole store: entities across documents, then events across sources.

Memory follows the distinct names and the distinct events, not the documents: extractions
stream from the store once; each document's entities are folded into an index of compact
arrays, and its events wait on disk (``EventSpill``) with an offset each in memory. Event
clustering reads them back one at a time, keeping only one report per distinct event
(copies of one wire sentence fold into it); corpus events, per-document links and each
source's version are written as they are made.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
import os
import sys
import tempfile
import time
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from silkgraph.language import by_script
from silkgraph.model import Document, Event
from silkgraph.resolve.entities import EntityIndex, resolve_entities
from silkgraph.resolve.events import (
    Folder,
    Report,
    Stories,
    article_year,
    corpus_event,
    link,
    pinned_reports,
    version,
)
from silkgraph.resolve.identity import entity_ids, event_ids
from silkgraph.resolve.judgements import replace_machine_events
from silkgraph.resolve.review import REVIEW_BELOW, MergeLog
from silkgraph.store.base import CorpusEntity, CorpusEvent, Judgement, Store

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
    to_review: int = 0


class EventSpill:
    """Every document's event, with its document's outlet and date, in a temporary file.

    Memory keeps an offset and a document index per event (12 bytes); records are read
    back in order or one by one, with positioned reads that never share a file offset.
    """

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by __exit__
        self._fd = self._file.fileno()
        self.offsets = array("Q", [0])
        self.doc = array("I")

    def __enter__(self) -> EventSpill:
        return self

    def __exit__(self, *exc: object) -> None:
        self._file.close()

    def __len__(self) -> int:
        return len(self.doc)

    def add(self, d: int, outlet: str | None, published: str | None, ev: Event) -> None:
        line = json.dumps([outlet, published, ev.to_dict()], ensure_ascii=False).encode()
        self._file.write(line)
        self.offsets.append(self.offsets[-1] + len(line))
        self.doc.append(d)

    def get(self, i: int) -> tuple[int, str | None, str | None, Event]:
        """The ``i``-th event: its document index, outlet, publication date and event."""
        start = self.offsets[i]
        raw = os.pread(self._fd, self.offsets[i + 1] - start, start)
        outlet, published, ev = json.loads(raw)
        return self.doc[i], outlet, published, Event.from_dict(ev)

    def __iter__(self) -> Iterator[tuple[int, str | None, str | None, Event]]:
        self._file.flush()
        for i in range(len(self.doc)):
            yield self.get(i)


class DocEntities(Mapping[int, set[str]]):
    """Each event document's corpus entities, by document index, read off the index."""

    def __init__(self, index: EntityIndex, entity_of: list[str], docs: array[int]) -> None:
        self.index, self.entity_of, self.docs = index, entity_of, docs

    def __getitem__(self, d: int) -> set[str]:
        if d not in self:
            raise KeyError(d)
        return self.index.entity_ids(d, self.entity_of)

    def __contains__(self, d: object) -> bool:
        if not isinstance(d, int):
            return False
        k = bisect_left(self.docs, d)
        return k < len(self.docs) and self.docs[k] == d

    def __iter__(self) -> Iterator[int]:
        return iter(self.docs)

    def __len__(self) -> int:
        return len(self.docs)


class DocTerms(Mapping[int, dict[int, int]]):
    """Each event document's words (as ids of one vocabulary) with their counts, by
    document index, in flat arrays: a few bytes a word, not a dict per document."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.docs = array("I")
        self.starts = array("Q", [0])
        self.ids = array("I")
        self.counts = array("H")
        # Each document's script (an index of SCRIPTS): its words are ids, not text.
        self.scripts = array("B")

    SCRIPTS = ("en", "ru", "zh")

    def add(self, d: int, terms: Mapping[str, int]) -> None:
        """Add document ``d``'s words; documents come in ascending order."""
        if not terms:
            return
        self.scripts.append(self.SCRIPTS.index(by_script(" ".join(terms))))
        vocab = self.vocab
        for w, c in terms.items():
            self.ids.append(vocab.setdefault(w, len(vocab)))
            self.counts.append(max(0, min(int(c), 0xFFFF)))
        self.docs.append(d)
        self.starts.append(len(self.ids))

    def _find(self, d: int) -> int:
        k = bisect_left(self.docs, d)
        return k if k < len(self.docs) and self.docs[k] == d else -1

    def __getitem__(self, d: int) -> dict[int, int]:
        k = self._find(d) if isinstance(d, int) else -1
        if k < 0:
            raise KeyError(d)
        a, b = self.starts[k], self.starts[k + 1]
        return dict(zip(self.ids[a:b], self.counts[a:b], strict=True))

    def __contains__(self, d: object) -> bool:
        return isinstance(d, int) and self._find(d) >= 0

    def script(self, d: int) -> str:
        """The script document ``d``'s words are written in ("en", "ru" or "zh")."""
        k = self._find(d)
        if k < 0:
            raise KeyError(d)
        return self.SCRIPTS[self.scripts[k]]

    def __iter__(self) -> Iterator[int]:
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
        period=_intern(ev.period),
        document=_intern(ev.document),
        measure=_intern(ev.measure),
        stage=_intern(ev.stage),
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


def resolve_store(store: Store, review_below: float = REVIEW_BELOW) -> ResolutionReport:
    """Re-run resolution over every stored extraction; human judgements are kept and applied.

    Ids stay stable across runs (``identity``); event merges made with a pair probability
    below ``review_below`` go to the review queue as the machine's unsure judgements.
    """
    started = time.monotonic()
    log.info("resolving the store")
    judgements = store.list_judgements()
    human = [j for j in judgements if j.kind == "entity" and j.author != "silkgraph"]
    index = EntityIndex({n for j in human for n in (j.left_id, j.right_id)})
    event_docs = array("I")
    named = array("I")  # events that name their subject (a forum), for _same_event
    terms = DocTerms()
    eras: dict[int, int] = {}  # the year each document is about (events.article_year)
    keys: list[str] = []  # each spilled event's key and type, for its id
    types: list[str] = []
    with EventSpill() as spill:
        for ext in store.iter_extractions():
            d = index.add(ext)
            if ext.events:
                event_docs.append(d)
                terms.add(d, ext.terms)
                doc = store.get_document(ext.doc_id, text=False)
                outlet = doc.outlet if doc else None
                published = doc.published if doc else None
                if (era := article_year(published, ext.dates)) is not None:
                    eras[d] = era
                for ev in ext.events:
                    if ev.subject:
                        named.append(len(spill))
                    keys.append(sys.intern(ev.key))
                    types.append(sys.intern(ev.type))
                    spill.add(d, outlet, published, ev)
        log.info(
            "read %d documents: %d document entities, %d event reports (%.1f s)",
            len(index.docs),
            len(index),
            len(spill),
            time.monotonic() - started,
        )
        entities, links, entity_of = resolve_entities(index, judgements)
        reader = Reader(index, entity_of, spill, eras)
        merges = MergeLog(review_below)
        roots, stories = _cluster(reader, event_docs, judgements, terms, merges)
        same = _same_event(index, spill, roots, named)
        if same:
            entities, links, entity_of = resolve_entities(index, judgements, same)
            reader = Reader(index, entity_of, spill, eras)
            merges = MergeLog(review_below)
            roots, stories = _cluster(reader, event_docs, judgements, terms, merges)
        log.info(
            "entities: %d document entities -> %d entities, %d links between documents",
            len(index),
            len(entities),
            len(links),
        )
        log.info(
            "events: %d reports -> %d events, %d merges made, %d below %.2f to review%s",
            len(spill),
            len(set(roots)),
            merges.merges,
            len(merges.unsure),
            review_below,
            f"; {len(same)} entity pairs named by one event joined" if same else "",
        )
        # Ids are given after clustering, so that they never change what is clustered.
        entity_of, entity_moved = _stable_entities(store, index, entities, entity_of)
        if entity_moved:
            log.info("%d entity ids moved (merged or renamed; redirects kept)", len(entity_moved))
        reader = Reader(index, entity_of, spill, eras)
        order, starts = _group_order(roots)
        bounds = list(zip(starts[:-1].tolist(), starts[1:].tolist(), strict=True))
        groups = [(types[int(order[a])], order[a:b].tolist()) for a, b in bounds]
        ids = event_ids(store, index.docs, spill.doc, keys, groups)
        events = (
            _with_id(
                corpus_event(
                    [reader.report(int(i), slim=True) for i in order[a:b]], False, stories
                ),
                ids.ids[g],
            )
            for g, (a, b) in enumerate(bounds)
        )
        versions = ((r.doc_id, r.event.key, version(r)) for r in reader)
        store.save_resolution(
            entities,
            events,
            index.memberships(entity_of),
            versions,
            redirects={"entity": entity_moved, "event": ids.redirects},
        )
    decided = {(j.left_id, j.right_id) for j in human}
    for j in links:
        # Unsure links feed the review queue; a person's judgement is never overwritten.
        if j.judgement == "unsure" and (j.left_id, j.right_id) not in decided:
            store.save_judgement(j)
    replace_machine_events(store, merges.unsure)
    report = ResolutionReport(
        len(index),
        len(entities),
        len(spill),
        len(starts) - 1,
        len(links),
        len(index.units),
        index.n_candidates,
        len(merges.unsure),
    )
    log.info(
        "resolved in %.1f s: %d entities, %d events, %d event merges to review",
        time.monotonic() - started,
        report.entities,
        report.events,
        report.to_review,
    )
    log.debug("resolution: %s", report)
    return report


def _stable_entities(
    store: Store, index: EntityIndex, entities: list[CorpusEntity], entity_of: list[str]
) -> tuple[list[str], dict[str, str]]:
    """Rename this run's entities to their stable ids; each unit's entity id, renamed, and
    the redirects of entity ids that went away."""
    got = entity_ids(store, index, entities, entity_of)
    rename = {ent.id: new for ent, new in zip(entities, got.ids, strict=True)}
    for ent in entities:
        ent.id = rename[ent.id]
    return [rename[e] for e in entity_of], got.redirects


def _with_id(ev: CorpusEvent, event_id: str) -> CorpusEvent:
    ev.id = event_id
    return ev


class Reader:
    """Reports read back from the spill, with corpus ids from one round of entity links."""

    def __init__(
        self,
        index: EntityIndex,
        entity_of: list[str],
        spill: EventSpill,
        eras: Mapping[int, int] | None = None,
    ) -> None:
        self.index, self.entity_of, self.spill = index, entity_of, spill
        self.eras: Mapping[int, int] = eras or {}

    def _refer(self, d: int, key: str) -> str | None:
        n = self.index.find(d, key)
        return self.entity_of[self.index.node_unit[n]] if n >= 0 else None

    def _make(
        self, d: int, outlet: str | None, published: str | None, ev: Event, slim: bool
    ) -> Report:
        doc_id = self.index.docs[d]
        meta = Document(doc_id, "", outlet=outlet, published=published)
        r = Report(
            doc_id, ev, functools.partial(self._refer, d), meta, story_key=d, era=self.eras.get(d)
        )
        if slim:
            r.event = _slim(ev)  # its sentence is kept as a hash
        return r

    def report(self, i: int, slim: bool = False) -> Report:
        return self._make(*self.spill.get(i), slim=slim)

    def __iter__(self) -> Iterator[Report]:
        for rec in self.spill:
            yield self._make(*rec, slim=False)


def _cluster(
    reader: Reader,
    event_docs: array[int],
    judgements: list[Judgement],
    terms: DocTerms,
    on_merge: MergeLog | None = None,
) -> tuple[array[int], Stories]:
    """Each spilled event's cluster root, keeping one report per distinct event, and the
    documents' stories (which also count a cluster's independent sources)."""
    folder = Folder(pinned_reports(judgements))
    for r in reader:
        if folder.add(r):
            r.event = _slim(r.event)  # kept for scoring: its sentence is kept as a hash
    stories = Stories(DocEntities(reader.index, reader.entity_of, event_docs), terms)
    return link(folder, stories, judgements, on_merge), stories


def _group_order(roots: array[int]) -> tuple[Any, Any]:
    """Event indices grouped by cluster, clusters in the order of their first event, and
    where each cluster starts in that order (with the end as the last entry)."""
    if not roots:
        return np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64)
    r = np.frombuffer(roots, dtype=np.uint32)
    _, first, inverse = np.unique(r, return_index=True, return_inverse=True)
    rank = np.argsort(np.argsort(first, kind="stable"), kind="stable")
    key = rank[inverse.reshape(-1)]
    order = np.argsort(key, kind="stable")
    starts = np.concatenate(([0], np.cumsum(np.bincount(key))))
    return order, starts


def _same_event(
    index: EntityIndex, spill: EventSpill, roots: array[int], named: array[int]
) -> list[tuple[int, int]]:
    """Pairs of named-event entities (as nodes) whose reports one event cluster holds;
    ``named`` are the spilled events that name their subject, in order."""
    nodes: dict[int, list[int]] = {}
    for i in named:
        d, _outlet, _published, ev = spill.get(i)
        if ev.subject and (n := index.find(d, ev.subject)) >= 0:
            nodes.setdefault(roots[i], []).append(n)
    first: dict[int, int] = {}
    for i, root in enumerate(roots):
        first.setdefault(root, i)
    out: list[tuple[int, int]] = []
    for root in sorted(nodes, key=first.__getitem__):
        out.extend((nodes[root][0], other) for other in nodes[root][1:])
    return out
