"""Money amounts in news notations, with their ISO currency and value in USD.

"$629 million", "90 bln yuan", "USD 1.2bn", "₸2 trillion", "244.8 billion U.S. dollars",
"RMB 5 billion", "$10-15 million" (a range: ``value`` is the low end, ``high`` the top).
A number without a currency is never an amount. The USD value uses the rate of the
article's publication date (``knowledge.rates``), and says which rate it used.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from silkgraph.extract.numbers import DIGITS, NUMBER_WORD, SCALE_WORD, SCALES, parse_number
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.rates import get_rates, to_usd
from silkgraph.model import Amount

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

# Symbols and codes written before the number.
SYMBOLS = {
    "$": "USD",
    "US$": "USD",
    "U.S.$": "USD",
    "USD": "USD",
    "HK$": "HKD",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "S$": "SGD",
    "NT$": "TWD",
    "NZ$": "NZD",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "₸": "KZT",
    "₽": "RUB",
    "₹": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "₴": "UAH",
    "₼": "AZN",
    "₾": "GEL",
    "₮": "MNT",
    "RMB": "CNY",
    "Rs": "INR",
    # The British press writes roubles "Rbs3.27tn", "Rb500m".
    "Rbs": "RUB",
    "Rb": "RUB",
}
# Currency names written after the number; an optional country adjective picks the code.
NAMES = {
    "dollar": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "ruble": "RUB",
    "rouble": "RUB",
    "tenge": "KZT",
    "soum": "UZS",
    "sum": "UZS",
    "som": "KGS",
    "somoni": "TJS",
    "manat": "AZN",
    "tugrik": "MNT",
    "tögrög": "MNT",
    "togrog": "MNT",
    "lari": "GEL",
    "dram": "AMD",
    "euro": "EUR",
    "pound": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "won": "KRW",
    "rupee": "INR",
    "lira": "TRY",
    "hryvnia": "UAH",
    "franc": "CHF",
    "ringgit": "MYR",
    "rupiah": "IDR",
    "dirham": "AED",
    "riyal": "SAR",
    "real": "BRL",
}
ADJECTIVES = {
    ("hong kong", "dollar"): "HKD",
    ("canadian", "dollar"): "CAD",
    ("australian", "dollar"): "AUD",
    ("singapore", "dollar"): "SGD",
    ("new zealand", "dollar"): "NZD",
    ("taiwan", "dollar"): "TWD",
    ("belarusian", "ruble"): "BYN",
    ("belarusian", "rouble"): "BYN",
    ("turkmen", "manat"): "TMT",
    ("turkmenistan", "manat"): "TMT",
    ("swiss", "franc"): "CHF",
    ("kyrgyz", "som"): "KGS",
    ("uzbek", "som"): "UZS",
}
ISO_CODES = (
    "USD|EUR|CNY|RUB|KZT|UZS|KGS|TJS|AZN|TMT|MNT|GEL|AMD|BYN|GBP|JPY|KRW|INR|TRY|"
    "UAH|CHF|HKD|CAD|AUD|SGD|AED|SAR|BRL|IRR|PKR|AFN|MYR|IDR|THB|VND|CNH|RMB"
)

_ADJ = (
    r"(?:U\.\s?S\.|US|American|Hong Kong|Canadian|Australian|Singapore|New Zealand|"
    r"(?:New )?Taiwan|Belarusian|Russian|Chinese|Kazakh(?:stani)?|Uzbek|Kyrgyz|Tajik|"
    r"Turkmen(?:istan)?|Azerbaijani|Mongolian|Georgian|Armenian|Swiss|Japanese|"
    r"(?:South )?Korean|Indian|Turkish|Ukrainian|British)\s+"
)
_NAME = (
    r"(?:dollars?|yuan|renminbi|roubles?|rubles?|tenge|soums?|sums|soms?|somoni|manats?|"
    r"tugriks?|t[öo]gr[öo]gs?|lari|drams?|euros?|pounds?\s+sterling|sterling|yen|rupees?|"
    r"liras?|hryvnias?|francs?|ringgits?|rupiahs?|dirhams?|riyals?)"
)
_SYM = r"(?:U\.S\.\s?\$|US\$|HK\$|CA?\$|AU?\$|NZ\$|NT\$|S\$|\$|€|£|¥|₸|₽|₹|₩|₺|₴|₼|₾|₮|\bRbs?(?=\s?\d))"
_NUM = rf"(?:{DIGITS})"
_WNUM = rf"(?:(?:{NUMBER_WORD})(?:[\s-]+(?:{NUMBER_WORD}|hundred|thousand))*)"
_SCALE = rf"(?i:\s*{SCALE_WORD}\b|[mbk]\b)"


def _range(group: str) -> str:
    return rf"(?:\s?(?:-|–|—|to)\s?(?:{_SYM}\s?)?(?P<{group}>{_NUM}))"


PATTERN = re.compile(
    # prefix: "$629 million", "USD 1.2bn", "RMB 5 billion", "US$10-15 million"
    rf"(?:(?P<sym>{_SYM})|\b(?P<code>{ISO_CODES})\s?)\s?(?P<num>{_NUM})"
    rf"{_range('num2')}?(?P<scale>{_SCALE})?(?!\w)"
    rf"(?:\s+(?P<after>(?i:{_ADJ})?(?i:dollars|yuan))\b)?"
    # suffix: "90 bln yuan", "244.8 billion U.S. dollars", "5 billion CNY", "ten billion rubles"
    rf"|(?<![\w.,])(?P<snum>{_NUM}|(?i:{_WNUM}))"
    rf"{_range('snum2')}?(?P<sscale>(?i:{_SCALE}))?"
    rf"\s*(?:(?P<adj>(?i:{_ADJ}))?(?P<name>(?i:{_NAME}))|(?P<scode>{ISO_CODES}))\b(?!-)"
)
_RATE_NOTE = re.compile(r"\s*=")
_RATE_NOTE_BEFORE = re.compile(r"=\s*$")
APPROX = re.compile(
    r"(?i:\b(?:about|around|approximately|approx\.|roughly|nearly|almost|over|more than|"
    r"less than|up to|some|close to|just over|just under|under|at least|in excess of|"
    r"upwards of|an estimated|estimated|exceeding|exceeded|above|below))\s+$"
)


@dataclass(slots=True)
class Money:
    """A parsed money expression before conversion."""

    text: str
    start: int
    end: int
    value: float
    currency: str
    high: float | None = None
    approx: bool = False


def _scale(word: str | None) -> float:
    word = (word or "").strip().lower()
    return SCALES.get(word, 1.0) if word else 1.0


def _name_code(adj: str | None, name: str) -> str:
    noun = name.lower().split()[0].rstrip("s") if not name.lower().startswith("sums") else "sum"
    if noun in ("pound", "sterling"):
        return "GBP"
    if noun not in NAMES:
        noun = name.lower().split()[0]
    adj_key = re.sub(r"\s+", " ", (adj or "").strip().lower())
    return ADJECTIVES.get((adj_key, noun), NAMES.get(noun, ""))


# Currencies in which a thousand billion is beyond any bilateral deal or trade figure.
_STRONG = frozenset({"USD", "EUR", "GBP", "CHF"})


def _decimal_comma(num: str, scale: float) -> float | None:
    """ "$19,863 billion": three digits after a comma before "billion" are decimals when
    read as thousands they would make a thousand billion dollars or more, a sum no bilateral
    deal or trade reaches (texts translated from Russian write decimal commas)."""
    if scale >= 1e9 and re.fullmatch(r"\d{1,3},\d{3}", num):
        return float(num.replace(",", "."))
    return None


def find_money(text: str) -> list[Money]:
    """Every money expression in ``text``, in order, non-overlapping; never raises."""
    out: list[Money] = []
    for m in PATTERN.finditer(text):
        if _RATE_NOTE.match(text, m.end()) or _RATE_NOTE_BEFORE.search(text, 0, m.start()):
            continue  # "($1 = 7.33 yuan)" states an exchange rate, not an amount
        try:
            money = _read(m, text)
        except (ValueError, TypeError):  # a malformed number is skipped, not fatal
            log.debug("unreadable money %r", m.group(0))
            continue
        if money is not None:
            out.append(money)
    return out


def _read(m: re.Match[str], text: str) -> Money | None:
    if m.group("num"):
        sym, code = m.group("sym"), m.group("code")
        currency = SYMBOLS.get(sym.replace(" ", "")) if sym else SYMBOLS.get(code, code)
        after = (m.group("after") or "").lower()
        if sym == "$" and after and not after.startswith(("u", "a")) and "dollar" in after:
            currency = _name_code(after.rsplit(" ", 1)[0], "dollar")
        scale = _scale(m.group("scale"))
        num = m.group("num")
        high = parse_number(m.group("num2")) if m.group("num2") else None
    else:
        name = m.group("name")
        currency = _name_code(m.group("adj"), name) if name else m.group("scode")
        if currency == "RMB":
            currency = "CNY"
        scale = _scale(m.group("sscale"))
        num = m.group("snum")
        high = parse_number(m.group("snum2")) if m.group("snum2") else None
    value = parse_number(num)
    if currency in _STRONG:
        value = _decimal_comma(num, scale) or value
    if value is None or not currency:
        return None
    approx = bool(APPROX.search(text[max(0, m.start() - 20) : m.start()]))
    return Money(
        m.group(0),
        m.start(),
        m.end(),
        value * scale,
        currency,
        high * scale if high is not None else None,
        approx,
    )


class AmountsComponent:
    """Adds the document's money amounts, converted to USD at the publication date."""

    name = "amounts"
    version = "1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("amounts",)

    def prepare(self, nlp: Language) -> None:
        """The ECB rate file, read once per process."""
        get_rates().prepare()

    def __call__(self, analysis: Analysis) -> None:
        published = analysis.doc.published
        seen: set[tuple[float, str]] = set()
        for money in find_money(analysis.doc.text):
            # A figure repeated later in the article is the same fact: count it once.
            key = (round(money.value, 6), money.currency)
            if key in seen:
                continue
            seen.add(key)
            amount = Amount(
                money.text,
                money.start,
                money.end,
                money.value,
                money.currency,
                approx=money.approx,
                high=money.high,
            )
            conv = to_usd(money.value, money.currency, published)
            if conv is not None:
                amount.usd, amount.rate = conv.usd, conv.rate
                amount.rate_date, amount.rate_source = conv.rate_date, conv.rate_source
            analysis.result.amounts.append(amount)
