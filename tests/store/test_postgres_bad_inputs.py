"""The JSON Lines half of the bad-input corpus through a real ``silkgraph ingest`` into PostgreSQL.

NUL in a title, outlet, url or id ended a PostgreSQL run in ``psycopg.DataError``; now each
bad line is reported in one line and the good ones are stored, next to earlier documents
that stay as they were.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reliability"))
from bad_inputs import JSONL_LINES  # noqa: E402

pytestmark = pytest.mark.postgres


def test_bad_jsonl_lines_into_postgres(
    pg_url: str, run_cli: Callable[..., CompletedProcess[str]], tmp_path: Path
) -> None:
    from silkgraph.store.postgres import PostgresStore

    earlier = tmp_path / "earlier.jsonl"
    earlier.write_text(json.dumps({"id": "e1", "text": "Earlier trade news."}) + "\n")
    assert run_cli("ingest", earlier, "--db", pg_url).returncode == 0
    store = PostgresStore(pg_url)
    before = (store.get_document("e1"), store.get_extraction("e1"))
    store.close()

    path = tmp_path / "lines.jsonl"
    path.write_text("\n".join(line for line, _ in JSONL_LINES) + "\n", encoding="utf-8")
    res = run_cli("ingest", path, "--db", pg_url)
    assert res.returncode == 1 and "Traceback" not in res.stderr + res.stdout
    skipped = [ln for ln in res.stderr.splitlines() if ln.startswith("skipped: ")]
    bad = [(no, reason) for no, (_, reason) in enumerate(JSONL_LINES, 1) if reason]
    assert len(skipped) == len(bad)
    for no, reason in bad:
        line = next(ln for ln in skipped if f"lines.jsonl:{no}: " in ln)
        assert reason in line
    for field in ("title", "outlet", "url", "id"):
        assert any(f"NUL character in '{field}'" in ln for ln in skipped)
    assert f"added 3, updated 1, already stored 0, extracted 3, failed {len(bad)}" in res.stderr

    store = PostgresStore(pg_url)
    try:
        good = {str(json.loads(line)["id"]) for line, reason in JSONL_LINES if reason is None}
        assert {d.id for d in store.iter_documents()} == good | {"e1"}
        assert (store.get_document("e1"), store.get_extraction("e1")) == before
        assert [v.version for v in store.document_versions("jrep")] == [1, 2]
        serial, resolved = store.resolution_state()
        assert serial == resolved
    finally:
        store.close()
