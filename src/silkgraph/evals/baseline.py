"""The eval baseline: each floor, the figure it was set from, and the data it was measured on.

Every floor the gates enforce lives in one file, ``baseline.json`` beside this module (it
ships with the package, so ``silkgraph eval --check-floors`` works where silkgraph is
installed): the external benchmarks (group ``eval``) and the contract scorer's quality gate
(group ``quality``). Each data set keeps the SHA-256 of the files it was measured on, so a
floor is never held against data it was not set on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from silkgraph.errors import ConfigError

log = logging.getLogger(__name__)

BASELINE = Path(__file__).with_name("baseline.json")

# group -> what it holds and how to re-measure one of its data sets after a change.
GROUPS: dict[str, tuple[str, str]] = {
    "eval": ("eval", "silkgraph eval {name} --update-baseline"),
    "quality": ("quality gate", "pytest tests/test_quality_gate.py -k {name} --update-baseline"),
}

_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Metric:
    """A floor and the figure measured when it was set (the floor sits a little under it)."""

    floor: float
    figure: float


@dataclass(frozen=True, slots=True)
class DataSet:
    """One data set's floors by dotted metric path, and the checksum of its files."""

    group: str
    name: str
    sha256: str
    files: int
    metrics: dict[str, Metric]


@dataclass(frozen=True, slots=True)
class Baseline:
    """Every data set of the file, by group and name."""

    path: Path
    groups: dict[str, dict[str, DataSet]]

    def get(self, group: str, name: str) -> DataSet | None:
        return self.groups.get(group, {}).get(name)


def load(path: Path = BASELINE) -> Baseline:
    """Read and validate the baseline file; a malformed one stops the run (ConfigError)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ConfigError(f"cannot read the eval baseline {path}: {e}") from e
    groups: dict[str, dict[str, DataSet]] = {}
    for group in GROUPS:
        sets = raw.get(group, {})
        if not isinstance(sets, dict):
            raise ConfigError(f"{path}: {group!r} must map data set names to entries")
        groups[group] = {name: _data_set(path, group, name, entry) for name, entry in sets.items()}
    unknown = set(raw) - set(GROUPS) - {"about"}
    if unknown:
        raise ConfigError(f"{path}: unknown groups {sorted(unknown)} (known: {list(GROUPS)})")
    return Baseline(path, groups)


def _data_set(path: Path, group: str, name: str, entry: Any) -> DataSet:
    where = f"{path}: {group} data set {name!r}"
    if not isinstance(entry, dict) or not _SHA256.fullmatch(str(entry.get("sha256", ""))):
        raise ConfigError(f"{where} has no sha256 of its files (64 hex digits)")
    files = entry.get("files")
    if not isinstance(files, int) or files < 1:
        raise ConfigError(f"{where} has no count of its files")
    metrics = entry.get("metrics")
    if not isinstance(metrics, dict) or not metrics:
        raise ConfigError(f"{where} has no metrics")
    parsed = {}
    for key, m in metrics.items():
        if not isinstance(m, dict) or not all(
            isinstance(m.get(k), (int, float)) for k in ("floor", "figure")
        ):
            raise ConfigError(f"{where}: metric {key!r} needs a numeric floor and figure")
        parsed[key] = Metric(float(m["floor"]), float(m["figure"]))
    return DataSet(group, name, entry["sha256"], files, parsed)


def digest(root: Path, patterns: Iterable[str]) -> tuple[str, int]:
    """SHA-256 over the files under ``root`` that the glob ``patterns`` match, and their count.

    It equals ``sha256sum FILES | sha256sum`` run in ``root`` with the files in byte order of
    their relative paths, so it can be checked by hand; an edited, added, removed or renamed
    file changes it, the folder's location does not.
    """
    rels = sorted(
        {p.relative_to(root).as_posix() for pat in patterns for p in root.glob(pat) if p.is_file()}
    )
    lines = "".join(f"{_file_sha256(root / rel)}  {rel}\n" for rel in rels)
    return hashlib.sha256(lines.encode("utf-8")).hexdigest(), len(rels)


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def stale(data_set: DataSet, root: Path, patterns: Iterable[str]) -> str | None:
    """One line saying the data under ``root`` is not what the floors were measured on, or None."""
    sha, files = digest(root, patterns)
    if sha == data_set.sha256:
        return None
    label, how = GROUPS[data_set.group]
    return (
        f"{label} data set {data_set.name!r} at {root} is not the data its floors were measured "
        f"on ({files} files, sha256 {sha[:12]}; baseline {data_set.files} files, "
        f"{data_set.sha256[:12]}): re-measure and update the baseline "
        f"(`{how.format(name=data_set.name)}`)"
    )


def lookup(figures: Mapping[str, Any], path: str) -> Any:
    """The figure at a dotted path (``cases.f1``), or None where there is none."""
    value: Any = figures
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def below_floors(data_set: DataSet, figures: Mapping[str, Any]) -> list[str]:
    """Lines describing each figure below its floor (or missing); empty when all hold."""
    failures = []
    for path, metric in data_set.metrics.items():
        value = lookup(figures, path)
        if not isinstance(value, (int, float)) or value < metric.floor:
            failures.append(f"{data_set.name} {path} = {value}, floor {metric.floor}")
    return failures


def update(
    group: str,
    name: str,
    root: Path,
    patterns: Iterable[str],
    figures: Mapping[str, Any],
    path: Path = BASELINE,
) -> DataSet:
    """Record a re-measurement: the data set's checksum and each metric's figure; floors stay.

    Floors are never moved here: raising or lowering one is a decision made in the file.
    """
    raw = json.loads(path.read_text(encoding="utf-8"))
    entry = raw.get(group, {}).get(name)
    if entry is None:
        raise ConfigError(f"{path} has no {group} data set {name!r}: add its floors first")
    sha, files = digest(root, patterns)
    if not files:
        raise ConfigError(f"no files of {group} data set {name!r} under {root}")
    for key, metric in entry["metrics"].items():
        value = lookup(figures, key)
        if not isinstance(value, (int, float)):
            raise ConfigError(f"the measurement of {name!r} has no figure {key!r}")
        metric["figure"] = round(float(value), 3)
    entry["sha256"], entry["files"] = sha, files
    path.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    log.info("baseline of %s %s updated: %d files, sha256 %s", group, name, files, sha[:12])
    updated = load(path).get(group, name)
    assert updated is not None
    return updated
