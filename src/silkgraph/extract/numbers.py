"""Reading numbers as news writes them: digits with separators, scale words, number words.

Shared by the amounts, quantities and evaluation modules so that "1.2bn", "ten thousand"
and "1,900" are read the same way everywhere.
"""

from __future__ import annotations

import re

# Ordinal words, as an edition or a rank names them ("the third meeting").
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
_NUMBERED = re.compile(r"^(\d{1,3})(?:st|nd|rd|th)$", re.IGNORECASE)


def ordinal_number(word: str) -> int | None:
    """The number an ordinal names ("third" 3, "8th" 8), else None."""
    low = word.lower()
    if low in ORDINALS:
        return ORDINALS[low]
    m = _NUMBERED.match(low)
    return int(m.group(1)) if m else None


UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mio": 1e6,
    "billion": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tln": 1e12,
    "trn": 1e12,
    "tn": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
# Scale words a writer spells out in full; single letters (m, b, k) only count glued to digits.
SCALE_WORD = r"(?:hundred|thousand|million|mln|mn|mio|billion|bln|bn|trillion|tln|trn|tn)"
NUMBER_WORD = "|".join(sorted((w for w in UNITS if w not in ("a", "an")), key=len, reverse=True))
# A decimal comma ("$190,27 billion", "12,8%") where one or two digits follow it before a
# scale word or a percent sign: thousands are grouped by three.
DECIMAL_COMMA = rf"\d{{1,3}},\d{{1,2}}(?!\d)(?=\s*(?:%|per\s?cent\b|{SCALE_WORD}\b))"
DIGITS = DECIMAL_COMMA + r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_DIGITS_RE = re.compile(rf"^(?:{DIGITS})$")
_DECIMAL_COMMA_RE = re.compile(r"^\d{1,3},\d{1,2}$")
_SPLIT_RE = re.compile(r"[\s-]+")


def parse_digits(text: str) -> float | None:
    """Return the value of a digit string such as "1,900" or "12.5", or None."""
    text = text.strip()
    if _DECIMAL_COMMA_RE.match(text):
        return float(text.replace(",", "."))
    if not _DIGITS_RE.match(text):
        return None
    return float(text.replace(",", ""))


def parse_number(text: str) -> float | None:
    """Return the value of a written number ("1.2 million", "ten thousand", "3bn"), or None.

    Never raises; words that are not part of a number make the whole text unreadable (None).
    """
    text = text.strip().lower().replace("\u00a0", " ")
    if not text:
        return None
    glued = re.match(rf"^({DIGITS})\s*([a-z]+)$", text)
    if glued and glued.group(2) in SCALES:
        base = parse_digits(glued.group(1))
        return None if base is None else base * SCALES[glued.group(2)]
    words = [w for w in _SPLIT_RE.split(text.replace(" and ", " ")) if w]
    total, current, seen = 0.0, 0.0, False
    for word in words:
        value = parse_digits(word)
        if value is not None:
            current += value
            seen = True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word == "dozen":
            # "a dozen", "two dozen": twelve each
            current = (current or 1) * 12
            seen = True
        elif word in SCALES and seen:
            scale = SCALES[word]
            if scale >= 1e3:
                total += (current or 1) * scale
                current = 0.0
            else:
                current = (current or 1) * scale
        else:
            return None
    return total + current if seen else None
