"""The eval baseline: one file holds every floor, its figure and its data's checksum."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from silkgraph.errors import ConfigError
from silkgraph.evals import TASKS, baseline, check, files, floors, stale_data

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("SILKGRAPH_EVAL_DATA", ROOT.parent / "shared" / "eval"))
CLI = str(Path(sys.executable).parent / "silkgraph")


def _need(task: str) -> Path:
    folder = DATA / TASKS[task][1]
    if not folder.is_dir():
        pytest.skip(f"evaluation data for {task} not found under {DATA} (set SILKGRAPH_EVAL_DATA)")
    return folder


def _figures(values: dict[str, float]) -> dict[str, Any]:
    """Nested figures as a task returns them, from dotted paths."""
    figures: dict[str, Any] = {}
    for path, value in values.items():
        *parents, last = path.split(".")
        node = figures
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return figures


def _changed_copy(tmp_path: Path) -> Path:
    """A copy of the TempEval-3 data (the smallest task to run) with one file edited."""
    src = _need("tempeval3")
    data = tmp_path / "eval"
    shutil.copytree(src, data / TASKS["tempeval3"][1])
    tml = sorted((data / TASKS["tempeval3"][1]).rglob("*.tml"))[0]
    tml.write_bytes(tml.read_bytes() + b"\n")
    return data


def test_the_file_is_valid_and_complete() -> None:
    base = baseline.load()
    # Every benchmark is gated, and nothing is gated that is not run.
    assert set(base.groups["eval"]) == set(TASKS)
    for group in base.groups.values():
        for data_set in group.values():
            assert re.fullmatch(r"[0-9a-f]{64}", data_set.sha256), data_set.name
            assert data_set.files >= 1
            assert data_set.metrics
            for path, metric in data_set.metrics.items():
                # A floor sits under the figure it was set from.
                assert 0 < metric.floor <= metric.figure <= 1, (data_set.name, path)


def test_a_data_set_without_a_checksum_is_refused(tmp_path: Path) -> None:
    raw = json.loads(baseline.BASELINE.read_text(encoding="utf-8"))
    del raw["eval"]["wnut17"]["sha256"]
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ConfigError, match="wnut17.*sha256"):
        baseline.load(path)


@pytest.mark.parametrize("group", list(baseline.GROUPS))
def test_the_gates_enforce_exactly_the_files_floors(group: str) -> None:
    for data_set in baseline.load().groups[group].values():
        at_floor = {path: metric.floor for path, metric in data_set.metrics.items()}
        assert baseline.below_floors(data_set, _figures(at_floor)) == []
        for path, floor in at_floor.items():
            lines = baseline.below_floors(data_set, _figures({**at_floor, path: floor - 0.005}))
            assert lines == [f"{data_set.name} {path} = {floor - 0.005}, floor {floor}"]


def test_eval_check_reads_its_floors_from_the_file(tmp_path: Path) -> None:
    raw = json.loads(baseline.BASELINE.read_text(encoding="utf-8"))
    raw["eval"]["tempeval3"]["metrics"]["accuracy"]["floor"] = 0.99
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    results = {"tempeval3": {"accuracy": 0.9, "precision": 0.99}}
    assert check(results) == []
    assert check(results, baseline.load(path)) == ["tempeval3 accuracy = 0.9, floor 0.99"]
    assert floors(baseline.load(path))[("tempeval3", "accuracy")] == 0.99


def test_no_floor_is_kept_in_code() -> None:
    # The file is the only copy: a dict of floors in a module would drift from it.
    pattern = re.compile(r"^\s*[A-Z_]*FLOORS\s*[:=]", re.M)
    sources = [*(ROOT / "src").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]
    assert [p for p in sources if pattern.search(p.read_text(encoding="utf-8"))] == []


def test_the_digest_is_sha256sum_of_the_files_in_path_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.tml").write_text("one", encoding="utf-8")
    (tmp_path / "a.tml").write_text("two", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not read", encoding="utf-8")
    lines = "".join(
        f"{hashlib.sha256(text).hexdigest()}  {name}\n"
        for name, text in (("a.tml", b"two"), ("b/x.tml", b"one"))
    )
    assert baseline.digest(tmp_path, ["**/*.tml"]) == (
        hashlib.sha256(lines.encode()).hexdigest(),
        2,
    )


@pytest.mark.parametrize("task", list(TASKS))
def test_the_eval_data_is_what_the_floors_were_measured_on(task: str) -> None:
    folder = _need(task)
    for pattern in files(task):
        assert any(p.is_file() for p in folder.glob(pattern)), f"{task}: nothing matches {pattern}"
    assert stale_data([task], DATA) == []


def test_a_changed_data_file_fails_the_check(tmp_path: Path) -> None:
    src = _need("tempeval3")
    data = tmp_path / "eval"
    folder = data / TASKS["tempeval3"][1]
    shutil.copytree(src, folder)
    # Where the data lies, and files the task does not read, do not matter.
    (folder / "NOTES.txt").write_text("not read by the task", encoding="utf-8")
    assert stale_data(["tempeval3"], data) == []

    tml = sorted(folder.rglob("*.tml"))[0]
    tml.write_bytes(tml.read_bytes() + b"\n")
    lines = stale_data(["tempeval3"], data)
    assert len(lines) == 1
    assert "'tempeval3'" in lines[0] and "re-measure and update the baseline" in lines[0]
    assert "silkgraph eval tempeval3 --update-baseline" in lines[0]

    tml.unlink()
    assert "19 files" in stale_data(["tempeval3"], data)[0]


def test_cli_check_floors_stops_on_changed_data(tmp_path: Path) -> None:
    data = _changed_copy(tmp_path)
    res = subprocess.run(
        [CLI, "eval", "tempeval3", "--data", str(data), "--check-floors"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "tempeval3" in lines[0] and "--update-baseline" in lines[0]
    assert "accuracy" not in res.stdout  # stopped before running the task


def test_cli_update_baseline_records_figures_and_checksum(tmp_path: Path) -> None:
    data = _changed_copy(tmp_path)
    path = tmp_path / "baseline.json"
    shutil.copy(baseline.BASELINE, path)
    before = baseline.load(path)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [CLI, "eval", "tempeval3", "--data", str(data), "--baseline", str(path), *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)

    assert run("--check-floors").returncode == 1
    res = run("--update-baseline", "--json")
    assert res.returncode == 0, res.stderr
    measured = json.loads(res.stdout)["tempeval3"]
    after = baseline.load(path)
    updated = after.get("eval", "tempeval3")
    assert updated is not None
    assert updated.sha256 == baseline.digest(data / "tempeval3", files("tempeval3"))[0]
    for key, metric in updated.metrics.items():
        assert metric.figure == measured[key]
        assert metric.floor == before.groups["eval"]["tempeval3"].metrics[key].floor
    # Only the task that was run is touched.
    assert {k: v for k, v in after.groups["eval"].items() if k != "tempeval3"} == {
        k: v for k, v in before.groups["eval"].items() if k != "tempeval3"
    }
    assert run("--check-floors").returncode == 0
