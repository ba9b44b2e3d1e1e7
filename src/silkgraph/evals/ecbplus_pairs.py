"""Whether two ECB+ event mentions tell of one event: named features, learned weights.

The ECB+ evaluation clusters gold event mentions the way the literature's strong simple
recipe does. First each topic's articles are grouped into stories (average-link over the
TF-IDF cosine of their words, the similarity resolution's ``resolve.events.Stories``
computes), because a topic holds two stories of the same kind of event. Then, within a
story, a logistic regression over named features and their pairwise products gives each
mention pair a probability of telling one event, and average-link clustering joins mentions
while the mean probability between two clusters reaches the link threshold.

The weights, the bias and both thresholds ship as ``models/ecbplus_pairs.json``;
``silkgraph train --ecbplus`` (``train.train_ecbplus``) rebuilds it from the ECB+ training
and dev topics, with the thresholds chosen by cross-validation over those topics.
``explain`` lists each feature's contribution to a pair's log-odds, so every merge can be
read back.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from silkgraph.errors import ConfigError

if TYPE_CHECKING:
    from silkgraph.evals.ecbplus import Mention
    from silkgraph.resolve.events import Stories

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "ecbplus_pairs.json"
FORMAT = 2

# Read same_lemma's weight with lemma_cos's and spread_same_lemma's: equal lemmas have a
# cosine of 1, so what equal lemmas add is the sum of the three contributions.
BASE = (
    "same_lemma",  # the two triggers' head lemmas are equal
    "trigger_cos",  # cosine of the trigger words' embeddings (wordllama)
    "lemma_cos",  # cosine of the head lemmas' embeddings
    "shared_args",  # share of the smaller argument set (participants, place, time) in common
    "no_args",  # either sentence has no argument marked
    "doc_sim",  # the two articles' word similarity (1 within one article)
    "same_doc",
    "same_sentence",
    "lemma_spread",  # the lower share of the story's other articles that use each lemma
    "spread_same_lemma",  # lemma_spread where the lemmas are equal: the story's main event
    "late",  # how far into their articles the two sentences are (0 first, 1 the ninth on)
)
# Every two base features multiplied ("trigger_cos*doc_sim"). Why: a weighted sum of the
# base features alone gives alike words the same weight in alike and unalike articles, and
# a shared argument the same weight near the top of two articles as deep in them. With the
# products, topic-fold cross-validation over the training topics rose 0.742 -> 0.750.
PRODUCTS = tuple(itertools.combinations(BASE, 2))
FEATURES = BASE + tuple(f"{a}*{b}" for a, b in PRODUCTS)

# Sentences from the ninth on count as late as the ninth.
LATE_SENTENCE = 8


@dataclass(slots=True)
class Context:
    """What the features read besides the two mentions: vectors, word similarity, spread."""

    vectors: Mapping[str, np.ndarray]
    stories: Stories
    spread: dict[str, float] = field(default_factory=dict)
    _alike: dict[tuple[str, str], float] = field(default_factory=dict)

    def doc_sim(self, a: str, b: str) -> float:
        """The two articles' word similarity (1 for one article), computed once a pair."""
        if a == b:
            return 1.0
        key = (a, b) if a < b else (b, a)
        got = self._alike.get(key)
        if got is None:
            got = self._alike[key] = self.stories.similarity(a, b) or 0.0
        return got


def trigger(m: Mention) -> str:
    return m.context[m.start : m.end].lower()


def embed(mentions: Sequence[Mention]) -> dict[str, np.ndarray]:
    """Unit vectors of every trigger text and lemma (wordllama, loaded offline)."""
    from silkgraph.knowledge.embeddings import wordllama

    model = wordllama()
    if model is None:
        raise ConfigError("the ECB+ pair scorer needs wordllama's embeddings (not installed)")
    words = sorted({trigger(m) for m in mentions} | {m.lemma for m in mentions})
    return dict(zip(words, np.asarray(model.embed(words, norm=True)), strict=True))


def spread(story: Sequence[Mention]) -> dict[str, float]:
    """Mention id -> the share of the story's other articles that have a mention of its lemma.

    Why: the story's own event is told by most of its articles; a side event (a
    statement, an earlier crime) by one. ECB+ marks chains mainly for the former.
    """
    docs = {m.doc for m in story}
    used: dict[str, set[str]] = defaultdict(set)
    for m in story:
        used[m.lemma].add(m.doc)
    others = max(1, len(docs) - 1)
    return {m.id: (len(used[m.lemma]) - 1) / others for m in story}


def features(a: Mention, b: Mention, ctx: Context) -> dict[str, float]:
    """The named features of one mention pair (see ``FEATURES``)."""
    out = base_features(a, b, ctx)
    out.update({f"{x}*{y}": out[x] * out[y] for x, y in PRODUCTS})
    return out


def base_features(a: Mention, b: Mention, ctx: Context) -> dict[str, float]:
    """The base features of one mention pair (see ``BASE``), in ``BASE`` order."""
    vec = ctx.vectors
    same_doc = a.doc == b.doc
    same_lemma = float(a.lemma == b.lemma)
    low = min(ctx.spread.get(a.id, 0.0), ctx.spread.get(b.id, 0.0))
    return {
        "same_lemma": same_lemma,
        "trigger_cos": float(vec[trigger(a)] @ vec[trigger(b)]),
        "lemma_cos": float(vec[a.lemma] @ vec[b.lemma]),
        "shared_args": len(a.args & b.args) / max(1, min(len(a.args), len(b.args))),
        "no_args": float(not a.args or not b.args),
        "doc_sim": ctx.doc_sim(a.doc, b.doc),
        "same_doc": float(same_doc),
        "same_sentence": float(same_doc and a.sentence == b.sentence),
        "lemma_spread": low,
        "spread_same_lemma": low * same_lemma,
        "late": (min(a.sentence, LATE_SENTENCE) + min(b.sentence, LATE_SENTENCE))
        / (2 * LATE_SENTENCE),
    }


_LEFT = np.asarray([BASE.index(a) for a, _ in PRODUCTS], dtype=np.intp)
_RIGHT = np.asarray([BASE.index(b) for _, b in PRODUCTS], dtype=np.intp)


def with_products(base: np.ndarray) -> np.ndarray:
    """Rows of base features (``BASE`` order) -> rows of all ``FEATURES``."""
    return np.hstack([base, base[:, _LEFT] * base[:, _RIGHT]])


def matrix(rows: Sequence[Mapping[str, float]]) -> np.ndarray:
    """Feature rows (dicts with at least the base features) as a matrix in ``FEATURES``
    order."""
    base = np.asarray([[r[k] for k in BASE] for r in rows], dtype=np.float64)
    return with_products(base.reshape(len(rows), len(BASE)))


@dataclass(slots=True)
class PairScorer:
    """Logistic regression over ``FEATURES``, with the thresholds chosen by cross-validation.

    ``story``: the word similarity at which two articles' clusters join one story;
    ``link``: the mean pair probability at which two mention clusters join one event.
    """

    weights: dict[str, float]
    bias: float
    link: float
    story: float
    meta: dict[str, Any] = field(default_factory=dict)

    def logit(self, feats: Mapping[str, float]) -> float:
        return self.bias + sum(self.weights[k] * feats[k] for k in FEATURES)

    def probability(self, feats: Mapping[str, float]) -> float:
        z = self.logit(feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Many pairs at once: ``x`` has one row per pair, columns in ``FEATURES`` order."""
        w = np.asarray([self.weights[k] for k in FEATURES])
        z = np.clip(x @ w + self.bias, -30.0, 30.0)
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out

    def explain(self, feats: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's contribution to the log-odds, largest first, then the bias."""
        parts = [(k, round(self.weights[k] * feats[k], 3)) for k in FEATURES if feats[k]]
        return sorted(parts, key=lambda p: -abs(p[1])) + [("bias", round(self.bias, 3))]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "features": list(FEATURES),
            "weights": {k: round(self.weights[k], 6) for k in FEATURES},
            "bias": round(self.bias, 6),
            "link": self.link,
            "story": self.story,
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PairScorer:
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT}")
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        if list(data["features"]) != list(FEATURES) or set(weights) != set(FEATURES):
            missing = sorted(set(FEATURES) ^ set(weights)) or ["(order)"]
            raise ValueError(f"features differ from this version's ({missing[0]})")
        link, story = float(data["link"]), float(data["story"])
        if not (0.0 < link < 1.0 and 0.0 <= story < 1.0):
            raise ValueError(f"thresholds out of range (link {link}, story {story})")
        return cls(weights, float(data["bias"]), link, story, dict(data.get("meta") or {}))

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n"
        path.write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> PairScorer:
        """Read a scorer file; a missing or malformed one stops the run (ConfigError)."""
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, KeyError, ValueError, TypeError, AttributeError) as e:
            raise ConfigError(f"cannot load the ECB+ pair scorer {path}: {e}") from None


@lru_cache(maxsize=1)
def shipped() -> PairScorer:
    return PairScorer.load(MODEL_PATH)


def fit(
    x: np.ndarray,
    y: np.ndarray,
    l2: float = 1.0,
    steps: int = 25,
    start: tuple[np.ndarray, float] | None = None,
) -> tuple[np.ndarray, float]:
    """Logistic regression weights and bias by Newton's method (L2 penalty, bias free).

    Deterministic: the same pairs give the same weights on any machine, so the shipped
    file can be rebuilt and compared. ``start``: weights and bias to begin from (a fit on
    overlapping pairs converges in fewer steps; the optimum is the same).
    """
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1]) if start is None else np.r_[start[0], start[1]]
    penalty = np.r_[np.full(x.shape[1], l2), 0.0]
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30.0, 30.0)))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.abs(step).max()) < 1e-9:
            break
    log.debug("logistic fit: %d Newton steps", _ + 1)
    return w[:-1], float(w[-1])


def average_link(sim: np.ndarray, link: float) -> list[list[int]]:
    """Agglomerate items while the mean similarity between two clusters reaches ``link``.

    Why average linkage: one strong pair cannot chain two different events together.
    Ties go to the lowest indices, so the result does not depend on the platform.
    """
    return average_link_levels(sim, [link])[link]


def average_link_levels(sim: np.ndarray, links: Sequence[float]) -> dict[float, list[list[int]]]:
    """``average_link`` at several thresholds in one agglomeration.

    The merges do not depend on the threshold, only where they stop, so the clusters at
    each threshold are those standing when the next merge's mean falls below it.
    """
    n = len(sim)
    pending = sorted(set(links), reverse=True)
    out: dict[float, list[list[int]]] = {}
    sums = np.array(sim, dtype=np.float64)
    np.fill_diagonal(sums, 0.0)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    upper = np.triu(np.ones((n, n), dtype=bool), 1)
    while pending and len(members) > 1:
        avg = np.where(upper & alive[:, None] & alive[None, :], sums / np.outer(size, size), -1.0)
        i, j = divmod(int(np.argmax(avg)), n)
        while pending and avg[i, j] < pending[0]:
            out[pending.pop(0)] = [list(g) for g in members.values()]
        if not pending:
            break
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sums[i, i] = 0.0
        size[i] += size[j]
        alive[j] = False
        members[i] += members.pop(j)
    for link in pending:
        out[link] = [list(g) for g in members.values()]
    return out


def stories(docs: Sequence[Hashable], words: Stories, threshold: float) -> list[list[Hashable]]:
    """The articles of one topic grouped into stories: average-link over word similarity."""
    n = len(docs)
    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            sim[i, j] = sim[j, i] = words.similarity(docs[i], docs[j]) or 0.0
    return [[docs[x] for x in group] for group in average_link(sim, threshold)]


def group_stories(
    mentions: Sequence[Mention], threshold: float
) -> tuple[list[list[Mention]], Stories]:
    """The mentions of each topic split by story, and the word similarity used to split them.

    Document frequencies are taken over every article given, as resolution takes them
    over its corpus.
    """
    from silkgraph.resolve.events import Stories

    words = Stories({}, {m.doc: m.words for m in mentions})
    by_doc: dict[tuple[int, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[(m.topic, m.doc)].append(m)
    topics: dict[int, list[str]] = defaultdict(list)
    for topic, doc in by_doc:
        topics[topic].append(doc)
    out: list[list[Mention]] = []
    for topic, docs in sorted(topics.items()):
        for story in stories(sorted(docs), words, threshold):
            out.append([m for doc in story for m in by_doc[(topic, str(doc))]])
    return out, words


def story_pairs(story: Sequence[Mention], ctx: Context) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Every mention pair of one story (indices) and its feature rows."""
    ctx.spread = spread(story)
    idx = [(i, j) for i in range(len(story)) for j in range(i + 1, len(story))]
    rows = [list(base_features(story[i], story[j], ctx).values()) for i, j in idx]
    return idx, with_products(np.asarray(rows, dtype=np.float64).reshape(len(idx), len(BASE)))


def cluster_story(
    story: Sequence[Mention], idx: list[tuple[int, int]], p: np.ndarray, link: float
) -> list[frozenset[Hashable]]:
    return cluster_story_levels(story, idx, p, [link])[link]


def cluster_story_levels(
    story: Sequence[Mention], idx: list[tuple[int, int]], p: np.ndarray, links: Sequence[float]
) -> dict[float, list[frozenset[Hashable]]]:
    """One story's mention clusters at each link threshold."""
    n = len(story)
    sim = np.zeros((n, n))
    if idx:
        ii = np.asarray(idx)
        sim[ii[:, 0], ii[:, 1]] = p
        sim[ii[:, 1], ii[:, 0]] = p
    levels = average_link_levels(sim, links)
    return {
        link: [frozenset(story[x].id for x in group) for group in groups]
        for link, groups in levels.items()
    }


def cluster(mentions: Sequence[Mention], scorer: PairScorer) -> list[frozenset[Hashable]]:
    """Stories first, then average-link over the scorer's pair probabilities in each."""
    groups, words = group_stories(mentions, scorer.story)
    ctx = Context(embed(mentions), words)
    out: list[frozenset[Hashable]] = []
    for story in groups:
        idx, x = story_pairs(story, ctx)
        out += cluster_story(story, idx, scorer.probabilities(x), scorer.link)
    return out
