"""Extraction on Ray: Ray Data reads the input files and extracts, the engine stores.

``RayExecutor`` is the engine's executor on a Ray cluster (``ray_address``, or a local Ray
started here). Ray Data reads the input files in parallel and hands the documents back in
input order (the engine stores them: the store has one writer, and content hashes decide
duplicates in input order, as a local run does). For extraction, Ray Data runs one
``Extractor`` per worker actor over the pending documents and writes Parquet shards to a
folder; the executor reads the shards back for the engine to store. The driver loads no
model: even the pipeline version is asked of a Ray worker. Extraction is a pure function
of the document, so the store ends up exactly as a single-process run leaves it.
"""

from __future__ import annotations

import json
import logging
import socket
import tempfile
import time
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from silkgraph.errors import ConfigError, InputError
from silkgraph.ingest import list_inputs, read_path
from silkgraph.model import Document, Extraction

log = logging.getLogger(__name__)

BATCH = 16
# Documents per extraction round: bounds the driver's memory on large corpora.
ROUND = 10_000


def _read(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One input file -> its documents (as JSON) or the reasons it could not be read."""
    if row["error"]:
        return [{"doc": "", "error": row["error"]}]
    out: list[dict[str, Any]] = []
    for item in read_path(Path(row["path"]), row["encoding"], row["id"] or None):
        if isinstance(item, InputError):
            out.append({"doc": "", "error": str(item)})
        else:
            out.append({"doc": json.dumps(item.to_dict(), ensure_ascii=False), "error": ""})
    return out


class ExtractorActor:
    """A Ray Data worker: builds the pipelines once, extracts batches of documents."""

    def __init__(self, model: str, rates: str | None) -> None:
        from silkgraph.extract.registry import Extractor

        self.extractor = Extractor(model, rates)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        docs = [Document.from_dict(json.loads(d)) for d in batch["doc"]]
        exts = self.extractor.extract(docs)
        return {
            "doc_id": [e.doc_id for e in exts],
            "data": [json.dumps(e.to_dict(), ensure_ascii=False) for e in exts],
        }


def bind_model(model: str, rates: str | None = None) -> type[ExtractorActor]:
    """An actor class with its settings baked in (Ray then needs no constructor arguments)."""

    class BoundExtractor(ExtractorActor):
        def __init__(self) -> None:
            super().__init__(model, rates)

    return BoundExtractor


def _pipeline_version(model: str, rates: str | None) -> str:
    """Run on a Ray worker: the version of the pipelines built there."""
    from silkgraph.extract.registry import Extractor

    return Extractor(model, rates).version


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail in seconds, with one line, where Ray itself would retry for minutes."""
    hostport = address.split("://", 1)[-1].rstrip("/")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"Ray address {address!r} should look like host:port or ray://host:port")
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as err:
        raise ConfigError(f"cannot reach the Ray cluster at {address}: {err}") from None


def _connect(address: str | None) -> bool:
    """Join the Ray cluster at ``address`` (or start a local one); True if we started it."""
    try:
        import ray
    except ImportError:
        raise ConfigError("the Ray engine needs Ray: pip install 'silkgraph[ray]'") from None
    if ray.is_initialized():
        return False
    if address and address != "auto":
        _check_reachable(address)
    try:
        ray.init(
            address=address,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.WARNING,
        )
    except (ConnectionError, RuntimeError, ValueError) as err:
        where = address or "a local Ray"
        raise ConfigError(f"cannot start or reach {where}: {err}") from None
    return True


def _quiet() -> None:
    """Ray Data's INFO lines, progress bars and utilisation hints are not for CLI users."""
    import ray.data

    logging.getLogger("ray.data").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.data\..*")
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    # Input order decides which of two identical texts is stored, as in a local run.
    ctx.execution_options.preserve_order = True


def _workers() -> int:
    import ray

    resources: dict[str, float] = ray.cluster_resources()  # type: ignore[no-untyped-call]
    return max(1, int(resources.get("CPU", 1)))


def read_documents(paths: list[Path], encoding: str) -> list[Document | InputError]:
    """Read every input file on Ray Data, keeping the input order."""
    import ray.data

    files = [
        {"path": str(i.path), "encoding": encoding, "id": i.doc_id or "", "error": i.error or ""}
        for i in list_inputs(paths)
    ]
    if not files:
        return []
    rows = ray.data.from_items(files).flat_map(_read).take_all()
    return [
        InputError(r["error"]) if r["error"] else Document.from_dict(json.loads(r["doc"]))
        for r in rows
    ]


def extract_to_parquet(
    docs: list[Document], model: str, folder: Path, rates: str | None = None
) -> None:
    """Extract on Ray Data, one ``Extractor`` per worker actor; write Parquet shards to ``folder``."""
    import ray.data

    workers = _workers()
    blocks = max(min(len(docs), workers), len(docs) // BATCH)
    items = ray.data.from_items(
        [{"doc": json.dumps(d.to_dict(), ensure_ascii=False)} for d in docs],
        override_num_blocks=blocks,
    )
    ds = items.map_batches(
        bind_model(model, rates),
        batch_size=BATCH,
        concurrency=workers,
        num_cpus=1,
        batch_format="numpy",
    )
    ds.write_parquet(str(folder))


def read_parquet(folder: Path) -> Iterator[list[Extraction]]:
    """The extractions in every shard of ``folder``, a few hundred at a time."""
    import pyarrow.parquet as pq

    for shard in sorted(folder.glob("*.parquet")):
        for batch in pq.ParquetFile(shard).iter_batches(batch_size=256):
            yield [Extraction.from_dict(json.loads(d)) for d in batch.column("data").to_pylist()]


class RayExecutor:
    """The engine's executor on Ray: reading and extraction run on the cluster.

    ``address``: the cluster (None or "auto" as Ray reads them: a local Ray is started
    when none runs, and stopped by ``close``). ``shards``: with a remote cluster the
    extraction shards must land where the driver can read them: a shared folder (NFS or
    similar) named by the ``ray_shards`` setting.
    """

    def __init__(
        self,
        model: str = "",
        address: str | None = None,
        shards: str | Path | None = None,
        rates: str | Path | None = None,
    ) -> None:
        self.model = model
        self.address = address
        self.shards = str(shards) if shards else None
        self.rates = str(rates) if rates else None
        self._connected = False
        self._started = False
        self._version: str | None = None

    def _ready(self) -> None:
        if not self._connected:
            self._started = _connect(self.address)
            self._connected = True
            _quiet()

    def version(self) -> str:
        if self._version is None:
            import ray

            self._ready()
            task = ray.remote(num_cpus=1)(_pipeline_version)
            self._version = str(ray.get(task.remote(self.model, self.rates)))
        return self._version

    def read(self, paths: list[Path], encoding: str) -> Iterable[Document | InputError]:
        self._ready()
        started = time.monotonic()
        items = read_documents(paths, encoding)
        log.info("read %d documents on Ray in %.1f s", len(items), time.monotonic() - started)
        return items

    def stream(
        self, batches: Iterable[list[Document]]
    ) -> Iterator[tuple[list[Document], list[Extraction]]]:
        """Extract in rounds of up to ROUND documents; each round's extractions come back
        shard by shard, with the documents they belong to."""
        self._ready()
        pending: list[Document] = []
        for docs in batches:
            pending.extend(docs)
            if len(pending) >= ROUND:
                yield from self._round(pending)
                pending = []
        if pending:
            yield from self._round(pending)

    def _round(self, docs: list[Document]) -> Iterator[tuple[list[Document], list[Extraction]]]:
        started = time.monotonic()
        by_id = {d.id: d for d in docs}
        with tempfile.TemporaryDirectory(prefix="silkgraph-ray-", dir=self.shards) as tmp:
            extract_to_parquet(docs, self.model, Path(tmp), self.rates)
            log.info(
                "extracted %d documents on Ray in %.1f s", len(docs), time.monotonic() - started
            )
            for exts in read_parquet(Path(tmp)):
                yield [by_id[e.doc_id] for e in exts], exts

    def close(self) -> None:
        """Stop the local Ray this executor started; a cluster it joined stays up."""
        if self._started:
            import ray

            ray.shutdown()
        self._connected = self._started = False
