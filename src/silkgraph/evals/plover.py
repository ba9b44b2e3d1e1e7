"""PLOVER gold records: event categories from the full silkgraph pipeline.

What is measured (``run(data_dir)``): every coded sentence of ``PLOVER_GSR_CAMEO.json``
goes through ``make_pipeline()`` as its own document; each event it yields is mapped
to PLOVER with ``export.plover.PLOVER`` (the one mapping). The sentence's prediction is
its first event's category (by position).

- ``accuracy``: share right among the sentences whose gold category silkgraph can
  produce (AGREE, CONSULT, COOPERATE); ``any_accuracy`` counts a sentence right when
  any of its events has the gold category.
- ``coverage``: share of all sentences given an event; ``false_alarm``: share of the
  out-of-scope sentences (DEMAND, PROTEST, ...) given an event anyway.
- ``per_category``: P/R/F1 of each producible category over all sentences.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from silkgraph.evals.metrics import prf
from silkgraph.export.plover import PLOVER, plover_category
from silkgraph.model import Document


def load(path: Path) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if r.get("event") != "DOCUMENT" and r.get("text")]


def predict(records: list[dict[str, Any]]) -> list[list[str]]:
    """PLOVER categories of each sentence's events, in text order."""
    from silkgraph.extract.registry import make_pipeline

    pipeline = make_pipeline()
    docs = [Document(id=r["id"], text=r["text"], published=r.get("date")) for r in records]
    out = []
    for ext in pipeline.pipe(docs):
        cats = [plover_category(e.type) for e in sorted(ext.events, key=lambda e: e.start)]
        out.append([c for c in cats if c])
    return out


# The files run() reads under its folder (globs): the eval baseline hashes them.
FILES = ("PLOVER_GSR_CAMEO.json",)


def run(data_dir: Path) -> dict[str, Any]:
    """Score the pipeline's event categories on the PLOVER gold sentences."""
    records = load(Path(data_dir) / "PLOVER_GSR_CAMEO.json")
    preds = predict(records)
    scope = {c.category for c in PLOVER.values()}
    in_scope = correct = any_correct = covered = alarms = out_scope = 0
    counts: Counter[str] = Counter()
    confusion: Counter[str] = Counter()
    for rec, cats in zip(records, preds, strict=True):
        gold = rec["event"]
        first = cats[0] if cats else None
        covered += bool(cats)
        if gold in scope:
            in_scope += 1
            correct += first == gold
            any_correct += gold in cats
            confusion[f"{gold}->{first}"] += 1
        else:
            out_scope += 1
            alarms += bool(cats)
        for c in scope:
            counts[f"{c}:tp"] += first == c and gold == c
            counts[f"{c}:pred"] += first == c
            counts[f"{c}:gold"] += gold == c
    n = len(records)
    return {
        "sentences": n,
        "in_scope": in_scope,
        "accuracy": round(correct / in_scope, 3) if in_scope else 0.0,
        "any_accuracy": round(any_correct / in_scope, 3) if in_scope else 0.0,
        "coverage": round(covered / n, 3) if n else 0.0,
        "false_alarm": round(alarms / out_scope, 3) if out_scope else 0.0,
        "per_category": {
            c: prf(counts[f"{c}:tp"], counts[f"{c}:pred"], counts[f"{c}:gold"])
            for c in sorted(scope)
        },
        "confusion": dict(sorted(confusion.items())),
    }
