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
}

# (task, dotted path to a figure) -> the lowest value CI accepts.
FLOORS: dict[tuple[str, str], float] = {}


def run_tasks(tasks: list[str], data: Path) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for task in tasks:
        module, folder = TASKS[task]
        runner: Callable[[Path], dict[str, Any]] = getattr(import_module(module), "run")
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
