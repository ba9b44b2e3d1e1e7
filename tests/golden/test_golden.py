"""Golden output: the contract export of ``silkgraph extract examples/*.txt``.

Any change in what the pipeline reads from the seed articles shows up here as a diff,
field by field. When a change is intended, rewrite the file and commit it with the
change that caused it:

    .venv/bin/pytest tests/golden --update-golden
"""

from __future__ import annotations

import difflib
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).resolve().parent / "seeds.jsonl"
MAX_DIFF_LINES = 400


def pretty(record: dict[str, Any]) -> list[str]:
    """One line per leaf value, so a diff points at the field that changed."""
    return json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False).splitlines()


def diff(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> str:
    """A readable report: which documents changed, then a unified diff of each."""
    old = {r["id"]: r for r in expected}
    new = {r["id"]: r for r in actual}
    lines = []
    for doc_id in sorted(old.keys() - new.keys()):
        lines.append(f"missing document {doc_id}")
    for doc_id in sorted(new.keys() - old.keys()):
        lines.append(f"new document {doc_id}")
    for doc_id in sorted(old.keys() & new.keys()):
        if old[doc_id] == new[doc_id]:
            continue
        changed = sorted(
            k
            for k in old[doc_id].keys() | new[doc_id].keys()
            if old[doc_id].get(k) != new[doc_id].get(k)
        )
        lines.append(f"document {doc_id}: {', '.join(changed)} changed")
        lines.extend(
            difflib.unified_diff(
                pretty(old[doc_id]),
                pretty(new[doc_id]),
                f"golden/{doc_id}",
                f"now/{doc_id}",
                lineterm="",
                n=2,
            )
        )
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... {len(lines) - MAX_DIFF_LINES} more lines"]
    return "\n".join(lines)


def test_seeds_golden(extract_run: subprocess.CompletedProcess[str], update_golden: bool) -> None:
    assert extract_run.returncode == 0, extract_run.stderr
    actual = [json.loads(ln) for ln in extract_run.stdout.splitlines()]
    assert actual, "silkgraph extract printed nothing"
    if update_golden:
        GOLDEN.write_text(
            "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in actual),
            encoding="utf-8",
        )
        pytest.skip(f"rewrote {GOLDEN.name}")
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing: run pytest tests/golden --update-golden")
    expected = [json.loads(ln) for ln in GOLDEN.read_text(encoding="utf-8").splitlines()]
    if expected != actual:
        pytest.fail(
            "extraction of the seeds differs from tests/golden/seeds.jsonl "
            "(rewrite it with --update-golden if the change is intended):\n"
            + diff(expected, actual),
            pytrace=False,
        )


def test_diff_names_the_changed_field() -> None:
    old = [{"id": "a", "published": "2024-01-02", "entities": [{"name": "China"}]}]
    new = [{"id": "a", "published": "2024-01-03", "entities": [{"name": "China"}]}, {"id": "b"}]
    report = diff(old, new)
    assert "new document b" in report
    assert "document a: published changed" in report
    assert '- "published": "2024-01-02"' in report and '+ "published": "2024-01-03"' in report
    assert diff(old, old) == ""
