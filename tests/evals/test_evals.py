"""The eval gate: fast benchmarks hold their floors; metrics behave on hand-made cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from silkgraph.evals import TASKS, check, floors, run_tasks, stale_data
from silkgraph.evals.metrics import conll
from silkgraph.evals.names import matches

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("SILKGRAPH_EVAL_DATA", ROOT.parent / "shared" / "eval"))


def _need(task: str) -> None:
    if not (DATA / TASKS[task][1]).is_dir():
        pytest.skip(f"evaluation data for {task} not found under {DATA} (set SILKGRAPH_EVAL_DATA)")


def test_every_floor_names_a_task() -> None:
    assert {task for task, _ in floors()} <= set(TASKS)


@pytest.mark.parametrize(
    ("gold", "pred", "want"),
    [
        ([{"a", "b", "c"}, {"d", "e"}, {"f"}], [{"a", "b", "c"}, {"d", "e"}, {"f"}], 1.0),
        ([{"a", "b", "c"}, {"d", "e"}, {"f"}], [{"a", "b"}, {"c", "d", "e"}, {"f"}], 0.7704),
        ([{"a", "b", "c"}, {"d", "e"}, {"f"}], [{x} for x in "abcdef"], 0.3827),
    ],
)
def test_conll_scores(gold: list[set[str]], pred: list[set[str]], want: float) -> None:
    got = conll([frozenset(g) for g in gold], [frozenset(p) for p in pred])
    assert got["conll_f1"] == pytest.approx(want, abs=1e-3)


@pytest.mark.parametrize(
    ("kind", "a", "b", "same"),
    [
        ("PERSON", "Lü Huiying", "Lyu Huiying", True),
        ("PERSON", "Angela Merkel", "Olaf Scholz", False),
        ("ORG", "Xinjiang Production and Construction Corps", "XPCC", True),
    ],
)
def test_matcher_cases(kind: str, a: str, b: str, same: bool) -> None:
    assert matches(kind, a, b) is same


def test_fast_tasks_hold_their_floors() -> None:
    fast = ["names", "recognizers", "tempeval3"]
    for task in fast:
        _need(task)
    assert stale_data(fast, DATA) == []
    results = run_tasks(fast, DATA)
    assert results["names"]["cases"]["pairs"] > 800
    assert check(results) == []


@pytest.mark.slow
@pytest.mark.parametrize("task", ["meantime", "wnut17", "ecbplus", "plover"])
def test_slow_task_holds_its_floors(task: str) -> None:
    _need(task)
    assert stale_data([task], DATA) == []
    results = run_tasks([task], DATA)
    assert check(results) == []
    if task == "ecbplus":
        assert results[task]["mentions"] == "gold"


def test_check_flags_a_figure_below_its_floor() -> None:
    (task, path), floor = next(iter(floors().items()))
    figures: dict[str, object] = {}
    node = figures
    parts = path.split(".")
    for part in parts[:-1]:
        node[part] = {}
        node = node[part]  # type: ignore[assignment]
    node[parts[-1]] = floor - 0.1
    assert any(line.startswith(f"{task} {path} ") for line in check({task: figures}))
    node[parts[-1]] = floor
    assert not any(line.startswith(f"{task} {path} ") for line in check({task: figures}))


def test_cli_eval_prints_each_sub_tasks_figures() -> None:
    import subprocess
    import sys

    _need("recognizers")
    cli = str(Path(sys.executable).parent / "silkgraph")
    res = subprocess.run(
        [cli, "eval", "recognizers", "--data", str(DATA)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    currency = next(ln for ln in res.stdout.splitlines() if ln.strip().startswith("currency"))
    # The sub-task's P/R/F1 are on its line, not only in --json.
    assert " p " in currency and " f1 " in currency
