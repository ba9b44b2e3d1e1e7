"""Entity span scoring for token-annotated corpora (MEANTIME, WNUT-17).

The gold comes as tokens; the pipeline reads text. ``detokenize`` rebuilds readable
text with each token's character offsets, so gold spans and predicted spans meet in
one coordinate system. Scoring is by exact span (and type) and by partial overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from silkgraph.evals.metrics import prf
from silkgraph.model import Document

# silkgraph entity type -> coarse class compared with the gold
COARSE = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'re|'ve|'ll|'d|'m|n't|'|’s)$", re.I)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "@"}
Span = tuple[int, int, str]


def detokenize(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Text of the sentences (one per line) and each token's (start, end)."""
    parts: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    pos = 0
    for sent in sentences:
        row = []
        prev = None
        for tok in sent:
            if prev is not None and not _NO_SPACE_BEFORE.match(tok) and prev not in _NO_SPACE_AFTER:
                parts.append(" ")
                pos += 1
            row.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
            prev = tok
        offsets.append(row)
        parts.append("\n")
        pos += 1
    return "".join(parts), offsets


def predict(docs: list[Document]) -> list[set[Span]]:
    """Entity mention spans (coarse typed) the full pipeline finds in each document."""
    from silkgraph.extract.registry import make_pipeline

    pipeline = make_pipeline(components=["silkgraph.extract.entities:EntityComponent"])
    out = []
    for ext in pipeline.pipe(docs):
        out.append(
            {
                (m.start, m.end, COARSE[e.type])
                for e in ext.entities
                if e.type in COARSE
                for m in e.mentions
            }
        )
    return out


def score(gold: Iterable[set[Span]], pred: Iterable[set[Span]]) -> dict[str, Any]:
    """Exact typed, exact untyped and partial (overlap, same type) P/R/F1, micro-averaged."""
    n_gold = n_pred = exact = untyped = partial_g = partial_p = 0
    by_type: dict[str, list[int]] = {}
    for g, p in zip(gold, pred, strict=True):
        n_gold += len(g)
        n_pred += len(p)
        exact += len(g & p)
        untyped += len({s[:2] for s in g} & {s[:2] for s in p})
        partial_g += sum(any(_overlap(x, y) for y in p) for x in g)
        partial_p += sum(any(_overlap(y, x) for x in g) for y in p)
        for t in {s[2] for s in g | p}:
            row = by_type.setdefault(t, [0, 0, 0])
            row[0] += len({s for s in g & p if s[2] == t})
            row[1] += sum(s[2] == t for s in p)
            row[2] += sum(s[2] == t for s in g)
    partial = prf(0, 0, 0)
    if n_pred and n_gold:
        pp, pr = partial_p / n_pred, partial_g / n_gold
        pf = 2 * pp * pr / (pp + pr) if pp + pr else 0.0
        partial = {"p": round(pp, 3), "r": round(pr, 3), "f1": round(pf, 3)}
    return {
        "gold": n_gold,
        "pred": n_pred,
        "exact": prf(exact, n_pred, n_gold),
        "exact_untyped": prf(untyped, n_pred, n_gold),
        "partial": partial,
        "by_type": {t: prf(*row) for t, row in sorted(by_type.items())},
    }


def _overlap(a: Span, b: Span) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]
