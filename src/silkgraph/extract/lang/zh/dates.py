"""Chinese date expressions, resolved against the publication date.

"2024年6月26日", "6月26日" (the publication's year), "6月26日至27日", "2024年6月" (a month),
"今年1月至5月" (a range of months), "2023年" (a year), and the relative words of
``knowledge/lang/zh/numbers.json`` (今年, 去年, 本月, 今天, 昨天, ...). A day without a year
takes the publication year (the year before when that month is later than the
publication's); the value keeps its precision, as the English dates do.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from silkgraph.extract.lang.zh.values import alternation
from silkgraph.extract.lang.zh.words import numbers, parse_number
from silkgraph.model import TimeExpr

_YEAR = r"(?:19|20)\d\d|[〇零一二三四五六七八九]{4}"
_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_DAY = r"3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九]"
_FUTURE = re.compile(r"(?:将|将于|拟于|计划于|定于|预计)\s*$")
_TO = r"\s*(?:至|到|—|–|-|~|－)\s*"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = numbers()
    rel_years = alternation(words.relative_years)
    rel = alternation([*words.relative_days, *words.relative_months, *words.relative_years])
    day = re.compile(
        rf"(?P<first>(?:(?P<year>{_YEAR})\s*年|(?P<rel>{rel_years}))?\s*(?<![\d])"
        rf"(?P<month>{_MONTH})\s*月(?:\s*(?P<day>{_DAY})\s*[日号])?)"
        rf"(?:{_TO}(?:(?P<month2>{_MONTH})\s*月)?(?:\s*(?P<day2>{_DAY})\s*[日号])?)?"
    )
    year = re.compile(rf"(?<![\d])(?P<year>{_YEAR})\s*年(?!代|度|\d|[一二三四五六七八九十]+月)")
    relative = re.compile(rel)
    # "16日在阿斯塔纳举行": a day of the publication's month, as news reports write it.
    # Not 日元 (yen), 日内 (within days), 日电 (a dateline's own day, given with its month).
    day_only = re.compile(r"(?<![\d月.])(?P<day>3[01]|[12]\d|0?[1-9])\s*日(?![元内电])")
    return day, year, relative, day_only


def reference(published: str | None) -> tuple[int, int, int] | None:
    """Year, month and day of the publication date; month and day 0 when it gives none."""
    if not published:
        return None
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", published)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)


def _fmt(year: int | None, month: int, day: int | None = None) -> str:
    head = f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
    return f"{head}-{day:02d}" if day else head


def _valid(year: int | None, month: int, day: int | None) -> bool:
    try:
        dt.date(year or 2024, month, day or 1)
    except ValueError:
        return False
    return True


def _int(text: str | None) -> int | None:
    if not text:
        return None
    found = parse_number(text)
    return int(found) if found is not None else None


def _year_for(ref: tuple[int, int, int] | None, month: int) -> int | None:
    if ref is None:
        return None
    year, ref_month, _ = ref
    return year - 1 if ref_month and month > ref_month + 1 else year


def find_dates(text: str, simple: str, published: str | None) -> list[TimeExpr]:
    """Every Chinese date expression in order, non-overlapping; never raises."""
    day_re, year_re, rel_re, day_only_re = _patterns()
    words = numbers()
    ref = reference(published)
    out: list[TimeExpr] = []
    taken: list[tuple[int, int]] = []

    def add(
        start: int, end: int, value: str, end_value: str | None, precision: str, inferred: bool
    ) -> None:
        out.append(TimeExpr(text[start:end], start, end, value, end_value, precision, inferred))
        taken.append((start, end))

    for m in day_re.finditer(simple):
        month, day = _int(m.group("month")), _int(m.group("day"))
        month2, day2 = _int(m.group("month2")), _int(m.group("day2"))
        if month is None or not 1 <= month <= 12:
            continue
        explicit = _int(m.group("year"))
        rel = m.group("rel")
        year = explicit
        if rel and ref:
            year = ref[0] + words.relative_years[rel]
        inferred = explicit is None and not rel
        if year is None:
            year = _year_for(ref, month)
            if (
                ref
                and year is not None
                and _FUTURE.search(simple, max(0, m.start() - 4), m.start())
            ):
                # "将于8月18日": a coming date, this year or the next.
                year = ref[0] if month >= (ref[1] or 1) else ref[0] + 1
        if not _valid(year, month, day) or (month2 and not 1 <= month2 <= 12):
            continue
        end = m.end()
        if month2 is None and day2 is None:
            end = m.end("first")  # a dash or 至 with no date after it is not part of it
        start = m.start("year") if m.group("year") else m.start("rel") if rel else m.start("month")
        if day:
            second = None
            if day2:
                m2 = month2 or month
                second = _fmt(year, m2, day2) if _valid(year, m2, day2) else None
            add(start, end, _fmt(year, month, day), second, "day", inferred)
        else:
            second = _fmt(year, month2) if month2 and not day2 else None
            add(start, end, _fmt(year, month), second, "month", inferred)
    if ref and ref[1]:
        for m in day_only_re.finditer(simple):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            day_value = _day_of(int(m.group("day")), ref)
            if day_value:
                add(m.start(), m.end(), day_value, None, "day", True)
    for m in year_re.finditer(simple):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        year = _int(m.group("year"))
        if year:
            add(m.start(), m.end(), f"{year:04d}", None, "year", False)
    if ref:
        for m in rel_re.finditer(simple):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            found = _relative(m.group(), ref)
            if found:
                add(m.start(), m.end(), found[0], None, found[1], True)
    out.sort(key=lambda d: d.start)
    return out


def _day_of(day: int, ref: tuple[int, int, int]) -> str | None:
    """A day of the month alone: the publication's month, or the one before when later."""
    year, month, ref_day = ref
    if ref_day and day > ref_day + 1:
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return _fmt(year, month, day) if _valid(year, month, day) else None


def _relative(word: str, ref: tuple[int, int, int]) -> tuple[str, str] | None:
    words = numbers()
    year, month, day = ref
    if word in words.relative_years:
        return f"{year + words.relative_years[word]:04d}", "year"
    if word in words.relative_months and month:
        total = year * 12 + month - 1 + words.relative_months[word]
        return f"{total // 12:04d}-{total % 12 + 1:02d}", "month"
    if word in words.relative_days and day:
        when = dt.date(year, month, day) + dt.timedelta(days=words.relative_days[word])
        return when.isoformat(), "day"
    return None
