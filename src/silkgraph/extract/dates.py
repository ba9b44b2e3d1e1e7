"""Date expressions resolved against the publication date, keeping their precision.

"August 18-19" → 2025-08-18..2025-08-19, "from 2007 to 2023" → 2007..2023, "January-
November 2024" → 2024-01..2024-11, "last year" → 2024, "on Monday" → the Monday before
publication, "the same day" → the previous resolved date. Without a publication
date a year is never invented: "August 18" stays "--08-18". Regexes read the common
news forms; spaCy DATE entities not covered by them are resolved when they can be.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import TYPE_CHECKING

from silkgraph.extract.numbers import UNITS
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.lexicon import MONTHS
from silkgraph.model import TimeExpr

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# "from Tuesday to Friday": a range of weekdays (``_weekday_range``).
_WEEKDAY_RANGE = re.compile(
    rf"(?:from\s+)?(?P<wr1>{_WDAY})\s*(?:-|–|to|through|till|until)\s*(?P<wr2>{_WDAY})",
    re.IGNORECASE,
)
# The words that lead a month named without a day: "in May", "since March", "late June".
# A year named from publication or from the year the text named last: "March 1 last year".
_REL_YEAR = r"(?:last|this|next|that|the\s+same)"
_LEAD = r"(?:in|since|by|until|from|during|through|early|mid|late|end of)"
# Every alternative starts at a word boundary: tested once, before the alternatives, it
# lets the scan skip the inside of words at once (a third of the time of the whole scan).
PATTERN = re.compile(
    r"\b(?:"
    rf"(?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)"
    # "21.03.2024", "21/03/2024": day first, as the region's outlets write it.
    r"|(?P<num>\b(?P<nd>[0-3]?\d)(?P<ns>[./])(?P<nm>[0-3]?\d)(?P=ns)(?P<ny>(?:19|20)\d\d)\b(?![./]\d))"
    rf"|(?P<md>\b(?:from\s+|through\s+|until\s+|till\s+)?(?P<m1>{_MON})\s+(?P<d1>{_DAY})\b"
    rf"(?:\s*(?:-|–|to|and|through|until)\s*(?:(?P<m2>{_MON})\s+)?(?P<d2>{_DAY})\b)?"
    rf"(?:,?\s+(?:(?P<y1>{_YEAR})\b|(?P<r1>{_REL_YEAR})\s+year\b))?)"
    rf"|(?P<dm>\b(?P<d3>{_DAY})(?:\s*(?:-|–|and|to|through)\s*(?P<d4>{_DAY}))?\s+(?P<m3>{_MON})(?:,?\s+(?:(?P<y2>{_YEAR})|(?P<r2>{_REL_YEAR})\s+year))?\b)"
    # "from January to September 2025", "January-March": one span of months.
    rf"|(?P<mr>\b(?:(?:from|between|in|during|for)\s+)?(?P<ma>{_MON})\s*(?:-|–|—|to|through|till|until|and)\s*(?P<mb>{_MON})(?:,?\s+(?P<ymr>{_YEAR}))?\b(?!\s*\d))"
    # "from 2007 to 2023", "2022-2027", "between 2007 and 2023": one span of years.
    rf"|(?P<yr>\b(?:(?:from|in|during|for|of|over)\s+)?(?P<ya>{_YEAR})\s*(?:-|–|—|to|through|till|until)\s*(?P<yb>{_YEAR})\b(?!-\d))"
    rf"|(?P<ybt>\bbetween\s+(?P<yc>{_YEAR})\s+and\s+(?P<yd>{_YEAR})\b)"
    rf"|(?P<my>\b(?:(?:early|mid|late|end of|beginning of)[\s-]+)?(?P<m4>{_MON})(?:\s+of)?,?\s+(?P<y3>{_YEAR})\b)"
    rf"|(?P<mrel>\b(?:{_LEAD}\s+)?(?P<m6>{_MON})(?:\s+of)?,?\s+(?P<rel6>last|this|next|that|the\s+same)\s+year\b)"
    rf"|(?P<q>\b(?P<qn>first|second|third|fourth|1st|2nd|3rd|4th|q[1-4])\s*(?:quarter)?(?:\s+of)?\s+(?P<y4>{_YEAR})\b)"
    rf"|(?P<half>\b(?P<hn>first|second)\s+half\s+of\s+(?P<y5>{_YEAR})\b)"
    rf"|(?P<hx>\b(?:H(?P<hx1>[12])|(?P<hx2>[12])H)\s*(?P<hy>{_YEAR})\b)"
    # "the first eleven months of 2023", "the first 10 months of this year": a span of
    # months from January.
    rf"|(?P<fm>\b(?:the\s+)?first\s+(?P<fmn>two|three|four|five|seven|eight|nine|ten|eleven|[2-9]|1[01])\s+months\s+of\s+(?:(?P<fmy>{_YEAR})\b|(?:the\s+)?(?P<fmr>this|last|current|previous|past)\s+year\b))"
    rf"|(?P<prel>\b(?P<pn>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<pk>quarter|half)\s+of\s+(?:the\s+)?(?P<prely>this|last|current|previous|past)\s+year\b)"
    rf"|(?P<year>(?:(?:\b(?:in|since|by|until|from|of|for|to|during|through|year|its|their|early|mid|late)|['’]s)\s+|\b(?:early|mid|late)-)(?P<y6>{_YEAR})\b(?!-\d|\s*(?:%|percent)))"
    r"|(?P<rel>\b(?:today|yesterday|tomorrow|(?:this|last|next|the previous|the past|the following)\s+(?:year|month|week)|the same day|that day|that year|the same year|the day before|the previous day|the following day|the next day|a day (?:earlier|later))\b)"
    r"|(?P<ago>\b(?P<agon>\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<agou>days?|weeks?|months?|years?|decades?)\s+ago\b)"
    rf"|(?P<wdr>\b{_WEEKDAY_RANGE.pattern}\b)"
    rf"|(?P<wd>\b(?:on\s+|last\s+|next\s+|this\s+)?(?P<wday>{_WDAY})\b)"
    rf"|(?P<mon>\b(?:(?:{_LEAD}|last|next|this)\s+|(?:early|mid|late)-)(?P<m5>{_MON})\b(?!\s+\d))"
    r")",
    re.IGNORECASE,
)
_BARE = re.compile(
    rf"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<y>{_YEAR})|(?P<m>{_MON}))", re.IGNORECASE
)
QUARTERS = {
    "first": 1,
    "1st": 1,
    "q1": 1,
    "second": 2,
    "2nd": 2,
    "q2": 2,
    "third": 3,
    "3rd": 3,
    "q3": 3,
    "fourth": 4,
    "4th": 4,
    "q4": 4,
}


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _year_for(ref: dt.date | None, month: int) -> int | None:
    """The year of a month named without one: news looks back, so a month more than two
    months after publication is taken to be last year's."""
    if ref is None:
        return None
    return ref.year - 1 if month > ref.month + 2 else ref.year


def year_of(value: str | None) -> int | None:
    """The year of a resolved date value ("2024", "2024-05", "2024-W20"), None if it has
    none ("--05-11")."""
    if value and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


def period_of(date: TimeExpr) -> str:
    """The period a figure counts, as ``Event.period`` holds it: "2024", "2024-H1", or
    a span "2024-01/2024-11" ("in January-November 2024")."""
    return f"{date.value}/{date.end_value}" if date.end_value else date.value


def _fmt(year: int | None, month: int, day: int | None = None) -> str:
    if day is None:
        return f"{year:04d}-{month:02d}" if year else f"--{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def resolve(text: str, ref: dt.date | None, previous: str | None = None) -> TimeExpr | None:
    """Resolve one date expression on its own (the whole text), or None if unreadable."""
    found = find_dates(text, ref, previous)
    if found:
        return found[0]
    bare = _BARE.fullmatch(text.strip())
    if bare is None:
        return None
    if bare.group("y"):
        return TimeExpr(text, 0, len(text), bare.group("y"), precision="year")
    month = MONTHS[bare.group("m").lower().rstrip(".")[:3]]
    return TimeExpr(
        text,
        0,
        len(text),
        _fmt(_year_for(ref, month), month),
        precision="month",
        inferred=ref is not None,
    )


def find_dates(text: str, ref: dt.date | None, previous: str | None = None) -> list[TimeExpr]:
    """Every date expression in ``text``, resolved against ``ref`` (None: year unknown)."""
    out: list[TimeExpr] = []
    weekday: TimeExpr | None = None
    for m in PATTERN.finditer(text):
        try:
            expr = _read(m, ref, previous)
        except (ValueError, KeyError, OverflowError):
            log.debug("unreadable date %r", m.group(0))
            continue
        if expr is None:
            continue
        if (
            weekday is not None
            and (m.group("md") or m.group("dm"))
            and _WEEKDAY_GAP.fullmatch(text, weekday.end, expr.start)
        ):
            # "Thursday, March 21": the weekday is part of the date it names.
            out.pop()
            expr.start, expr.text = weekday.start, text[weekday.start : expr.end]
        weekday = expr if m.group("wd") else None
        out.append(expr)
        previous = expr.value
    return out


_WEEKDAY_GAP = re.compile(r",?\s{1,3}")


def _read(m: re.Match[str], ref: dt.date | None, previous: str | None) -> TimeExpr | None:
    g = m.groupdict()
    ref_year = ref.year if ref else None
    s, e, txt = m.start(), m.end(), m.group(0)
    if g["iso"]:
        return TimeExpr(txt, s, e, txt)
    if g["num"]:
        day, month = int(g["nd"]), int(g["nm"])
        if month > 12 and day <= 12:
            day, month = month, day  # "03/21/2024": only a month-first reading is a date
        if not _valid(int(g["ny"]), month, day):
            return None
        return TimeExpr(txt, s, e, _fmt(int(g["ny"]), month, day))
    if g["md"] or g["dm"]:
        m1 = MONTHS[
            (g["m1"] or g["m3"]).lower().rstrip(".")[:4].rstrip("t")
            if False
            else (g["m1"] or g["m3"]).lower().rstrip(".")[:3]
        ]
        d1 = _day(g["d1"] or g["d3"])
        d2s = g["d2"] or g["d4"]
        explicit = g["y1"] or g["y2"]
        rel = g["r1"] or g["r2"]
        if explicit:
            year: int | None = int(explicit)
        elif rel:
            year = _relative_year(rel, ref, previous)
        else:
            year = _year_for(ref, m1)
        if not _valid(year, m1, d1):
            return None
        end_value = None
        if d2s:
            m2 = MONTHS[g["m2"].lower().rstrip(".")[:3]] if g["m2"] else m1
            if _valid(year, m2, _day(d2s)):
                end_value = _fmt(year, m2, _day(d2s))
        value = _fmt(year, m1, d1)
        if txt.lower().startswith(("through", "until", "till")) and end_value is None:
            start = ref.isoformat() if ref and ref.isoformat() <= value else value
            return TimeExpr(txt, s, e, start, value, "day", inferred=not explicit)
        return TimeExpr(txt, s, e, value, end_value, "day", inferred=not explicit and bool(year))
    if g["mr"]:
        s = m.start("ma")
        return _month_range(m.string[s:e], s, e, g["ma"], g["mb"], g["ymr"], ref)
    if g["yr"] or g["ybt"]:
        # The span's text starts at its first year ("in 2007-2023" is "2007-2023").
        s = m.start("ya") if g["yr"] else m.start("yc")
        first, last = int(g["ya"] or g["yc"]), int(g["yb"] or g["yd"])
        if not 0 < last - first <= 100:
            return None
        return TimeExpr(m.string[s:e], s, e, str(first), str(last), precision="year")
    if g["my"]:
        return TimeExpr(
            txt,
            s,
            e,
            _fmt(int(g["y3"]), MONTHS[g["m4"].lower().rstrip(".")[:3]]),
            precision="month",
        )
    if g["mrel"]:
        # "in September last year": the month of the year named relative to publication
        # (the month alone where the publication date is unknown); "in September that
        # year", of the year the text named last.
        month = MONTHS[g["m6"].lower().rstrip(".")[:3]]
        year = _relative_year(g["rel6"], ref, previous)
        textual = g["rel6"].lower().split()[-1] in ("that", "same")
        return TimeExpr(
            txt, s, e, _fmt(year, month), precision="month", inferred=textual or ref is not None
        )
    if g["q"]:
        return TimeExpr(txt, s, e, f"{g['y4']}-Q{QUARTERS[g['qn'].lower()]}", precision="quarter")
    if g["half"]:
        return TimeExpr(
            txt, s, e, f"{g['y5']}-H{1 if g['hn'].lower() == 'first' else 2}", precision="half"
        )
    if g["hx"]:
        return TimeExpr(txt, s, e, f"{g['hy']}-H{g['hx1'] or g['hx2']}", precision="half")
    if g["fm"]:
        months = int(UNITS.get(g["fmn"].lower()) or g["fmn"])
        if g["fmy"]:
            counted = int(g["fmy"])
        elif ref is None:
            return None
        else:
            counted = ref.year - (g["fmr"].lower() in ("last", "previous", "past"))
        return TimeExpr(
            txt,
            s,
            e,
            _fmt(counted, 1),
            _fmt(counted, months),
            precision="month",
            inferred=not g["fmy"],
        )
    if g["prel"]:
        # "the first half of this year", "the third quarter of last year".
        if ref is None:
            return None
        year = ref.year - (g["prely"].lower() in ("last", "previous", "past"))
        n = QUARTERS[g["pn"].lower()]
        if g["pk"].lower() == "half":
            return (
                None
                if n > 2
                else TimeExpr(txt, s, e, f"{year}-H{n}", precision="half", inferred=True)
            )
        return TimeExpr(txt, s, e, f"{year}-Q{n}", precision="quarter", inferred=True)
    if g["ago"]:
        if ref is None:
            return None
        number, unit = g["agon"].lower(), g["agou"].lower()
        count = int(UNITS.get(number) or number)
        if unit.startswith("decade"):
            count, unit = count * 10, "year"
        if unit.startswith("year"):
            # "six years ago": that year, as precise as the writer was
            return TimeExpr(txt, s, e, str(ref.year - count), precision="year", inferred=True)
        if unit.startswith("month"):
            months = ref.year * 12 + ref.month - 1 - count
            value = f"{months // 12}-{months % 12 + 1:02d}"
            return TimeExpr(txt, s, e, value, precision="month", inferred=True)
        days = count * (7 if unit.startswith("week") else 1)
        return TimeExpr(txt, s, e, (ref - dt.timedelta(days=days)).isoformat(), inferred=True)
    if g["year"]:
        y = g["y6"]
        return TimeExpr(txt[txt.lower().rfind(y) :], e - 4, e, y, precision="year")
    if g["mon"]:
        month = MONTHS[g["m5"].lower().rstrip(".")[:3]]
        lead = txt.split(None, 1)[0].lower()
        if lead in ("last", "next", "this") and g["m5"] == "may":
            return None  # "this may help": the verb, not the month
        year = _year_for(ref, month)
        if ref is not None and (lead in ("by", "until", "next")):
            # A deadline looks forward: "by June" is the next June; so is "next June",
            # save in June itself, when it is the June a year on.
            year = (
                ref.year
                if month > ref.month or (month == ref.month and lead != "next")
                else ref.year + 1
            )
        elif ref is not None and lead == "last":
            # "last July": the most recent July before this month.
            year = ref.year if month < ref.month else ref.year - 1
        elif ref is not None and lead == "this":
            year = ref.year
        return TimeExpr(
            txt,
            s,
            e,
            _fmt(year, month),
            precision="month",
            inferred=bool(ref_year),
        )
    if g["rel"]:
        return _relative(txt, s, e, ref, previous)
    if g["wdr"]:
        return _weekday_range(txt, s, e, g["wr1"].lower(), g["wr2"].lower(), ref)
    if g["wd"]:
        return _weekday(txt, s, e, g["wday"].lower(), ref)
    return None


def _month_range(
    txt: str, s: int, e: int, first: str, last: str, year_text: str | None, ref: dt.date | None
) -> TimeExpr:
    """A span of months: a year named is the last month's ("from January to September
    2025"), else the first month's year is read as a lone month's; a span across New Year
    ends the year after it starts ("November-February")."""
    m1 = MONTHS[first.lower().rstrip(".")[:3]]
    m2 = MONTHS[last.lower().rstrip(".")[:3]]
    if year_text:
        end_year: int | None = int(year_text)
        year: int | None = int(year_text) - (m1 > m2)
    else:
        year = _year_for(ref, m1)
        end_year = year + 1 if year is not None and m1 > m2 else year
    return TimeExpr(
        txt,
        s,
        e,
        _fmt(year, m1),
        _fmt(end_year, m2),
        precision="month",
        inferred=year_text is None and year is not None,
    )


def _relative_year(rel: str, ref: dt.date | None, previous: str | None) -> int | None:
    """The year of "last year", "this year", "next year" (from publication) or "that
    year", "the same year" (the year the text named last); None when unknown."""
    word = rel.lower().split()[-1]
    if word in ("that", "same"):
        return year_of(previous)
    if ref is None:
        return None
    return ref.year + {"last": -1, "this": 0, "next": 1}[word]


def _relative(
    txt: str, s: int, e: int, ref: dt.date | None, previous: str | None
) -> TimeExpr | None:
    low = txt.lower()
    if low in ("the same day", "that day"):
        return TimeExpr(txt, s, e, previous, inferred=True) if previous else None
    if low in (
        "the day before",
        "the previous day",
        "the following day",
        "the next day",
        "a day earlier",
        "a day later",
    ):
        # A day told from the day the text named last ("on May 14 ... the following
        # day", "A day earlier, ..."), else from the publication day.
        base = _ref(previous) or ref
        if base is None:
            return None
        step = -1 if low in ("the day before", "the previous day", "a day earlier") else 1
        return TimeExpr(txt, s, e, (base + dt.timedelta(days=step)).isoformat(), inferred=True)
    if low in ("the same year", "that year"):
        # The year the text named last ("in 2016 ... later that year").
        year = year_of(previous)
        return TimeExpr(txt, s, e, str(year), precision="year", inferred=True) if year else None
    if ref is None:
        return None
    if low in ("today", "yesterday", "tomorrow"):
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[low]
        return TimeExpr(txt, s, e, (ref + dt.timedelta(days=shift)).isoformat(), inferred=True)
    step = (
        -1
        if low.startswith(("last", "the previous", "the past"))
        else (1 if low.startswith(("next", "the following")) else 0)
    )
    if low.endswith("year"):
        return TimeExpr(txt, s, e, str(ref.year + step), precision="year", inferred=True)
    if low.endswith("month"):
        idx = ref.year * 12 + ref.month - 1 + step
        return TimeExpr(
            txt, s, e, f"{idx // 12:04d}-{idx % 12 + 1:02d}", precision="month", inferred=True
        )
    iso = (ref + dt.timedelta(weeks=step)).isocalendar()
    return TimeExpr(txt, s, e, f"{iso[0]}-W{iso[1]:02d}", precision="week", inferred=True)


def _weekday(txt: str, s: int, e: int, wday: str, ref: dt.date | None) -> TimeExpr | None:
    if ref is None:
        return None
    low = txt.lower()
    delta = (ref.weekday() - WEEKDAYS[wday]) % 7
    if low.startswith("next"):
        day = ref + dt.timedelta(days=(WEEKDAYS[wday] - ref.weekday()) % 7 or 7)
    else:
        # News reports what happened: a bare weekday is the most recent one, up to today.
        day = ref - dt.timedelta(days=delta if delta or not low.startswith("last") else 7)
    return TimeExpr(txt, s, e, day.isoformat(), inferred=True)


def _weekday_range(
    txt: str, s: int, e: int, first: str, last: str, ref: dt.date | None
) -> TimeExpr | None:
    """ "from Tuesday to Friday": the days from the most recent Tuesday, up to today, to
    the Friday after it (a visit under way on the publication day ends after it)."""
    if ref is None:
        return None
    start = ref - dt.timedelta(days=(ref.weekday() - WEEKDAYS[first]) % 7)
    end = start + dt.timedelta(days=(WEEKDAYS[last] - WEEKDAYS[first]) % 7)
    return TimeExpr(txt, s, e, start.isoformat(), end.isoformat(), "day", inferred=True)


# A weekday named in a text ("on Tuesday").
WEEKDAY = re.compile(rf"\b{_WDAY}\b", re.IGNORECASE)


def _coming(expr: TimeExpr, doc: Doc, ref: dt.date) -> None:
    """A range of weekdays its sentence tells as still to come ("will visit China from
    Thursday to Friday", written on a Wednesday) is the coming one, not last week's."""
    if expr.end_value is None or expr.end_value >= ref.isoformat():
        return
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    if span is None or not any(
        t.lower_ in ("will", "shall", "'ll") and t.dep_ == "aux" for t in span.sent
    ):
        return
    week = dt.timedelta(days=7)
    expr.value = (dt.date.fromisoformat(expr.value) + week).isoformat()
    expr.end_value = (dt.date.fromisoformat(expr.end_value) + week).isoformat()


_RELATIVE_YEAR = re.compile(
    r"\b(?:last|next|previous|following|that|the\s+same)\s+year\b|(?:прошл|следующ|будущ)\w*\s+год",
    re.IGNORECASE,
)


_THIS_YEAR = re.compile(r"\bthis\s+year\b|(?:этого|этом|текущего|текущем)\s+год", re.IGNORECASE)


def complete_years(found: list[TimeExpr], published: str | None) -> None:
    """Give a year to the dates read without one where the publication date is only a
    month or a year ("2016-10"): "On March 3" is 2016-03-03. A month more than two
    after the publication month is last year's (news looks back); a date in "last year"
    or "next year" keeps no year, for the year it counts from is not the text's."""
    if not published or len(published) >= 10 or not published[:4].isdigit():
        return
    year = int(published[:4])
    month = int(published[5:7]) if len(published) >= 7 else None
    for expr in found:
        if not expr.value.startswith("--") or _RELATIVE_YEAR.search(expr.text):
            continue
        m = int(expr.value[2:4])
        back = month is not None and m > month + 2 and not _THIS_YEAR.search(expr.text)
        y = year - 1 if back else year
        expr.value = f"{y:04d}{expr.value[1:]}"
        if expr.end_value and expr.end_value.startswith("--"):
            expr.end_value = f"{y:04d}{expr.end_value[1:]}"
        expr.inferred = True


def _ref(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


class DatesComponent:
    """Adds every date expression, resolved against the document's publication date."""

    name = "dates"
    version = "1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("dates",)

    def __call__(self, analysis: Analysis) -> None:
        ref = _ref(analysis.doc.published)
        found = find_dates(analysis.doc.text, ref)
        covered = [(d.start, d.end) for d in found]
        for ent in analysis.nlp.ents:
            if ent.label_ != "DATE" or any(
                s < ent.end_char and ent.start_char < e for s, e in covered
            ):
                continue
            expr = resolve(ent.text, ref)
            if expr is not None and expr.text == ent.text:
                expr.start, expr.end = ent.start_char, ent.end_char
                found.append(expr)
            elif re.fullmatch(_YEAR, ent.text):
                found.append(
                    TimeExpr(ent.text, ent.start_char, ent.end_char, ent.text, precision="year")
                )
        found.sort(key=lambda d: d.start)
        complete_years(found, analysis.doc.published)
        if ref is not None:
            for expr in found:
                if expr.end_value and _WEEKDAY_RANGE.fullmatch(expr.text):
                    _coming(expr, analysis.nlp, ref)
        analysis.result.dates.extend(found)
