"""Scoring helpers shared by the benchmarks: P/R/F1 and coreference metrics.

Coreference follows the CoNLL-2012 definitions (MUC, B-cubed, CEAF-e) so the figures
are comparable with published ECB+ results; CEAF-e uses an optimal assignment.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

Cluster = frozenset[Hashable]


def prf(tp: float, n_pred: float, n_gold: float) -> dict[str, Any]:
    """Precision, recall and F1 from counts (zero when undefined), rounded to 3 places."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3)}


def _f(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _index(clusters: Sequence[Cluster]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def muc(gold: Sequence[Cluster], pred: Sequence[Cluster]) -> dict[str, float]:
    """MUC: links kept, counted by how many pieces each cluster is split into."""

    def score(keys: Sequence[Cluster], resp: Sequence[Cluster]) -> float:
        idx = _index(resp)
        num = den = 0
        for c in keys:
            parts = {idx.get(m, ("single", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    return _f(score(pred, gold), score(gold, pred))


def b_cubed(gold: Sequence[Cluster], pred: Sequence[Cluster]) -> dict[str, float]:
    """B-cubed: per-mention overlap of its gold and predicted clusters."""

    def score(keys: Sequence[Cluster], resp: Sequence[Cluster]) -> float:
        idx = _index(resp)
        total = n = 0.0
        for c in keys:
            for m in c:
                other = resp[idx[m]] if m in idx else frozenset([m])
                total += len(c & other) / len(c)
                n += 1
        return total / n if n else 0.0

    return _f(score(pred, gold), score(gold, pred))


def _assign(sim: list[list[float]]) -> float:
    """Largest total of a one-to-one assignment (Hungarian method, rows <= columns)."""
    n, m = len(sim), len(sim[0])
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (m + 1), [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -sim[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(sim[p[j] - 1][j - 1] for j in range(1, m + 1) if p[j])


def ceaf_e(gold: Sequence[Cluster], pred: Sequence[Cluster]) -> dict[str, float]:
    """Entity-based CEAF: best one-to-one alignment of clusters by phi4 similarity.

    The assignment is solved per connected group of overlapping clusters, which gives
    the same optimum as one global assignment at a fraction of the cost.
    """
    if not gold or not pred:
        return _f(0.0, 0.0)
    pidx = _index(pred)
    parent = list(range(len(gold) + len(pred)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, g in enumerate(gold):
        for mention in g:
            if mention in pidx:
                parent[find(i)] = find(len(gold) + pidx[mention])
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(len(gold) + len(pred)):
        rows, cols = groups.setdefault(find(i), ([], []))
        (rows if i < len(gold) else cols).append(i if i < len(gold) else i - len(gold))
    total = 0.0
    for rows, cols in groups.values():
        if not rows or not cols:
            continue
        sim = [
            [2 * len(gold[r] & pred[c]) / (len(gold[r]) + len(pred[c])) for c in cols] for r in rows
        ]
        if len(rows) > len(cols):
            sim = [list(col) for col in zip(*sim, strict=True)]
        total += _assign(sim)
    return _f(total / len(pred), total / len(gold))


def conll(gold: Sequence[Cluster], pred: Sequence[Cluster]) -> dict[str, Any]:
    """MUC, B-cubed and CEAF-e, and the CoNLL F1 (their F1 average)."""
    m, b, c = muc(gold, pred), b_cubed(gold, pred), ceaf_e(gold, pred)
    return {"muc": m, "b3": b, "ceaf_e": c, "conll_f1": round((m["f1"] + b["f1"] + c["f1"]) / 3, 4)}
