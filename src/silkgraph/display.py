"""Words for people: dates at their own precision and an event's headline from its facts.

Lists, graph labels and the timeline all call these, so an event reads the same
everywhere. Nothing here guesses: a date without a year says so, an inferred year says
where it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
ORDINALS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
_FULL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_YEARLESS = re.compile(r"^--(\d{2})(?:-(\d{2}))?$")
_PART = re.compile(r"^(\d{4})-([QHW])(\d{1,2})$")


@dataclass(slots=True, frozen=True)
class EventDate:
    """An event's date as stated, and the year it falls in where one is known.

    ``value`` is the stored value ("2025-06-26", "2025-06", "--06-26", "2025-Q3");
    ``year`` the year it is filed under; ``year_source`` says how that year was got:
    ``stated``, ``other report`` (another source of the event gave it), ``publication``
    (the article's publication year) or None (the year is unknown).
    """

    value: str | None
    end: str | None = None
    year: str | None = None
    year_source: str | None = None

    @property
    def sort_key(self) -> str:
        """Where the date sorts: by year and month, year-less and undated last."""
        if not self.value:
            return "9999-99"
        if self.value.startswith("--"):
            return (self.year or "9999") + self.value[1:]
        if m := _PART.match(self.value):
            y, part, n = m.group(1), m.group(2), int(m.group(3))
            month = {"Q": (n - 1) * 3 + 1, "H": (n - 1) * 6 + 1}.get(part, (n - 1) * 12 // 53 + 1)
            return f"{y}-{month:02d}-00"  # a quarter sorts before the days it holds
        return self.value

    def filter_value(self) -> str | None:
        """The date a date filter compares: the stated one, or the day in its inferred year."""
        if not self.value or self.year is None:
            return None
        if self.value.startswith("--"):
            return self.year + self.value[1:]
        if _PART.match(self.value):
            return self.year
        return self.value

    def words(self, short: bool = False) -> str:
        """26 June 2025; June 2025; 26 June (year not stated); 26 June 2025 (year inferred)."""
        if not self.value:
            return "undated"
        text = date_words(self.value, short=short)
        if self.end and self.end != self.value:
            text = _range_words(self.value, self.end, short)
        if self.value.startswith("--"):
            if self.year is None:
                return text + " (year not stated)"
            return f"{text} {self.year} (year inferred from the {self.year_source})"
        if self.year_source == "other report":
            return text + " (year from another report)"
        return text


def date_words(value: str, short: bool = False) -> str:
    """One stored date value in words, at its own precision; an unknown form as it is."""

    def month(m: str) -> str:
        return MONTHS[int(m) - 1][:3] if short else MONTHS[int(m) - 1]

    if m := _FULL.match(value):
        y, mo, d = m.groups()
        if d:
            return f"{int(d)} {month(mo)} {y}"
        return f"{month(mo)} {y}" if mo else y
    if m := _YEARLESS.match(value):
        mo, d = m.groups()
        if not 1 <= int(mo) <= 12:
            return value
        return f"{int(d)} {month(mo)}" if d else month(mo)
    if m := _PART.match(value):
        y, part, n = m.groups()
        if part == "Q":
            return f"{ORDINALS.get(n, n)} quarter of {y}"
        if part == "H":
            return f"{ORDINALS.get(n, n)} half of {y}"
        return f"week {int(n)} of {y}"
    return value


def _range_words(start: str, end: str, short: bool) -> str:
    """18–19 August 2025; 30 June – 2 July 2025; June 2025 – March 2026."""
    if end.startswith("--") and _FULL.match(start):
        end = start[:4] + end[1:]  # "August 18-19" of a dated report: the same year
    days = len(start) == len(end) and start.count("-") == end.count("-") >= 2
    if days and start[:-3] == end[:-3]:
        return f"{int(start[-2:])}–{date_words(end, short)}"
    if days and start[:-6] == end[:-6]:
        head = date_words(start, short).rsplit(" ", 1)[0] if _FULL.match(start) else None
        if head:
            return f"{head} – {date_words(end, short)}"
    return f"{date_words(start, short)} – {date_words(end, short)}"


def event_date(
    value: str | None,
    end: str | None = None,
    inferred: bool = False,
    published: list[str | None] | None = None,
) -> EventDate:
    """The date of an event, with the year it is filed under and where that year came from.

    ``inferred``: resolution took the year from another report of the same event.
    ``published``: publication dates of the event's articles; a year-less date takes the
    earliest one's year (the article speaks of a day of its own year, or says so).
    """
    if not value:
        return EventDate(None)
    if value.startswith("--"):
        years = sorted(p[:4] for p in published or [] if p and p[:4].isdigit())
        if years:
            return EventDate(value, end, years[0], "publication date")
        return EventDate(value, end)
    year = value[:4] if value[:4].isdigit() else None
    return EventDate(value, end, year, "other report" if inferred else "stated")


def money_words(usd: float | None) -> str | None:
    """$629 M, $12.5 bn, $40,000: short enough for a headline."""
    if usd is None:
        return None
    for size, suffix in ((1e12, " tn"), (1e9, " bn"), (1e6, " M")):
        if abs(usd) >= size:
            return f"${usd / size:,.3g}{suffix}"
    return f"${usd:,.0f}"


def count_words(count: float | None, unit: str | None, etype: str) -> str | None:
    """17 agreements; 3 projects: the count with the thing counted."""
    if count is None:
        return None
    n = f"{count:,.0f}" if float(count).is_integer() else f"{count:,g}"
    thing = unit or COUNTED.get(etype, "items")
    if count == 1 and thing.endswith("s"):
        thing = thing[:-1]
    return f"{n} {thing}"


# What an event's count counts when the sentence does not name it.
COUNTED = {
    "AGREEMENT": "agreements",
    "INVESTMENT": "projects",
    "FORUM": "participants",
    "MEETING": "meetings",
}


def plural(unit: str) -> str:
    """document -> documents, company -> companies, activity -> activities."""
    if unit.endswith("y") and unit[-2:-1] not in "aeiou":
        return unit[:-1] + "ies"
    if unit.endswith(("s", "x", "ch", "sh")):
        return unit + "es"
    return unit + "s"


def headline(
    etype: str,
    parties: list[str],
    place: str | None,
    when: EventDate,
    usd: float | None = None,
    count: str | None = None,
    commodities: list[str] | None = None,
) -> str:
    """ "Kazakhstan-China: 17 agreements, $629 M, Urumqi, 26 Jun (year not stated)".

    Who (at most three), then what (the count with the thing counted, else the kind of
    event), the value and the goods, then where and when; each part only when known.
    """
    who = "-".join(parties[:3]) if parties else "Unnamed parties"
    what = [count or TYPE_WORDS.get(etype, etype.lower())]
    if usd is not None:
        what.append(money_words(usd) or "")
    if commodities:
        what.append(", ".join(commodities[:2]) + (" …" if len(commodities) > 2 else ""))
    tail = [x for x in (place, when.words(short=True) if when.value else None) if x]
    return f"{who}: " + ", ".join(what + tail)


TYPE_WORDS = {
    "FORUM": "forum",
    "MEETING": "meeting",
    "AGREEMENT": "agreement",
    "COOPERATION": "cooperation",
    "TRADE": "trade",
    "INVESTMENT": "investment",
    "TARGET": "target",
}


# How an entity type reads in lists and facets.
TYPE_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country / region / city",
    "LOC": "location",
    "FAC": "facility",
    "EVENT": "named event",
}
