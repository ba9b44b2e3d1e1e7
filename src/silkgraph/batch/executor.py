"""Where extraction runs: the ``Executor`` protocol the engine calls, and its choice.

The engine owns the store (it is the one writer) and decides what to extract; an
executor reads input files and runs ``extract.registry.Extractor`` over batches of
documents somewhere: in this process (``SerialExecutor``), on local worker processes
(``batch.local.LocalExecutor``) or on a Ray cluster (``batch.ray.RayExecutor``).
Extraction is a pure function of the document, so every executor gives the same store.
Executors never import the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol, runtime_checkable

from silkgraph.config import Settings
from silkgraph.errors import InputError
from silkgraph.extract.registry import Extractor
from silkgraph.ingest import read_inputs
from silkgraph.model import Document, Extraction

# A batch as it went out, and its extractions (one per document, in the batch's order,
# unless the executor says otherwise: Ray returns them as its shards come back).
Results = Iterator[tuple[list[Document], list[Extraction]]]


@runtime_checkable
class Executor(Protocol):
    """Runs extraction for the engine; the engine stores what comes back."""

    def version(self) -> str:
        """The version of the pipelines the workers run (asked of a worker, not loaded here)."""
        ...

    def read(self, paths: list[Path], encoding: str) -> Iterable[Document | InputError]:
        """The documents in the input files, in input order, or why an input cannot be read."""
        ...

    def stream(self, batches: Iterable[list[Document]]) -> Results:
        """Extract batch after batch, each document by the pipeline of its language."""
        ...

    def close(self) -> None:
        """Stop the workers this executor started."""
        ...


class SerialExecutor:
    """Extraction in this process: the default, and what the other executors must equal."""

    def __init__(self, model: str = "", rates: str | Path | None = None) -> None:
        self.extractor = Extractor(model, rates)

    def version(self) -> str:
        return self.extractor.version

    def read(self, paths: list[Path], encoding: str) -> Iterable[Document | InputError]:
        return read_inputs(paths, encoding)

    def stream(self, batches: Iterable[list[Document]]) -> Results:
        for docs in batches:
            yield docs, self.extractor.extract(docs)

    def close(self) -> None:
        """Nothing to stop: the pipelines go with the process."""


def make_executor(settings: Settings) -> Executor:
    """The executor the settings ask for: Ray, local worker processes, or this process."""
    if settings.executor == "ray":
        from silkgraph.batch.ray import RayExecutor

        return RayExecutor(
            settings.model, settings.ray_address, settings.ray_shards, settings.rates
        )
    if settings.workers > 1:
        from silkgraph.batch.local import get_executor

        return get_executor(
            settings.model,
            settings.workers,
            recycle=settings.worker_docs,
            timeout=settings.batch_timeout,
            rates=settings.rates,
        )
    return SerialExecutor(settings.model, settings.rates)
