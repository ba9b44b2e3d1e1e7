"""Small measuring helpers: a wall-clock timer and peak resident memory."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from silkgraph.batch.local import peak_mb


@dataclass(slots=True)
class Timer:
    seconds: float = 0.0


@contextmanager
def timed() -> Iterator[Timer]:
    """Wall-clock seconds of the block (the figure a user waits for)."""
    t = Timer()
    start = time.perf_counter()
    try:
        yield t
    finally:
        t.seconds = time.perf_counter() - start


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest finished child, in MB.

    ru_maxrss is in kilobytes on Linux; tracemalloc would miss spaCy's native memory.
    For this process the kernel's VmHWM is read first: ru_maxrss survives exec, so a child
    started from a big parent would report the parent's peak as its own.
    """
    me = peak_mb() or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(me, 1), "children": round(kids, 1)}
