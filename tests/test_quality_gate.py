"""The eval gate: extraction scores on the seeds and the development set may not drop.

Runs `silkgraph extract` exactly as graders do and scores it with the contract's scorer.
The floors, the figures they were set from and the checksum of each data set's files are in
the eval baseline (`src/silkgraph/evals/baseline.json`, group "quality"; docs/evaluation.md).
After an intended change of the fixtures, re-measure and record the figures and checksums:
`pytest tests/test_quality_gate.py --update-baseline` (floors are moved only by hand).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from silkgraph.evals import baseline

ROOT = Path(__file__).resolve().parents[1]
FIX = "tests/fixtures/eval"
CLI = str(Path(sys.executable).parent / "silkgraph")
SCORER = f"{FIX}/score.py"

# data set -> (articles given to `silkgraph extract`, gold), as globs under the repository root.
# The data set's checksum covers both and the scorer: a change to any of them moves the figures.
QUALITY: dict[str, tuple[tuple[str, ...], str]] = {
    "seeds": (("examples/*.txt",), f"{FIX}/seeds.jsonl"),
    # The first 24 development articles.
    "dev": ((f"{FIX}/dev_articles.jsonl",), f"{FIX}/dev.jsonl"),
    # The Russian articles (development figures: the rules were written reading them).
    "ru": ((f"{FIX}/ru_articles.jsonl",), f"{FIX}/ru.jsonl"),
    # The two Chinese articles (development figures, as the Russian ones).
    "zh": ((f"{FIX}/zh_articles.jsonl",), f"{FIX}/zh.jsonl"),
}


def files(name: str) -> tuple[str, ...]:
    inputs, gold = QUALITY[name]
    return (*inputs, gold, SCORER)


def _data_set(name: str) -> baseline.DataSet:
    data_set = baseline.load().get("quality", name)
    assert data_set is not None, f"no quality data set {name!r} in {baseline.BASELINE}"
    return data_set


def _score(inputs: list[str], gold: Path, tmp_path: Path) -> dict[str, object]:
    out = tmp_path / "pred.jsonl"
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run([CLI, "extract", *inputs], stdout=fh, check=True, timeout=600)
    res = subprocess.run(
        [sys.executable, str(ROOT / SCORER), "--gold", str(gold), "--pred", str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    scores: dict[str, object] = json.loads(res.stdout)
    return scores


def _gate(name: str, tmp_path: Path, update: bool) -> None:
    data_set = _data_set(name)
    if not update:
        stale = baseline.stale(data_set, ROOT, files(name))
        assert stale is None, stale
    inputs, gold = QUALITY[name]
    articles = sorted(str(p) for pattern in inputs for p in ROOT.glob(pattern))
    scores = _score(articles, ROOT / gold, tmp_path)
    if update:
        data_set = baseline.update("quality", name, ROOT, files(name), scores)
    assert not baseline.below_floors(data_set, scores), scores


def test_every_quality_data_set_has_a_baseline() -> None:
    assert set(baseline.load().groups["quality"]) == set(QUALITY)


@pytest.mark.parametrize("name", list(QUALITY))
def test_quality_data_is_what_the_floors_were_measured_on(name: str, update_baseline: bool) -> None:
    if update_baseline:
        pytest.skip("--update-baseline: the gate records the checksum")
    assert baseline.stale(_data_set(name), ROOT, files(name)) is None


@pytest.mark.slow
def test_seeds_scores_hold(tmp_path: Path, update_baseline: bool) -> None:
    _gate("seeds", tmp_path, update_baseline)


@pytest.mark.slow
def test_dev_scores_hold(tmp_path: Path, update_baseline: bool) -> None:
    _gate("dev", tmp_path, update_baseline)


@pytest.mark.slow
def test_russian_scores_hold(tmp_path: Path, update_baseline: bool) -> None:
    _gate("ru", tmp_path, update_baseline)


@pytest.mark.slow
def test_chinese_scores_hold(tmp_path: Path, update_baseline: bool) -> None:
    _gate("zh", tmp_path, update_baseline)
