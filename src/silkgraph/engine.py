"""The Python API: ingest, extract, resolve, search and export over one store.

The CLI and the HTTP API are thin adapters over these functions.

    >>> from silkgraph.engine import Engine
    >>> with Engine("corpus.db") as sg:
    ...     report = sg.ingest(["articles/"])
    ...     records = list(sg.records())
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from silkgraph.config import Settings, get_settings, with_overrides
from silkgraph.errors import InputError
from silkgraph.extract.lang import NO_PIPELINE, skipped_language
from silkgraph.ingest import check_document, display
from silkgraph.model import Document
from silkgraph.store import Store, open_store

if TYPE_CHECKING:
    from silkgraph.batch.executor import Executor

__all__ = ["NO_PIPELINE", "Engine", "IngestReport", "Progress", "skipped_language"]

log = logging.getLogger(__name__)

# Called after each batch with (documents just extracted, documents to extract in all).
Progress = Callable[[int, int], None]


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did: counts, and one line per input that failed."""

    added: int = 0
    updated: int = 0
    duplicates: int = 0
    extracted: int = 0
    # Documents stored but not extracted, by language: no pipeline reads that language yet.
    not_extracted: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def count_not_extracted(self, language: str, n: int = 1) -> None:
        self.not_extracted[language] = self.not_extracted.get(language, 0) + n

    def extraction_summary(self) -> str:
        """What was extracted and what was not: "2 extracted, 1 not extracted: language ru, no pipeline"."""
        line = f"{self.extracted} extracted"
        skipped = sum(self.not_extracted.values())
        if skipped:
            langs = sorted(self.not_extracted.items(), key=lambda kv: (-kv[1], kv[0]))
            if len(langs) == 1:
                what = f"language {langs[0][0]}"
            else:
                what = "languages " + ", ".join(f"{lang} ({n})" for lang, n in langs)
            line += f", {skipped} not extracted: {what}, no pipeline"
        return line


class Engine:
    """silkgraph over one store: the library behind every surface.

    ``settings``: built once by the caller at start-up (by default from the ``SILKGRAPH_*``
    variables); ``model`` and ``workers``, when given, override it. ``executor``: where
    extraction runs; by default the one the settings ask for (``make_executor``), made
    on first use and stopped by ``close``. An executor passed in stays the caller's.
    """

    def __init__(
        self,
        db: str | Store | None = None,
        model: str | None = None,
        workers: int | None = None,
        settings: Settings | None = None,
        executor: Executor | None = None,
    ) -> None:
        base = settings if settings is not None else get_settings()
        self.settings = with_overrides(base, model=model, workers=workers)
        if db is None:
            db = self.settings.db
        self.store: Store = open_store(db) if isinstance(db, str) else db
        self._executor = executor
        self._owns_executor = executor is None

    @property
    def model(self) -> str:
        return self.settings.model

    @property
    def workers(self) -> int:
        return self.settings.workers

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            if self._executor is not None and self._owns_executor:
                self._executor.close()
                self._executor = None
        finally:
            self.store.close()

    @property
    def executor(self) -> Executor:
        """Where extraction runs (made from the settings on first use)."""
        if self._executor is None:
            from silkgraph.batch.executor import make_executor

            self._executor = make_executor(self.settings)
        return self._executor

    @property
    def version(self) -> str:
        """The pipeline's version, as the executor's workers report it."""
        return self.executor.version()

    # ingest ------------------------------------------------------------------

    def add(self, items: Iterable[Document | InputError], report: IngestReport) -> list[str]:
        """Store documents; returns the ids newly added or updated.

        Known content is counted as a duplicate; an id stored with other content gets a new
        version ("updated"). A document the store refuses is reported and the rest go on.
        """
        started = time.monotonic()
        new = []
        for item in items:
            if isinstance(item, InputError):
                log.info("skipped: %s", item)
                report.failed.append(str(item))
                continue
            try:
                check_document(item)
                stored = self.store.put_document(item)
            except InputError as err:
                log.info("skipped: %s", err)
                report.failed.append(str(err))
                continue
            log.debug("%s: %s", display(item.id), stored)
            if stored == "added":
                report.added += 1
            elif stored == "updated":
                report.updated += 1
                log.info("%s: new version of %s", item.source or "", display(item.id))
            else:
                report.duplicates += 1
                continue
            new.append(item.id)
        log.info(
            "stored documents in %.1f s: %d added, %d updated, %d already stored, %d failed",
            time.monotonic() - started,
            report.added,
            report.updated,
            report.duplicates,
            len(report.failed),
        )
        return new

    def ingest(
        self,
        paths: Iterable[str | Path],
        encoding: str = "utf-8",
        extract: bool = True,
        resolve: bool = True,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Read, store, extract and resolve; bad inputs are reported and skipped."""
        report = IngestReport()
        self.add(self.executor.read([Path(p) for p in paths], encoding), report)
        if extract:
            report.extracted, report.not_extracted = self.extract_pending(progress)
        if resolve and (report.extracted or self.resolution_behind()):
            self.resolve()
        return report

    # extraction --------------------------------------------------------------

    def extract_pending(
        self, progress: Progress | None = None, batch: int = 32
    ) -> tuple[int, dict[str, int]]:
        """Extract every document not yet extracted by this pipeline version.

        Returns the number extracted and, by language, the number stored without extraction
        (no pipeline reads their language). Batches stream through the executor: with
        workers, the next batch is sent while earlier ones are still running, so no worker
        waits for the slowest document of a batch.
        """
        pending = self.store.pending_documents(self.version)
        log.info("extracting %d documents", len(pending))
        started = time.monotonic()
        done = 0
        skipped: dict[str, int] = {}
        for docs, exts in self.executor.stream(self._batches(pending, batch)):
            for ext in exts:
                self.store.save_extraction(ext)
                lang = skipped_language(ext)
                if lang is None:
                    done += 1
                else:
                    skipped[lang] = skipped.get(lang, 0) + 1
                    log.info("%s: stored, not extracted: no pipeline reads %s", ext.doc_id, lang)
            if progress:
                progress(len(docs), len(pending))
        log.info(
            "extracted %d documents in %.1f s; %d not extracted (no pipeline for their language)",
            done,
            time.monotonic() - started,
            sum(skipped.values()),
        )
        return done, skipped

    def _batches(self, ids: list[str], size: int) -> Iterator[list[Document]]:
        for start in range(0, len(ids), size):
            yield [d for i in ids[start : start + size] if (d := self.store.get_document(i))]

    def resolve(self, review_below: float | None = None) -> Any:
        """Resolve the whole store and record which state of the extractions it covered;
        event merges below ``review_below`` (by default the ``review_below`` setting) go to
        the review queue.

        The serial is read before resolving: extractions saved meanwhile leave the store
        behind, so the next command resolves again rather than missing them.
        """
        from silkgraph.resolve import resolve_store
        from silkgraph.resolve.pairs import weights_from

        if review_below is None:
            review_below = self.settings.review_below
        serial, _ = self.store.resolution_state()
        with weights_from(self.settings.pair_model):
            report = resolve_store(self.store, review_below)
        self.store.mark_resolved(serial)
        return report

    def resolution_behind(self) -> bool:
        """True when extractions changed after the last finished resolution (a run stopped)."""
        serial, resolved = self.store.resolution_state()
        return serial != resolved

    def finish_resolution(self) -> Any:
        """Resolve if the store's resolution is behind its extractions; None when it is not."""
        if not self.resolution_behind():
            return None
        log.warning("the resolution is behind the extractions (a run stopped): resolving")
        return self.resolve()

    # reading -----------------------------------------------------------------

    def records(self) -> Iterator[dict[str, Any]]:
        """The contract JSON records of every document."""
        from silkgraph.export.jsonl import iter_records

        return iter_records(self.store)
