"""Chinese money amounts, with their ISO currency and value in USD at the article's date.

"1439.4亿元", "900亿元人民币", "50亿美元", "人民币300万元", "两千万卢布", "$12.5亿".
The number is Arabic or a Chinese numeral, followed by scale characters (万, 亿) and a
currency word of ``knowledge/lang/zh/numbers.json``. A number without a currency is never
an amount. Patterns run over the simplified text; spans are the published text's.
"""

from __future__ import annotations

import re
from functools import cache

from silkgraph.extract.lang.zh.values import ARABIC, HAN_NUMERAL, SCALE, alternation, value
from silkgraph.extract.lang.zh.words import numbers
from silkgraph.knowledge.rates import to_usd
from silkgraph.model import Amount

_APPROX_BEFORE = re.compile(r"(?:约|近|超过|逾|超|大约|将近|接近|达到约)$")


@cache
def pattern() -> re.Pattern[str]:
    words = numbers()
    currencies = alternation(words.currencies)
    symbols = alternation(words.symbols)
    return re.compile(
        rf"(?P<sym>{symbols})\s?(?P<num>{ARABIC})(?P<scale>{SCALE})"
        rf"|(?<![\d.数几])(?P<snum>{ARABIC}|{HAN_NUMERAL})(?P<more>多|余)?(?P<sscale>{SCALE})"
        rf"(?P<more2>多|余)?(?P<cur>{currencies})"
    )


def find_amounts(text: str, simple: str, published: str | None) -> list[Amount]:
    """Every money amount of the text in order, with its USD value where a rate is known."""
    words = numbers()
    out: list[Amount] = []
    for m in pattern().finditer(simple):
        if m.group("sym"):
            currency = words.symbols[m.group("sym")]
            amount = value(m.group("num"), m.group("scale"))
        else:
            currency = words.currencies[m.group("cur")]
            number, scale = m.group("snum"), m.group("sscale")
            if not re.search(r"\d", number):
                # A Chinese numeral takes its scale characters with it ("两千万").
                number, scale = number + scale, ""
            amount = value(number, scale)
        if amount is None or amount <= 0:
            continue
        start, end = m.start(), m.end()
        found = Amount(
            text[start:end],
            start,
            end,
            amount,
            currency,
            approx=bool(m.group("more") or m.group("more2"))
            or bool(_APPROX_BEFORE.search(simple[max(0, start - 4) : start])),
        )
        conv = to_usd(amount, currency, published)
        if conv is not None:
            found.usd, found.rate = conv.usd, conv.rate
            found.rate_date, found.rate_source = conv.rate_date, conv.rate_source
        out.append(found)
    return out
