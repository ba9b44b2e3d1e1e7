"""External benchmarks behind ``silkgraph eval``; their floors are in ``baseline.json``."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from silkgraph.evals import baseline
from silkgraph.evals.baseline import Baseline

log = logging.getLogger(__name__)

# task -> (module, folder under the eval data)
TASKS: dict[str, tuple[str, str]] = {
    "recognizers": ("silkgraph.evals.recognizers", "recognizers_text_specs_en"),
    "tempeval3": ("silkgraph.evals.tempeval", "tempeval3"),
    "names": ("silkgraph.evals.names", "name_matching"),
    "plover": ("silkgraph.evals.plover", "plover_gsr"),
    "ecbplus": ("silkgraph.evals.ecbplus", "ecbplus"),
    "meantime": ("silkgraph.evals.meantime", "meantime"),
    "wnut17": ("silkgraph.evals.wnut17", "wnut17"),
}


def run_tasks(tasks: list[str], data: Path) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for task in tasks:
        module, folder = TASKS[task]
        runner: Callable[[Path], dict[str, Any]] = import_module(module).run
        results[task] = runner(data / folder)
    return results


def files(task: str) -> tuple[str, ...]:
    """The globs of the files ``task`` reads under its folder (what the baseline hashes)."""
    patterns: tuple[str, ...] = import_module(TASKS[task][0]).FILES
    return patterns


def floors(base: Baseline | None = None) -> dict[tuple[str, str], float]:
    """(task, dotted path to a figure) -> the lowest value CI accepts, from the baseline file.

    Each floor sits a little under the figure measured when it was set (about 0.02 for most),
    so a regression fails and noise does not; the file keeps that figure beside it.
    """
    base = base or baseline.load()
    return {
        (task, path): metric.floor
        for task, data_set in base.groups["eval"].items()
        for path, metric in data_set.metrics.items()
    }


def stale_data(tasks: list[str], data: Path, base: Baseline | None = None) -> list[str]:
    """One line for each task whose data differs from what its floors were measured on."""
    base = base or baseline.load()
    lines = []
    for task in tasks:
        data_set = base.get("eval", task)
        if data_set is not None:
            line = baseline.stale(data_set, data / TASKS[task][1], files(task))
            if line:
                lines.append(line)
    return lines


def check(results: dict[str, dict[str, Any]], base: Baseline | None = None) -> list[str]:
    """Lines describing each figure below its floor (empty when all hold)."""
    base = base or baseline.load()
    failures = []
    for task, figures in results.items():
        data_set = base.get("eval", task)
        if data_set is not None:
            failures += baseline.below_floors(data_set, figures)
    return failures


def update_baseline(
    results: dict[str, dict[str, Any]], data: Path, path: Path = baseline.BASELINE
) -> list[str]:
    """Record new figures and data checksums of the tasks in ``results`` that have floors."""
    base = baseline.load(path)
    updated = []
    for task, figures in results.items():
        if base.get("eval", task) is None:
            log.info("%s has no floors in %s: not recorded", task, path)
            continue
        baseline.update("eval", task, data / TASKS[task][1], files(task), figures, path)
        updated.append(task)
    return updated
