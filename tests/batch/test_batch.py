"""Batch extraction: a local process pool and Ray give exactly the single-process result."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from silkgraph.engine import Engine
from silkgraph.model import Document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def docs() -> list[Document]:
    from silkgraph.ingest import read_inputs

    found = [d for d in read_inputs([EXAMPLES]) if isinstance(d, Document)]
    assert len(found) == 3
    # Extra short documents make several chunks per worker.
    extra = [
        Document(
            f"x{i}",
            f"Kazakhstan exported {i + 1} million tonnes of wheat to China "
            f"in 2023, the ministry said on {i % 28 + 1} March.",
        )
        for i in range(9)
    ]
    return found + extra


@pytest.fixture(scope="session")
def single(docs: list[Document]) -> list[dict[str, object]]:
    from silkgraph.extract.registry import make_pipeline

    return [e.to_dict() for e in make_pipeline().pipe(docs)]


def _pid(_: int) -> int:
    return os.getpid()


def test_local_pool_equals_single_process(
    docs: list[Document], single: list[dict[str, object]]
) -> None:
    from silkgraph.batch.local import extract_parallel, get_executor, shutdown

    try:
        _check_pool(docs, single, extract_parallel, get_executor)
    finally:
        shutdown()


def _check_pool(docs, single, extract_parallel, get_executor) -> None:  # type: ignore[no-untyped-def]
    first = extract_parallel(docs, "", 2)
    assert [e.to_dict() for e in first] == single
    pool = get_executor("", 2)
    workers = set(pool.pool._processes)  # type: ignore[attr-defined]
    assert len(workers) == 2
    # A second batch runs on the same pool: same executor, same worker processes.
    again = extract_parallel(list(reversed(docs)), "", 2, chunk=1)
    assert [e.to_dict() for e in again] == list(reversed(single))
    assert get_executor("", 2) is pool
    assert set(pool.pool._processes) == workers  # type: ignore[attr-defined]
    assert set(pool.pool.map(_pid, range(8))) <= workers


def _export(db: Path) -> list[dict[str, object]]:
    from silkgraph.export.jsonl import iter_records
    from silkgraph.store import open_store

    store = open_store(str(db))
    try:
        return [json.loads(json.dumps(r)) for r in iter_records(store)]
    finally:
        store.close()


@pytest.mark.ray
def test_ray_ingest_equals_local_ingest(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")
    from silkgraph.batch.ray import ingest_with_ray

    with Engine(str(tmp_path / "local.db")) as eng:
        local = eng.ingest([EXAMPLES])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with Engine(str(tmp_path / "ray.db")) as eng:
            report = ingest_with_ray(eng, [EXAMPLES, tmp_path / "missing.txt"], "utf-8", None)
            again = ingest_with_ray(eng, [EXAMPLES], "utf-8", None)
    finally:
        ray.shutdown()
    assert (report.added, report.extracted) == (local.added, local.extracted) == (3, 3)
    assert len(report.failed) == 1 and "missing.txt" in report.failed[0]
    assert (again.added, again.duplicates, again.extracted) == (0, 3, 0)
    assert _export(tmp_path / "ray.db") == _export(tmp_path / "local.db")


@pytest.mark.ray
def test_unreachable_ray_address_is_one_line_error(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("ray")
    res = run_cli(
        "ingest",
        EXAMPLES,
        "--db",
        tmp_path / "x.db",
        "--engine",
        "ray",
        "--address",
        "127.0.0.1:1",
        timeout=60,
    )
    assert res.returncode == 1
    assert res.stderr.strip().count("\n") == 0
    assert "cannot reach the Ray cluster at 127.0.0.1:1" in res.stderr
