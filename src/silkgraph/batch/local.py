"""Parallel extraction on local worker processes: one set of pipelines per worker.

The workers live across batches (one set per model and worker count, closed at exit):
starting a worker and loading its model costs seconds, which a pool per batch of 32
documents would pay again and again. A worker's memory grows slowly over its life
(spaCy's vocabulary and the allocator), so after ``recycle`` documents it is replaced by a
fresh one, started as soon as the old one has its last batch so that the new model
loads while the old worker finishes (``workers`` + 1 processes for those seconds). A
worker that is alive but has not finished a batch in ``timeout`` seconds is stopped and
its batch fails. The pool is our own rather than ``ProcessPoolExecutor(max_tasks_per_child=)``,
which deadlocks on Python 3.11 to 3.13 (CPython gh-115634), or ``multiprocessing.Pool``,
which waits forever for the task of a worker that was killed (the out-of-memory killer):
here each worker has its own pipe and the parent watches every worker's exit, so a
dead worker fails its own batches at once with a clear error.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import math
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from silkgraph.errors import InputError, SilkgraphError
from silkgraph.ingest import read_inputs
from silkgraph.model import Document, Extraction

log = logging.getLogger(__name__)

RECYCLE = 4000  # documents a worker extracts before it is replaced; 0 never replaces
TIMEOUT = 1800  # seconds one batch may take before its worker is stopped; 0 waits forever
DEPTH = 2  # batches sent to one worker at a time: the next one waits there, not in the parent

_EXTRACTOR: Any = None


class WorkerError(SilkgraphError):
    """An extraction worker failed or died: its batch has no result; stop the run."""


def _init(model: str, rates: str | None) -> None:
    global _EXTRACTOR
    from silkgraph.extract.registry import Extractor

    _EXTRACTOR = Extractor(model, rates)
    _ = _EXTRACTOR.english  # load the model now: a worker is ready when it can extract


def _work(docs: list[Document]) -> list[Extraction]:
    result: list[Extraction] = _EXTRACTOR.extract(docs)
    return result


def _version() -> str:
    version: str = _EXTRACTOR.version
    return version


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB; 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# the worker process ---------------------------------------------------------------


def _read(conn: Connection, inbox: queue.SimpleQueue[Any], parent: int) -> None:
    """Take messages off the pipe as they come, so the parent's sends never wait.

    A worker whose parent is gone (its pipe may still be held open by sibling workers)
    exits instead of waiting forever.
    """
    while True:
        try:
            if not conn.poll(1.0):
                if os.getppid() != parent:
                    os._exit(1)
                continue
            inbox.put(conn.recv())
        except (EOFError, OSError):
            os._exit(1)


def _serve(conn: Connection, model: str, rates: str | None, parent: int) -> None:
    """A worker's life: load the model, run tasks in order, report its peak when stopped."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_read, args=(conn, inbox, parent), daemon=True).start()
    try:
        _init(model, rates)
    except Exception as err:  # noqa: BLE001 - reported to the parent, which raises it
        conn.send(("failed", _portable(err)))
        return
    conn.send(("ready", None))
    while (msg := inbox.get()) is not None:
        task, kind, payload = msg
        try:
            value = _work(payload) if kind == "work" else _version()
            conn.send(("done", (task, value)))
        except Exception as err:  # noqa: BLE001 - the batch fails, the worker goes on
            conn.send(("error", (task, _portable(err))))
    conn.send(("bye", peak_mb()))


def _portable(err: Exception) -> SilkgraphError:
    if isinstance(err, SilkgraphError):
        return err
    return WorkerError(f"extraction failed in worker {os.getpid()}: {type(err).__name__}: {err}")


# the parent's side ------------------------------------------------------------------


@dataclass(slots=True)
class WorkerLife:
    """What one worker did: its process id, documents extracted, peak memory (MB), and
    when it started, was told to stop and ended (``time.monotonic``)."""

    pid: int
    documents: int = 0
    peak_mb: float = 0.0
    died: str = ""
    started: float = 0.0
    retired: float = 0.0
    ended: float = 0.0


@dataclass(slots=True)
class _Worker:
    proc: BaseProcess
    conn: Connection
    life: WorkerLife
    ready: bool = False
    retiring: bool = False
    stopped: str = ""  # why the pool stopped this worker, if it did
    assigned: int = 0  # documents sent to this worker over its life
    since: float = 0.0  # when its current batch started (0: none running)
    pending: deque[tuple[int, int]] = field(default_factory=deque)  # (task, documents)


class LocalExecutor:
    """A persistent set of extraction processes, each with its own pipeline.

    A worker is replaced after ``recycle`` documents (default RECYCLE, the
    ``worker_docs`` setting; 0 never replaces) and stopped when a batch takes more than
    ``timeout`` seconds (default TIMEOUT, the ``batch_timeout`` setting; 0 waits forever);
    ``lives`` records every finished worker. Workers convert amounts with the ``rates``
    table (None: the shipped one).
    """

    def __init__(
        self,
        model: str,
        workers: int,
        recycle: int | None = None,
        timeout: int | None = None,
        rates: str | os.PathLike[str] | None = None,
    ) -> None:
        self.model = model
        self.workers = workers
        self.recycle = RECYCLE if recycle is None else recycle
        self.timeout = TIMEOUT if timeout is None else timeout
        self.rates = str(rates) if rates else None
        self.lives: list[WorkerLife] = []
        # The platform's default start method, as ProcessPoolExecutor used (fork on Linux).
        self._ctx = multiprocessing.get_context()
        self._pool: list[_Worker] = []
        self._queue: deque[tuple[int, str, Any, int]] = deque()
        self._results: dict[int, tuple[bool, Any]] = {}
        self._dropped: set[int] = set()
        self._next = 0
        self._lock = threading.RLock()
        self._version: str | None = None
        self._closed = False
        self._broken: SilkgraphError | None = None  # a worker could not load the pipeline
        with self._lock:
            self._fill()

    def version(self) -> str:
        """The workers' pipeline version (every worker loads the same model and components)."""
        if self._version is None:
            self._version = self._result(self._submit("version", None, 0))
        return self._version

    def pids(self) -> list[int]:
        """Process ids of the live workers (not those being retired)."""
        with self._lock:
            return [w.life.pid for w in self._pool if not w.retiring]

    def extract(self, docs: list[Document], chunk: int | None = None) -> list[Extraction]:
        """Extract documents; results come back in input order."""
        # Two chunks per worker balance uneven document lengths without losing spaCy's batching.
        size = chunk or max(1, math.ceil(len(docs) / (2 * self.workers)))
        parts = chunks(docs, size)
        return [e for _, batch in self.stream(parts, window=len(parts) or 1) for e in batch]

    def read(self, paths: list[Path], encoding: str) -> Iterable[Document | InputError]:
        """The input files are read in this process, as they stream into the store."""
        return read_inputs(paths, encoding)

    def stream(
        self, batches: Iterable[list[Document]], window: int = 0
    ) -> Iterator[tuple[list[Document], list[Extraction]]]:
        """Extract batch after batch, keeping ``window`` batches in flight; in input order.

        A worker that finishes takes its next batch at once instead of waiting for the
        others (no barrier per batch); memory stays bounded by the window.
        """
        window = window or DEPTH * self.workers
        flight: deque[tuple[list[Document], int]] = deque()
        try:
            for docs in batches:
                flight.append((docs, self._submit("work", docs, len(docs))))
                if len(flight) >= window:
                    head, task = flight.popleft()
                    yield head, self._result(task)
            while flight:
                head, task = flight.popleft()
                yield head, self._result(task)
        finally:
            self._drop([task for _, task in flight])

    def close(self, wait_s: float = 10.0) -> None:
        """Stop every worker, recording each one's life; a worker still busy after
        ``wait_s`` seconds is killed."""
        with self._lock:
            self._closed = True
            self._queue.clear()
            for w in self._pool:
                if not w.retiring:
                    self._retire(w)
            deadline = time.monotonic() + wait_s
            while self._pool and time.monotonic() < deadline:
                self._pump(0.2)
            for w in list(self._pool):
                w.proc.kill()
                w.proc.join()
                self._reap(w)

    @property
    def closed(self) -> bool:
        return self._closed

    # tasks -----------------------------------------------------------------------

    def _submit(self, kind: str, payload: Any, documents: int) -> int:
        with self._lock:
            self._check()
            task = self._next
            self._next += 1
            self._queue.append((task, kind, payload, documents))
            self._dispatch()
            return task

    def _result(self, task: int) -> Any:
        while True:
            with self._lock:
                if task in self._results:
                    ok, value = self._results.pop(task)
                    if ok:
                        return value
                    if self._broken is not None and not self._closed:
                        self.close()  # no worker can load the pipeline: stop them all
                    raise value
                self._check()
                self._pump(0.5)

    def _check(self) -> None:
        if self._broken is not None:
            if not self._closed:
                self.close()
            raise self._broken
        if self._closed:
            raise WorkerError("the extraction workers are closed")

    def _drop(self, tasks: list[int]) -> None:
        """Forget tasks whose results nobody will read (a stream left early or failed)."""
        with self._lock:
            gone = set(tasks)
            queued = {t[0] for t in self._queue} & gone
            self._queue = deque(t for t in self._queue if t[0] not in gone)
            for task in gone - queued:
                if self._results.pop(task, None) is None:
                    self._dropped.add(task)  # still on a worker: its result is thrown away

    def _settle(self, task: int, ok: bool, value: Any) -> None:
        if task in self._dropped:
            self._dropped.discard(task)
        else:
            self._results[task] = (ok, value)

    def _dispatch(self) -> None:
        while self._queue:
            open_ = [w for w in self._pool if self._open(w) and len(w.pending) < DEPTH]
            if not open_:
                return
            w = min(open_, key=lambda w: (not w.ready, len(w.pending)))
            task, kind, payload, documents = self._queue.popleft()
            if not w.pending and w.ready:
                w.since = time.monotonic()
            w.pending.append((task, documents))
            w.assigned += documents
            # A dead worker cannot take it: _pump sees the exit and fails its tasks.
            with contextlib.suppress(OSError):
                w.conn.send((task, kind, payload))
            if not self._open(w):
                self._fill()  # its replacement loads while it finishes its last batches

    def _open(self, w: _Worker) -> bool:
        """Whether the worker takes new batches: not retiring, not at its recycle limit."""
        return not w.retiring and not (self.recycle and w.assigned >= self.recycle)

    # workers ---------------------------------------------------------------------

    def _fill(self) -> None:
        """Start workers until ``workers`` take new batches."""
        while (
            not self._closed
            and self._broken is None
            and sum(self._open(w) for w in self._pool) < self.workers
        ):
            parent, child = self._ctx.Pipe()
            proc = self._ctx.Process(
                target=_serve, args=(child, self.model, self.rates, os.getpid()), daemon=True
            )
            proc.start()
            child.close()
            assert proc.pid is not None
            self._pool.append(_Worker(proc, parent, WorkerLife(proc.pid, started=time.monotonic())))
            log.debug("started extraction worker %d", proc.pid)

    def _retire(self, w: _Worker) -> None:
        w.retiring = True
        w.life.retired = time.monotonic()
        with contextlib.suppress(OSError):
            w.conn.send(None)

    def _pump(self, timeout: float) -> None:
        """Wait for messages or exits of workers, handle them, and start replacements."""
        handles: dict[Any, _Worker] = {}
        for w in self._pool:
            handles[w.conn] = w
            handles[w.proc.sentinel] = w
        for handle in wait(list(handles), timeout):
            w = handles[handle]
            if w not in self._pool:
                continue
            if handle is w.conn:
                self._receive(w)
                continue
            # The worker exited: read what it sent before it went, then take it off.
            while w in self._pool and w.conn.poll():
                self._receive(w)
            w.proc.join(5)
            self._reap(w)
        self._stop_stuck()
        self._fill()
        self._dispatch()

    def _stop_stuck(self) -> None:
        """Kill a worker whose batch has run past the timeout; its exit fails the batch."""
        if not self.timeout:
            return
        now = time.monotonic()
        for w in self._pool:
            if w.pending and w.since and now - w.since > self.timeout and not w.stopped:
                w.stopped = f"did not finish a batch in {self.timeout} s and was stopped"
                log.warning("extraction worker %d %s", w.life.pid, w.stopped)
                w.proc.kill()

    def _receive(self, w: _Worker) -> None:
        try:
            tag, body = w.conn.recv()
        except (EOFError, OSError):
            w.proc.join(5)
            self._reap(w)
            return
        if tag == "ready":
            w.ready = True
            w.since = time.monotonic() if w.pending else 0.0
        elif tag in ("done", "error"):
            task, value = body
            _, documents = w.pending.popleft()
            w.life.documents += documents
            w.since = time.monotonic() if w.pending else 0.0
            self._settle(task, tag == "done", value)
            if self.recycle and w.assigned >= self.recycle and not w.pending:
                log.info(
                    "replacing extraction worker %d after %d documents", w.life.pid, w.assigned
                )
                self._retire(w)
        elif tag == "bye":
            w.life.peak_mb = body
        elif tag == "failed":
            self._broken = self._broken or body
            for task, _ in w.pending:
                self._settle(task, False, body)
            w.pending.clear()

    def _reap(self, w: _Worker) -> None:
        """Take a worker that exited off the pool; its unfinished batches fail."""
        if w not in self._pool:
            return
        self._pool.remove(w)
        w.conn.close()
        w.life.ended = time.monotonic()
        self.lives.append(w.life)
        code = w.proc.exitcode
        if w.retiring and code == 0 and not w.pending:
            return
        w.life.died = w.stopped or _exit_reason(code)
        log.warning("extraction worker %d %s", w.life.pid, w.life.died)
        for task, documents in w.pending:
            self._settle(
                task,
                False,
                WorkerError(
                    f"extraction worker {w.life.pid} {w.life.died} while extracting "
                    f"{documents} documents"
                ),
            )
        w.pending.clear()


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (out of memory?)" if name == "SIGKILL" else ""
        return f"was killed by {name}{hint}"
    return f"exited with code {code}"


_EXECUTORS: dict[tuple[str, int, int, int, str], LocalExecutor] = {}
_LOCK = threading.Lock()


def get_executor(
    model: str,
    workers: int,
    recycle: int = RECYCLE,
    timeout: int = TIMEOUT,
    rates: str | os.PathLike[str] | None = None,
) -> LocalExecutor:
    """The shared pool for this model, worker count and worker settings, started on first use."""
    with _LOCK:
        key = (model, workers, recycle, timeout, str(rates or ""))
        if key not in _EXECUTORS or _EXECUTORS[key].closed:
            log.info("starting %d extraction processes", workers)
            _EXECUTORS[key] = LocalExecutor(model, workers, recycle, timeout, rates)
        return _EXECUTORS[key]


def pools() -> list[LocalExecutor]:
    """The pools this process started and has not shut down."""
    with _LOCK:
        return list(_EXECUTORS.values())


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
