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

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.tokens import Span, Token

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "triggers.npz"
LABELS = ["O", "FORUM", "MEETING", "AGREEMENT", "COOPERATION", "TRADE", "INVESTMENT", "TARGET"]
CANDIDATE_POS = ("NOUN", "VERB", "PROPN", "NUM", "ADJ")
POS = ["NOUN", "VERB", "PROPN", "NUM", "ADJ", "AUX", "ADP", "X"]
DEPS = [
    "ROOT", "nsubj", "nsubjpass", "dobj", "pobj", "conj", "compound", "amod", "appos",
    "xcomp", "ccomp", "advcl", "relcl", "acl", "attr", "npadvmod", "nmod", "poss", "pcomp",
    "advmod", "oprd", "dep", "nummod", "quantmod", "agent",
]  # fmt: skip
ENT_TYPES = ["EVENT", "ORG", "GPE", "PERSON", "LOC", "FAC", "MONEY", "DATE", "CARDINAL", "NORP"]
DIM = 300
WL_DIM = 256


@lru_cache(maxsize=1)
def _wordllama() -> Any:
    """wordllama's static embeddings, loaded from the package folder; never downloaded."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        log.warning("wordllama is not installed: the trigger model reads spaCy vectors alone")
        return None
    finally:
        # wordllama configures the root logger when imported; the host application owns it.
        root.handlers[:], root.level = handlers, level
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def _wl(texts: list[str]) -> np.ndarray:
    wl = _wordllama()
    if wl is None or not texts:
        return np.zeros((len(texts), WL_DIM), dtype=np.float32)
    out = np.asarray(wl.embed(texts, norm=True), dtype=np.float32)
    return out


@lru_cache(maxsize=50_000)
def _wl_word(text: str) -> np.ndarray:
    row: np.ndarray = _wl([text])[0]
    return row


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


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


def _vec(tok: Token) -> np.ndarray:
    v = tok.vector
    if v.shape[0] != DIM:  # a model without vectors (the small fallback) gives no signal
        return np.zeros(DIM, dtype=np.float32)
    return _unit(np.asarray(v, dtype=np.float32))


def sentence_context(sent: Span, index: int) -> SentenceContext:
    ents = [e.label_ for e in sent.ents]
    vecs = [_vec(t) for t in sent if not t.is_punct and not t.is_stop]
    mean = _unit(np.mean(vecs, axis=0)) if vecs else np.zeros(DIM, dtype=np.float32)
    return SentenceContext(
        vector=mean,
        wl=_wl([sent.text])[0],
        amounts=ents.count("MONEY"),
        dates=ents.count("DATE"),
        places=ents.count("GPE") + ents.count("NORP"),
        persons=ents.count("PERSON"),
        index=index,
    )


def _onehot(value: str | None, vocab: Sequence[str]) -> list[float]:
    return [1.0 if value == v else 0.0 for v in vocab]


def features(tok: Token, ctx: SentenceContext, rule: str | None) -> np.ndarray:
    """The feature vector of one candidate word."""
    head = tok.head if tok.head is not tok else tok
    kids = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "pobj", "compound")]
    kid_vec = _unit(np.mean([_vec(c) for c in kids], axis=0)) if kids else np.zeros(DIM)
    flags = [
        float(tok.dep_ == "ROOT"),
        float(tok.is_title and tok.i != tok.sent.start),
        float(tok.tag_ in ("VBD", "VBN")),
        float(tok.tag_ in ("VB", "VBG")),
        float(tok.tag_ == "NNS"),
        float(any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children)),
        float(any(c.dep_ == "aux" and c.lower_ in ("will", "would", "to") for c in tok.children)),
        min(ctx.amounts, 2) / 2,
        min(ctx.dates, 2) / 2,
        min(ctx.places, 3) / 3,
        min(ctx.persons, 2) / 2,
        float(ctx.index == 0),
        float(ctx.index <= 2),
        1.0,
    ]
    parts = [
        _vec(tok),
        _vec(head),
        kid_vec,
        ctx.vector,
        _wl_word(tok.lower_),
        ctx.wl,
        np.asarray(
            _onehot(tok.pos_, POS)
            + _onehot(tok.dep_, DEPS)
            + _onehot(tok.ent_type_ or None, ENT_TYPES)
            + _onehot(rule, LABELS[1:])
            + flags,
            dtype=np.float32,
        ),
    ]
    return np.concatenate(parts).astype(np.float32)


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
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
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
    sent: Span, index: int, rule: Callable[[Token], str | None]
) -> tuple[list[Token], np.ndarray]:
    """The candidate words of a sentence and their feature rows."""
    toks = candidates(sent)
    if not toks:
        return [], np.zeros((0, 0), dtype=np.float32)
    ctx = sentence_context(sent, index)
    return toks, np.stack([features(t, ctx, rule(t)) for t in toks])
