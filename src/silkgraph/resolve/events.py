"""Event clustering across sources, year inference and source comparison.

Two reports are of one event when their types agree, their dates are compatible
(ranges included, a year-less date matching any year), and their place, participants,
counts or amounts agree. Two articles that name several of the same rare actors tell
one story, which makes their events likelier to match; articles published months
apart rarely report one undated event. Each cluster keeps every source's version
side by side.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import math
import re
from array import array
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any

import numpy as np

from silkgraph.extract.dates import year_of
from silkgraph.knowledge.embeddings import sentence_vectors
from silkgraph.language import by_script
from silkgraph.model import Document, Event, Extraction, TimeExpr, make_id
from silkgraph.resolve.entities import UnionFind
from silkgraph.resolve.judgements import Rules, judged_reports
from silkgraph.resolve.pairs import ACTIVE, PairModel, model_for
from silkgraph.store.base import CorpusEvent, Judgement

MATCH_THRESHOLD = 0.55
# Sentences embedded per call, and the dimensions kept of each (float16: 256 bytes a report).
EMBED_BATCH = 1024
SENTENCE_DIM = 128
NEAR_DAYS = 3
FAR_DAYS = 45


def sentence_key(evidence: str) -> int | None:
    """A sentence's words, hashed: equal for a wire story another outlet copied; None if short."""
    words = " ".join(re.findall(r"\w+", evidence.lower()))
    return hash(words) if len(words) > 40 else None


class Report:
    """One document's version of an event, with its entities resolved to corpus ids.

    ``refer`` maps the document's entity keys to corpus ids. The event may come without
    its evidence (``sentence`` then gives the sentence's key), so that a big corpus's
    reports stay small. ``story_key`` is what ``Stories`` knows the document by (its id
    unless given).
    """

    __slots__ = (
        "doc_id",
        "event",
        "participants",
        "location",
        "outlet",
        "published",
        "speaker",
        "subject",
        "exporter",
        "importer",
        "sentence",
        "story",
        "story_key",
        "actors",
        "era",
        "vector",
    )

    def __init__(
        self,
        doc_id: str,
        event: Event,
        refer: Callable[[str], str | None],
        doc: Document | None,
        sentence: int | None = None,
        story_key: Hashable | None = None,
        era: int | None = None,
    ) -> None:
        self.doc_id = doc_id
        self.story_key = doc_id if story_key is None else story_key
        self.event = event
        self.subject = refer(event.subject) if event.subject else None
        self.sentence = sentence if sentence is not None else sentence_key(event.evidence)
        self.participants = {refer(p) or _place_id(p) for p in event.participants}
        self.actors = frozenset(p for p in self.participants if not _is_country(p))
        self.speaker = (refer(event.speaker) or event.speaker) if event.speaker else None
        loc = event.location
        self.location = (refer(loc) or loc) if loc else None
        self.exporter = (
            (refer(event.exporter) or _place_id(event.exporter)) if event.exporter else None
        )
        self.importer = (
            (refer(event.importer) or _place_id(event.importer)) if event.importer else None
        )
        self.outlet = (doc.outlet if doc else None) or event.outlet
        self.published = doc.published if doc else None
        self.story: Stories | None = None
        self.era = era if era is not None else year_of(self.published)
        # The unit-length embedding of the event's sentence (``Folder.flush``), set
        # before the report is slimmed; None where it has none.
        self.vector: np.ndarray | None = None

    @property
    def year(self) -> int | None:
        """The event's own year, else the year its article is about (``era``)."""
        own = year_of(self.event.date)
        return own if own is not None else self.era

    @property
    def ref(self) -> tuple[str, str]:
        return (self.doc_id, self.event.key)


def article_year(published: str | None, dates: Iterable[TimeExpr]) -> int | None:
    """The year an article is about: its publication year, else the year its own dates
    name most often (the latest of equals); None when it names none.

    Why: an undated article about a visit cannot be told from another visit years apart by
    its events' dates when they give no year, but the article's other dates place it.
    """
    year = year_of(published)
    if year is not None:
        return year
    counts = Counter(y for t in dates if (y := year_of(t.value)) is not None)
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def _place_id(name: str) -> str:
    """A participant named only in words (a demonym's country) as the place's corpus id."""
    from silkgraph.knowledge.gazetteer import get_gazetteer

    place = get_gazetteer().lookup(name)
    return f"e:{place.code.lower()}" if place is not None else name


def _days_between(a: str | None, b: str | None) -> int | None:
    """Days between two ISO dates, or None where either is not a full date."""
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def _day_apart(a: str, b: str) -> bool:
    gap = _days_between(a, b)
    return gap is not None and gap <= 1


def doc_actors(ent_of: Mapping[tuple[str, str], str]) -> dict[str, set[str]]:
    """Each document's corpus entities, from a map of every document entity."""
    out: dict[str, set[str]] = defaultdict(set)
    for (doc_id, _key), ref in ent_of.items():
        out[doc_id].add(ref)
    return out


class Stories:
    """Which documents tell the same story, decided pair by pair.

    Why: outlets retelling one story name the same actors; a shared rare actor (one
    few documents name) counts for more than a head of state every article names.
    Two documents tell one story when they share three actors (not places), or two
    that no other document names. Only each actor's document count is kept; a
    document's actors are read from ``entities`` when asked (the last few thousand
    kept), never the pairs: a corpus retelling one story a thousand times would
    otherwise hold a million of them.

    ``terms`` gives each document's most frequent words with their counts
    (``Extraction.terms``); ``similarity`` is the cosine of two documents' TF-IDF
    vectors over them, with the document frequencies of this corpus.
    """

    __slots__ = ("entities", "df", "_cache", "terms", "term_df", "_vectors", "_scripts")

    CACHE = 4096

    def __init__(
        self,
        entities: Mapping[Any, Iterable[str]],
        terms: Mapping[Any, Mapping[Any, int]] | None = None,
    ) -> None:
        self.entities = entities
        self.df: dict[str, int] = defaultdict(int)
        self._cache: OrderedDict[Hashable, frozenset[str]] = OrderedDict()
        for doc in entities:
            for x in self._own(entities[doc]):
                self.df[x] += 1
        self.terms: Mapping[Any, Mapping[Any, int]] = terms or {}
        self.term_df: dict[Hashable, int] = defaultdict(int)
        for doc in self.terms:
            for w in self.terms[doc]:
                self.term_df[w] += 1
        self._vectors: OrderedDict[Hashable, dict[Hashable, float]] = OrderedDict()
        self._scripts: OrderedDict[Hashable, str] = OrderedDict()

    def _vector(self, doc: Hashable) -> dict[Hashable, float]:
        got = self._vectors.get(doc)
        if got is None:
            n = len(self.terms) + 1
            df = self.term_df
            raw = {
                # Smoothed as scikit-learn does: a word every document has still counts.
                w: (1.0 + math.log(c)) * (1.0 + math.log(n / (df.get(w, 0) + 1)))
                for w, c in self.terms[doc].items()
                if c > 0
            }
            norm = math.sqrt(sum(x * x for x in raw.values())) or 1.0
            got = {w: x / norm for w, x in raw.items()}
            self._vectors[doc] = got
            if len(self._vectors) > self.CACHE:
                self._vectors.popitem(last=False)
        return got

    def script(self, doc: Hashable) -> str:
        """The script its words are written in: "en" (Latin), "ru" (Cyrillic) or "zh"."""
        got = self._scripts.get(doc)
        if got is None:
            known = getattr(self.terms, "script", None)  # DocTerms keeps words as ids
            if callable(known):
                got = str(known(doc))
            else:
                got = by_script(" ".join(str(w) for w in self.terms[doc]))
            self._scripts[doc] = got
            if len(self._scripts) > self.CACHE:
                self._scripts.popitem(last=False)
        return got

    def similarity(self, a: Hashable, b: Hashable) -> float | None:
        """Cosine of the two documents' word vectors; None where either has no words.

        Documents written in different scripts (a Chinese and an English report) share
        no words whatever they tell: their similarity is unknown, not low.
        """
        if a not in self.terms or b not in self.terms:
            return None
        if self.script(a) != self.script(b):
            return None
        va, vb = self._vector(a), self._vector(b)
        if not va or not vb:
            return None
        if len(va) > len(vb):
            va, vb = vb, va
        return round(sum(x * vb.get(w, 0.0) for w, x in va.items()), 4)

    @staticmethod
    def _own(refs: Iterable[str]) -> frozenset[str]:
        return frozenset(x for x in refs if not _is_country(x) or _is_town(x))

    def actors(self, doc: Hashable) -> frozenset[str]:
        """The document's actors and towns (not countries)."""
        got = self._cache.get(doc)
        if got is None:
            got = self._own(self.entities[doc]) if doc in self.entities else frozenset()
            self._cache[doc] = got
            if len(self._cache) > self.CACHE:
                self._cache.popitem(last=False)
        return got

    def same(self, a: Hashable, b: Hashable) -> bool:
        common = [x for x in self.actors(a) & self.actors(b) if self.df[x] <= MAX_BLOCK]
        actors = [x for x in common if not _is_town(x)]
        # A town few articles name counts as a rare actor; a common one not at all.
        return len(actors) >= 3 or sum(self.df[x] <= 2 for x in common) >= 2


CLOSE_DAYS = 4


@functools.lru_cache(maxsize=1 << 14)
def _interval(value: str, end: bool) -> tuple[int | None, int, int] | None:
    """A date value as (year or None, first and last day as ordinals of a leap year's
    calendar when the year is unknown, else proleptic ordinals); None when unreadable.

    Reads ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www`` (ISO week) and the
    year-less ``--MM-DD`` and ``--MM``. ``end``: the value ends a range (its last day
    counts, not its first).
    """
    try:
        if value.startswith("--"):
            parts = value[2:].split("-")
            month = int(parts[0])
            if len(parts) > 1:
                day = date(2000, month, int(parts[1])).toordinal()
                return None, day, day
            last = calendar.monthrange(2000, month)[1]
            return None, date(2000, month, 1).toordinal(), date(2000, month, last).toordinal()
        year = int(value[:4])
        rest = value[5:]
        if not rest:
            return year, date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        if rest[:1] in ("Q", "H"):
            # A quarter or a half year: its first and last months.
            n, size = int(rest[1]), 3 if rest[0] == "Q" else 6
            if not 1 <= n <= 12 // size:
                return None
            first_m, last_m = (n - 1) * size + 1, n * size
            last = calendar.monthrange(year, last_m)[1]
            return year, date(year, first_m, 1).toordinal(), date(year, last_m, last).toordinal()
        if rest.startswith("W"):
            monday = date.fromisocalendar(year, int(rest[1:3]), 1)
            return year, monday.toordinal(), (monday + timedelta(days=6)).toordinal()
        if len(rest) == 2:
            month = int(rest)
            last = calendar.monthrange(year, month)[1]
            return year, date(year, month, 1).toordinal(), date(year, month, last).toordinal()
        day = date(year, int(rest[:2]), int(rest[3:5])).toordinal()
        return year, day, day
    except (ValueError, IndexError):
        return None


def _span(ev: Event) -> tuple[int | None, int, int] | None:
    return _span_of(ev.date, ev.end_date)


def _span_of(start: str | None, end: str | None) -> tuple[int | None, int, int] | None:
    if not start:
        return None
    first = _interval(start, False)
    if first is None:
        return None
    last = _interval(end, True) if end else None
    if last is not None and (last[0] is None) == (first[0] is None) and last[2] >= first[1]:
        return first[0], first[1], last[2]
    return first


def _same_span(a: str, b: str) -> bool:
    """Two spans of a figure's period are one: the same bounds, by month and day alone
    where either gives no year ("--01/--09" is "2025-01/2025-09")."""
    if a == b:
        return True
    if not (a.startswith("--") or b.startswith("--")):
        return False

    def month_day(bound: str) -> str:
        return bound[2:] if bound.startswith("--") else bound[5:]

    return [month_day(x) for x in a.split("/")] == [month_day(y) for y in b.split("/")]


def _bounds(period: str) -> tuple[str, str | None]:
    """A figure's period as its first and last values ("2024-01/2024-11"; "2024")."""
    first, _, last = period.partition("/")
    return first, last or None


def _yearless(span: tuple[int | None, int, int]) -> tuple[int, int]:
    """The span's days as days of a leap year (2000)."""
    if span[0] is None:
        return span[1], span[2]
    a, b = date.fromordinal(span[1]), date.fromordinal(span[2])
    if b.year != a.year:
        return date(2000, 1, 1).toordinal(), date(2000, 12, 31).toordinal()
    return date(2000, a.month, a.day).toordinal(), date(2000, b.month, b.day).toordinal()


def date_compatible(a: Event, b: Event) -> float:
    """How the two reports' dates relate: 1 when they overlap, 0.5 when either is
    missing or they are a day apart, 0.25 when a few days apart (the eve of a visit and
    its last day; a report's publication date for the event's), 0 when they differ.

    A year-less date is compared by month and day with the other. Two figures that both
    name the period they count (``Event.period``) are compared by their periods: the days
    they were released on say nothing of which year's trade they count.
    """
    if a.period and b.period:
        if "/" in a.period and "/" in b.period and not _same_span(a.period, b.period):
            return 0.0  # January to October's trade and January to November's
        sa, sb = _span_of(*_bounds(a.period)), _span_of(*_bounds(b.period))
    else:
        sa, sb = _span(a), _span(b)
    if sa is None or sb is None:
        return 0.5
    if sa[0] is None or sb[0] is None:
        (a0, a1), (b0, b1) = _yearless(sa), _yearless(sb)
    else:
        (a0, a1), (b0, b1) = sa[1:], sb[1:]
    if a0 <= b1 and b0 <= a1:
        return 1.0
    gap = b0 - a1 if a1 < b0 else a0 - b1
    # Only day-precise dates are close or apart by days; a year or month that does not
    # overlap is another period.
    days = (a1 - a0) < 7 and (b1 - b0) < 7
    if days and gap <= 1:
        return 0.5
    if days and gap <= CLOSE_DAYS:
        return 0.25
    return 0.0


_PLACE_ID = re.compile(r"e:(?:[a-z]{2}(?:-[a-z0-9]{1,3})?|\d+)")


_TOWN_ID = re.compile(r"e:\d+")
_COUNTRY_ID = re.compile(r"e:[a-z]{2}")
# Types whose country pair is part of what the event is: one country pair's trade, deal or
# visit is never another pair's. (A forum gathers many countries; each report names some.)
PAIRED_TYPES = frozenset(("TRADE", "TARGET", "AGREEMENT", "COOPERATION", "MEETING", "INVESTMENT"))


def _is_town(ref: str) -> bool:
    """Gazetteer towns have numeric ids; countries and regions have codes."""
    return bool(_TOWN_ID.fullmatch(ref))


@functools.lru_cache(maxsize=1 << 16)
def _is_country(ref: str) -> bool:
    """Places (countries, regions, gazetteer cities) are weak evidence; actors are strong."""
    return bool(_PLACE_ID.fullmatch(ref)) or not ref.startswith("e:")


def countries_of(r: Report) -> frozenset[str]:
    """The countries among a report's participants (gazetteer country ids)."""
    return frozenset(p for p in r.participants if _COUNTRY_ID.fullmatch(p))


def other_countries(a: Report, b: Report) -> bool:
    """Two reports of different country pairs: each names two countries or more and they
    share none ("Azerbaijan-China trade" and "Russia-Kyrgyzstan trade"); for a trade
    figure or target, each names exactly two and the pairs differ ("China-US trade" and
    "China-Russia trade")."""
    if a.event.type not in PAIRED_TYPES:
        return False
    ca, cb = countries_of(a), countries_of(b)
    if len(ca) < 2 or len(cb) < 2:
        return False
    if not ca & cb:
        return True
    return a.event.type in ("TRADE", "TARGET") and len(ca) == len(cb) == 2 and ca != cb


def score(a: Report, b: Report) -> tuple[float, dict[str, float]]:
    """Score two reports from named features; 0 when type or dates rule a match out.

    Two countries in common are weak evidence (the same pair trades and meets all year);
    a shared company, person or project, the same named forum, amount, count or goods
    are strong.
    """
    if a.event.type != b.event.type or a.doc_id == b.doc_id:
        return 0.0, {}
    if other_countries(a, b):
        return 0.0, {}
    if a.event.stage and b.event.stage and a.event.stage != b.event.stage:
        return 0.0, {}  # the second and the third stage of one project
    if a.event.edition and b.event.edition and a.event.edition != b.event.edition:
        return 0.0, {}  # the 7th and the 8th edition of one expo
    feats: dict[str, float] = {"date": date_compatible(a.event, b.event)}
    if feats["date"] == 0.0:
        return 0.0, feats
    shared = a.participants & b.participants
    specific = a.actors & b.actors
    countries = shared - specific
    feats["countries"] = float(len(countries))
    feats["specific"] = float(len(specific))
    feats["location"] = 1.0 if a.location and a.location == b.location else 0.0
    if a.event.subject and b.event.subject:
        feats["same_forum"] = 1.0 if a.subject == b.subject else 0.0
    if a.event.count and b.event.count:
        feats["count"] = 1.0 if a.event.count == b.event.count else -1.0
    if a.event.amount_usd and b.event.amount_usd:
        ratio = min(a.event.amount_usd, b.event.amount_usd) / max(
            a.event.amount_usd, b.event.amount_usd
        )
        feats["amount"] = 1.0 if ratio > 0.9 else 0.0
    if a.sentence is not None and a.sentence == b.sentence:
        feats["same_sentence"] = 1.0  # a wire story copied by another outlet
    if a.story is not None and a.story.same(a.story_key, b.story_key):
        feats["story"] = 1.0
    ya, yb = a.year, b.year
    if ya is not None and yb is not None and feats["date"] < 1.0:
        # Neither event's dates overlap the other's; the years they or their articles are
        # about still tell a visit from the same visit years later.
        feats["year"] = 1.0 if ya == yb else -1.0
    gap = _days_between(a.published, b.published)
    if gap is not None:
        feats["published"] = 1.0 if gap <= NEAR_DAYS else -1.0 if gap > FAR_DAYS else 0.0
    ca, cb = set(a.event.commodities), set(b.event.commodities)
    if ca and cb:
        feats["commodities"] = 1.0 if ca & cb else -1.5
    precise = bool(
        a.event.date
        and b.event.date
        and len(a.event.date) >= 7
        and len(b.event.date) >= 7
        and feats["date"] == 1.0
    )
    if precise:
        feats["precise"] = 1.0
    if a.event.period and a.event.period == b.event.period:
        feats["period"] = 1.0  # two figures for the same period
    s = 0.4 if precise else 0.25 if feats["date"] >= 0.5 else 0.15
    s += 0.2 if len(countries) >= 2 else 0.1 * len(countries)
    s += 0.3 + 0.15 * min(1, len(specific) - 1) if specific else 0.0
    s += 0.25 * feats["location"] + 0.5 * feats.get("same_forum", 0.0)
    s += 0.2 * feats.get("count", 0.0) + 0.3 * feats.get("amount", 0.0)
    s += 0.2 * feats.get("commodities", 0.0) + 0.6 * feats.get("same_sentence", 0.0)
    # Articles months apart rarely report one event that one of them leaves undated.
    far = feats.get("published", 0.0) < 0 and not precise and "period" not in feats
    own_a, own_b = a.actors, b.actors
    if a.event.type == "MEETING" and own_a - own_b and own_b - own_a and "story" not in feats:
        # Each report has someone at the table the other lacks: two different meetings.
        feats["other_actors"] = 1.0
    s += 0.2 * feats.get("story", 0.0) - 0.3 * feats.get("other_actors", 0.0)
    if feats.get("published", 0.0) > 0:
        s += 0.1
    if a.story is not None:
        sim = a.story.similarity(a.story_key, b.story_key)
        if sim is not None:
            feats["doc_sim"] = sim
    if a.vector is not None and b.vector is not None:
        # How alike the two sentences read: a retold event keeps its words ("held talks",
        # "the first phase"), another event of the same parties has others.
        # In float64 and rounded: the same figure on any machine's BLAS.
        dot = np.dot(a.vector.astype(np.float64), b.vector.astype(np.float64))
        feats["sentence_sim"] = round(float(dot), 6)
    return (0.0 if far else s), feats


MAX_BLOCK = 300
WINDOW = 30


def block_keys(r: Report) -> set[str]:
    """Keys a true match shares: an actor, the place, the named forum or the amount's size."""
    keys = {f"p:{p}" for p in r.participants}
    if r.location:
        keys.add(f"l:{r.location}")
    if r.subject:
        keys.add(f"s:{r.subject}")
    if r.event.amount_usd:
        keys.add(f"a:{round(math.log10(max(r.event.amount_usd, 1.0)), 1)}")
    if r.sentence is not None:
        keys.add(f"t:{r.sentence}")
    if r.event.date and len(r.event.date) == 10:
        keys.add(f"d:{r.event.date}")
    return {f"{r.event.type}|{k}" for k in keys}


def iter_candidate_pairs(reports: list[Report]) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of reports from different documents sharing a block key.

    A key shared by very many reports (a big country in every TRADE report) is compared
    only between neighbours in date order, so the step stays near-linear. Pairs are made
    report by report and each comes once, so memory holds the blocks, never every pair.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        for key in block_keys(r):
            blocks[key].append(i)
    # Each report's place in each of its blocks, with the block's window.
    places: list[list[tuple[list[int], int, int]]] = [[] for _ in reports]
    for members in blocks.values():
        if len(members) < 2:
            continue
        width = len(members)
        if width > MAX_BLOCK:
            members.sort(key=lambda i: _sort_date(reports[i].event.date))
            width = WINDOW
        for x, i in enumerate(members):
            places[i].append((members, x, width))
    for i, own in enumerate(places):
        doc = reports[i].doc_id
        near: set[int] = set()
        for members, x, width in own:
            near.update(members[max(0, x - width) : x + 1 + width])
        for j in sorted(near):
            if j > i and reports[j].doc_id != doc:
                yield i, j
        own.clear()


def _sort_date(value: str | None) -> str:
    if not value:
        return ""
    return value[2:] if value.startswith("--") else value[5:] + value[:4]


def _years_apart(a: set[int], b: set[int]) -> bool:
    """No year of one cluster's reports is within a year of the other's: two visits or
    editions years apart, told by articles whose events give no year of their own."""
    return bool(a and b) and min(abs(x - y) for x in a for y in b) >= YEARS_APART


YEARS_APART = 2


def _kind(r: Report) -> str | None:
    """What a report's event is, beyond its type: an agreement's documents ("lot" or
    "single"), a trade figure's measure ("two-way" or "one-way"), an investment's stage
    ("stage:second"), a gathering's edition ("edition:8")."""
    stage = f"stage:{r.event.stage}" if r.event.stage else None
    edition = f"edition:{r.event.edition}" if r.event.edition else None
    return r.event.document or r.event.measure or stage or edition


def _other_kinds(a: set[str], b: set[str]) -> bool:
    """Two clusters that tell of different things: a package of documents and a single
    document, or trade as a whole and one flow of it. (The flow's direction is not
    compared: "imports from X" and "X's exports" are one flow, and the exporter read from
    a sentence is too often wrong: out of fold 0.570 -> 0.566.)"""
    return len(a | b) > 1


def _far_apart(a: set[str], b: set[str]) -> bool:
    """Some article of one cluster appeared months before or after one of the other."""
    return any((_days_between(x, y) or 0) > FAR_DAYS for x in a for y in b)


When = tuple[str | None, str | None, str | None]


def _when(ev: Event) -> When:
    return (ev.date, ev.end_date, ev.period)


def _contradict(a: When, b: When) -> bool:
    ea = Event("", "", "", 0, 0, "", date=a[0], end_date=a[1], period=a[2])
    eb = Event("", "", "", 0, 0, "", date=b[0], end_date=b[1], period=b[2])
    return date_compatible(ea, eb) == 0.0


def resolve_events(
    extractions: list[Extraction],
    ent_of: dict[tuple[str, str], str],
    docs: dict[str, Document | None],
    judgements: list[Judgement] | None = None,
    entities: Mapping[str, Iterable[str]] | None = None,
) -> list[CorpusEvent]:
    """Cluster every document's events into corpus events, with year inference.

    ``ent_of`` maps the document entities that events point to onto corpus ids;
    ``entities`` gives each document's corpus entities (the whole ``ent_of`` when
    omitted), from which documents telling one story are found. Each event holds
    its sources' versions; for a big corpus, see ``resolve_store``, which streams them.
    """
    reports: list[Report] = []
    for ext in extractions:
        doc = docs.get(ext.doc_id)
        era = article_year(doc.published if doc else None, ext.dates)
        refer = functools.partial(_lookup, ent_of, ext.doc_id)
        reports.extend(Report(ext.doc_id, ev, refer, doc, era=era) for ev in ext.events)
    terms = {ext.doc_id: ext.terms for ext in extractions if ext.terms}
    stories = Stories(doc_actors(ent_of) if entities is None else entities, terms)
    groups = cluster(reports, stories, judgements)
    return [corpus_event([reports[i] for i in g], stories=stories) for g in groups]


def _lookup(ent_of: dict[tuple[str, str], str], doc_id: str, key: str) -> str | None:
    return ent_of.get((doc_id, key))


def _signature(r: Report) -> bytes | None:
    """A digest of everything the score reads from one report, for copies of one
    sentence; else None."""
    if r.sentence is None:
        return None
    ev = r.event
    sig = (
        ev.type,
        r.sentence,
        ev.date,
        ev.end_date,
        tuple(sorted(r.participants)),
        r.location,
        r.subject,
        bool(ev.subject),
        ev.amount_usd,
        ev.count,
        tuple(sorted(ev.commodities)),
        r.published,
    )
    return hashlib.blake2b(repr(sig).encode(), digest_size=16).digest()


class Folder:
    """Copies of one report in different documents as one unit, before any pair is scored.

    Why: syndicated wire stories repeat a sentence, with the same arguments, in many
    outlets; they agree on every feature, so they would be joined first anyway. Folding
    them keeps pairs and memory in step with distinct reports, as entity units do with
    distinct names. Reports are added one at a time, so only each unit's first report
    is kept (``reps``, found at ``first``); ``unit_of`` gives each report's unit and
    ``docs`` the documents of units with more than one report. Reports a person judged
    (``pinned``, as ``doc#key``) stay alone.
    """

    def __init__(self, pinned: set[str]) -> None:
        self.pinned = pinned
        self.reps: list[Report] = []
        self.first: list[int] = []
        self.unit_of = array("I")
        self.docs: dict[int, set[str]] = {}
        self._by_sig: dict[bytes, int] = {}
        # Kept reports whose sentences wait to be embedded, in batches (``flush``).
        self._pending: list[tuple[int, str]] = []

    def add(self, r: Report) -> bool:
        """Fold ``r`` in; True when it starts a unit of its own (and is kept)."""
        sig = None if f"{r.doc_id}#{r.event.key}" in self.pinned else _signature(r)
        u = self._by_sig.get(sig, -1) if sig is not None else -1
        if u >= 0 and r.doc_id not in self.docs.get(u, {self.reps[u].doc_id}):
            self.docs.setdefault(u, {self.reps[u].doc_id}).add(r.doc_id)
            self.unit_of.append(u)
            return False
        u = len(self.reps)
        self.first.append(len(self.unit_of))
        self.reps.append(r)
        self.unit_of.append(u)
        if sig is not None and sig not in self._by_sig:
            self._by_sig[sig] = u
        if r.event.evidence and r.vector is None and by_script(r.event.evidence) == "en":
            # The embeddings are English: a Russian or Chinese sentence compared with an
            # English one would read as unlike whatever it tells.
            self._pending.append((u, r.event.evidence))
            if len(self._pending) >= EMBED_BATCH:
                self.flush()
        return True

    def flush(self) -> None:
        """Embed the sentences of the kept reports that wait for it (``Report.vector``)."""
        if not self._pending:
            return
        vectors = sentence_vectors([text for _, text in self._pending], SENTENCE_DIM)
        if vectors is not None:
            for (u, _), v in zip(self._pending, vectors, strict=True):
                self.reps[u].vector = v
        self._pending.clear()


def fold(reports: Iterable[Report], pinned: set[str]) -> Folder:
    """Every report folded into its unit (see ``Folder``)."""
    folder = Folder(pinned)
    for r in reports:
        folder.add(r)
    return folder


def pinned_reports(judgements: Iterable[Judgement] | None) -> set[str]:
    """Reports (``doc#key``) a person judged to be, or not to be, one event with another."""
    return {x for pair in _negatives(judgements) for x in pair} | judged_reports(judgements)


def _negatives(judgements: Iterable[Judgement] | None) -> set[tuple[str, str]]:
    return {
        (j.left_id, j.right_id)
        for j in judgements or ()
        if j.kind == "event" and j.judgement == "negative"
    }


def cluster(
    reports: list[Report], stories: Stories, judgements: list[Judgement] | None = None
) -> list[list[int]]:
    """Group reports into events: each group's report indices, ascending."""
    return groups(link(fold(reports, pinned_reports(judgements)), stories, judgements))


def groups(roots: Iterable[int]) -> list[list[int]]:
    """Report indices by cluster root, clusters in the order of their first report."""
    out: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(roots):
        out[root].append(i)
    return list(out.values())


def link(
    folder: Folder,
    stories: Stories,
    judgements: list[Judgement] | None = None,
    on_merge: Callable[[Report, Report, float], None] | None = None,
) -> array[int]:
    """Join a folder's units into events; returns each report's cluster root (a unit).

    A person's judgements hold for whole clusters (``judgements.Rules``); ``on_merge``
    receives the two reports and the score of every scored link that joins two clusters.
    """
    negatives = _negatives(judgements)
    recorder = ACTIVE["recorder"]
    folder.flush()
    units, unit_docs = folder.reps, folder.docs
    for r in units:
        r.story = stories
    uf = UnionFind(len(units))
    # Links above the threshold, kept in flat arrays: a big corpus has millions.
    link_s, link_i, link_j, link_p = array("d"), array("I"), array("I"), array("b")
    for i, j in iter_candidate_pairs(units):
        a, b = units[i], units[j]
        if negatives:
            pair = tuple(sorted((f"{a.doc_id}#{a.event.key}", f"{b.doc_id}#{b.event.key}")))
            if pair in negatives:
                continue
        s, feats = score(a, b)
        if recorder is not None and len(feats) > 1:
            recorder(a, b, feats)
        model = model_for(a.doc_id)
        if model is not None and feats.get("date", 0.0) > 0.0:
            # The learned weights replace the hand-set ones (and the publication-gap veto).
            s = model.probability(feats, a.event.type)
            threshold = model.threshold
        else:
            threshold = MATCH_THRESHOLD
        if s >= threshold:
            link_s.append(s)
            link_i.append(i)
            link_j.append(j)
            # Dates that agree to the day, or figures of one period, hold against a
            # publication gap (a retrospective report, annual figures quoted months later).
            link_p.append(1 if feats.get("precise") or feats.get("period") else 0)
    # Strongest links first; never join two clusters whose dates contradict, nor,
    # through a link without matching dates, clusters reported months apart.
    # The per-cluster sets exist only for reports that were linked.
    dates: dict[int, set[When]] = {}
    published: dict[int, set[str]] = {}
    # The years the reports are of (their own, else their article's era).
    years: dict[int, set[int]] = {}
    # What each cluster's reports are (``_kind``): a lot of documents or a single one,
    # trade as a whole or one flow of it.
    kinds: dict[int, set[str]] = {}
    # The documents in each cluster: a document reports each event once (its extractor
    # already joined repeated mentions), so two of its events are two events.
    members_of: dict[int, set[str]] = {}

    def state(i: int) -> None:
        if i not in dates:
            r = units[i]
            dates[i] = {_when(r.event)}
            published[i] = {r.published} if r.published else set()
            years[i] = {r.year} if r.year is not None else set()
            kind = _kind(r)
            kinds[i] = {kind} if kind else set()
            members_of[i] = unit_docs.pop(i, set()) or {r.doc_id}

    def join(ri: int, rj: int) -> None:
        uf.union(ri, rj)
        root = uf.find(ri)
        rules.joined(ri, rj, root)
        dates[root] = dates.pop(ri) | dates.pop(rj)
        published[root] = published.pop(ri) | published.pop(rj)
        years[root] = years.pop(ri) | years.pop(rj)
        kinds[root] = kinds.pop(ri) | kinds.pop(rj)
        big, small = (ri, rj) if len(members_of[ri]) >= len(members_of[rj]) else (rj, ri)
        merged = members_of.pop(big)
        merged |= members_of.pop(small)  # the smaller into the larger, in place
        members_of[root] = merged

    rules = Rules(units, judgements)
    # Each linked cluster's units (for the average-linkage check of the pair model).
    reps: dict[int, list[int]] = {}
    for i, j in rules.must:  # a person's confirmations first, whatever the scores say
        ri, rj = uf.find(i), uf.find(j)
        if ri != rj and rules.allows(uf.find, ri, rj):
            state(ri)
            state(rj)
            join(ri, rj)
    order: Iterable[int] = np.lexsort((link_j, link_i, link_s))[::-1] if link_s else []
    for k in order:
        i, j, precise = link_i[k], link_j[k], link_p[k]
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        state(ri)
        state(rj)
        if any(_contradict(x, y) for x in dates[ri] for y in dates[rj]):
            continue
        model = model_for(units[i].doc_id)
        if members_of[ri] & members_of[rj] and (model is None or link_s[k] < model.same_document):
            # A document reports each event once, unless the link is strong: then its
            # extractor missed that two of its mentions were one event.
            continue
        if not precise and _far_apart(published[ri], published[rj]):
            continue
        if _years_apart(years[ri], years[rj]):
            continue
        if _other_kinds(kinds[ri], kinds[rj]):
            # A package of documents and one document signed with it are two agreements,
            # whichever reports tell of them (``Event.document``).
            continue
        if not rules.allows(uf.find, ri, rj):
            continue
        if model is not None and model.agreement > 0.0:
            xs, ys = reps.get(ri, [ri]), reps.get(rj, [rj])
            if _mean_probability(units, xs, ys, model) < model.agreement:
                continue
            # Only the first AGREEMENT_SAMPLE are ever read: keep no more.
            reps[ri] = (xs + ys)[:AGREEMENT_SAMPLE]
            reps.pop(rj, None)
        join(ri, rj)
        if ri in reps and (root := uf.find(ri)) != ri:
            reps[root] = reps.pop(ri)
        if on_merge is not None:
            on_merge(units[i], units[j], link_s[k])
    return array("I", (uf.find(u) for u in folder.unit_of))


AGREEMENT_SAMPLE = 12


def _mean_probability(units: list[Report], xs: list[int], ys: list[int], model: PairModel) -> float:
    """The mean match probability of two clusters' reports, pair by pair (the first
    ``AGREEMENT_SAMPLE`` of each); a pair whose type or dates rule a match out counts 0."""
    total, n = 0.0, 0
    for x in xs[:AGREEMENT_SAMPLE]:
        for y in ys[:AGREEMENT_SAMPLE]:
            a, b = units[x], units[y]
            _, feats = score(a, b)
            n += 1
            if feats.get("date", 0.0) > 0.0:
                total += model.probability(feats, a.event.type)
    return total / n if n else 0.0


def infer_year(members: list[Report]) -> str | None:
    """The full date a dated report gives for an event that others report without a year."""
    for r in members:
        if r.event.date and not r.event.date.startswith("--") and len(r.event.date) == 10:
            return r.event.date
    return None


COPY_SIMILARITY = 0.8


def independent_sources(members: list[Report], stories: Stories | None = None) -> int:
    """How many independent sources the reports come from.

    Why: a wire story republished by ten outlets is one source, not ten. Two reports are
    of one source when their outlet is the same, when they share a long sentence word for
    word, or when their articles' words are near-identical (cosine at least
    ``COPY_SIMILARITY``, see ``Stories.similarity``). Each report is compared with one
    report of each source found so far, so the cost follows reports times sources.
    """
    heads: list[Report] = []
    seen_docs: set[str] = set()
    for r in sorted(members, key=lambda r: r.ref):
        if r.doc_id in seen_docs:
            continue
        seen_docs.add(r.doc_id)
        if not any(_one_source(r, h, stories) for h in heads):
            heads.append(r)
    return len(heads)


def _one_source(a: Report, b: Report, stories: Stories | None) -> bool:
    if a.outlet and b.outlet and a.outlet.strip().casefold() == b.outlet.strip().casefold():
        return True
    if a.sentence is not None and a.sentence == b.sentence:
        return True
    if stories is None:
        return False
    sim = stories.similarity(a.story_key, b.story_key)
    return sim is not None and sim >= COPY_SIMILARITY


def corpus_event(
    members: list[Report], versions: bool = True, stories: Stories | None = None
) -> CorpusEvent:
    """One event from its reports; its sources' versions in ``data`` unless ``versions`` is
    False (they are then written row by row, see ``version``). ``data`` counts the
    reporting documents (``reports``) and the independent sources among them
    (``independent_sources``: copies of one story count once, see ``independent_sources``)."""
    members = sorted(members, key=lambda r: r.ref)
    first = members[0].event
    full = infer_year(members)
    date = full or first.date
    sources = [version(r) for r in members]
    data: dict[str, Any] = {"type": first.type}
    data["reports"] = len({r.doc_id for r in members})
    data["independent_sources"] = independent_sources(members, stories or members[0].story)
    if versions:
        data["versions"] = sources
    data["comparison"] = compare(sources)
    data["date_inferred"] = bool(
        full and any(r.event.date and r.event.date.startswith("--") for r in members)
    )
    eid = make_id("ev", first.type, *[f"{r.doc_id}#{r.event.key}" for r in members[:1]])
    end = next((r.event.end_date for r in members if r.event.end_date), None)
    loc = next((r.location for r in members if r.location), None)
    return CorpusEvent(eid, first.type, date, end, loc, data, [r.ref for r in members])


def version(r: Report, ev: Event | None = None) -> dict[str, Any]:
    """One source's version of an event; ``ev`` is the full event where the report's has
    no evidence."""
    ev = ev or r.event
    return {
        "doc_id": r.doc_id,
        "key": ev.key,
        "outlet": r.outlet,
        "date": ev.date,
        "end_date": ev.end_date,
        "location": r.location,
        "participants": sorted(r.participants),
        "amount_usd": ev.amount_usd,
        "count": ev.count,
        "count_unit": ev.count_unit,
        "commodities": list(ev.commodities),
        "modality": ev.modality,
        "speaker": r.speaker,
        "evidence": ev.evidence,
        "exporter": r.exporter,
        "importer": r.importer,
    }


def compare(versions: list[dict[str, Any]]) -> dict[str, Any]:
    """Where sources agree, where figures differ, and what only one source reports."""
    out: dict[str, Any] = {"agree": [], "differ": [], "only": []}
    if len(versions) < 2:
        return out
    for field_ in ("date", "location", "amount_usd", "count", "modality"):
        values = {v["doc_id"]: v[field_] for v in versions if v.get(field_) not in (None, "")}
        distinct = set(map(str, values.values()))
        if not values:
            continue
        if len(values) == 1:
            out["only"].append({"field": field_, "values": values})
        elif (
            len(distinct) == 1
            or field_ in ("amount_usd", "count")
            and _close([float(x) for x in values.values()])
        ):
            out["agree"].append({"field": field_, "value": next(iter(values.values()))})
        else:
            out["differ"].append({"field": field_, "values": values})
    return out


def _close(values: list[float]) -> bool:
    return max(values) <= 1.02 * min(values)
