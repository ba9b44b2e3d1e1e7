"""The language of a document: py3langid's offline model, backed by script counts.

py3langid ships its Naive Bayes model in its wheel (no network, about 0.7 s to load once,
well under a millisecond a paragraph). On very short texts a character model guesses, so
below ``MIN_LETTERS`` letters, or when the model is unsure, the script counts decide.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

log = logging.getLogger(__name__)

MIN_LETTERS = 40
MIN_CONFIDENCE = 0.5
# Labels of the model folded into the code silkgraph uses (Chinese varieties and scripts).
_FOLD = {"wuu": "zh", "yue": "zh", "uzs": "uz"}


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def by_script(text: str) -> str:
    """Tell English from text in other scripts by letter counts: "en", "ru" or "zh"."""
    sample = text[:5000]
    latin = sum(1 for c in sample if c.isascii() and c.isalpha())
    cyr = sum(1 for c in sample if "\u0400" <= c <= "\u04ff")
    cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff" or "\u3040" <= c <= "\u30ff")
    total = latin + cyr + cjk
    if not total or latin >= 0.6 * total:
        return "en"
    if cyr >= cjk:
        return "ru"
    return "zh"


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language ("en", "ru", "zh", "kk", ...)."""
    sample = text[:5000]
    letters = sum(1 for c in sample if c.isalpha())
    if letters < MIN_LETTERS:
        return by_script(sample)
    lang, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        log.debug("language model unsure (%s, %.2f): using script counts", lang, confidence)
        return by_script(sample)
    return _FOLD.get(str(lang), str(lang))
