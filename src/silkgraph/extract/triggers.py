"""A learned event-trigger classifier: which word of a sentence names an event, and its type.

The rules of ``events.py`` are precise but know only the words they list. This model reads
each content word in its context (its own word vector, its head's, the sentence's, its part
of speech and dependency, the rule's own verdict, what else the sentence holds) and gives a
probability for each event type. It is a multinomial logistic regression trained on the
development gold's evidence (every sentence that states or refers to an event, with the
phrase that expresses it) by ``silkgraph train``; its weights ship in the package as
``models/triggers.npz``, versioned by their hash, and nothing is fetched at run time.

Representations are spaCy md's static vectors, already computed by the parse, so the
model costs a matrix product per sentence.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from silkgraph.errors import ConfigError
from silkgraph.knowledge.embeddings import wordllama

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Span, Token

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "triggers.npz"
LABELS = ["O", "FORUM", "MEETING", "AGREEMENT", "COOPERATION", "TRADE", "INVESTMENT", "TARGET"]
# Nouns, verbs and names carry 99% of the gold's trigger heads (numbers and adjectives:
# a fifth of the words, 1% of the triggers).
CANDIDATE_POS = ("NOUN", "VERB", "PROPN")
POS = ["NOUN", "VERB", "PROPN", "NUM", "ADJ", "AUX", "ADP", "X"]
DEPS = [
    "ROOT", "nsubj", "nsubjpass", "dobj", "pobj", "conj", "compound", "amod", "appos",
    "xcomp", "ccomp", "advcl", "relcl", "acl", "attr", "npadvmod", "nmod", "poss", "pcomp",
    "advmod", "oprd", "dep", "nummod", "quantmod", "agent",
]  # fmt: skip
ENT_TYPES = ["EVENT", "ORG", "GPE", "PERSON", "LOC", "FAC", "MONEY", "DATE", "CARDINAL", "NORP"]
DIM = 300
WL_DIM = 256


def _wl(texts: list[str]) -> np.ndarray:
    wl = wordllama()
    if wl is None or not texts:
        return np.zeros((len(texts), WL_DIM), dtype=np.float32)
    out = np.asarray(wl.embed(texts, norm=True), dtype=np.float32)
    return out


_WORDS: dict[str, np.ndarray] = {}


def _wl_words(texts: list[str]) -> list[np.ndarray]:
    """wordllama embeddings of single words, cached; the new ones embedded in one call."""
    missing = sorted({t for t in texts if t not in _WORDS})
    if missing:
        if len(_WORDS) > 200_000:
            _WORDS.clear()
        _WORDS.update(zip(missing, _wl(missing), strict=True))
    return [_WORDS[t] for t in texts]


@dataclass(slots=True)
class SentenceContext:
    """What the sentence around a candidate word holds, read once per sentence."""

    vector: np.ndarray
    wl: np.ndarray
    amounts: int
    dates: int
    places: int
    persons: int
    index: int  # the sentence's position in the article body
    start: int  # the sentence's first token


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


_VECTORS: dict[tuple[int, int], np.ndarray] = {}
_ZERO = np.zeros(DIM, dtype=np.float32)


def _vec(tok: Token) -> np.ndarray:
    """The token's unit word vector (zeros where the model has none), cached by lexeme."""
    key = (id(tok.vocab), tok.orth)
    v = _VECTORS.get(key)
    if v is None:
        raw = tok.vector
        # A model without vectors (the small fallback) gives no signal.
        v = _unit(np.asarray(raw, dtype=np.float32)) if raw.shape[0] == DIM else _ZERO
        if len(_VECTORS) > 500_000:
            _VECTORS.clear()
        _VECTORS[key] = v
    return v


def sentence_context(sent: Span, index: int, wl: np.ndarray | None = None) -> SentenceContext:
    """``wl``: the sentence's wordllama embedding where the caller embedded many at once."""
    ents = [e.label_ for e in sent.ents]
    mean = _unit(np.mean([_vec(t) for t in sent], axis=0))
    return SentenceContext(
        vector=mean,
        wl=_wl([sent.text])[0] if wl is None else wl,
        amounts=ents.count("MONEY"),
        dates=ents.count("DATE"),
        places=ents.count("GPE") + ents.count("NORP"),
        persons=ents.count("PERSON"),
        index=index,
        start=sent.start,
    )


def prefetch_words(sents: list[Span]) -> None:
    """Embed the candidate words of many sentences in one call (they are cached)."""
    _wl_words([t.lower_ for s in sents for t in candidates(s)])


def sentence_embeddings(sents: list[Span]) -> np.ndarray:
    """The wordllama embeddings of many sentences in one call."""
    if not sents:
        return np.zeros((0, WL_DIM), dtype=np.float32)
    return _wl([s.text for s in sents])


_POS = {v: i for i, v in enumerate(POS)}
_DEPS = {v: i for i, v in enumerate(DEPS)}
_ENTS = {v: i for i, v in enumerate(ENT_TYPES)}
_RULES = {v: i for i, v in enumerate(LABELS[1:])}
_KID_DEPS = ("dobj", "nsubjpass", "pobj", "compound")


def _fill(toks: list[Token], ctx: SentenceContext, rules: list[str | None]) -> np.ndarray:
    """Feature rows of candidate words: vectors, one-hot groups and flags, in that order."""
    x = np.zeros((len(toks), FEATURES), dtype=np.float32)
    o_vec = 4 * DIM + 2 * WL_DIM
    o_dep = o_vec + len(POS)
    o_ent = o_dep + len(DEPS)
    o_rule = o_ent + len(ENT_TYPES)
    o_flag = o_rule + len(LABELS) - 1
    x[:, 3 * DIM : 4 * DIM] = ctx.vector
    x[:, 4 * DIM + WL_DIM : o_vec] = ctx.wl
    x[:, 4 * DIM : 4 * DIM + WL_DIM] = _wl_words([t.lower_ for t in toks])
    x[:, 0:DIM] = [_vec(t) for t in toks]
    x[:, DIM : 2 * DIM] = [_vec(t.head) for t in toks]
    sentence_flags = (
        min(ctx.amounts, 2) / 2,
        min(ctx.dates, 2) / 2,
        min(ctx.places, 3) / 3,
        min(ctx.persons, 2) / 2,
        float(ctx.index == 0),
        float(ctx.index <= 2),
        1.0,
    )
    for r, (tok, rule) in enumerate(zip(toks, rules, strict=True)):
        children = [(c.dep_, c.lower_, c) for c in tok.children]
        kids = [c for dep, _, c in children if dep in _KID_DEPS]
        if kids:
            x[r, 2 * DIM : 3 * DIM] = _unit(np.mean([_vec(c) for c in kids], axis=0))
        if tok.pos_ in _POS:
            x[r, o_vec + _POS[tok.pos_]] = 1.0
        dep = tok.dep_
        if dep in _DEPS:
            x[r, o_dep + _DEPS[dep]] = 1.0
        if tok.ent_type_ in _ENTS:
            x[r, o_ent + _ENTS[tok.ent_type_]] = 1.0
        if rule in _RULES:
            x[r, o_rule + _RULES[rule]] = 1.0
        tag = tok.tag_
        x[r, o_flag : o_flag + FLAGS] = (
            float(dep == "ROOT"),
            float(tok.is_title and tok.i != ctx.start),
            float(tag in ("VBD", "VBN")),
            float(tag in ("VB", "VBG")),
            float(tag == "NNS"),
            float(any(d == "det" and w in ("the", "this") for d, w, _ in children)),
            float(any(d == "aux" and w in ("will", "would", "to") for d, w, _ in children)),
            *sentence_flags,
        )
    return x


def features(tok: Token, ctx: SentenceContext, rule: str | None) -> np.ndarray:
    """The feature vector of one candidate word."""
    row: np.ndarray = _fill([tok], ctx, [rule])[0]
    return row


# The width of a feature row: four spaCy vectors (word, head, objects, sentence), two
# wordllama embeddings (word, sentence), the one-hot groups and the flags of ``features``.
FLAGS = 14
FEATURES = 4 * DIM + 2 * WL_DIM + len(POS) + len(DEPS) + len(ENT_TYPES) + len(LABELS) - 1 + FLAGS


def candidates(sent: Span) -> list[Token]:
    return [t for t in sent if t.pos_ in CANDIDATE_POS and not t.is_stop and len(t.text) > 1]


class TriggerModel:
    """Softmax regression over the event types and "no event"."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, meta: dict[str, Any]) -> None:
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.meta = meta
        self.labels: list[str] = list(meta.get("labels", LABELS))
        self.threshold: float = float(meta.get("threshold", 0.5))

    @property
    def version(self) -> str:
        h = hashlib.sha256(self.weights.tobytes() + self.bias.tobytes())
        return h.hexdigest()[:12]

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = x @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        out: np.ndarray = e / e.sum(axis=1, keepdims=True)
        return out

    def save(self, path: Path) -> None:
        """Write the model to ``path`` exactly (numpy would add ".npz" to a bare name)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            np.savez_compressed(
                fh,
                weights=self.weights.astype(np.float16),
                bias=self.bias,
                meta=np.frombuffer(json.dumps(self.meta).encode(), dtype=np.uint8),
            )

    @classmethod
    def load(cls, path: Path = MODEL_PATH, width: int | None = None) -> TriggerModel:
        """Read a saved model; ``width``: the feature width to expect (this version's)."""
        width = FEATURES if width is None else width
        try:
            with np.load(path) as data:
                meta = json.loads(bytes(data["meta"]).decode())
                model = cls(data["weights"].astype(np.float32), data["bias"], meta)
        except (OSError, KeyError, ValueError) as err:
            raise ConfigError(f"cannot load the trigger model {path}: {err}") from err
        if model.weights.shape[1] != len(model.labels):
            raise ConfigError(f"trigger model {path} has {model.weights.shape[1]} outputs")
        if model.weights.shape[0] != width:
            raise ConfigError(
                f"trigger model {path} reads {model.weights.shape[0]} features and this "
                f"version computes {width}: rebuild it with `silkgraph train`"
            )
        return model


_TRAINING = False


@contextmanager
def training() -> Iterator[None]:
    """Pipelines built inside this block start without the shipped model (it may be stale)."""
    global _TRAINING
    before, _TRAINING = _TRAINING, True
    try:
        yield
    finally:
        _TRAINING = before


def pipeline_model() -> TriggerModel | None:
    """The model a new events component starts with."""
    return None if _TRAINING else shipped_model()


@lru_cache(maxsize=1)
def shipped_model() -> TriggerModel | None:
    """The model shipped with the package, or None where it has not been trained yet."""
    if not MODEL_PATH.is_file():
        log.warning("no trigger model at %s: events come from the rules alone", MODEL_PATH)
        return None
    return TriggerModel.load(MODEL_PATH)


def fit(
    x: np.ndarray,
    y: np.ndarray,
    labels: list[str] = LABELS,
    l2: float = 1e-3,
    epochs: int = 300,
    lr: float = 0.05,
    neg_weight: float = 0.5,
    threshold: float = 0.5,
    seed: int = 0,
) -> TriggerModel:
    """Train softmax regression by full-batch Adam with L2; the negatives are down-weighted."""
    rng = np.random.default_rng(seed)
    n, d = x.shape
    k = len(labels)
    w = rng.normal(0, 0.01, (d, k)).astype(np.float32)
    b = np.zeros(k, dtype=np.float32)
    onehot = np.zeros((n, k), dtype=np.float32)
    onehot[np.arange(n), y] = 1.0
    sw = np.where(y == 0, neg_weight, 1.0).astype(np.float32)
    sw /= sw.mean()
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sw[:, None] / n
        gw = x.T @ g + l2 * w
        gb = g.sum(axis=0)
        mw = b1 * mw + (1 - b1) * gw
        vw = b2 * vw + (1 - b2) * gw * gw
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb * gb
        w -= lr * (mw / (1 - b1**t)) / (np.sqrt(vw / (1 - b2**t)) + eps)
        b -= lr * (mb / (1 - b1**t)) / (np.sqrt(vb / (1 - b2**t)) + eps)
    meta = {
        "labels": labels,
        "l2": l2,
        "epochs": epochs,
        "neg_weight": neg_weight,
        "threshold": threshold,
        "n": int(n),
    }
    return TriggerModel(w, b, meta)


def sentence_matrix(
    sent: Span,
    index: int,
    rule: Callable[[Token], str | None],
    wl: np.ndarray | None = None,
) -> tuple[list[Token], np.ndarray]:
    """The candidate words of a sentence and their feature rows."""
    toks = candidates(sent)
    if not toks:
        return [], np.zeros((0, FEATURES), dtype=np.float32)
    ctx = sentence_context(sent, index, wl)
    return toks, _fill(toks, ctx, [rule(t) for t in toks])
