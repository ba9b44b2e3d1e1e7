"""The Russian word lists of money and dates (``knowledge/lang/ru/numbers.json``), checked on load."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

from silkgraph.errors import ConfigError
from silkgraph.knowledge.schema import LANG_DIR

V = TypeVar("V")
_ENDINGS = ("", "ь", "я", "е", "й", "а", "у", "ом", "ов", "ей", "и", "ы", "ах", "ам", "ями")


@dataclass(frozen=True, slots=True)
class RussianNumbers:
    """Currency stems, currency adjectives, symbols, scale stems, month stems and the stems of
    adjectives naming a year relative to the publication."""

    currencies: dict[str, str]
    adjectives: dict[str, str]
    symbols: dict[str, str]
    scales: dict[str, float]
    months: dict[str, int]
    relative_years: dict[str, int]

    def currency(self, word: str) -> str | None:
        """The ISO code of a currency word in any case form ("юаней" -> "CNY")."""
        return _by_stem(self.currencies, word.lower().rstrip("."))

    def scale(self, word: str) -> float | None:
        """The factor of a scale word in any form ("млрд", "миллиардов" -> 1e9)."""
        return _by_stem(self.scales, word.lower().rstrip("."))

    def month(self, word: str) -> int | None:
        """The month number of a month name or abbreviation in any case ("августа" -> 8)."""
        word = word.lower().rstrip(".")
        for stem in sorted(self.months, key=len, reverse=True):
            if word.startswith(stem) and word[len(stem) :] in _ENDINGS[:7]:
                return self.months[stem]
        return None

    def relative_year(self, word: str) -> int | None:
        """The offset from the publication year of an adjective naming a year ("прошлого" -> -1)."""
        word = word.lower()
        for stem in sorted(self.relative_years, key=len, reverse=True):
            if word.startswith(stem) and len(word) - len(stem) <= 4:
                return self.relative_years[stem]
        return None


def _by_stem(table: dict[str, V], word: str) -> V | None:
    for stem in sorted(table, key=len, reverse=True):
        if word.startswith(stem) and word[len(stem) :] in _ENDINGS:
            return table[stem]
    return None


@cache
def numbers() -> RussianNumbers:
    """The installed Russian number words; a broken file stops with one line."""
    path = LANG_DIR / "ru" / "numbers.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(f"{path}: cannot read ({err})") from None
    for name, kind in (
        ("currencies", str),
        ("currency_adjectives", str),
        ("symbols", str),
        ("scales", float),
        ("months", int),
        ("relative_years", int),
    ):
        table = data.get(name)
        if not isinstance(table, dict) or not table:
            raise ConfigError(f"{path}: {name!r} must be a non-empty object")
        bad = [k for k, v in table.items() if not isinstance(v, kind) or k != k.lower()]
        if bad:
            raise ConfigError(f"{path}: {name!r} has a bad entry {bad[0]!r}")
    return RussianNumbers(
        data["currencies"],
        data["currency_adjectives"],
        data["symbols"],
        data["scales"],
        data["months"],
        data["relative_years"],
    )
