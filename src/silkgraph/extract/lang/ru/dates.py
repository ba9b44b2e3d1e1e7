"""Russian date expressions, resolved against the publication date.

"18 августа 2025 года", "18 августа", "с 18 по 19 августа", "18-19 августа 2025 г.",
"2 сен" (a dateline), "в августе 2025 года" (a month), "в 2024 году" (a year), "в прошлом
году" (the year before the publication's). A day
without a year takes the publication year (the year before when that month is later
than the publication); the value keeps its precision, as the English dates do.
"""

from __future__ import annotations

import datetime as dt
import re

from silkgraph.extract.lang.ru.words import numbers
from silkgraph.model import TimeExpr

_WORD = r"[А-Яа-яЁё]+\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?:\s*(?:года|году|год|г\.))?"
DAY_PATTERN = re.compile(
    rf"(?:\b[сС]\s+)?(?<!\d)(?P<d1>[0-3]?\d)(?:\s*(?:-|–|—|по|до)\s*(?P<d2>[0-3]?\d))?"
    rf"\s+(?P<month>{_WORD})(?:\s+{_YEAR})?"
)
MONTH_PATTERN = re.compile(rf"\b[вВ]\s+(?P<month>{_WORD})\s+{_YEAR}")
YEAR_PATTERN = re.compile(r"\b(?:[вВ]\s+)?(?P<year>(?:19|20)\d\d)\s*(?:году|года|год|г\.)")
# "в прошлом году", "по итогам прошлого года", "текущего года": a year told by an adjective.
RELATIVE_YEAR = re.compile(r"\b(?:[вВ]о?\s+)?(?P<adj>[А-Яа-яЁё]{2,12})\s+(?:году|года|год)\b")


def _year_for(ref: dt.date | None, month: int) -> int | None:
    if ref is None:
        return None
    return ref.year - 1 if month > ref.month + 1 else ref.year


def _fmt(year: int | None, month: int, day: int | None = None) -> str:
    head = f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
    return f"{head}-{day:02d}" if day else head


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2024, month, day)
    except ValueError:
        return False
    return True


def find_dates(text: str, ref: dt.date | None) -> list[TimeExpr]:
    """Every Russian date expression of ``text`` in order, non-overlapping; never raises."""
    words = numbers()
    out: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []
    for m in DAY_PATTERN.finditer(text):
        month = words.month(m.group("month"))
        if month is None:
            continue
        d1 = int(m.group("d1"))
        d2 = int(m.group("d2")) if m.group("d2") else None
        explicit = m.group("year")
        year = int(explicit) if explicit else _year_for(ref, month)
        if not _valid(year, month, d1) or (d2 is not None and not _valid(year, month, d2)):
            continue
        end = m.end() if explicit else m.end("month")
        if not explicit and m.group("month").endswith(".") and len(m.group("month")) > 5:
            end -= 1  # a full month name ends the sentence: the dot is not an abbreviation's
        start = m.start()
        out.append(
            TimeExpr(
                text[start:end],
                start,
                end,
                _fmt(year, month, d1),
                _fmt(year, month, d2) if d2 else None,
                "day",
                inferred=not explicit,
            )
        )
        taken.append((start, end))
    for m in MONTH_PATTERN.finditer(text):
        month = words.month(m.group("month"))
        if month is None or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        out.append(
            TimeExpr(
                m.group(0), m.start(), m.end(), _fmt(int(m.group("year")), month), None, "month"
            )
        )
        taken.append((m.start(), m.end()))
    for m in YEAR_PATTERN.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        out.append(TimeExpr(m.group(0), m.start(), m.end(), m.group("year"), None, "year"))
    for m in RELATIVE_YEAR.finditer(text):
        offset = words.relative_year(m.group("adj"))
        if ref is None or offset is None or any(s < m.end() and m.start() < e for s, e in taken):
            continue
        start = m.start("adj")
        out.append(
            TimeExpr(
                text[start : m.end()],
                start,
                m.end(),
                f"{ref.year + offset:04d}",
                None,
                "year",
                True,
            )
        )
    out.sort(key=lambda d: d.start)
    return out
