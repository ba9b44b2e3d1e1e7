"""Name matching: silkgraph's entity matcher on labelled name pairs across scripts.

What is measured (``run(data_dir)``): each pair becomes two one-name resolver nodes
(PERSON, or ORG for companies and organisations) from different documents, and
``resolve.entities.score`` at ``MATCH_THRESHOLD`` decides match or not.

- ``cases``: nomenklatura's name-bench ``cases.csv`` (Vessel rows skipped: silkgraph has
  no vessel type); accuracy and P/R/F1 of the positive class, by case group and schema.
- ``checks``: the entity-bench ``checks.yml`` pairs whose both sides have a name (first
  name of each side), same figures.
- ``putin``: every pair of the 80 forms of one name (all positive): recall.
- ``wikidata_ru`` / ``wikidata_zh``: full names built from the Wikidata token lists
  (deterministic sample of 400 two-token names per language): English vs Cyrillic or
  Chinese ("·"-joined) form as positives, each English name against the next name's
  target form as negatives.
"""

from __future__ import annotations

import csv
import hashlib
import logging
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from silkgraph.evals.metrics import prf
from silkgraph.resolve.entities import MATCH_THRESHOLD, Node, score

log = logging.getLogger(__name__)

TYPES = {"Person": "PERSON", "Company": "ORG", "Organization": "ORG", "LegalEntity": "ORG"}
WIKIDATA_SAMPLE = 400
Pair = tuple[str, str, str, bool]  # (type, name1, name2, is_match)


def matches(kind: str, a: str, b: str) -> bool:
    """Whether the resolver merges two one-name entities of this type."""
    na = Node("a", "a", a, kind, [a], {})
    nb = Node("b", "b", b, kind, [b], {})
    return score(na, nb)[0] >= MATCH_THRESHOLD


def evaluate(pairs: list[Pair], groups: list[str] | None = None) -> dict[str, Any]:
    """Accuracy and P/R/F1 over pairs, optionally broken down by a group label per pair."""
    tp = fp = fn = tn = 0
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    errors: dict[str, list[str]] = {"false_negatives": [], "false_positives": []}
    for i, (kind, a, b, gold) in enumerate(pairs):
        pred = matches(kind, a, b)
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not pred and not gold
        if groups:
            by[groups[i]][0] += pred == gold
            by[groups[i]][1] += 1
        if pred != gold:
            key = "false_negatives" if gold else "false_positives"
            if len(errors[key]) < 15:
                errors[key].append(f"{a} | {b}")
    n = len(pairs)
    out: dict[str, Any] = {
        "accuracy": round((tp + tn) / n, 3) if n else 0.0,
        "pairs": n,
        **prf(tp, tp + fp, tp + fn),
    }
    if groups:
        out["by_group"] = {
            g: {"accuracy": round(c / t, 3), "pairs": t} for g, (c, t) in sorted(by.items())
        }
    out["errors"] = errors
    return out


def load_cases(path: Path) -> tuple[list[Pair], list[str]]:
    pairs, groups = [], []
    with open(path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            kind = TYPES.get(row["schema"])
            if kind is None:
                continue
            pairs.append((kind, row["name1"], row["name2"], row["is_match"] == "true"))
            groups.append(f"{row['case_group']}/{row['schema']}")
    return pairs, groups


def load_checks(path: Path) -> list[Pair]:
    try:
        import yaml
    except ImportError:  # pragma: no cover - PyYAML comes with the dev tools
        log.warning("PyYAML not installed: entity-bench checks skipped")
        return []
    pairs = []
    for check in yaml.safe_load(path.read_text(encoding="utf-8")).get("checks", []):
        kind = TYPES.get(check.get("schema", ""))
        names = [_first(check.get(side, {}).get("name")) for side in ("query", "candidate")]
        if kind and all(names):
            pairs.append((kind, names[0], names[1], bool(check["match"])))
    return pairs


def _first(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def putin_pairs(path: Path) -> list[Pair]:
    forms = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [("PERSON", a, b, True) for a, b in combinations(forms, 2)]


def wikidata_pairs(path: Path, joiner: str) -> list[Pair]:
    """Two-token names from the token list; positives and shifted negatives."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and parts[0].isalpha():
                rows.append((parts[0], parts[1].replace(" ", "")))
    rows.sort(key=lambda r: hashlib.sha1(r[0].encode()).hexdigest())
    rows = rows[: WIKIDATA_SAMPLE * 2]
    names = [
        (f"{a[0].title()} {b[0].title()}", f"{a[1]}{joiner}{b[1]}")
        for a, b in zip(rows[::2], rows[1::2], strict=False)
    ]
    pairs: list[Pair] = [("PERSON", en, tgt, True) for en, tgt in names]
    pairs += [
        ("PERSON", names[i][0], names[(i + 1) % len(names)][1], False) for i in range(len(names))
    ]
    return pairs


# The files run() reads under its folder (globs): the eval baseline hashes them.
FILES = (
    "nomenklatura_name_bench_cases.csv",
    "nomenklatura_putin_names.txt",
    "nomenklatura_entity_bench_checks.yml",
    "wikidata_en-ru_person_names_test20.tsv",
    "wikidata_en-zh_person_names_test20.tsv",
)


def run(data_dir: Path) -> dict[str, Any]:
    """Score the matcher on every name-pair set under ``data_dir``."""
    data_dir = Path(data_dir)
    cases, groups = load_cases(data_dir / "nomenklatura_name_bench_cases.csv")
    putin = evaluate(putin_pairs(data_dir / "nomenklatura_putin_names.txt"))
    return {
        "threshold": MATCH_THRESHOLD,
        "cases": evaluate(cases, groups),
        "checks": evaluate(load_checks(data_dir / "nomenklatura_entity_bench_checks.yml")),
        "putin": {"recall": putin["r"], "pairs": putin["pairs"], "errors": putin["errors"]},
        "wikidata_ru": evaluate(
            wikidata_pairs(data_dir / "wikidata_en-ru_person_names_test20.tsv", " ")
        ),
        "wikidata_zh": evaluate(
            wikidata_pairs(data_dir / "wikidata_en-zh_person_names_test20.tsv", "·")
        ),
    }
