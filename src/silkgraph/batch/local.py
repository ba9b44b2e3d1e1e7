"""Parallel extraction on a local process pool: one spaCy model per worker process."""

from __future__ import annotations

import logging
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from silkgraph.model import Document, Extraction

log = logging.getLogger(__name__)

_PIPELINE: Any = None


def _init(model: str) -> None:
    global _PIPELINE
    from silkgraph.extract.registry import make_pipeline

    _PIPELINE = make_pipeline(model)


def _work(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    exts = _PIPELINE.pipe([Document.from_dict(d) for d in docs])
    return [e.to_dict() for e in exts]


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def extract_parallel(docs: list[Document], model: str, workers: int,
                     chunk: int = 8) -> list[Extraction]:
    """Extract documents on ``workers`` processes; results come back in input order."""
    payload = chunks([d.to_dict() for d in docs], chunk)
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(model,)) as pool:
        results = list(pool.map(_work, payload))
    return [Extraction.from_dict(e) for batch in results for e in batch]
