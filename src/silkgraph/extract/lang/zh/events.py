"""Chinese events: one per type a sentence's trigger words state, with its arguments.

The types are the schema's (knowledge/schema/events); their Chinese trigger words are the
lists of ``knowledge/lang/zh/events.json``, one named by each type, matched in the
simplified text outside names (a forum's head word inside its name counts: the name
states the forum). Each named event (an EVENT entity) a sentence mentions with a forum
word is its own FORUM event. Arguments come from the sentence: participants (countries,
regions and organisations; persons too for a meeting), the place after 在/于, the nearest
date and USD amount, the count of agreements, and the modality (target for TARGET;
planned for a word of plan or intent: 将, 计划, 拟, 有望, ...). Reports of one event in
one article merge.
"""

from __future__ import annotations

import re
from functools import cache

from silkgraph.extract.context import add_article_countries, place_keys, teaser_lines
from silkgraph.extract.lang.goods import goods_in
from silkgraph.extract.lang.reports import figure_period, merge_report
from silkgraph.extract.lang.zh.commodities import mentions
from silkgraph.extract.lang.zh.parser import ChineseDoc, Sentence, chinese
from silkgraph.extract.lang.zh.values import alternation
from silkgraph.extract.lang.zh.words import parse_number
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.schema import event_schemas, trigger_table, words
from silkgraph.model import Entity, Event, make_id

_AGREEMENT_UNITS = ("agreement", "document", "contract", "memorandum")
# An outlet or agency credited for the sentence ("俄罗斯卫星通讯社报导"): not a party.
_CREDIT = re.compile(r"\s*(?:报导|报道|消息|援引|获悉|讯|电)")
# How far into the text a dateline's date may start.
DATELINE_CHARS = 40
_VISIT = ("访问", "到访", "出访", "抵达", "前往")
_SIDES = ("双方", "两国", "三国", "两地", "两国间", "各方", "双边")


def triggers() -> dict[str, str]:
    """Trigger word -> event type, the higher-priority type winning a shared word."""
    return trigger_table("zh")


@cache
def _trigger_re() -> re.Pattern[str]:
    return re.compile(alternation(triggers()))


@cache
def _titles() -> tuple[str, ...]:
    return tuple(words("zh", "entities").set("titles"))


@cache
def _list(name: str) -> frozenset[str]:
    return frozenset(words("zh", "events").set(name))


def _credited(text: str, start: int, end: int) -> bool:
    """A source credited for what follows ("新华社讯", "据…消息"), not a party to it."""
    return bool(_CREDIT.match(text, end)) or text[max(0, start - 1) : start] in ("据", "據")


def _byline(text: str, start: int) -> bool:
    """A name right after 记者 ("（记者李明）"): who wrote the report, not who took part."""
    return text[max(0, start - 2) : start] in ("记者", "記者")


def _clause(sent: Sentence, start: int, stop: int) -> Sentence:
    return Sentence(start, stop, [t for t in sent.tokens if start <= t.start < stop])


def _in(ent: Entity, start: int, end: int) -> list[int]:
    return [m.start for m in ent.mentions if start <= m.start < end]


def sentence_types(
    doc: ChineseDoc, sent: Sentence, names: list[tuple[int, int, str]]
) -> list[tuple[str, int, str]]:
    """The event types a sentence states, by priority: (type, trigger start, trigger)."""
    found: dict[str, tuple[int, str]] = {}
    for m in _trigger_re().finditer(doc.simple, sent.start, sent.stop):
        etype = triggers()[m.group()]
        inside = [kind for s, e, kind in names if s <= m.start() < e]
        if inside and not (etype == "FORUM" and inside[0] == "EVENT"):
            continue
        if etype not in found:
            found[etype] = (m.start(), doc.text[m.start() : m.end()])
    tokens = {t.simple for t in sent.tokens}
    if "COOPERATION" in found and (len(found) > 1 or not tokens & _list("cooperation_verbs")):
        del found["COOPERATION"]
    if "TARGET" in found:
        # "力争…将贸易额提升至…": the goal is the event; the trade is what it counts.
        found.pop("TRADE", None)
        found.pop("INVESTMENT", None)
    order = {s.type: s.priority for s in event_schemas().values()}
    ranked = sorted(found.items(), key=lambda kv: order[kv[0]])[:3]
    return [(etype, pos, trig) for etype, (pos, trig) in ranked]


# "第八届中俄博览会", "第三次会晤": the edition of a series, just before its name or word
# (``_EDITION``), or opening the name (``_EDITION_OPENS``).
_NTH = r"第([\d零〇一二两三四五六七八九十百]+)[届次]"
_EDITION = re.compile(_NTH + r"[^，。,；;]{0,8}$")
_EDITION_OPENS = re.compile(_NTH)


def _edition(simple: str, start: int, pos: int) -> int | None:
    """The edition a gathering's report names before its name or trigger at ``pos``, or
    at the start of the name."""
    m = _EDITION.search(simple, max(start, pos - 14), pos) or _EDITION_OPENS.match(simple, pos)
    if m is None:
        return None
    value = parse_number(m.group(1))
    return int(value) if value is not None and 0 < value < 1000 else None


class ChineseEventsComponent:
    """Adds events with their arguments; needs entities, dates, amounts and quantities."""

    name = "events"
    version = "zh-1"
    requires: tuple[str, ...] = ("entities", "dates", "amounts", "quantities")
    provides: tuple[str, ...] = ("events",)

    def __call__(self, analysis: Analysis) -> None:
        doc = chinese(analysis)
        ents = analysis.result.entities
        names = [
            (m.start, m.end, e.type)
            for e in ents
            if e.type in ("EVENT", "ORG", "FAC")
            for m in e.mentions
        ]
        events: list[Event] = []
        teasers = teaser_lines(analysis.text, words("zh", "events").set("teaser_markers"))
        for sent in doc.sents:
            if any(a <= sent.start < b for a, b in teasers):
                continue  # a link to another story ("延伸阅读：...")
            types = sentence_types(doc, sent, names)
            for n, (etype, pos, trig) in enumerate(types):
                if etype == "AGREEMENT" and self._refers_back(sent, events):
                    continue
                for ev in self._events(analysis, etype, pos, trig, sent, n):
                    if etype in ("INVESTMENT", "TRADE") and any(
                        t == "AGREEMENT" for t, _, _ in types
                    ):
                        ev.modality = "planned"  # what an agreement is about is still to happen
                    if not self._fold(events, ev, secondary=n > 0):
                        events.append(ev)
        # A named forum's parties are those of its name and sentence: the article's two main
        # countries would make two forums of one article alike (an expo and a forum in it).
        unnamed = [ev for ev in events if not (ev.type == "FORUM" and ev.subject)]
        add_article_countries(unnamed, analysis.result.entities)
        analysis.result.events.extend(events)

    @staticmethod
    def _refers_back(sent: Sentence, events: list[Event]) -> bool:
        """An agreement named with no verb of signing ("根据备忘录"), after one was reported."""
        verbs = _list("signing_verbs")
        signed = any(any(v in t.simple for v in verbs) for t in sent.tokens)
        return not signed and any(ev.type == "AGREEMENT" for ev in events)

    @staticmethod
    def _fold(events: list[Event], ev: Event, secondary: bool) -> bool:
        if ev.type == "FORUM" and ev.subject:
            for old in events:
                if old.type == "FORUM" and old.subject == ev.subject:
                    old.participants = list(dict.fromkeys(old.participants + ev.participants))
                    old.date = old.date or ev.date
                    old.end_date = old.end_date or ev.end_date
                    old.location = old.location or ev.location
                    return True
            return False
        return merge_report(events, ev, secondary=secondary)

    def _events(
        self, analysis: Analysis, etype: str, pos: int, trig: str, sent: Sentence, n: int
    ) -> list[Event]:
        if etype != "FORUM":
            clauses = self._dated_clauses(analysis, etype, sent)
            if len(clauses) > 1:
                # "2023年…进出口总额…，今年1月至5月的进出口总额…": one report per period.
                return [
                    self._event(analysis, etype, p, trig, _clause(sent, cs, ce), n, None, k, sent)
                    for k, (cs, ce, p) in enumerate(clauses)
                ]
            return [self._event(analysis, etype, pos, trig, sent, n, None)]
        forums = [
            (e, p)
            for e in analysis.result.entities
            if e.type == "EVENT"
            for p in _in(e, sent.start, sent.stop)
        ]
        if not forums:
            return [self._event(analysis, etype, pos, trig, sent, n, None)]
        seen: dict[str, int] = {}
        for e, p in forums:
            seen.setdefault(e.key, p)
        return [
            self._event(analysis, etype, p, trig, sent, n, key, i)
            for i, (key, p) in enumerate(seen.items())
        ]

    def _dated_clauses(
        self, analysis: Analysis, etype: str, sent: Sentence
    ) -> list[tuple[int, int, int]]:
        """Stretches of the sentence that each begin with a date and hold a trigger of ``etype``.

        More than one only when their dates differ: each stretch reports its own period.
        """
        simple = chinese(analysis).simple
        cuts = [sent.start]
        cuts += [
            sent.start + m.end() for m in re.finditer(r"[,，;；]", simple[sent.start : sent.stop])
        ]
        dated = [
            c
            for c, nxt in zip(cuts, [*cuts[1:], sent.stop], strict=True)
            if any(c <= d.start < nxt for d in analysis.result.dates)
        ]
        bounds = sorted({sent.start, *dated[1:]})
        out: list[tuple[int, int, int]] = []
        values: set[str] = set()
        for start, end in zip(bounds, [*bounds[1:], sent.stop], strict=True):
            trig = next(
                (
                    t
                    for t in _trigger_re().finditer(simple, start, end)
                    if triggers()[t.group()] == etype
                ),
                None,
            )
            dates = [d.value for d in analysis.result.dates if start <= d.start < end]
            if trig is not None and dates:
                out.append((start, end, trig.start()))
                values.add(dates[0])
        return out if len(values) > 1 else []

    def _location(self, analysis: Analysis, start: int, end: int) -> str | None:
        """The last of the places right after 在 or 于 ("在新疆乌鲁木齐": 乌鲁木齐)."""
        text = chinese(analysis).simple
        places = sorted(
            (m.start, m.end, e.key)
            for e in analysis.result.entities
            if e.type in ("GPE", "LOC", "FAC")
            for m in e.mentions
            if start <= m.start < end
        )
        for i, (s, e, key) in enumerate(places):
            if s > 0 and (text[s - 1] in "在于赴" or text[max(0, s - 2) : s] in _VISIT):
                last = key
                stop = e
                for s2, e2, key2 in places[i + 1 :]:
                    if s2 != stop:
                        break
                    last, stop = key2, e2
                # "在俄罗斯总统…访问中国期间": a country named before a post is not the place.
                if not any(text.startswith(t, stop) for t in _titles()):
                    return last
        return None

    def _event(
        self,
        analysis: Analysis,
        etype: str,
        pos: int,
        trig: str,
        sent: Sentence,
        n: int,
        subject: str | None,
        k: int = 0,
        whole: Sentence | None = None,
    ) -> Event:
        """One event of ``sent`` (a clause of ``whole``, whose parties it shares, if given)."""
        text = analysis.text
        s, e = (whole.start, whole.stop) if whole else (sent.start, sent.stop)
        ents = [(x, _in(x, s, e)) for x in analysis.result.entities]
        ents = [(x, p) for x, p in ents if p]
        location = self._location(analysis, s, e)
        outlet = (analysis.doc.outlet or "").lower()
        parties = [
            x.key
            for x, p in ents
            if x.type in ("GPE", "ORG")
            and x.key != location
            and x.attrs.get("place_kind") != "city"
            and not (x.type == "ORG" and outlet and x.name.lower() in outlet)
            and not all(_credited(text, m.start, m.end) for m in x.mentions if s <= m.start < e)
            and not (x.type == "ORG" and self._speakers_only(analysis, x, s, e))
        ]
        if etype == "FORUM":
            # The countries in the forum's own name ("中国-哈萨克斯坦…论坛") take part.
            spans = [
                (m.start, m.end)
                for x in analysis.result.entities
                if x.key == subject
                for m in x.mentions
                if s <= m.start < e
            ] or [(s, e)]
            inner = {
                code: name
                for start, code, name in analysis.scratch.get("inner_places", [])
                if any(a <= start < b for a, b in spans)
            }
            by_code = {x.attrs.get("code"): x.key for x in analysis.result.entities}
            # A country named only inside the name ("俄中博览会") by its English name.
            parties += [by_code.get(code) or name for code, name in inner.items() if name]
        persons = [
            x.key for x, p in ents if x.type == "PERSON" and not all(_byline(text, q) for q in p)
        ]
        participants = persons + parties if etype == "MEETING" else parties
        if etype == "MEETING" and location in self._countries(analysis):
            participants.append(location)  # "访问中国": the country visited takes part
        simple = chinese(analysis).simple
        if (
            any(w in simple[s:e] for w in _SIDES)
            and len(set(participants) & self._countries(analysis)) < 2
        ):
            participants += self._recent_countries(analysis, e)
        if not participants and etype != "FORUM":
            participants = self._recent_countries(analysis, s)
        s, e = sent.start, sent.stop  # the values are the clause's own
        dates = [d for d in analysis.result.dates if s <= d.start < e]
        date = end_date = None
        if dates:
            best = min(dates, key=lambda d: (d.precision != "day", abs(d.start - pos)))
            date, end_date = best.value, best.end_value
        period = figure_period(dates, pos) if etype in ("TRADE", "TARGET") else None
        modality = self._modality(etype, sent, pos)
        if date is None and modality == "realized" and etype in ("MEETING", "AGREEMENT", "FORUM"):
            date = self._dateline(analysis)
        amount = None
        if etype not in ("MEETING", "FORUM"):
            amounts = [a for a in analysis.result.amounts if s <= a.start < e and a.usd]
            if amounts:
                amount = round(min(amounts, key=lambda a: abs(a.start - pos)).usd or 0, 2)
        count = None
        if etype == "AGREEMENT":
            qtys = [
                q
                for q in analysis.result.quantities
                if s <= q.start < e and q.unit in _AGREEMENT_UNITS and q.value >= 2
            ]
            if qtys:
                count = min(qtys, key=lambda q: abs(q.start - pos)).value
        return Event(
            key=make_id("x", analysis.doc.id, etype, str(s), str(n), str(k)),
            type=etype,
            trigger=trig,
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
            subject=subject,
            period=period,
            # The goods its sentence names (each mention, not only the article's first).
            commodities=goods_in(mentions(text, chinese(analysis).simple), s, e),
            edition=(
                _edition(chinese(analysis).simple, s, pos)
                if etype in ("FORUM", "MEETING")
                else None
            ),
        )

    @staticmethod
    def _speakers_only(analysis: Analysis, ent: Entity, start: int, end: int) -> bool:
        """Every mention is the organisation of a post ("外交部发言人"): it speaks, not acts."""
        simple = chinese(analysis).simple
        spans = [m for m in ent.mentions if start <= m.start < end]
        return all(any(simple.startswith(t, m.end) for t in _titles()) for m in spans)

    @staticmethod
    def _dateline(analysis: Analysis) -> str | None:
        """The day of the dateline ("新华社北京3月5日电"), else of the publication."""
        text = analysis.text
        for d in analysis.result.dates:
            if d.start > DATELINE_CHARS:
                break
            if d.precision == "day" and text[d.end : d.end + 1] in ("电", "電", " ", "讯", "訊"):
                return d.value
        published = analysis.doc.published
        return published if published and len(published) == 10 else None

    @staticmethod
    def _countries(analysis: Analysis) -> set[str]:
        return place_keys(analysis.result.entities, "country")

    def _recent_countries(self, analysis: Analysis, before: int) -> list[str]:
        countries = self._countries(analysis)
        seen = sorted(
            (m.start, e.key)
            for e in analysis.result.entities
            if e.key in countries
            for m in e.mentions
            if m.start < before
        )
        return list(dict.fromkeys(k for _, k in reversed(seen)))[:2]

    @staticmethod
    def _modality(etype: str, sent: Sentence, pos: int) -> str:
        if etype == "TARGET":
            return "target"
        words_ = {t.simple for t in sent.tokens}
        # "这项计划的协议，已于2015年签署": a thing done, though a plan is named.
        if words_ & _list("realized"):
            return "realized"
        if etype == "AGREEMENT":
            # A plan to sign comes before the signing ("将签署"); "根据备忘录，双方计划建设"
            # plans what the agreement is about, not the agreement.
            words_ = {t.simple for t in sent.tokens if t.start < pos}
        return "planned" if words_ & _list("planned") else "realized"
