"""Chinese counts and measures: "70.8%" and "百分之五" (%), "380亿立方米" (3.8e10 m3),
"100万吨" (1e6 t), "17项协议" (17 agreement).

A measure's unit and factor, and a count's noun, come from ``knowledge/lang/zh/numbers.json``;
a count needs a classifier (项, 个, 家, ...) between the number and a listed noun, with up to
four characters of modifiers before the noun ("12份合作文件"). Numbers inside amounts and
dates are not quantities.
"""

from __future__ import annotations

import re
from functools import cache

from silkgraph.extract.lang.zh.values import ARABIC, HAN_NUMERAL, SCALE, alternation, value
from silkgraph.extract.lang.zh.words import numbers, parse_number
from silkgraph.model import Quantity

# "数十项" (dozens), "几百家": a vague number is not a count.
_NUM = rf"(?<![\d.数几])(?P<num>{ARABIC}|{HAN_NUMERAL})(?P<more>多|余)?(?P<scale>{SCALE})"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = numbers()
    measure = re.compile(
        rf"{_NUM}(?:(?P<pct>{alternation(words.percent)})|(?P<unit>{alternation(words.units)}))"
    )
    count = re.compile(
        rf"{_NUM}(?P<cls>{alternation(words.classifiers)})"
        rf"[\u4e00-\u9fff]{{0,4}}?(?P<noun>{alternation(words.count_nouns)})"
    )
    percent = re.compile(rf"百分之(?P<num>{ARABIC}|{HAN_NUMERAL})")
    return measure, count, percent


def _value(m: re.Match[str]) -> float | None:
    number, scale = m.group("num"), m.group("scale") or ""
    if not re.search(r"\d", number):
        number, scale = number + scale, ""
    return value(number, scale)


def find_quantities(text: str, simple: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Counts, measures and percentages of the text, outside the spans ``taken``."""
    words = numbers()
    measure, count, percent = _patterns()
    out: list[Quantity] = []
    taken = list(taken)

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for m in measure.finditer(simple):
        found = _value(m)
        if found is None or not free(m.start(), m.end()):
            continue
        if m.group("pct"):
            unit = "%"
        else:
            unit, factor = words.units[m.group("unit")]
            found *= factor
        out.append(Quantity(text[m.start() : m.end()], m.start(), m.end(), found, unit))
        taken.append((m.start(), m.end()))
    for m in percent.finditer(simple):
        pct = parse_number(m.group("num"))
        if pct is not None and free(m.start(), m.end()):
            out.append(Quantity(text[m.start() : m.end()], m.start(), m.end(), pct, "%"))
            taken.append((m.start(), m.end()))
    for m in count.finditer(simple):
        found = _value(m)
        end = m.end("noun")
        if found is None or not free(m.start(), end):
            continue
        unit = words.count_nouns[m.group("noun")]
        out.append(Quantity(text[m.start() : end], m.start(), end, found, unit))
        taken.append((m.start(), end))
    out.sort(key=lambda q: q.start)
    return out
