"""The Python API: ingest, extract, resolve, search and export over one store.

The CLI and the HTTP API are thin adapters over these functions.

    >>> from silkgraph.engine import Engine
    >>> with Engine("corpus.db") as sg:
    ...     report = sg.ingest(["articles/"])
    ...     records = list(sg.records())
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from silkgraph.errors import ConfigError, InputError
from silkgraph.ingest import check_document, display, read_inputs
from silkgraph.model import Document, Extraction
from silkgraph.store import Store, open_store

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


NO_PIPELINE = "no pipeline"


def skipped_language(ext: Extraction) -> str | None:
    """The language of a document stored without extraction, or None if it was extracted."""
    if ext.errors and ext.errors[0].startswith("language: ") and NO_PIPELINE in ext.errors[0]:
        return ext.errors[0].removeprefix("language: ").split(",")[0]
    return None


def _english(docs: list[Document]) -> list[Document]:
    return [d for d in docs if d.language == "en"]


class Engine:
    """silkgraph over one store: the library behind every surface."""

    def __init__(self, db: str | Store, model: str = "", workers: int = 1) -> None:
        self.store: Store = open_store(db) if isinstance(db, str) else db
        self.model = model
        self.workers = workers
        self._pipeline: Any = None
        self._languages: dict[str, Any] = {}

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    @property
    def pipeline(self) -> Any:
        if self._pipeline is None:
            from silkgraph.extract.registry import make_pipeline

            self._pipeline = make_pipeline(self.model)
        return self._pipeline

    @property
    def version(self) -> str:
        """The pipeline's version; with workers, asked of a worker so this process loads no model."""
        if self.workers > 1 and self._pipeline is None:
            from silkgraph.batch.local import get_executor

            return get_executor(self.model, self.workers).version()
        version: str = self.pipeline.version
        return version

    # ingest ------------------------------------------------------------------

    def add(self, items: Iterable[Document | InputError], report: IngestReport) -> list[str]:
        """Store documents; returns the ids newly added or updated.

        Known content is counted as a duplicate; an id stored with other content gets a new
        version ("updated"). A document the store refuses is reported and the rest go on.
        """
        new = []
        for item in items:
            if isinstance(item, InputError):
                report.failed.append(str(item))
                continue
            try:
                check_document(item)
                stored = self.store.put_document(item)
            except InputError as err:
                report.failed.append(str(err))
                continue
            if stored == "added":
                report.added += 1
            elif stored == "updated":
                report.updated += 1
                log.info("%s: new version of %s", item.source or "", display(item.id))
            else:
                report.duplicates += 1
                continue
            new.append(item.id)
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
        self.add(read_inputs([Path(p) for p in paths], encoding), report)
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
        (no pipeline reads their language). Batches stream through the workers: the next
        batch is sent while earlier ones are still running, so no worker waits for the
        slowest document of a batch.
        """
        pending = self.store.pending_documents(self.version)
        done = 0
        skipped: dict[str, int] = {}
        for docs, exts in self._stream(self._batches(pending, batch)):
            for ext in exts:
                self.store.save_extraction(ext)
                lang = skipped_language(ext)
                if lang is None:
                    done += 1
                else:
                    skipped[lang] = skipped.get(lang, 0) + 1
            if progress:
                progress(len(docs), len(pending))
        return done, skipped

    def _batches(self, ids: list[str], size: int) -> Iterator[list[Document]]:
        for start in range(0, len(ids), size):
            yield [d for i in ids[start : start + size] if (d := self.store.get_document(i))]

    def _stream(
        self, batches: Iterator[list[Document]]
    ) -> Iterator[tuple[list[Document], list[Extraction]]]:
        if self.workers > 1:
            from silkgraph.batch.local import get_executor

            executor = get_executor(self.model, self.workers)
            for docs, results in executor.stream(batches, _english):
                yield docs, list(self._complete(docs, results))
        else:
            for docs in batches:
                yield docs, list(self.extract_documents(docs))

    def extract_documents(self, docs: list[Document]) -> Iterator[Extraction]:
        """Run the pipeline; documents in a language without a pipeline are stored, not extracted."""
        return self._complete(docs, self._run(_english(docs)))

    def language_pipeline(self, language: str) -> Any:
        """The pipeline of a language other than English (built on first use, in this process)."""
        if language not in self._languages:
            from silkgraph.extract.lang import make_language_pipeline

            self._languages[language] = make_language_pipeline(language)
        return self._languages[language]

    def _run_languages(self, docs: list[Document]) -> Iterator[Extraction]:
        """Extract documents in other languages with their language's pipeline.

        They carry the engine's version, so a store is up to date when every document was
        extracted by this installation (the version hashes every pipeline's code and data).
        """
        from silkgraph.extract.lang import has_pipeline

        by_lang: dict[str, list[Document]] = {}
        for d in docs:
            if has_pipeline(d.language):
                by_lang.setdefault(d.language, []).append(d)
        for language, group in by_lang.items():
            for ext in self.language_pipeline(language).pipe(group):
                ext.pipeline = self.version
                yield ext

    def _complete(self, docs: list[Document], results: list[Extraction]) -> Iterator[Extraction]:
        by_id = {e.doc_id: e for e in results}
        rest = [d for d in docs if d.id not in by_id and d.language != "en"]
        by_id.update((e.doc_id, e) for e in self._run_languages(rest))
        for d in docs:
            if d.id in by_id:
                yield by_id[d.id]
            else:
                yield Extraction(
                    d.id, self.version, errors=[f"language: {d.language}, {NO_PIPELINE}"]
                )

    def _run(self, docs: list[Document]) -> list[Extraction]:
        if self.workers > 1 and len(docs) > 1:
            from silkgraph.batch.local import extract_parallel

            return extract_parallel(docs, self.model, self.workers)
        results: list[Extraction] = self.pipeline.pipe(docs)
        return results

    def resolve(self, review_below: float | None = None) -> Any:
        """Resolve the whole store and record which state of the extractions it covered;
        event merges below ``review_below`` (by default the ``SILKGRAPH_REVIEW_BELOW``
        setting) go to the review queue.

        The serial is read before resolving: extractions saved meanwhile leave the store
        behind, so the next command resolves again rather than missing them.
        """
        from silkgraph.config import get_settings
        from silkgraph.resolve import resolve_store

        if review_below is None:
            from pydantic import ValidationError

            try:
                review_below = get_settings().review_below
            except ValidationError as err:
                first = err.errors()[0]
                raise ConfigError(
                    f"bad setting SILKGRAPH_{str(first['loc'][0]).upper()}: {first['msg']}"
                ) from None
        serial, _ = self.store.resolution_state()
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
