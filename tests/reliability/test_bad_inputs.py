"""The bad-input corpus through a real ``silkgraph ingest``: nothing aborts, nothing is lost.

A store holding earlier documents (and their extractions) takes the corpus of
``bad_inputs.py``: every bad input must be reported in exactly one line, every good one
stored, the earlier documents left byte-identical, and no traceback printed.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from bad_inputs import Bad, build, previous

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent / "silkgraph"
SUMMARY = re.compile(
    r"added (\d+), updated (\d+), already stored (\d+), extracted (\d+), failed (\d+)"
)

pytestmark = pytest.mark.slow


def run_ingest(
    args: list[str | Path], db: Path, drop_caps: bool = False
) -> subprocess.CompletedProcess[str]:
    cmd = [str(BIN), "ingest", *map(str, args), "--db", str(db)]
    if drop_caps:
        # As root, chmod 000 stops nobody: drop the capabilities that override it.
        caps = "-dac_override,-dac_read_search"
        cmd = ["setpriv", "--bounding-set", caps, "--inh-caps", caps, "--", *cmd]
    return subprocess.run(
        cmd,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        errors="backslashreplace",
    )


def snapshot(db: Path) -> dict[str, tuple[str, str, str]]:
    """id -> (text, pipeline, extraction JSON) of every stored document."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT d.id, d.text, e.pipeline, e.data FROM documents d"
            " JOIN extractions e ON e.doc_id = d.id"
        )
        return {r[0]: (r[1], r[2], r[3]) for r in rows}
    finally:
        con.close()


def test_bad_input_corpus(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    first = run_ingest([previous(tmp_path)], db)
    assert first.returncode == 0, first.stderr
    before = snapshot(db)
    assert len(before) == 6

    corpus = build(tmp_path)
    bad = list(corpus.bad)
    drop_caps = os.geteuid() == 0 and shutil.which("setpriv") is not None
    if os.geteuid() != 0 or drop_caps:
        bad += corpus.needs_caps
    else:  # root without setpriv reads the chmod 000 files: they are good then
        corpus.good["b34_locked/inside"] = (corpus.folder / "b34_locked/inside.txt").read_text()
        corpus.good["b35_private"] = (corpus.folder / "b35_private.txt").read_text()
    assert len(bad) >= 50

    res = run_ingest([corpus.folder, *corpus.extra], db, drop_caps)
    # 0 tracebacks, 0 aborted runs: exit 1 for the failures and the summary line printed
    assert "Traceback" not in res.stderr + res.stdout
    assert res.returncode == 1, res.stderr
    lines = res.stderr.splitlines()
    assert all(ln.startswith(("skipped: ", "added ", "WARNING ")) for ln in lines), lines
    skipped = [ln for ln in lines if ln.startswith("skipped: ")]
    missing = [b for b in bad if not _one_line_for(b, skipped)]
    assert missing == [], (missing, skipped)
    assert len(skipped) == len(bad), "\n".join(skipped)
    m = SUMMARY.search(res.stderr)
    assert m is not None, res.stderr
    added, updated, duplicates, extracted, failed = map(int, m.groups())
    assert (updated, duplicates, failed) == (len(corpus.updated), corpus.duplicates, len(bad))
    # "jrep" is added and then updated in the same run, "upd" was stored before
    assert added == len(corpus.good) - 1
    assert extracted == len(corpus.good)

    after = snapshot(db)
    for doc_id, text in corpus.good.items():
        assert after[doc_id][0] == text, doc_id
    for doc_id, old in before.items():
        if doc_id not in corpus.updated:
            assert after[doc_id] == old, f"{doc_id} changed"
    assert after["upd"][0] != before["upd"][0]
    con = sqlite3.connect(db)
    try:
        versions = dict(con.execute("SELECT id, COUNT(*) FROM document_versions GROUP BY id"))
        state = dict(con.execute("SELECT key, value FROM store_state"))
        n_entities = con.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
        n_docs = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    finally:
        con.close()
    assert versions == {doc_id: 1 for doc_id in corpus.updated}
    assert state["extraction_serial"] == state["resolved_serial"] and n_entities > 0
    assert n_docs == len(before) + len(corpus.good) - 1


def _one_line_for(case: Bad, skipped: list[str]) -> bool:
    found = [ln for ln in skipped if case.marker in ln]
    return len(found) == 1 and case.reason in found[0]
