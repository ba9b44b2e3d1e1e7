"""Russian events: one per type a sentence's trigger lemmas state, with its arguments.

The types are the schema's (knowledge/schema/events); their Russian trigger lemmas are
the lists of ``knowledge/lang/ru/events.json``, one named by each type. Arguments come
from the sentence: participants (countries, organisations and named facilities; persons
for a meeting; for a forum also the countries of its name and of a compound adjective,
"российско-китайский"), the place after "в"/"во", the nearest date and USD amount, the
period a trade figure counts, the number counting the agreements, and the modality
(target for TARGET; planned for a future verb or a word of plan or intent). A sentence
naming two forums gives one event each, its name as the subject. Reports of one event in
one article (headline, lead, body) merge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from silkgraph.extract.context import (
    add_article_countries,
    add_article_place,
    place_keys,
    teaser_lines,
)
from silkgraph.extract.lang.goods import goods_in
from silkgraph.extract.lang.reports import figure_period, merge_report
from silkgraph.extract.lang.ru.commodities import mentions
from silkgraph.extract.lang.ru.quantities import quantity_words
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.cyrillic import word_lemma
from silkgraph.knowledge.gazetteer import Place
from silkgraph.knowledge.places_ru import get_russian_places
from silkgraph.knowledge.schema import event_schemas, trigger_table, words
from silkgraph.model import Entity, Event, make_id

_PLACE_TYPES = ("GPE", "LOC", "FAC")
# What an agreement's count counts (the English units of the quantities' count nouns).
_AGREEMENT_UNITS = ("agreement", "document", "contract", "memorandum", "deal")


# A compound adjective of two or more countries ("российско-китайский"): every part but the
# last ends in -о.
_COMPOUND = re.compile(r"(?<![\w-])((?:[а-яё]{3,}о-)+[а-яё]{3,})(?![\w-])", re.I)
# A country adjective's suffix ("китай|ско", "российск|ий"); what is left, with a country
# name's ending put back, is the country's name.
_ADJ_SUFFIX = re.compile(r"(?:ийск|ьск|ск|цк)(?:о|ий|ого|ая|ое|ие|их|ому|ой|ую|им|ими|ых)?$")
_NAME_ENDINGS = ("", "ия", "я", "й", "истан", "стан")


@cache
def _adjective_country(part: str) -> Place | None:
    """The country a country adjective (or its compound form in -о) names, by its name
    rebuilt from the stem ("российско" -> Россия, "узбекско" -> Узбекистан); None else."""
    m = _ADJ_SUFFIX.search(part)
    if m is None or m.start() < 3:
        return None
    stem = part[: m.start()]
    places = get_russian_places()
    for end in _NAME_ENDINGS:
        place = places.lookup((stem + end).capitalize())
        if place is not None and place.kind == "country":
            return place
    return None


def adjective_countries(text: str) -> list[Place]:
    """The countries of the compound adjectives in ``text``, in order ("российско-китайского
    сотрудничества" -> Russia, China); a part that is no country's adjective leaves the whole
    compound out ("научно-технический" names no country)."""
    out: list[Place] = []
    for m in _COMPOUND.finditer(text):
        found: list[Place] = []
        for part in m.group(1).lower().split("-"):
            place = _adjective_country(part)
            if place is None:
                found = []
                break
            found.append(place)
        out += [p for p in found if p not in out]
    return out


def triggers() -> dict[str, str]:
    """Trigger lemma -> event type, the higher-priority type winning a shared lemma."""
    return trigger_table("ru")


@cache
def planned_words() -> frozenset[str]:
    return frozenset(words("ru", "events").set("planned"))


@cache
def cooperation_verbs() -> frozenset[str]:
    return frozenset(words("ru", "events").set("cooperation_verbs"))


@dataclass(slots=True)
class Sentence:
    """A sentence (or a line of a headline block natasha ran together) and its tokens."""

    start: int
    stop: int
    tokens: list[Any]


def _glued_end(run: list[Any], tok: Any, text: str) -> bool:
    """A sentence end with no space after it ("...заявил Миллер."На основании ..."): a full
    stop, "!" or "?" after a word longer than an initial, then a capital or an opening
    quote before one."""
    if len(run) < 2 or run[-1].text not in (".", "!", "?") or len(run[-2].text) < 2:
        return False
    if tok.start != run[-1].stop:
        return False
    rest = text[tok.start : tok.start + 2].lstrip('"«„“')
    return rest[:1].isupper()


def sentences(doc: Any) -> list[Sentence]:
    """natasha's sentences, cut again at line breaks (headlines and teasers end without a dot)
    and at sentence ends a page copy left without their space."""
    out = []
    for sent in doc.sents:
        run: list[Any] = []
        for tok in sent.tokens:
            if run and (
                "\n" in doc.text[run[-1].stop : tok.start] or _glued_end(run, tok, doc.text)
            ):
                out.append(Sentence(run[0].start, run[-1].stop, run))
                run = []
            run.append(tok)
        if run:
            out.append(Sentence(run[0].start, run[-1].stop, run))
    return out


def _sentence_types(sent: Sentence, names: list[tuple[int, int]]) -> list[tuple[str, Any]]:
    """The event types a sentence states, by priority, with their first trigger word.

    A word inside a name ("сотрудничество" in a forum's name) triggers nothing; cooperation
    counts only where nothing else happens and a verb pursues it.
    """
    table = triggers()
    found: dict[str, Any] = {}
    for tok in sent.tokens:
        if any(s <= tok.start < e for s, e in names):
            continue
        etype = table.get((tok.lemma or tok.text).lower())
        if etype == "MEETING" and _a_gatherings_session(sent, tok):
            etype = "FORUM"
        if etype == "INVESTMENT" and _a_ceremonys_opening(sent, tok):
            continue
        if etype and etype not in found:
            found[etype] = tok
    if "COOPERATION" in found and (
        len(found) > 1 or not any((t.lemma or "") in cooperation_verbs() for t in sent.tokens)
    ):
        del found["COOPERATION"]
    if "AGREEMENT" in found and len(found) > 1 and _agreed_to_do(sent, found["AGREEMENT"]):
        # "договорились увеличить поставки": what was agreed is the event, still to come.
        del found["AGREEMENT"]
    order = {s.type: s.priority for s in event_schemas().values()}
    return sorted(found.items(), key=lambda kv: order[kv[0]])[:3]


def _a_ceremonys_opening(sent: Sentence, tok: Any) -> bool:
    """ "церемония открытия": the opening of a gathering, not of a plant."""
    if (tok.lemma or "").lower() != "открытие":
        return False
    i = sent.tokens.index(tok)
    return i > 0 and (sent.tokens[i - 1].lemma or "").lower() == "церемония"


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_EDITION_NUMBER = re.compile(r"^(\d{1,3})-?(?:[йяеьм]|го|ый|ий|ой)?$")


def _ordinal(word: str) -> int | None:
    """The number an edition's ordinal names: "VIII", "8-й", "8-е", "восьмой"."""
    if re.fullmatch(r"[IVXL]{1,6}", word):
        total = 0
        for a, b in zip(word, word[1:] + " ", strict=True):
            v = _ROMAN[a]
            total += -v if b != " " and _ROMAN[b] > v else v
        return total if 0 < total < 100 else None
    if (m := _EDITION_NUMBER.match(word)) and "-" in word:
        return int(m.group(1))
    return quantity_words().ordinals.get(word_lemma(word))


def _edition(sent: Sentence, pos: int | None) -> int | None:
    """The edition of a gathering its report names in the three words before its name or
    trigger at ``pos`` ("II Международный форум", "8-е ЭКСПО", "восьмой форум")."""
    if pos is None:
        return None
    before = [t for t in sent.tokens if t.stop <= pos][-3:]
    for tok in reversed(before):
        if (n := _ordinal(tok.text)) is not None:
            return n
        if tok.pos not in ("ADJ", "PUNCT", "NUM"):
            return None  # "Первый вице-премьер провел встречу": another word's ordinal
    return None


def _agreed_to_do(sent: Sentence, tok: Any) -> bool:
    """A verb of agreeing whose complement is an infinitive ("договорились увеличить")."""
    if tok.pos != "VERB":
        return False
    return any(
        t.head_id == tok.id and t.rel == "xcomp" and (t.feats or {}).get("VerbForm") == "Inf"
        for t in sent.tokens
    )


def _a_gatherings_session(sent: Sentence, tok: Any) -> bool:
    """A session of a forum, not a meeting of its own: "пленарное заседание", "заседании
    форума (мероприятия)"."""
    if (tok.lemma or "").lower() != "заседание":
        return False
    i = sent.tokens.index(tok)
    before = [(t.lemma or "").lower() for t in sent.tokens[max(0, i - 2) : i]]
    after = [(t.lemma or "").lower() for t in sent.tokens[i + 1 : i + 3]]
    gatherings = set(words("ru", "events").set("forum")) | {"мероприятие"}
    return "пленарный" in before or bool(gatherings & set(after))


def _attribution(text: str, ent: Entity, start: int, end: int) -> bool:
    """Every mention of ``ent`` in the sentence credits a source ("— ТАСС", "/Агентство/")."""
    spans = [m for m in ent.mentions if start <= m.start < end]
    return bool(spans) and all(
        re.search(
            r"(?:[—–/]|сообщает|сообщил[аи]?|передает|пишет)\s*$",
            text[max(0, m.start - 12) : m.start],
        )
        for m in spans
    )


def _in(ent: Entity, start: int, end: int) -> list[int]:
    return [m.start for m in ent.mentions if start <= m.start < end]


class RussianEventsComponent:
    """Adds events with their arguments; needs entities, dates, amounts and quantities."""

    name = "events"
    version = "ru-1"
    requires: tuple[str, ...] = ("entities", "dates", "amounts", "quantities")
    provides: tuple[str, ...] = ("events",)

    def __call__(self, analysis: Analysis) -> None:
        dateline = self._dateline(analysis)
        names = [
            (m.start, m.end)
            for e in analysis.result.entities
            if e.type in ("EVENT", "ORG", "FAC")
            for m in e.mentions
        ]
        events: list[Event] = []
        lists = words("ru", "events")
        teasers = teaser_lines(
            analysis.text, lists.set("teaser_markers"), lists.set("reader_imperatives")
        )
        for sent in sentences(analysis.nlp):
            if any(a <= sent.start < b for a, b in teasers):
                continue  # a link to another story, or to more of this one
            types = _sentence_types(sent, names)
            for n, (etype, trig) in enumerate(types):
                subjects: list[str | None] = [None]
                if etype == "FORUM":
                    # One gathering per named forum or expo of the sentence ("форум «X» и
                    # выставка Y"), each with its name as its subject, as the other languages.
                    subjects = [
                        x.key
                        for x in analysis.result.entities
                        if x.type == "EVENT" and _in(x, sent.start, sent.stop)
                    ] or [None]
                for subject in subjects:
                    ev = self._event(analysis, etype, trig, sent, n, dateline, subject)
                    if etype in ("INVESTMENT", "TRADE") and any(t == "AGREEMENT" for t, _ in types):
                        ev.modality = "planned"  # what an agreement is about is still to happen
                    if not merge_report(events, ev, secondary=n > 0):
                        events.append(ev)
        add_article_countries(events, analysis.result.entities)
        add_article_place(events, analysis.result.entities, analysis.doc.published)
        analysis.result.events.extend(events)

    def _dateline(self, analysis: Analysis) -> tuple[str | None, str | None]:
        """Place and date of a dateline in the first line ("ПЕКИН, 2 сен — ...")."""
        head = analysis.text[:200]
        place = next(
            (
                e.key
                for e in analysis.result.entities
                if e.type in _PLACE_TYPES
                and any(m.text.isupper() and len(m.text) > 3 for m in e.mentions)
                and any(m.start < 200 for m in e.mentions)
            ),
            None,
        )
        date = next(
            (
                d.value
                for d in analysis.result.dates
                if d.start < len(head) and d.precision == "day"
            ),
            None,
        )
        return place, date or analysis.doc.published

    def _event(
        self,
        analysis: Analysis,
        etype: str,
        trig: Any,
        sent: Sentence,
        n: int,
        dateline: tuple[str | None, str | None],
        subject: str | None = None,
    ) -> Event:
        text = analysis.text
        s, e = sent.start, sent.stop
        ents = [(x, _in(x, s, e)) for x in analysis.result.entities]
        ents = [(x, pos) for x, pos in ents if pos]
        location = None
        for x, pos in ents:
            if x.type in _PLACE_TYPES and any(
                re.search(r"(?:^|\s)(?:в|во|на)\s+$", text[max(0, p - 4) : p]) for p in pos
            ):
                location = x.key
                break
        persons = [x.key for x, _ in ents if x.type == "PERSON"]
        # Countries, regions, organisations and the named projects (a pipeline, a plant)
        # take part, as in the English events; a city is a place (two capitals "signed":
        # metonymy for their countries, which the article usually names too).
        outlet = (analysis.doc.outlet or "").lower()
        parties = [
            x.key
            for x, _ in ents
            if x.type in ("GPE", "ORG", "FAC")
            and x.key != location
            and x.attrs.get("place_kind") != "city"
            and not (x.type == "ORG" and outlet and x.name.lower() in outlet)
            and not _attribution(text, x, s, e)
        ]
        if etype == "FORUM":
            # The countries of the forum's own name ("«Россия и Китай ...»") and of a
            # compound adjective ("российско-китайский форум") take part.
            names = [
                (m.start, m.end)
                for x, _ in ents
                if x.type == "EVENT" and (subject is None or x.key == subject)
                for m in x.mentions
                if s <= m.start < e
            ]
            by_code = {x.attrs.get("code"): x.key for x in analysis.result.entities}
            inner = [
                (code, name)
                for start, code, name in analysis.scratch.get("inner_places", [])
                if any(a <= start < b for a, b in names)
            ]
            inner += [(p.code, p.name) for p in adjective_countries(text[s:e])]
            parties += [by_code.get(code) or name for code, name in inner if name]
        participants = persons if etype == "MEETING" and persons else parties
        dates = [d for d in analysis.result.dates if s <= d.start < e]
        date = end_date = None
        if dates:
            best = min(dates, key=lambda d: (d.precision != "day", abs(d.start - trig.start)))
            date, end_date = best.value, best.end_value
        period = None
        if etype in ("TRADE", "TARGET"):
            period = figure_period(dates, trig.start)
        modality = self._modality(etype, sent)
        if date is None and modality == "realized" and etype in ("MEETING", "AGREEMENT", "FORUM"):
            date = dateline[1]
        if location is None and modality == "realized" and etype in ("MEETING", "AGREEMENT"):
            location = dateline[0]
        amount = None
        if etype not in ("MEETING", "FORUM"):
            amounts = [a for a in analysis.result.amounts if s <= a.start < e and a.usd]
            if amounts:
                amount = round(min(amounts, key=lambda a: abs(a.start - trig.start)).usd or 0, 2)
        count = None
        if etype == "AGREEMENT":
            # "подписали 12 соглашений": the count of the sentence nearest the trigger.
            qtys = [
                q
                for q in analysis.result.quantities
                if s <= q.start < e
                and q.unit not in ("%", "t", "region", "country", "person", "participant")
                and (etype != "AGREEMENT" or q.unit in _AGREEMENT_UNITS)
                and q.value >= 2
            ]
            if qtys:
                count = min(qtys, key=lambda q: abs(q.start - trig.start)).value
        if len([p for p in participants if p in self._countries(analysis)]) < 2 and any(
            (tok.lemma or "") in ("страна", "сторона") for tok in sent.tokens
        ):
            # "между странами", "стороны": the two countries named last before.
            participants += self._recent_countries(analysis, s)
        if not participants and etype != "FORUM":
            # "В ходе переговоров ...": the parties of the article so far.
            participants = (
                self._recent(analysis, s, {"PERSON"}) if etype == "MEETING" else []
            ) or self._recent_countries(analysis, s)
        return Event(
            key=make_id(
                "x", analysis.doc.id, etype, str(s), str(n), *([subject] if subject else [])
            ),
            type=etype,
            trigger=trig.text,
            start=s,
            end=e,
            evidence=text[s:e].strip(),
            date=date,
            end_date=end_date,
            location=location,
            participants=list(dict.fromkeys(participants)),
            amount_usd=amount,
            count=count,
            modality=modality,
            outlet=analysis.doc.outlet,
            period=period,
            subject=subject,
            # The goods its sentence names (each mention, not only the article's first).
            commodities=goods_in(mentions(text), s, e),
            edition=(
                _edition(sent, self._named_at(analysis, subject, s, e))
                or _edition(sent, trig.start)
                if etype in ("FORUM", "MEETING")
                else None
            ),
        )

    @staticmethod
    def _named_at(analysis: Analysis, key: str | None, s: int, e: int) -> int | None:
        """Where the sentence names its gathering (``subject``), if it does."""
        ent = analysis.result.entity(key) if key else None
        return next((m.start for m in ent.mentions if s <= m.start < e), None) if ent else None

    @staticmethod
    def _countries(analysis: Analysis) -> set[str]:
        return place_keys(analysis.result.entities, "country")

    @staticmethod
    def _recent(analysis: Analysis, before: int, types: set[str]) -> list[str]:
        seen = sorted(
            (m.start, e.key)
            for e in analysis.result.entities
            if e.type in types
            for m in e.mentions
            if m.start < before
        )
        return list(dict.fromkeys(k for _, k in reversed(seen)))[:2]

    def _recent_countries(self, analysis: Analysis, before: int) -> list[str]:
        countries = self._countries(analysis)
        seen = sorted(
            (m.start, e.key)
            for e in analysis.result.entities
            if e.key in countries
            for m in e.mentions
            if m.start < before
        )
        recent = list(dict.fromkeys(k for _, k in reversed(seen)))
        return recent[:2]

    @staticmethod
    def _modality(etype: str, sent: Sentence) -> str:
        if etype == "TARGET":
            return "target"
        plan = planned_words()
        for tok in sent.tokens:
            if (tok.lemma or "").lower() in plan:
                return "planned"
            if tok.pos in ("VERB", "AUX") and (tok.feats or {}).get("Tense") == "Fut":
                return "planned"
        return "realized"
