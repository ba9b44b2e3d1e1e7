"""Russian names of traded goods with their Harmonized System codes.

Each word is read as each dictionary form it may have (pymorphy, through
``knowledge.cyrillic``: "сжиженного" is сжиженный or сжидить); the longest run of words
whose forms ``knowledge/lang/ru/commodities.json`` lists is a commodity ("поставки сжиженного природного газа" -> сжиженный природный газ -> liquefied
natural gas, 2711). One adjective may stand between a listed modifier and its noun ("сухого
верблюжьего молока" -> сухой молоко -> milk powder). The list gives each Russian name the
English term of the HS lexicon (``knowledge.hs``) it translates, so both languages share
one set of codes and names. A weak term (weak in English, as "gas", or in Russian, as
"лук", also a bow) counts only in a sentence about trade or production, and nothing inside
a quoted name («Газпром нефть») is a commodity. Each commodity is listed once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import product

from silkgraph.extract.lang.goods import first_of_each, read_goods
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.cyrillic import is_adjective, readings
from silkgraph.knowledge.hs import Term
from silkgraph.model import Commodity

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)?")
_SENTENCE = re.compile(r"[^.!?\n]+")
_QUOTED = re.compile(r"«[^»]{0,80}»|\"[^\"]{0,80}\"|“[^”]{0,80}”")
LONGEST = 3


@dataclass(frozen=True, slots=True)
class CommodityWords:
    terms: dict[str, Term]  # dictionary forms joined by spaces -> the English HS term
    weak: frozenset[str]
    trade: frozenset[str]


def _plain(word: str) -> str:
    return word.lower().replace("ё", "е")


def _key(name: str) -> str:
    """A listed name as matched: its words lower-cased, "ё" read as "е"."""
    return " ".join(map(_plain, name.split()))


@cache
def commodity_words() -> CommodityWords:
    """The installed Russian commodity names; a broken file stops with one line."""
    table, words = read_goods("ru", "Russian", ("weak", "trade"), _key)
    return CommodityWords(table, frozenset(words["weak"]), frozenset(words["trade"]))


def find_commodities(text: str) -> list[Commodity]:
    """Every commodity the text names, once each (the first mention)."""
    return first_of_each(mentions(text))


@lru_cache(maxsize=8)
def mentions(text: str) -> tuple[Commodity, ...]:
    """Every mention of a commodity in the text, in order (kept for the events component,
    which reads the goods of each event's sentence from the same pass)."""
    words = commodity_words()
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out: list[Commodity] = []
    for sent in _SENTENCE.finditer(text):
        toks = [
            m
            for m in _WORD.finditer(sent.group(0))
            if not any(a <= sent.start() + m.start() < b for a, b in quoted)
        ]
        lemmas = [tuple(dict.fromkeys(map(_plain, readings(m.group(0).lower())))) for m in toks]
        trade = any(words.trade.intersection(forms) for forms in lemmas)
        i = 0
        while i < len(toks):
            found = _longest(lemmas, toks, i, words)
            if found is None:
                i += 1
                continue
            last, key = found
            term = words.terms[key]
            if trade or not (term.weak or key in words.weak):
                start = sent.start() + toks[i].start()
                end = sent.start() + toks[last].end()
                out.append(Commodity(text[start:end], start, end, term.name, term.hs))
            i = last + 1
    return tuple(out)


def _listed(forms: list[tuple[str, ...]], words: CommodityWords) -> str | None:
    """The listed name the words' forms spell, if any."""
    for combo in product(*forms):
        key = " ".join(combo)
        if key in words.terms:
            return key
    return None


def _longest(
    lemmas: list[tuple[str, ...]], toks: list[re.Match[str]], i: int, words: CommodityWords
) -> tuple[int, str] | None:
    """The last word and the key of the longest listed name starting at word ``i``."""
    for n in range(LONGEST, 0, -1):
        if i + n > len(lemmas):
            continue
        key = _listed(lemmas[i : i + n], words)
        if key is not None:
            return i + n - 1, key
        # A modifier, one adjective, then the noun: "сухого верблюжьего молока".
        if n >= 2 and i + n < len(lemmas) and is_adjective(toks[i + n - 1].group(0).lower()):
            key = _listed([*lemmas[i : i + n - 1], lemmas[i + n]], words)
            if key is not None:
                return i + n, key
    return None


class RussianCommoditiesComponent:
    """Adds the commodities a Russian text names, with their HS codes."""

    name = "commodities"
    version = "ru-1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("commodities",)

    def __call__(self, analysis: Analysis) -> None:
        analysis.result.commodities.extend(find_commodities(analysis.text))
