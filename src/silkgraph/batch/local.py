"""Parallel extraction on a local process pool: one spaCy model per worker process.

The pool lives across batches (one per model and worker count, closed at exit): starting
a worker and loading its model costs seconds, which a pool per batch of 32 documents
would pay again and again.
"""

from __future__ import annotations

import atexit
import logging
import math
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from silkgraph.model import Document, Extraction

log = logging.getLogger(__name__)

_PIPELINE: Any = None


def _init(model: str) -> None:
    global _PIPELINE
    from silkgraph.extract.registry import make_pipeline

    _PIPELINE = make_pipeline(model)


def _work(docs: list[Document]) -> list[Extraction]:
    result: list[Extraction] = _PIPELINE.pipe(docs)
    return result


def _version() -> str:
    version: str = _PIPELINE.version
    return version


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


class LocalExecutor:
    """A persistent pool of extraction processes, each with its own pipeline."""

    def __init__(self, model: str, workers: int) -> None:
        self.model = model
        self.workers = workers
        # Workers are not recycled: ``max_tasks_per_child`` deadlocks on Python 3.11 to 3.13
        # once a worker exits at its limit with tasks queued (CPython gh-115634).
        self.pool = ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(model,))
        self._version: str | None = None

    def version(self) -> str:
        """The workers' pipeline version (every worker loads the same model and components)."""
        if self._version is None:
            self._version = self.pool.submit(_version).result()
        return self._version

    def extract(self, docs: list[Document], chunk: int | None = None) -> list[Extraction]:
        """Extract documents; results come back in input order."""
        # Two chunks per worker balance uneven document lengths without losing spaCy's batching.
        size = chunk or max(1, math.ceil(len(docs) / (2 * self.workers)))
        results = self.pool.map(_work, chunks(docs, size))
        return [e for batch in results for e in batch]

    def stream(
        self,
        batches: Iterable[list[Document]],
        select: Callable[[list[Document]], list[Document]] = lambda docs: docs,
        window: int = 0,
    ) -> Iterator[tuple[list[Document], list[Extraction]]]:
        """Extract batch after batch, keeping ``window`` batches in flight; in input order.

        A worker that finishes takes the next batch at once instead of waiting for the
        others (no barrier per batch); memory stays bounded by the window.
        """
        window = window or 2 * self.workers
        flight: deque[tuple[list[Document], Future[list[Extraction]]]] = deque()
        for docs in batches:
            flight.append((docs, self.pool.submit(_work, select(docs))))
            if len(flight) >= window:
                head, fut = flight.popleft()
                yield head, fut.result()
        while flight:
            head, fut = flight.popleft()
            yield head, fut.result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


_EXECUTORS: dict[tuple[str, int], LocalExecutor] = {}
_LOCK = threading.Lock()


def get_executor(model: str, workers: int) -> LocalExecutor:
    """The shared pool for this model and worker count, started on first use."""
    with _LOCK:
        key = (model, workers)
        if key not in _EXECUTORS:
            log.info("starting %d extraction processes", workers)
            _EXECUTORS[key] = LocalExecutor(model, workers)
        return _EXECUTORS[key]


def shutdown() -> None:
    """Stop every pool this process started."""
    with _LOCK:
        while _EXECUTORS:
            _, executor = _EXECUTORS.popitem()
            executor.close()


atexit.register(shutdown)


def extract_parallel(
    docs: list[Document], model: str, workers: int, chunk: int | None = None
) -> list[Extraction]:
    """Extract documents on ``workers`` processes; results come back in input order."""
    return get_executor(model, workers).extract(docs, chunk)
