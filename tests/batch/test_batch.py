"""Batch extraction: a local process pool and Ray give exactly the single-process result."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from silkgraph.config import Settings
from silkgraph.engine import Engine
from silkgraph.errors import ConfigError, SilkgraphError
from silkgraph.model import Document, Extraction

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


@pytest.fixture()
def deadline() -> Iterator[None]:
    """Fail a test that runs past two minutes instead of hanging the suite (a deadlock)."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("worker pool test ran past its deadline: a hang")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(120)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _dicts(results: Iterable[tuple[list[Document], list[Extraction]]]) -> list[dict[str, object]]:
    return [e.to_dict() for _, batch in results for e in batch]


def test_local_pool_equals_single_process(
    docs: list[Document], single: list[dict[str, object]], deadline: None
) -> None:
    from silkgraph.batch.local import extract_parallel, get_executor

    first = extract_parallel(docs, "", 2)
    assert [e.to_dict() for e in first] == single
    pool = get_executor("", 2)
    workers = set(pool.pids())
    assert len(workers) == 2
    # A second batch runs on the same pool: same executor, same worker processes.
    again = extract_parallel(list(reversed(docs)), "", 2, chunk=1)
    assert [e.to_dict() for e in again] == list(reversed(single))
    assert get_executor("", 2) is pool
    assert set(pool.pids()) == workers
    assert pool.lives == []


def test_workers_are_recycled_and_output_is_unchanged(
    docs: list[Document], single: list[dict[str, object]], deadline: None
) -> None:
    from silkgraph.batch.local import LocalExecutor

    # Six batches of two documents; each worker is replaced after four documents.
    executor = LocalExecutor("", 2, recycle=4)
    try:
        first = executor.pids()
        out = _dicts(executor.stream(docs[i : i + 2] for i in range(0, len(docs), 2)))
        assert out == single
        assert len(executor.pids()) == 2 and not set(executor.pids()) & set(first)
    finally:
        executor.close()
    # Each first worker took two batches and was replaced; fresh workers took the rest.
    assert set(first) <= {life.pid for life in executor.lives}
    old_lives = [life for life in executor.lives if life.pid in first]
    assert all(life.documents == 4 and not life.died for life in old_lives)
    assert all(life.peak_mb > 100 for life in executor.lives)  # the model was loaded
    later = [life for life in executor.lives if life.pid not in first]
    assert sum(life.documents for life in later) == 4
    assert all(life.documents <= 4 for life in executor.lives)
    # Each replacement was started while the worker it replaces still had batches to do.
    for old in (life for life in executor.lives if life.pid in first):
        assert any(new.started < old.retired for new in later)


def test_worker_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from silkgraph.batch.local import RECYCLE, TIMEOUT
    from silkgraph.config import get_settings

    env_recycle, env_timeout = "SILKGRAPH_WORKER_DOCS", "SILKGRAPH_BATCH_TIMEOUT"
    monkeypatch.delenv(env_timeout, raising=False)
    assert get_settings().batch_timeout == TIMEOUT
    monkeypatch.setenv(env_timeout, "90")
    assert get_settings().batch_timeout == 90 and get_settings(batch_timeout=0).batch_timeout == 0
    monkeypatch.setenv(env_timeout, "soon")
    with pytest.raises(ConfigError, match=f"{env_timeout} must be a whole number of seconds"):
        get_settings()
    monkeypatch.delenv(env_timeout)
    monkeypatch.delenv(env_recycle, raising=False)
    assert get_settings().worker_docs == RECYCLE
    monkeypatch.setenv(env_recycle, "250")
    assert get_settings().worker_docs == 250
    assert get_settings(worker_docs=7).worker_docs == 7
    monkeypatch.setenv(env_recycle, "0")
    assert get_settings().worker_docs == 0
    for bad in ("lots", "-3", "1.5"):
        monkeypatch.setenv(env_recycle, bad)
        with pytest.raises(ConfigError, match=env_recycle):
            get_settings()


def test_engine_hands_the_worker_settings_to_its_pool(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, deadline: None
) -> None:
    from silkgraph.batch.local import LocalExecutor
    from silkgraph.config import get_settings

    monkeypatch.setenv("SILKGRAPH_WORKER_DOCS", "250")
    monkeypatch.setenv("SILKGRAPH_BATCH_TIMEOUT", "90")
    settings = get_settings(workers=2)
    with Engine(str(tmp_path / "w.db"), settings=settings) as eng:
        pool = eng.executor
        assert isinstance(pool, LocalExecutor)
        assert (pool.workers, pool.recycle, pool.timeout) == (2, 250, 90)
    assert pool.closed  # the engine made it, so the engine stopped it


def test_failing_batch_is_an_error_and_the_pool_goes_on(
    docs: list[Document], single: list[dict[str, object]], deadline: None
) -> None:
    from silkgraph.batch.local import WorkerError, get_executor

    executor = get_executor("", 2)
    bad: list[Document] = [None]  # type: ignore[list-item]
    with pytest.raises(WorkerError, match="AttributeError"):
        _dicts(executor.stream([docs[:1], bad, docs[1:2]]))
    assert _dicts(executor.stream([docs[:6], docs[6:]])) == single


def test_stream_left_early_leaves_no_stale_results(
    docs: list[Document], single: list[dict[str, object]], deadline: None
) -> None:
    from silkgraph.batch.local import get_executor

    executor = get_executor("", 2)
    left = executor.stream([[d] for d in docs])
    next(left)
    left.close()  # the consumer stops after one batch; the rest is in flight or queued
    assert _dicts(executor.stream([docs[:6], docs[6:]])) == single
    # Results of the abandoned batches are thrown away as they come, never kept; at most
    # the window of them (four batches) can still be on a worker.
    assert executor._results == {} and len(executor._dropped) <= 4


def test_killed_worker_is_an_error_not_a_hang(
    docs: list[Document], single: list[dict[str, object]], deadline: None
) -> None:
    from silkgraph.batch.local import WorkerError, get_executor

    executor = get_executor("", 2)
    before = executor.pids()
    victim = before[0]

    def batches() -> Iterator[list[Document]]:
        yield docs[:6]
        yield docs[6:]
        os.kill(victim, signal.SIGKILL)  # as the out-of-memory killer would
        yield docs[:1]

    with pytest.raises(WorkerError, match=f"worker {victim} was killed by SIGKILL"):
        _dicts(executor.stream(batches()))
    # A replacement takes the dead worker's place and the output is unchanged.
    assert _dicts(executor.stream([docs[:6], docs[6:]])) == single
    assert victim not in executor.pids() and len(executor.pids()) == 2
    assert any(life.pid == victim and "SIGKILL" in life.died for life in executor.lives)


def test_stuck_worker_is_stopped_and_replaced(
    docs: list[Document], single: list[dict[str, object]], deadline: None
) -> None:
    from silkgraph.batch.local import LocalExecutor, WorkerError

    executor = LocalExecutor("", 1, timeout=3)
    try:
        executor.version()  # the model is loaded: the clock runs for batches only
        (stuck,) = executor.pids()
        os.kill(stuck, signal.SIGSTOP)  # alive, but it will never answer
        with pytest.raises(WorkerError, match=f"worker {stuck} did not finish a batch in 3 s"):
            _dicts(executor.stream([docs[:1]]))
        executor.timeout = 0  # a busy test machine must not time the check below out
        assert _dicts(executor.stream([docs[:6], docs[6:]])) == single
        assert stuck not in executor.pids()
    finally:
        executor.close()
    assert any(life.pid == stuck and "did not finish" in life.died for life in executor.lives)


def test_unloadable_model_is_an_error_not_a_hang(deadline: None) -> None:
    from silkgraph.batch.local import LocalExecutor

    executor = LocalExecutor("no-such-model", 1)
    with pytest.raises(SilkgraphError, match="no-such-model"):
        executor.version()
    assert executor.closed


@pytest.fixture(scope="module", autouse=True)
def _stop_pools() -> Iterator[None]:
    yield
    from silkgraph.batch.local import shutdown

    shutdown()


def _export(db: Path) -> list[dict[str, object]]:
    from silkgraph.export.jsonl import iter_records
    from silkgraph.store import open_store

    store = open_store(str(db))
    try:
        return [json.loads(json.dumps(r)) for r in iter_records(store)]
    finally:
        store.close()


def _ray_settings() -> Settings:
    from silkgraph.config import get_settings

    return get_settings(executor="ray")


@pytest.mark.ray
def test_ray_ingest_equals_local_ingest(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")

    with Engine(str(tmp_path / "local.db")) as eng:
        local = eng.ingest([EXAMPLES])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with Engine(str(tmp_path / "ray.db"), settings=_ray_settings()) as eng:
            report = eng.ingest([EXAMPLES, tmp_path / "missing.txt"], "utf-8")
            again = eng.ingest([EXAMPLES], "utf-8")
    finally:
        ray.shutdown()
    assert (report.added, report.extracted) == (local.added, local.extracted) == (3, 3)
    assert len(report.failed) == 1 and "missing.txt" in report.failed[0]
    assert (again.added, again.duplicates, again.extracted) == (0, 3, 0)
    assert _export(tmp_path / "ray.db") == _export(tmp_path / "local.db")


def _four_languages(folder: Path) -> Path:
    folder.mkdir()
    (folder / "en.txt").write_text(sorted(EXAMPLES.glob("*.txt"))[0].read_text("utf-8"), "utf-8")
    (folder / "ru.txt").write_text(
        "МОСКВА, 3 мая. Россия и Монголия подписали соглашение о поставках зерна на "
        "сумму 5 млрд рублей, сообщил министр сельского хозяйства Монголии.\n",
        encoding="utf-8",
    )
    (folder / "zh.txt").write_text(
        "新华社北京5月3日电 俄罗斯和蒙古签署了粮食供应协议，双方将扩大农业合作与贸易往来。\n",
        encoding="utf-8",
    )
    (folder / "kk.txt").write_text(
        "Екі ел сейсенбі күні жаңа темір жол желісін салу туралы келісімге қол қойды, ал "
        "министрлік жүк тасымалы үш жыл ішінде екі есе артатынын мәлімдеді.\n",
        encoding="utf-8",
    )
    return folder


def test_workers_read_russian_and_chinese_like_one_process(
    tmp_path: Path,
) -> None:
    folder = _four_languages(tmp_path / "in")
    with Engine(str(tmp_path / "one.db")) as eng:
        one = eng.ingest([folder])
    with Engine(str(tmp_path / "two.db"), workers=2) as eng:
        two = eng.ingest([folder])
    assert (
        (one.extracted, one.not_extracted) == (two.extracted, two.not_extracted) == (3, {"kk": 1})
    )
    assert _export(tmp_path / "two.db") == _export(tmp_path / "one.db")


@pytest.mark.ray
def test_ray_ingest_reads_russian_and_chinese_and_flags_kazakh_like_local(tmp_path: Path) -> None:
    ray = pytest.importorskip("ray")

    folder = _four_languages(tmp_path / "in")
    with Engine(str(tmp_path / "local.db")) as eng:
        local = eng.ingest([folder])
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with Engine(str(tmp_path / "ray.db"), settings=_ray_settings()) as eng:
            report = eng.ingest([folder], "utf-8")
    finally:
        ray.shutdown()
    assert (local.extracted, local.not_extracted) == (3, {"kk": 1})
    assert (report.extracted, report.not_extracted) == (3, {"kk": 1})
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


DRIVER = """
import sys

import ray

from silkgraph.config import get_settings
from silkgraph.engine import Engine
from silkgraph.extract.nlp import load_model

ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
try:
    with Engine(sys.argv[1], settings=get_settings(executor="ray")) as eng:
        report = eng.ingest([sys.argv[2]])
finally:
    ray.shutdown()
print(report.extracted, load_model.cache_info().currsize, "spacy" in sys.modules)
"""


@pytest.mark.ray
def test_ray_driver_loads_no_model(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    example = sorted(EXAMPLES.glob("*.txt"))[0]
    res = subprocess.run(
        [sys.executable, "-c", DRIVER, str(tmp_path / "ray.db"), str(example)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    # One document extracted on a Ray worker; the driver loaded no spaCy model.
    assert res.stdout.split()[-3:] == ["1", "0", "False"], res.stdout
