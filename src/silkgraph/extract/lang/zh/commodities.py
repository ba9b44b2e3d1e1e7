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

import json
import re
from dataclasses import dataclass
from functools import cache

from silkgraph.errors import ConfigError
from silkgraph.extract.lang.zh.parser import chinese
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.hs import Term, terms
from silkgraph.knowledge.schema import LANG_DIR
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
    path = LANG_DIR / "zh" / "commodities.json"
    lexicon = terms()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        table = {}
        for name, english in data["terms"].items():
            if english not in lexicon:
                raise ValueError(f"{english!r} is not a term of the HS lexicon")
            table[str(name)] = lexicon[english]
        weak = frozenset(map(str, data["weak"]))
        trade = tuple(map(str, data["trade"]))
        names = tuple(map(str, data["names"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError(f"cannot read the Chinese commodity names {path}: {e}") from None
    return CommodityWords(table, weak, trade, names, max(map(len, table), default=1))


def find_commodities(text: str, simple: str) -> list[Commodity]:
    """Every commodity ``simple`` (the simplified form of ``text``) names, once each."""
    words = commodity_words()
    out: list[Commodity] = []
    seen: set[str] = set()
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
                ident = term.hs or term.name
                if ident not in seen:
                    seen.add(ident)
                    out.append(
                        Commodity(text[s0 + i : s0 + end], s0 + i, s0 + end, term.name, term.hs)
                    )
            i = end
    return out


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
