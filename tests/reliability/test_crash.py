"""Crash safety: ``kill -9`` in the middle of an ingest, then a restart, loses nothing.

A real ``silkgraph ingest`` process is killed twice, once while it stores documents and
once while it extracts them; after each kill the file must hold only whole documents
and whole extractions, and a plain re-run must finish the rest without duplicates.
"""

from __future__ import annotations

import os
import re
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


def kill_when(db: Path, folder: Path, ready: Callable[[], bool], limit: float = 240) -> int:
    """Start an ingest and SIGKILL it as soon as ``ready()``; returns the seen count."""
    proc = subprocess.Popen(
        [str(BIN), "ingest", str(folder), "--db", str(db)],
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


def test_kill_during_ingest_then_restart(
    tmp_path: Path, make_corpus: Callable[[Path, int], dict[str, str]]
) -> None:
    texts = make_corpus(tmp_path / "in", N_DOCS)
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
    m = re.search(r"added (\d+), already stored (\d+), extracted (\d+), failed (\d+)", res.stderr)
    assert m is not None, res.stderr
    assert tuple(map(int, m.groups())) == (0, N_DOCS, N_DOCS - extracted, 0)
    assert check_whole(db, texts) == (N_DOCS, N_DOCS)
    assert count(db, "documents") == len({r[0] for r in query(db, "SELECT hash FROM documents")})
    assert query(db, "SELECT COUNT(DISTINCT pipeline), SUM(n_errors) FROM extractions") == [(1, 0)]
    no_entities = query(
        db, "SELECT id FROM documents WHERE id NOT IN (SELECT doc_id FROM doc_entities)"
    )
    assert no_entities == []
    assert count(db, "entities") > 0
