"""External benchmarks behind ``silkgraph eval``, with the floors CI holds."""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

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

# (task, dotted path to a figure) -> the lowest value CI accepts: about 0.02 below the
# figure measured when the floor was set, so a regression fails and noise does not.
FLOORS: dict[tuple[str, str], float] = {
    ("recognizers", "currency.f1"): 0.70,
    ("recognizers", "number.accuracy"): 0.40,
    ("recognizers", "percentage.f1"): 0.51,
    ("recognizers", "dimension.f1"): 0.56,
    ("tempeval3", "accuracy"): 0.64,
    ("tempeval3", "precision"): 0.93,
    ("names", "cases.f1"): 0.66,
    ("names", "cases.accuracy"): 0.72,
    ("names", "wikidata_ru.f1"): 0.64,
    ("ecbplus", "silkgraph.conll_f1"): 0.67,
    ("ecbplus", "silkgraph.b3.f1"): 0.74,
    ("meantime", "exact.f1"): 0.50,
    ("meantime", "partial.f1"): 0.68,
    ("wnut17", "exact.f1"): 0.26,
    ("plover", "accuracy"): 0.12,
}


def run_tasks(tasks: list[str], data: Path) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for task in tasks:
        module, folder = TASKS[task]
        runner: Callable[[Path], dict[str, Any]] = import_module(module).run
        results[task] = runner(data / folder)
    return results


def _get(figures: dict[str, Any], path: str) -> Any:
    value: Any = figures
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def check(results: dict[str, dict[str, Any]]) -> list[str]:
    """Lines describing each figure below its floor (empty when all hold)."""
    failures = []
    for (task, path), floor in FLOORS.items():
        if task not in results:
            continue
        value = _get(results[task], path)
        if not isinstance(value, (int, float)) or value < floor:
            failures.append(f"{task} {path} = {value}, floor {floor}")
    return failures
