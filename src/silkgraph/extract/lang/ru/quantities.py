"""Russian counts and measures: "17 соглашений" (17 agreement), "1,5 млн тонн" (1.5e6 t),
"на 2,9%" and "26,3 процента" (%). "три контракта" counts with a number word.

A count's unit is the English singular noun the contract uses, from the general list
``count_nouns`` of ``knowledge/lang/ru/quantities.json``; a noun not on the list is not
counted. Up to three words, adjectives or "и", may stand between the number and the noun. Numbers inside
amounts and dates are not quantities.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from silkgraph.errors import ConfigError
from silkgraph.extract.lang.ru.words import numbers
from silkgraph.knowledge.cyrillic import word_lemma
from silkgraph.knowledge.schema import LANG_DIR
from silkgraph.model import Quantity

_ADJECTIVE = re.compile(r"(?:ых|их|ого|его|ой|ый|ий|ая|ое|ые|ие|ую)$")
_NUM = r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


@dataclass(frozen=True, slots=True)
class QuantityWords:
    number_words: dict[str, int]
    percent: frozenset[str]
    tonnes: frozenset[str]
    count_nouns: dict[str, str]
    # Ordinal adjectives (base forms) and their numbers: "восьмой" 8.
    ordinals: dict[str, int]


@cache
def quantity_words() -> QuantityWords:
    """The installed Russian quantity words; a broken file stops with one line."""
    path = LANG_DIR / "ru" / "quantities.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        out = QuantityWords(
            {str(k): int(v) for k, v in data["number_words"].items()},
            frozenset(data["percent_words"]),
            frozenset(data["tonne_words"]),
            {str(k): str(v) for k, v in data["count_nouns"].items()},
            {str(k): int(v) for k, v in data["ordinal_words"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise ConfigError(f"{path}: cannot read ({type(err).__name__}: {err})") from None
    return out


def _pattern() -> re.Pattern[str]:
    words = quantity_words()
    number_words = "|".join(sorted(words.number_words, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.,])(?P<num>{_NUM}|(?i:{number_words}))"
        r"(?:\s*(?P<pct>%)|(?:\s+(?P<scale>[А-Яа-яЁё]+\.?))?\s+(?P<w1>[А-Яа-яЁё-]+)"
        r"(?:\s+(?P<w2>[А-Яа-яЁё-]+))?(?:\s+(?P<w3>[А-Яа-яЁё-]+))?)"
    )


@cache
def _compiled() -> re.Pattern[str]:
    return _pattern()


def _value(text: str) -> float | None:
    words = quantity_words()
    low = text.lower()
    if low in words.number_words:
        return float(words.number_words[low])
    try:
        return float(re.sub(r"[\u00a0\u202f ]", "", text).replace(",", "."))
    except ValueError:
        return None


def find_quantities(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Counts, tonnes and percentages of ``text``, outside the spans ``taken``."""
    words = quantity_words()
    out: list[Quantity] = []
    for m in _compiled().finditer(text):
        if any(s < m.end("num") and m.start() < e for s, e in taken):
            continue
        value = _value(m.group("num"))
        if value is None:
            continue
        if m.group("pct"):
            out.append(Quantity(text[m.start() : m.end()], m.start(), m.end(), value, "%"))
            continue
        scale_word = m.group("scale")
        scale = numbers().scale(scale_word) if scale_word else None
        follow = [g for g in ("w1", "w2", "w3") if m.group(g)]
        if scale_word and scale is None:
            follow = ["scale", *follow]  # the first word was not a scale word
        found = _unit(m, follow, words)
        if found is None:
            continue
        group, unit = found
        end = m.end(group)
        out.append(Quantity(text[m.start() : end], m.start(), end, value * (scale or 1.0), unit))
    return out


def _unit(m: re.Match[str], follow: list[str], words: QuantityWords) -> tuple[str, str] | None:
    """The group of the word that gives the unit, and the unit; adjectives may come first."""
    for i, group in enumerate(follow):
        word = m.group(group).lower().rstrip(".")
        if word in words.percent:
            return group, "%"
        if word in words.tonnes:
            return group, "t"
        noun = words.count_nouns.get(word_lemma(word))
        if noun is not None:
            return group, noun
        if i == 3 or not (word == "и" or _ADJECTIVE.search(word)):
            return None  # only adjectives (and "и" between two) stand before the noun
    return None
