"""Crash safety: ``kill -9`` in the middle of an ingest, then a restart, loses nothing.

A real ``silkgraph ingest`` process is killed twice, once while it stores documents and
once while it extracts them; after each kill the file must hold only whole documents
and whole extractions, and a plain re-run must finish the rest without duplicates.
Then the window after the last extraction: an ingest killed while it resolves, and a
``silkgraph resolve`` killed while it resolves, are finished by the next command (an
ingest with nothing new, ``resolve``, or ``stats``), and the store then equals a clean run.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent / "silkgraph"
N_DOCS = 60
SUMMARY = re.compile(
    r"added (\d+), updated (\d+), already stored (\d+), extracted (\d+), failed (\d+)"
)

pytestmark = pytest.mark.slow


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db, timeout=30)
    try:
        return list(con.execute(sql))
    finally:
        con.close()


def count(db: Path, table: str) -> int:
    try:
        return int(query(db, f"SELECT COUNT(*) FROM {table}")[0][0])
    except sqlite3.Error:  # the schema is not there yet
        return 0


def kill_when(
    db: Path,
    folder: Path,
    ready: Callable[[], bool],
    limit: float = 240,
    args: tuple[str, ...] = (),
) -> int:
    """Start an ingest (or the command ``args``) and SIGKILL it as soon as ``ready()``."""
    proc = subprocess.Popen(
        [str(BIN), *(args or ("ingest", str(folder))), "--db", str(db)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + limit
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if db.exists() and ready():
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.0005)
    finally:
        if proc.poll() is None and time.monotonic() >= deadline:
            proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest ended before it could be killed"
    return count(db, "documents")


def check_whole(db: Path, texts: dict[str, str]) -> tuple[int, int]:
    """Only whole documents and whole extractions are in the file."""
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    docs = dict(query(db, "SELECT id, text FROM documents"))
    for doc_id, text in docs.items():
        assert text == texts[doc_id], f"{doc_id} is stored partially"
    assert sorted(r[0] for r in query(db, "SELECT id FROM documents_fts")) == sorted(docs)
    extracted = {r[0] for r in query(db, "SELECT doc_id FROM extractions")}
    assert extracted <= set(docs)
    assert {r[0] for r in query(db, "SELECT DISTINCT doc_id FROM doc_entities")} <= extracted
    return len(docs), len(extracted)


def resolved_view(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything resolution writes, in a fixed order, to compare two stores."""
    sql = {
        "entities": "SELECT id, name, type, aliases, attrs, n_docs, n_mentions FROM entities",
        "events": "SELECT id, type, date, end_date, location, data, n_sources FROM events",
        "doc_entities": "SELECT doc_id, key, entity_id FROM doc_entities",
        "doc_events": "SELECT doc_id, key, event_id, version FROM doc_events",
        "state": "SELECT key, value FROM store_state WHERE key = 'resolved_serial'"
        " AND value = (SELECT value FROM store_state WHERE key = 'extraction_serial')",
    }
    return {name: sorted(query(db, q), key=repr) for name, q in sql.items()}


def behind(db: Path) -> bool:
    try:
        state = dict(query(db, "SELECT key, value FROM store_state"))
    except sqlite3.Error:
        return False
    return bool(state) and state["extraction_serial"] != state["resolved_serial"]


def copy_db(src: Path, dst: Path) -> None:
    """A consistent copy, WAL included (copying the main file alone could miss commits)."""
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), *args], cwd=ROOT, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def clean(
    tmp_path_factory: pytest.TempPathFactory, make_corpus: Callable[[Path, int], dict[str, str]]
) -> tuple[Path, dict[str, str], Path]:
    """The corpus, its texts, and a store made by one uninterrupted ingest of it."""
    root = tmp_path_factory.mktemp("clean")
    texts = make_corpus(root / "in", N_DOCS)
    db = root / "clean.db"
    res = cli("ingest", str(root / "in"), "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert count(db, "entities") > 0 and not behind(db)
    return root / "in", texts, db


def test_kill_during_ingest_then_restart(
    tmp_path: Path, clean: tuple[Path, dict[str, str], Path]
) -> None:
    folder, texts, clean_db = clean
    shutil.copytree(folder, tmp_path / "in")
    db = tmp_path / "crash.db"

    # 1. killed while storing documents
    kill_when(db, tmp_path / "in", lambda: 0 < count(db, "documents") < N_DOCS)
    stored, extracted = check_whole(db, texts)
    assert 0 < stored < N_DOCS and extracted == 0

    # 2. killed while extracting: the rest is stored, part of it extracted
    kill_when(db, tmp_path / "in", lambda: 0 < count(db, "extractions") < N_DOCS)
    stored, extracted = check_whole(db, texts)
    assert stored == N_DOCS and 0 < extracted < N_DOCS

    # 3. a plain re-run finishes: nothing added twice, the pending ones extracted
    res = subprocess.run(
        [str(BIN), "ingest", str(tmp_path / "in"), "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    m = SUMMARY.search(res.stderr)
    assert m is not None, res.stderr
    assert tuple(map(int, m.groups())) == (0, 0, N_DOCS, N_DOCS - extracted, 0)
    assert check_whole(db, texts) == (N_DOCS, N_DOCS)
    assert count(db, "documents") == len({r[0] for r in query(db, "SELECT hash FROM documents")})
    assert query(db, "SELECT COUNT(DISTINCT pipeline), SUM(n_errors) FROM extractions") == [(1, 0)]
    no_entities = query(
        db, "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM doc_entities)"
    )
    assert no_entities == []
    assert count(db, "entities") > 0
    assert resolved_view(db) == resolved_view(clean_db)


def test_kill_while_resolving_is_finished_by_the_next_command(
    tmp_path: Path, clean: tuple[Path, dict[str, str], Path]
) -> None:
    folder, texts, clean_db = clean
    db = tmp_path / "window.db"
    want = resolved_view(clean_db)

    # 1. an ingest killed after its last extraction, before its resolution is stored
    kill_when(db, folder, lambda: count(db, "extractions") == N_DOCS and behind(db))
    assert check_whole(db, texts) == (N_DOCS, N_DOCS)
    assert behind(db) and count(db, "entities") == 0
    window = tmp_path / "window-copy.db"
    copy_db(db, window)

    # 2. the plain re-run has nothing to extract, yet it finishes the resolution
    res = cli("ingest", str(folder), "--db", str(db))
    assert res.returncode == 0, res.stderr
    m = SUMMARY.search(res.stderr)
    assert m is not None and tuple(map(int, m.groups())) == (0, 0, N_DOCS, 0, 0), res.stderr
    assert not behind(db) and resolved_view(db) == want

    # 3. ``silkgraph resolve`` does it explicitly
    explicit = tmp_path / "explicit.db"
    copy_db(window, explicit)
    res = cli("resolve", "--db", str(explicit))
    assert res.returncode == 0, res.stderr
    assert not behind(explicit) and resolved_view(explicit) == want

    # 4. a ``silkgraph resolve`` killed in the middle, then a read-only command finishes it
    killed = tmp_path / "killed.db"
    copy_db(window, killed)
    wal = Path(f"{killed}-wal")
    # killed once it writes: inside the transaction that stores the resolution, or
    # between that commit and the one that records which extractions it covered
    kill_when(killed, folder, lambda: wal.exists() and wal.stat().st_size > 0, args=("resolve",))
    assert behind(killed)
    res = cli("stats", "--db", str(killed))
    assert res.returncode == 0, res.stderr
    assert "resolving" in res.stderr
    assert not behind(killed) and resolved_view(killed) == want
    assert check_whole(killed, texts) == (N_DOCS, N_DOCS)
