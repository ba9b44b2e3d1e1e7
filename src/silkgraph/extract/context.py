"""What an article as a whole supplies to the events of its sentences.

Reports of cross-border cooperation are about a pair of countries, named in the headline and
again and again; a sentence inside them ("the sides agreed to build ...", "trade grew by a
third") leaves the pair understood. An event whose own sentence names fewer than two
countries takes the article's two main ones: the two it names most often, the first named
first among equals. They are recorded apart (``Event.context_participants``) as well as
among the participants, so a reader can tell what the sentence said from what was inferred.

Language-neutral: it reads entity mentions (and, where a language has them, demonym
positions), never words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from silkgraph.model import Entity, Event, TimeExpr


def place_keys(entities: Sequence[Entity], kind: str) -> set[str]:
    """The keys of the gazetteer places of one kind ("country", "city") among the entities."""
    return {e.key for e in entities if e.attrs and e.attrs.get("place_kind") == kind}


def main_countries(
    entities: Sequence[Entity], n: int = 2, extra: Iterable[tuple[int, str]] = ()
) -> list[str]:
    """The keys of the n countries the article names most often; ``extra``: further
    (position, key) mentions such as demonyms."""
    countries = place_keys(entities, "country")
    seen: dict[str, list[int]] = {}
    for e in entities:
        if e.key in countries:
            seen.setdefault(e.key, []).extend(m.start for m in e.mentions)
    for pos, key in extra:
        # A demonym's country counts, also where the article never names it ("Uzbek
        # President ... and Chinese leader ...").
        seen.setdefault(key, []).append(pos)
    ranked = sorted(
        ((k, v) for k, v in seen.items() if v), key=lambda kv: (-len(kv[1]), min(kv[1]))
    )
    return [k for k, _ in ranked[:n]]


def add_article_countries(
    events: list[Event], entities: Sequence[Entity], extra: Iterable[tuple[int, str]] = ()
) -> None:
    """Give each event that names fewer than two countries the article's two main ones."""
    extra = list(extra)
    main = main_countries(entities, 2, extra)
    if not main:
        return
    countries = place_keys(entities, "country") | {k for _, k in extra}
    for ev in events:
        own = {k for k in ev.participants if k in countries}
        if len(own) >= 2:
            continue
        added = [k for k in main if k not in ev.participants]
        ev.participants = [*ev.participants, *added]
        ev.context_participants = added


GATHERINGS = ("MEETING", "AGREEMENT", "FORUM")


def main_city(entities: Sequence[Entity], country: str | None = None) -> str | None:
    """The city the article names most often (the first named among equals), or None;
    ``country``: only the cities of that country (its code)."""
    cities = place_keys(entities, "city")
    ranked = sorted(
        (-len(e.mentions), min(m.start for m in e.mentions), e.key)
        for e in entities
        if e.key in cities and e.mentions and (country is None or e.attrs.get("country") == country)
    )
    return ranked[0][2] if ranked else None


def add_article_place(
    events: list[Event], entities: Sequence[Entity], published: str | None = None
) -> None:
    """A gathering that took place (a meeting, a signing, a forum) with no place of its own
    was held where the article has just been: the city of the gathering told before it, else
    the city the article names most often. A gathering placed in a country ("a state visit
    to X") was held in the city of that country the article names most often, where it
    names one. Both marked ``location_from_context``.

    A gathering the article dates in another year than its own (an earlier summit it
    recalls) is no place the article has just been."""
    year = (published or "")[:4]
    by_key = {e.key: e for e in entities}
    for ev in events:
        place = by_key.get(ev.location or "")
        if (
            ev.type in GATHERINGS
            and place is not None
            and place.attrs.get("place_kind") == "country"
        ):
            inner = main_city(entities, place.attrs.get("code"))
            if inner is not None:
                ev.location = inner
                ev.location_from_context = True
    city = main_city(entities)
    if city is None:
        return
    cities = place_keys(entities, "city")
    last: str | None = None
    for ev in sorted(events, key=lambda e: e.start):
        if ev.type in GATHERINGS and not ev.location and ev.modality == "realized":
            # The city of the gathering told just before, else the article's own.
            ev.location = last or city
            ev.location_from_context = True
        elif ev.location in cities and ev.type in GATHERINGS and not ev.location_from_context:
            recalled = bool(
                year and ev.date and ev.date[:1].isdigit() and not ev.date.startswith(year)
            )
            if not recalled:
                last = ev.location


DATED_BY_ARTICLE = ("MEETING", "AGREEMENT", "FORUM", "INVESTMENT")


# What a page's time stamp holds beside its date: clock times, separators, am/pm.
_STAMP_REST = re.compile(r"[\s\d:/|.,\-–—]*(?:[ap]\.?m\.?)?[\s\d:/|.,\-–—]*", re.IGNORECASE)


def stamp_line(text: str, date: TimeExpr) -> bool:
    """The date stands on a line of its own with at most a clock time: a page's display
    clock or time stamp ("11/21/2024 11:45:43 pm", "20:21 / 16.11.2024"), not a day the
    article tells of."""
    start = text.rfind("\n", 0, date.start) + 1
    end = text.find("\n", date.end)
    rest = text[start : date.start] + text[date.end : len(text) if end < 0 else end]
    return _STAMP_REST.fullmatch(rest) is not None


def main_day(dates: Sequence[TimeExpr], text: str) -> str | None:
    """The day the article names most often (the first named among equals), or None.
    A page's time stamps are not counted (``stamp_line``)."""
    seen: dict[str, list[int]] = {}
    for d in dates:
        if stamp_line(text, d):
            continue
        if d.precision == "day" and not d.value.startswith("--"):
            seen.setdefault(d.value, []).append(d.start)
    if not seen:
        return None
    return min(seen.items(), key=lambda kv: (-len(kv[1]), min(kv[1])))[0]


def add_article_date(
    events: list[Event], dates: Sequence[TimeExpr], published: str | None, text: str
) -> None:
    """A gathering, signing or opening that took place with no date of its own took place on
    the day the article names most often, else on the day it was published: a report is
    about its day. Marked ``date_inferred``."""
    day = main_day(dates, text) or published
    if not day:
        return
    for ev in events:
        if ev.type in DATED_BY_ARTICLE and not ev.date and ev.modality == "realized":
            ev.date = day
            ev.date_inferred = True


def main_people(entities: Sequence[Entity], n: int = 2) -> list[str]:
    """The keys of the n people the article names most often, each named at least twice."""
    ranked = sorted(
        (-len(e.mentions), min(m.start for m in e.mentions), e.key)
        for e in entities
        if e.type == "PERSON" and len(e.mentions) >= 2
    )
    return [k for _, _, k in ranked[:n]]


def add_article_people(events: list[Event], entities: Sequence[Entity]) -> None:
    """A meeting whose sentence names fewer than two people ("the Russian leader held
    talks", "their meeting") was one of the people the article is about: the two it names
    most often join it. Recorded in ``context_participants`` too."""
    main = main_people(entities)
    if not main:
        return
    people = {e.key for e in entities if e.type == "PERSON"}
    for ev in events:
        if ev.type != "MEETING":
            continue
        own = [k for k in ev.participants if k in people]
        if len(own) >= 2:
            continue
        added = [k for k in main if k not in ev.participants][: 2 - len(own)]
        ev.participants = [*ev.participants, *added]
        ev.context_participants = [*ev.context_participants, *added]


def teaser_lines(
    text: str, markers: Iterable[str], imperatives: Iterable[str] = ()
) -> list[tuple[int, int]]:
    """The character spans of the lines that point the reader to another story: a line
    opening with a marker ("READ MORE: ...", "Related", "Читайте также: ...") followed by a
    colon, a dash or nothing, or one that bids the reader read ("Подробнее ... читайте в
    ...").

    Why: pages interleave links to other stories with the article; an event told there is
    another story's, or one the article already told.
    """
    marks = sorted({m.lower() for m in markers}, key=len, reverse=True)
    bids = {w.lower() for w in imperatives}
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        low = line.strip().lower()
        opens = any(
            low.startswith(m)
            and (low[len(m) :].lstrip()[:1] in ("", ":", "：", "—", "–", "-", "|", "丨"))
            for m in marks
        )
        if opens or (bids and bids & set(_words(low))):
            out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def _words(line: str) -> list[str]:
    return "".join(c if c.isalnum() else " " for c in line).split()
