"""Whether two reports tell of one event: named features, learned weights, a probability.

``events.score`` reads what two reports share (dates, countries, specific actors, place,
forum, amount, count, goods, the same wire sentence, publication gap ...). This module turns
those named features into indicator columns and weighs them with a logistic regression
trained on the development gold's event pairs (``silkgraph train``), as nomenklatura's
logic model weighs name features. Every merge can be explained: ``explain`` lists each
feature's contribution to the log-odds.

The weights ship as ``models/event_pairs.json``; without that file the hand-set weights of
``events.score`` are used.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from silkgraph.errors import ConfigError

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "event_pairs.json"
TYPES = ("FORUM", "MEETING", "AGREEMENT", "COOPERATION", "TRADE", "INVESTMENT", "TARGET")


# The word similarity assumed for two articles when either has no words recorded.
UNKNOWN_WORDS = 0.12


def columns(feats: dict[str, float], etype: str) -> dict[str, float]:
    """The indicator columns of a pair's named features (absent features are 0)."""
    words = feats.get("doc_sim", UNKNOWN_WORDS)
    out = {
        "date_overlap": float(feats.get("date") == 1.0),
        "date_unknown": float(feats.get("date") == 0.5),
        "date_close": float(feats.get("date") == 0.25),
        "one_country": float(feats.get("countries", 0) == 1),
        "two_countries": float(feats.get("countries", 0) >= 2),
        "one_actor": float(feats.get("specific", 0) == 1),
        "two_actors": float(feats.get("specific", 0) >= 2),
        "same_place": float(feats.get("location", 0) == 1),
        "same_forum": float(feats.get("same_forum") == 1.0),
        "other_forum": float(feats.get("same_forum") == 0.0),
        "same_count": float(feats.get("count") == 1.0),
        "other_count": float(feats.get("count") == -1.0),
        "same_amount": float(feats.get("amount") == 1.0),
        "other_amount": float(feats.get("amount") == 0.0),
        "same_sentence": float(feats.get("same_sentence", 0) == 1),
        "same_story": float(feats.get("story", 0) == 1),
        "published_near": float(feats.get("published") == 1.0),
        "published_weeks": float(feats.get("published") == 0.0),
        "published_far": float(feats.get("published") == -1.0),
        "same_goods": float(feats.get("commodities") == 1.0),
        "other_goods": float(feats.get("commodities", 0) < 0),
        "precise_dates": float(feats.get("precise", 0) == 1),
        "other_actors": float(feats.get("other_actors", 0) == 1),
        # The years the events, or where they give none their articles, are about.
        "same_year": float(feats.get("year") == 1.0),
        "same_period": float(feats.get("period", 0) == 1),
        "other_year": float(feats.get("year") == -1.0),
        # The two articles' word similarity (see resolve.events.Stories), scaled and
        # in bands: one story retold shares its rare words. Unknown (an extraction
        # without its words) counts as the middle band.
        "words": 5.0 * words,
        "words_many": float(words >= 0.2),
        "words_some": float(0.12 <= words < 0.2),
        "words_few": float(words < 0.07),
    }
    # How alike the two events' sentences read (wordllama cosine, see events.score),
    # centred and in bands; 0 where either report has no sentence embedded.
    sentence = feats.get("sentence_sim")
    out["sentence"] = 3.0 * (sentence - 0.5) if sentence is not None else 0.0
    out["sentence_alike"] = float(sentence is not None and sentence >= 0.7)
    out["sentence_unlike"] = float(sentence is not None and sentence < 0.4)
    for t in TYPES:
        out[f"type_{t.lower()}"] = float(etype == t)
    return out


NAMES = tuple(columns({}, "").keys())


@dataclass(slots=True)
class PairModel:
    """Logistic regression over the named pair columns."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)
    # Two events join only when the mean probability over their reports' pairs reaches
    # this (average linkage): one strong link cannot chain two different events together.
    agreement: float = 0.0
    # A link at least this probable joins two events even where one document has a report
    # in each (its extractor told one event twice); weaker links keep them apart.
    same_document: float = 1.0
    # The weights and bias fitted without the sentence columns, for pairs whose sentences
    # cannot be compared (one of them Russian or Chinese, or none): the sentence weights
    # moved every other weight and the bias, so leaving those columns at 0 would not be
    # a pair with no sentences. None: the main weights serve every pair.
    unsentenced: tuple[dict[str, float], float] | None = None

    def _weights(self, feats: dict[str, float]) -> tuple[dict[str, float], float]:
        if self.unsentenced is not None and "sentence_sim" not in feats:
            return self.unsentenced
        return self.weights, self.bias

    def probability(self, feats: dict[str, float], etype: str) -> float:
        weights, bias = self._weights(feats)
        z = bias + sum(weights.get(k, 0.0) * v for k, v in columns(feats, etype).items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def explain(self, feats: dict[str, float], etype: str) -> list[tuple[str, float]]:
        """Each column's contribution to the log-odds, largest first, and the bias."""
        weights, bias = self._weights(feats)
        cols = columns(feats, etype)
        parts = [(k, round(weights.get(k, 0.0) * v, 3)) for k, v in cols.items() if v]
        return sorted(parts, key=lambda p: -abs(p[1])) + [("bias", round(bias, 3))]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
            "agreement": self.agreement,
            "same_document": self.same_document,
            "weights": {k: round(v, 6) for k, v in self.weights.items()},
            "meta": self.meta,
        }
        if self.unsentenced is not None:
            weights, bias = self.unsentenced
            data["unsentenced"] = {
                "bias": round(bias, 6),
                "weights": {k: round(v, 6) for k, v in weights.items()},
            }
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> PairModel:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            model = cls(
                weights,
                float(data["bias"]),
                float(data["threshold"]),
                data["meta"],
                float(data.get("agreement", 0.0)),
                float(data.get("same_document", 1.0)),
            )
            if "unsentenced" in data:
                other = data["unsentenced"]
                model.unsentenced = (
                    {str(k): float(v) for k, v in other["weights"].items()},
                    float(other["bias"]),
                )
        except (OSError, KeyError, ValueError, TypeError, AttributeError) as err:
            raise ConfigError(f"cannot load the event pair model {path}: {err}") from None
        unknown = set(weights) - set(NAMES)
        if model.unsentenced is not None:
            unknown |= set(model.unsentenced[0]) - set(NAMES)
        if unknown:
            raise ConfigError(f"event pair model {path} has unknown feature {sorted(unknown)[0]}")
        return model


def fit(
    rows: list[dict[str, float]],
    labels: list[int],
    l2: float = 1.0,
    threshold: float = 0.5,
    agreement: float = 0.0,
    same_document: float = 1.0,
) -> PairModel:
    """Fit the weights by Newton's method on the log-loss with an L2 penalty, to
    convergence; and again without the sentence columns, for pairs whose sentences cannot
    be compared."""
    x = np.asarray([[r[k] for k in NAMES] for r in rows], dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    w, b = _newton(x, y, l2)
    sentenced = np.asarray([k in SENTENCE_COLUMNS for k in NAMES])
    w0, b0 = _newton(np.where(sentenced, 0.0, x), y, l2)
    meta = {"pairs": len(labels), "positives": int(sum(labels)), "l2": l2, "solver": "newton"}
    weights = dict(zip(NAMES, map(float, w), strict=True))
    model = PairModel(weights, b, threshold, meta, agreement, same_document)
    model.unsentenced = (
        {k: float(v) for k, v, on in zip(NAMES, w0, sentenced, strict=True) if not on},
        b0,
    )
    return model


# The columns that read the two reports' sentences (see ``columns``).
SENTENCE_COLUMNS = frozenset(("sentence", "sentence_alike", "sentence_unlike"))


def _newton(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 100) -> tuple[np.ndarray, float]:
    """Logistic regression by Newton's method: the log-loss summed over the pairs plus
    ``l2 / 2`` times the squared weights (the bias free), solved to convergence.

    Why not a fixed number of gradient steps: a fit stopped early regularises by where it
    stopped, and that moved with every change of the rows; out-of-fold cross-document
    figures then moved by up to 0.012 for extraction changes that joined no pair
    differently (docs/evaluation.md, fourth stop of 7 December 2026).
    """
    n, d = x.shape
    xb = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.r_[np.full(d, l2), 0.0]
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30.0, 30.0)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1.0 - p))[:, None]).T @ xb + np.diag(penalty)
        step = np.linalg.solve(hess + 1e-9 * np.eye(d + 1), grad)
        w -= step
        if float(np.abs(step).max()) < 1e-9:
            break
    return w[:-1], float(w[-1])


@lru_cache(maxsize=1)
def shipped_model() -> PairModel | None:
    return PairModel.load(MODEL_PATH) if MODEL_PATH.is_file() else None


# What resolution uses: "model" is "shipped", None (the hand-set weights), a PairModel, or
# a function of a document id giving one (cross-validation swaps models by fold);
# "recorder", when set, receives every scored pair (training reads them).
ACTIVE: dict[str, Any] = {"model": "shipped", "recorder": None}


@contextmanager
def weights_from(path: Path | None) -> Iterator[None]:
    """Resolve with the pair weights of a file (one ``silkgraph train`` wrote) instead of
    the shipped ones; ``None`` leaves the choice as it is."""
    if path is None:
        yield
        return
    model = PairModel.load(Path(path))
    before = ACTIVE["model"]
    ACTIVE["model"] = model
    try:
        yield
    finally:
        ACTIVE["model"] = before


def model_for(doc_id: str) -> PairModel | None:
    model = ACTIVE["model"]
    if model == "shipped":
        return shipped_model()
    if model is None or isinstance(model, PairModel):
        return model
    found: PairModel | None = model(doc_id)
    return found
