"""The Chinese word lists of numbers, money, measures, dates and places, checked on load.

``knowledge/lang/zh/numbers.json`` and ``places.json``; a broken file stops with one line
that names the file and the table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from silkgraph.errors import ConfigError
from silkgraph.knowledge.schema import LANG_DIR

ZH_DIR = LANG_DIR / "zh"


@dataclass(frozen=True, slots=True)
class ChineseNumbers:
    """Numeral digits and scales, currencies, measure units, counts and relative dates."""

    digits: dict[str, int]
    scales: dict[str, float]
    currencies: dict[str, str]
    symbols: dict[str, str]
    units: dict[str, tuple[str, float]]
    percent: tuple[str, ...]
    classifiers: tuple[str, ...]
    count_nouns: dict[str, str]
    relative_days: dict[str, int]
    relative_months: dict[str, int]
    relative_years: dict[str, int]


@dataclass(frozen=True, slots=True)
class ChinesePlaceWords:
    """Country abbreviations (中 -> CN) and suffixes of administrative divisions."""

    abbreviations: dict[str, str]
    division_suffixes: tuple[str, ...]
    own_state: dict[str, tuple[str, ...]]


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise ConfigError(f"{path}: cannot read ({err})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected an object")
    return data


def _table(path: Path, data: dict[str, Any], name: str, kind: Any) -> Any:
    table = data.get(name)
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"{path}: {name!r} must be a non-empty object")
    bad = [k for k, v in table.items() if not k.strip() or not isinstance(v, kind)]
    if bad:
        raise ConfigError(f"{path}: {name!r} has a bad entry {bad[0]!r}")
    return table


def _list(path: Path, data: dict[str, Any], name: str) -> tuple[str, ...]:
    values = data.get(name)
    if not isinstance(values, list) or not values:
        raise ConfigError(f"{path}: {name!r} must be a non-empty list")
    if any(not isinstance(v, str) or not v.strip() for v in values):
        raise ConfigError(f"{path}: {name!r} has an empty or non-string entry")
    return tuple(values)


@cache
def numbers() -> ChineseNumbers:
    """The installed Chinese number, money, measure and date words."""
    path = ZH_DIR / "numbers.json"
    data = _read(path)
    units = _table(path, data, "units", list)
    bad = [k for k, v in units.items() if len(v) != 2 or not isinstance(v[1], int | float)]
    if bad:
        raise ConfigError(f"{path}: 'units' entry {bad[0]!r} must be [unit, factor]")
    return ChineseNumbers(
        digits=_table(path, data, "digits", int),
        scales={k: float(v) for k, v in _table(path, data, "scales", int | float).items()},
        currencies=_table(path, data, "currencies", str),
        symbols=_table(path, data, "symbols", str),
        units={k: (str(v[0]), float(v[1])) for k, v in units.items()},
        percent=_list(path, data, "percent"),
        classifiers=_list(path, data, "classifiers"),
        count_nouns=_table(path, data, "count_nouns", str),
        relative_days=_table(path, data, "relative_days", int),
        relative_months=_table(path, data, "relative_months", int),
        relative_years=_table(path, data, "relative_years", int),
    )


@cache
def place_words() -> ChinesePlaceWords:
    """The installed country abbreviations and division suffixes."""
    path = ZH_DIR / "places.json"
    data = _read(path)
    abbreviations = _table(path, data, "abbreviations", str)
    bad = [k for k, v in abbreviations.items() if len(k) != 1 or len(v) != 2 or not v.isupper()]
    if bad:
        raise ConfigError(
            f"{path}: 'abbreviations' entry {bad[0]!r} must map a character to a code"
        )
    own = _table(path, data, "own_state", list)
    if any(not v or not all(isinstance(t, str) and t for t in v) for v in own.values()):
        raise ConfigError(f"{path}: 'own_state' must map a word to a list of posts")
    return ChinesePlaceWords(
        abbreviations,
        _list(path, data, "division_suffixes"),
        {k: tuple(v) for k, v in own.items()},
    )


def parse_number(text: str) -> float | None:
    """The value of Arabic digits ("1,439.4") or a Chinese numeral ("三百二十", "两千五百万")."""
    plain = text.replace(",", "").replace("，", "")
    try:
        return float(plain)
    except ValueError:
        pass
    words = numbers()
    total = section = 0.0
    digit: float | None = None
    for char in plain:
        if char in words.digits:
            digit = float(words.digits[char]) if digit is None else digit * 10 + words.digits[char]
            continue
        scale = words.scales.get(char)
        if scale is None:
            return None
        if scale >= 1e8:
            total = (total + section + (digit or 0.0) or 1.0) * scale
            section = 0.0
        elif scale >= 1e4:
            section = (section + (digit or 0.0) or 1.0) * scale
        else:
            section += (1.0 if digit is None else digit) * scale
        digit = None
    return total + section + (digit or 0.0)
