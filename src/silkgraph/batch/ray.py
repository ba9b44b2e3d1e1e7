"""Distributed ingest on Ray: Ray Data reads and extracts, one writer loads the store.

The flow: Ray Data reads the input files in parallel; the driver stores the documents
(the store has one writer, and content hashes decide duplicates in input order, as a
local run does); Ray Data extracts the pending documents with one pipeline per worker
actor and writes Parquet shards to a temporary folder; the driver loads the shards into
the store and resolution runs. Extraction is a pure function of the document, so the
store ends up exactly as a single-process run leaves it.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from silkgraph.errors import ConfigError, InputError
from silkgraph.ingest import list_inputs, read_path
from silkgraph.model import Document, Extraction

if TYPE_CHECKING:
    from silkgraph.engine import Engine, IngestReport

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


class Extractor:
    """A Ray Data worker: loads the pipeline once, extracts batches of documents."""

    def __init__(self, model: str) -> None:
        from silkgraph.extract.registry import make_pipeline

        self.pipeline = make_pipeline(model)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        docs = [Document.from_dict(json.loads(d)) for d in batch["doc"]]
        exts = self.pipeline.pipe(docs)
        return {
            "doc_id": [e.doc_id for e in exts],
            "data": [json.dumps(e.to_dict(), ensure_ascii=False) for e in exts],
        }


def bind_model(model: str) -> type[Extractor]:
    """An Extractor class with the model baked in (Ray then needs no constructor arguments)."""

    class BoundExtractor(Extractor):
        def __init__(self) -> None:
            super().__init__(model)

    return BoundExtractor


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


def extract_to_parquet(docs: list[Document], model: str, folder: Path) -> None:
    """Extract on Ray Data, one pipeline per worker actor; write Parquet shards to ``folder``."""
    import ray.data

    workers = _workers()
    blocks = max(min(len(docs), workers), len(docs) // BATCH)
    items = ray.data.from_items(
        [{"doc": json.dumps(d.to_dict(), ensure_ascii=False)} for d in docs],
        override_num_blocks=blocks,
    )
    ds = items.map_batches(
        bind_model(model), batch_size=BATCH, concurrency=workers, num_cpus=1, batch_format="numpy"
    )
    ds.write_parquet(str(folder))


def load_parquet(engine: Engine, folder: Path) -> int:
    """The single writer: load every extraction shard into the store."""
    import pyarrow.parquet as pq

    done = 0
    for shard in sorted(folder.glob("*.parquet")):
        for batch in pq.ParquetFile(shard).iter_batches(batch_size=256):
            for data in batch.column("data").to_pylist():
                engine.store.save_extraction(Extraction.from_dict(json.loads(data)))
                done += 1
    return done


def _extract_round(engine: Engine, ids: list[str], report: IngestReport) -> None:
    pending = [d for i in ids if (d := engine.store.get_document(i)) is not None]
    english = [d for d in pending if d.language == "en"]
    others = [d for d in pending if d.language != "en"]
    # Documents not in English go through their language's pipeline in this process, or are
    # stored without extraction where none exists, exactly as a local run does.
    from silkgraph.engine import skipped_language

    for ext in engine.extract_documents(others):
        engine.store.save_extraction(ext)
        lang = skipped_language(ext)
        if lang is None:
            report.extracted += 1
        else:
            report.count_not_extracted(lang)
    if english:
        # With a remote cluster the shards must land where the driver can read them:
        # SILKGRAPH_RAY_SHARDS names a shared folder (NFS or similar) for that.
        base = os.environ.get("SILKGRAPH_RAY_SHARDS") or None
        with tempfile.TemporaryDirectory(prefix="silkgraph-ray-", dir=base) as tmp:
            extract_to_parquet(english, engine.model, Path(tmp))
            report.extracted += load_parquet(engine, Path(tmp))


def ingest_with_ray(
    engine: Engine, paths: list[Path], encoding: str = "utf-8", address: str | None = None
) -> IngestReport:
    """Read, extract and store on Ray, then resolve; the result equals a local run."""
    from silkgraph.engine import IngestReport

    started = _connect(address)
    try:
        _quiet()
        report = IngestReport()
        engine.add(read_documents(paths, encoding), report)
        ids = engine.store.pending_documents(engine.pipeline.version)
        for start in range(0, len(ids), ROUND):
            _extract_round(engine, ids[start : start + ROUND], report)
        if report.extracted or engine.resolution_behind():
            engine.resolve()
        return report
    finally:
        if started:
            import ray

            ray.shutdown()
