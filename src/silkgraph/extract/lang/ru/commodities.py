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

import json
import re
from dataclasses import dataclass
from functools import cache
from itertools import product

from silkgraph.errors import ConfigError
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.cyrillic import is_adjective, readings
from silkgraph.knowledge.hs import Term, terms
from silkgraph.knowledge.schema import LANG_DIR
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


@cache
def commodity_words() -> CommodityWords:
    """The installed Russian commodity names; a broken file stops with one line."""
    path = LANG_DIR / "ru" / "commodities.json"
    lexicon = terms()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        table = {}
        for name, english in data["terms"].items():
            if english not in lexicon:
                raise ValueError(f"{english!r} is not a term of the HS lexicon")
            table[" ".join(_plain(w) for w in name.split())] = lexicon[english]
        weak = frozenset(_plain(w) for w in data["weak"])
        trade = frozenset(_plain(w) for w in data["trade"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError(f"cannot read the Russian commodity names {path}: {e}") from None
    return CommodityWords(table, weak, trade)


def find_commodities(text: str) -> list[Commodity]:
    """Every commodity the text names, once each (the first mention)."""
    words = commodity_words()
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out: list[Commodity] = []
    seen: set[str] = set()
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
            weak = term.weak or key in words.weak
            if not weak or trade:
                start = sent.start() + toks[i].start()
                end = sent.start() + toks[last].end()
                ident = term.hs or term.name
                if ident not in seen:
                    seen.add(ident)
                    out.append(Commodity(text[start:end], start, end, term.name, term.hs))
            i = last + 1
    return out


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
