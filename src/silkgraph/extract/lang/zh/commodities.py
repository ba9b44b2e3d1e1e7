"""Chinese names of traded goods with their Harmonized System codes.

The longest name that ``knowledge/lang/zh/commodities.json`` lists is found at each place of
the simplified text (traditional text is read through it, one character for one, so spans
point into the text as published): "液化天然气" is liquefied natural gas (2711), not "天然气"
inside it. The list gives each Chinese name the English term of the HS lexicon
(``knowledge.hs``) it translates, so every language shares one set of codes and names. A
weak term counts only in a sentence about trade or production, and a name followed by a
word of a company's name ("中国石油集团") or preceded by "中国" ("中国石化") is part of
that name, not goods. Each commodity is listed once per document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from silkgraph.extract.lang.goods import first_of_each, read_goods
from silkgraph.extract.lang.zh.parser import chinese
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.hs import Term
from silkgraph.model import Commodity

_SENTENCE = re.compile(r"[^。！？；\n]+")


@dataclass(frozen=True, slots=True)
class CommodityWords:
    terms: dict[str, Term]  # a Chinese name -> the English HS term
    weak: frozenset[str]
    trade: tuple[str, ...]
    names: tuple[str, ...]
    longest: int


@cache
def commodity_words() -> CommodityWords:
    """The installed Chinese commodity names; a broken file stops with one line."""
    table, words = read_goods("zh", "Chinese", ("weak", "trade", "names"))
    return CommodityWords(
        table,
        frozenset(words["weak"]),
        words["trade"],
        words["names"],
        max(map(len, table), default=1),
    )


def find_commodities(text: str, simple: str) -> list[Commodity]:
    """Every commodity ``simple`` (the simplified form of ``text``) names, once each."""
    return first_of_each(mentions(text, simple))


@lru_cache(maxsize=8)
def mentions(text: str, simple: str) -> tuple[Commodity, ...]:
    """Every mention of a commodity, in order (kept for the events component, which reads
    the goods of each event's sentence from the same pass)."""
    words = commodity_words()
    out: list[Commodity] = []
    for sent in _SENTENCE.finditer(simple):
        s0, line = sent.start(), sent.group(0)
        trade = any(w in line for w in words.trade)
        i = 0
        while i < len(line):
            name = next(
                (
                    line[i : i + n]
                    for n in range(min(words.longest, len(line) - i), 0, -1)
                    if line[i : i + n] in words.terms
                ),
                None,
            )
            if name is None:
                i += 1
                continue
            end = i + len(name)
            term = words.terms[name]
            in_name = line[max(0, i - 2) : i] == "中国" or any(
                line.startswith(w, end) for w in words.names
            )
            if not in_name and (trade or not (term.weak or name in words.weak)):
                out.append(Commodity(text[s0 + i : s0 + end], s0 + i, s0 + end, term.name, term.hs))
            i = end
    return tuple(out)


class ChineseCommoditiesComponent:
    """Adds the commodities a Chinese text names, with their HS codes."""

    name = "commodities"
    version = "zh-1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("commodities",)

    def __call__(self, analysis: Analysis) -> None:
        analysis.result.commodities.extend(
            find_commodities(analysis.text, chinese(analysis).simple)
        )
