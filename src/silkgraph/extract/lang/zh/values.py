"""Shared patterns of Chinese numbers: Arabic digits, Chinese numerals and scale characters."""

from __future__ import annotations

import re
from collections.abc import Iterable

from silkgraph.extract.lang.zh.words import numbers, parse_number

ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
HAN_NUMERAL = r"[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"
NUMBER = rf"(?:{ARABIC}|{HAN_NUMERAL})"
SCALE = r"[十百千万亿兆]*"


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def value(number: str, scale: str) -> float | None:
    """The value of a number followed by scale characters ("1439.4", "亿" -> 1.4394e11)."""
    base = parse_number(number)
    if base is None:
        return None
    factor = 1.0
    for char in scale:
        factor *= numbers().scales[char]
    return base * factor


def split_number(text: str) -> tuple[str, str]:
    """A Chinese numeral's trailing scale characters split off when the digits are Arabic."""
    m = re.fullmatch(rf"({ARABIC})({SCALE})", text)
    return (m.group(1), m.group(2)) if m else (text, "")
