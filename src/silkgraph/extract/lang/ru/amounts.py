"""Russian money amounts, with their ISO currency and value in USD at the article's date.

"90 млрд юаней", "$12,5 млрд", "1,5 трлн рублей", "12,5 млрд долларов США", "300 млн $",
"5 млн евро", "134 миллиарда тенге". Digits group with spaces and take a decimal comma.
A number without a currency is never an amount.
"""

from __future__ import annotations

import re

from silkgraph.extract.lang.ru.words import RussianNumbers, numbers
from silkgraph.knowledge.rates import to_usd
from silkgraph.model import Amount

_NUM = r"\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_WORD = r"[А-Яа-яЁё]+\.?"
PATTERN = re.compile(
    rf"(?P<sym>[$€£¥₸₽₼₮])\s?(?P<num>{_NUM})(?:\s+(?P<scale>{_WORD}))?"
    rf"|(?<![\w.,])(?P<snum>{_NUM})(?:\s+(?P<sscale>{_WORD}))?"
    rf"(?:\s*(?P<ssym>[$€£¥₸₽₼₮])|\s+(?P<adj>[а-яё]+(?:ого|ых|их|ий|ие|ая)\s+)?(?P<name>{_WORD}))"
)
_USA = re.compile(r"\s+США\b")
_APPROX = re.compile(r"(?:около|более|свыше|порядка|почти|примерно|почти|до|менее)\s+$", re.I)


def _number(text: str) -> float:
    return float(re.sub(r"[\u00a0\u202f ]", "", text).replace(",", "."))


def _suffix_currency(m: re.Match[str], words: RussianNumbers) -> str:
    if m.group("ssym"):
        return words.symbols[m.group("ssym")]
    name = m.group("name")
    currency = words.currency(name) or ""
    adj = (m.group("adj") or "").strip().lower()
    for pair, code in words.adjectives.items():
        stem, noun = pair.split()
        if adj.startswith(stem) and name.lower().startswith(noun):
            return code
    return currency


def find_amounts(text: str, published: str | None) -> list[Amount]:
    """Every money amount of ``text`` in order, with its USD value where a rate is known."""
    words = numbers()
    out: list[Amount] = []
    for m in PATTERN.finditer(text):
        scale = 1.0
        if m.group("sym"):
            currency = words.symbols[m.group("sym")]
            num, end = m.group("num"), m.end("num")
            found = words.scale(m.group("scale")) if m.group("scale") else None
            if found is not None:
                scale, end = found, m.end("scale")
        else:
            num, sscale = m.group("snum"), m.group("sscale")
            found = words.scale(sscale) if sscale else None
            if sscale and found is None:
                # No scale word: the word after the number is the currency ("500 рублей").
                currency, end = words.currency(sscale) or "", m.end("sscale")
            else:
                scale, end = found or 1.0, m.end()
                currency = _suffix_currency(m, words)
        if not currency:
            continue
        usa = _USA.match(text, end)
        if usa and currency == "USD":
            end = usa.end()
        start = m.start()
        value = _number(num) * scale
        amount = Amount(
            text[start:end].rstrip("."),
            start,
            start + len(text[start:end].rstrip(".")),
            value,
            currency,
            approx=bool(_APPROX.search(text[max(0, start - 12) : start])),
        )
        conv = to_usd(value, currency, published)
        if conv is not None:
            amount.usd, amount.rate = conv.usd, conv.rate
            amount.rate_date, amount.rate_source = conv.rate_date, conv.rate_source
        out.append(amount)
    return out
