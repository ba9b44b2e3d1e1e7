"""A document's most frequent content words, kept with its extraction.

Why: outlets retelling one story share its words (the project's name, the figures,
the place), not only its actors. Resolution weighs the words two articles share by
how few articles use them (TF-IDF over the corpus being resolved) and gives the
event pair model that similarity as a feature. The weights are the corpus's own, so
nothing here is tuned to any article; the extraction keeps only counts.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

# Words of three letters or more (any script), and numbers ("240", "12.5").
_TOKEN = re.compile(r"[^\W\d_][\w'’-]{2,}|\d[\d.,]*\d|\d")

TERMS_KEPT = 150


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def doc_terms(text: str, kept: int = TERMS_KEPT) -> dict[str, int]:
    """The ``kept`` most frequent words of ``text`` (lower-cased, stop words out) with
    their counts; ties go to the longer word (long words are the rarer ones), then
    alphabetical order, so the choice is stable."""
    stop = _stop_words()
    counts = Counter(w for w in (m.group().lower() for m in _TOKEN.finditer(text)) if w not in stop)
    best = sorted(counts.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[:kept]
    return dict(best)
