"""Events: forums, meetings, agreements, cooperation, trade, investment and targets.

Triggers are general English: lemmas of verbs and nouns read from the dependency
parse ("signed ... documents", "met with", "plans to deepen cooperation", "increase
exports", "construction of a plant", "bring trade turnover to $N"). Each event takes
its arguments from the sentence it was read in: participants (entities and the
countries demonyms imply), place, date, amount, count and commodities; its modality
comes from tense, modal verbs and intent words; its attribution from reporting verbs.
Reports of one event within a document are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from silkgraph.extract.context import (
    add_article_countries,
    add_article_date,
    add_article_people,
    add_article_place,
    teaser_lines,
)
from silkgraph.extract.dates import WEEKDAY, period_of, year_of
from silkgraph.extract.numbers import ordinal_number
from silkgraph.extract.pipeline import Analysis
from silkgraph.extract.triggers import (
    TriggerModel,
    pipeline_model,
    prefetch_words,
    sentence_embeddings,
    sentence_matrix,
)
from silkgraph.knowledge.lexicon import STRONG_EVENT_NOUNS
from silkgraph.knowledge.schema import event_schemas, words
from silkgraph.model import Amount, Event, TimeExpr, TradeFlow, make_id

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc, Span, Token

# The word lists live in knowledge/lang/en/events.json; the event types, their priority
# and their argument roles in knowledge/schema/events/*.json.
WORDS = words("en", "events")
AGREEMENT_VERBS = WORDS.set("agreement_verbs")
AGREEMENT_NOUNS = WORDS.set("agreement_nouns")
AGREEMENT_REACH = WORDS.set("agreement_reach")
AGREEMENT_ANNOUNCED = (AGREEMENT_REACH - AGREEMENT_VERBS) | {"announce"}
MEETING_HOLD = WORDS.set("meeting_hold")
FORUM_VERBS = WORDS.set("forum_verbs")
COOP_NOUNS = WORDS.set("coop_nouns")
COOP_VERBS = WORDS.set("coop_verbs")
JOINT_NOUNS = WORDS.set("joint_nouns")
TRADE_VERBS = WORDS.set("trade_verbs")
TRADE_NOUNS = WORDS.set("trade_nouns")
INVEST_VERBS = WORDS.set("invest_verbs")
INVEST_NOUNS = WORDS.set("invest_nouns")
TARGET_NOUNS = WORDS.set("target_nouns")
TARGET_VERBS = WORDS.set("target_verbs")
# Verbs of wanting a figure ("want turnover to climb to $30 billion", "instructed the
# government to bring this figure to $30 billion"): a goal, where "expect" is a forecast.
GOAL_VERBS = WORDS.set("goal_verbs")
INTENT = WORDS.set("intent")
REPORT_VERBS = WORDS.set("report_verbs")
VISIT_WORDS = WORDS.set("visit_words")
# Lines that point the reader to another story ("READ MORE: ...", ``context.teaser_lines``).
TEASER_MARKERS = WORDS.set("teaser_markers")
# "elevated their relations to a comprehensive strategic partnership": a change of status
# the two sides agree on, read as an agreement.
STATUS_VERBS = WORDS.set("status_verbs")
STATUS_NOUNS = WORDS.set("status_nouns")
STATUS_OBJECTS = WORDS.set("status_objects")
# "agreements in trade, investment and culture": fields a document or a cooperation covers,
# not a trade figure; and gatherings that are celebrations, not forums.
FIELDS = WORDS.set("fields")
# Modifiers of "cooperation" that name no field of it: how close, wide or old it is, and who
# takes part ("bilateral", "comprehensive", "mutually beneficial").
GENERIC_MODIFIERS = WORDS.set("generic_modifiers")
# Words of an organisation's name: "in the Ministry of Trade" puts nothing in a building.
ORG_WORDS = WORDS.set("org_name_words")
# Nouns that hold fields rather than name one ("in various areas").
FIELD_CONTAINERS = WORDS.set("field_containers")
CELEBRATIONS = WORDS.set("celebrations")
# "the Russian leader", "the Uzbek president": a person named by a country's office, who is
# the person the article gives that office ("Russian President Vladimir Putin").
OFFICE_HOLDERS = WORDS.set("office_holders")
HEAD_TITLES = WORDS.set("head_titles")
# "signed 24 documents", "concluded a deal": what a signing verb's object must be for the
# verb to tell of an agreement ("signs the first car", "concluded the visit" do not).
SIGNED_THINGS = WORDS.set("signed_things")
# What an agreement's count counts: its documents, or the projects signed ("the signing of
# five energy and industrial projects"); not "20 power units" or "17 chapters" it is about.
SIGNED_COUNTS = SIGNED_THINGS | WORDS.set("signed_counts")
# "approved a joint action plan", "adopted the roadmap": a plan the parties adopt together.
ADOPTION_VERBS = WORDS.set("adoption_verbs")
# "witnessed the exchange of 20 cooperation documents": documents exchanged are signed.
EXCHANGE_WORDS = WORDS.set("exchange_words")
# "also signed an agreement": a document introduced anew beside another one is another.
ADDITIVE_WORDS = WORDS.set("additive_words")
# "a memorandum, along with other agreements": a lot added to the document a signing names.
ADDING_PHRASES = tuple(tuple(p.split()) for p in sorted(WORDS.set("adding_phrases")))
OTHER_WORDS = WORDS.set("other_words")
ADOPTED_THINGS = WORDS.set("adopted_things")
CHANGE_VERBS = WORDS.set("change_verbs")
# Verbs that state a figure ("it reached $19.5 billion", "it totalled", "it stood at").
FIGURE_VERBS = WORDS.set("figure_verbs")
# Nouns that gather documents into one lot: "a package (series, number) of agreements".
DOCUMENT_SETS = WORDS.set("document_sets")
# What a signing signs: a document, or a set of them ("a package of agreements").
DOCUMENT_NOUNS = SIGNED_THINGS | AGREEMENT_NOUNS | DOCUMENT_SETS
# "received the delegation": whom a receiving verb's object must be for it to tell of a
# meeting ("received half of the oil" does not).
RECEIVED_PEOPLE = WORDS.set("received_people")
# Counts of parties ("the two heads of state", "three countries"), not of things.
PARTY_NOUNS = RECEIVED_PEOPLE | WORDS.set("party_nouns")
TWO_PARTIES = re.compile(
    r"\b(?:the\s+two|both)\s+(?:countries|nations|states|sides|neighbou?rs|governments)\b"
    # "mutual trade", "bilateral trade turnover", "two-way investment": the two parties'.
    r"|\b(?:mutual|bilateral|two-way|reciprocal)\s+(?:trade|investments?|turnover|exports?)\b",
    re.IGNORECASE,
)
# Where the rules found an event in a sentence, the learned model adds another type there
# only this sure (a sentence mostly states one event; a second type is most often the
# first one read twice: "signed an agreement to build a plant").
SECOND_OPINION = 0.8
REFER_BACK_TOKENS = 60
PARTY_LABELS = {"GPE", "ORG", "PERSON", "NORP", "EVENT", "FAC", "LOC"}
PRIORITY = [s.type for s in sorted(event_schemas().values(), key=lambda s: s.priority)]


@dataclass(slots=True)
class Draft:
    """An event being read from one sentence."""

    type: str
    trigger: Token
    sent: Span
    participants: list[str] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    end_date: str | None = None
    period: str | None = None
    amount_usd: float | None = None
    count: float | None = None
    count_unit: str | None = None
    # The count is a floor: "more than 20 documents" (27 were signed, says another line).
    count_floor: bool = False
    commodities: list[str] = field(default_factory=list)
    modality: str = "realized"
    speaker: str | None = None
    outlet: str | None = None
    forum: str | None = None
    exporter: str | None = None
    importer: str | None = None
    flows: list[TradeFlow] = field(default_factory=list)
    learned: bool = False  # found by the learned model where no rule fired
    # The date is not the sentence's own: the day of the sentence before, or the day a
    # statement was reported. Such a date never keeps two reports of one event apart.
    date_guessed: bool = False
    # A second figure told after the first one in its sentence ("and expanded by another
    # 17%"): the first's trigger position. The two are never one report.
    follows: int | None = None
    # The country the place lies in (a city's country), where the place is no country.
    location_in: str | None = None
    # The persons among the participants its own sentences name.
    persons: list[str] = field(default_factory=list)
    # COOPERATION: the fields its word names ("energy cooperation"), see ``_coop_field``.
    fields: frozenset[str] = frozenset()
    # TRADE and TARGET: the two countries whose trade the figure counts where its words
    # name them ("trade between China and Russia"), and the countries it names at all.
    pair: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()


class EventComponent:
    """Typed events with arguments, modality and attribution."""

    name = "events"
    requires: tuple[str, ...] = ("entities", "dates", "amounts", "quantities", "commodities")
    provides: tuple[str, ...] = ("events",)

    def __init__(self) -> None:
        # The learned trigger model (None: the rules alone); ``recorder`` receives each
        # sentence's candidate words and feature rows (training reads them).
        self.model: TriggerModel | None = pipeline_model()
        self.recorder: Callable[[list[Token], np.ndarray], None] | None = None

    @property
    def version(self) -> str:
        return "2+" + (self.model.version if self.model is not None else "rules")

    def __call__(self, analysis: Analysis) -> None:
        index = _MentionIndex(analysis)
        drafts: list[Draft] = []
        body_end = _body_end(analysis.text)
        teasers = teaser_lines(analysis.text, TEASER_MARKERS)
        body = [
            s
            for s in analysis.nlp.sents
            if s.start_char < body_end and not any(a <= s.start_char < b for a, b in teasers)
        ]
        # The learned model reads the sentences that name a party, place or gathering: an
        # event it finds elsewhere has no argument of its own (the rules read every one).
        named = {e.sent.start for e in analysis.nlp.ents if e.label_ in PARTY_LABELS}
        read = [i for i, s in enumerate(body) if s.start in named]
        wanted = (self.model is not None or self.recorder is not None) and bool(read)
        embedded: dict[int, np.ndarray] = {}
        if wanted:
            vectors = sentence_embeddings([body[i] for i in read])
            embedded = dict(zip(read, vectors, strict=True))
            prefetch_words([body[i] for i in read])
        for i, sent in enumerate(body):
            rules = rule_types(sent, index.forums_in(sent))
            learned = self.learned(sent, i, rules, embedded[i]) if i in embedded else []
            found = self.read_sentence(sent, index, analysis, learned, rules)
            if not any(d.type in ("TRADE", "TARGET") for d in found) and i > 0:
                found += self._figure_retold(sent, body[i - 1], drafts, index, analysis)
            drafts.extend(found)
        drafts = [
            d
            for i, d in enumerate(drafts)
            if not (_the_meeting(d) and any(o.type == "MEETING" for o in drafts[:i]))
        ]
        for d in drafts:
            if d.type == "INVESTMENT":
                _facility_antecedent(d, index)
        for i, d in enumerate(drafts):
            if _stage(d) and not d.participants:
                # A stage's parties and place are its project's, told before it.
                before = [o for o in drafts[:i] if o.type in ("INVESTMENT", "COOPERATION")]
                if before:
                    project = before[0]
                    d.participants = list(project.participants)
                    if project.location and not index.is_place(project.location):
                        d.participants.append(project.location)  # the plant itself
                    d.location = d.location or project.location
        merged = [
            d
            for d in merge_within(
                drafts, _headline_end(analysis.text), (analysis.doc.published or "")[:4]
            )
            if d.participants
            or d.location
            or (d.forum and d.type == "FORUM")
            # A document signed under its own title ("the Joint Statement on ..."), or a
            # number of them ("Fifteen documents were also signed"): the article's parties.
            or (d.type == "AGREEMENT" and (_titled(d.trigger) or bool(d.count)))
            # A figure of trade as a whole for a period, with no party named ("Turnover
            # reached $4.4 billion in 2023"): the article's pair.
            or (
                d.type == "TRADE"
                and bool(d.amount_usd and d.period)
                and _measure(d.trigger) == "two-way"
            )
        ]
        events = [self.to_event(analysis, d, i) for i, d in enumerate(merged)]
        add_office_holders(merged, events, analysis, index)
        # After the filter: an event with nothing of its own is not made one by the article.
        add_article_countries(events, analysis.result.entities, index.demonym_positions())
        for d, ev in zip(merged, events, strict=True):
            if ev.type == "INVESTMENT" and not ev.location:
                ev.location = _invested_country(d, ev.participants, index)
        add_article_people(events, analysis.result.entities)
        add_article_place(events, analysis.result.entities, analysis.doc.published)
        add_article_date(events, analysis.result.dates, analysis.doc.published, analysis.text)
        analysis.result.events = events

    # triggers ----------------------------------------------------------------

    def learned(
        self, sent: Span, i: int, rules: dict[int, str], wl: np.ndarray | None = None
    ) -> list[tuple[Token, str, float]]:
        """The learned model's trigger words in a sentence: (word, type, probability).

        ``rules``: the rules' reading of the sentence (``rule_types``), one of its inputs."""
        if self.model is None and self.recorder is None:
            return []
        toks, x = sentence_matrix(sent, i, lambda t: rules.get(t.i), wl)
        if not toks:
            return []
        if self.recorder is not None:
            self.recorder(toks, x)
        if self.model is None:
            return []
        probs = self.model.proba(x)
        out = []
        for tok, p in zip(toks, probs, strict=True):
            j = int(np.argmax(p[1:])) + 1
            if p[j] >= self.model.threshold:
                out.append((tok, self.model.labels[j], float(p[j])))
        return sorted(out, key=lambda h: -h[2])

    def read_sentence(
        self,
        sent: Span,
        index: _MentionIndex,
        analysis: Analysis,
        learned: list[tuple[Token, str, float]] | None = None,
        rules: dict[int, str] | None = None,
    ) -> list[Draft]:
        found: dict[str, Token] = {}
        forum_names = index.forums_in(sent)
        if rules is None:
            rules = rule_types(sent, forum_names)
        for tok in sent:
            etype = rules.get(tok.i)
            if etype and etype not in found and _reads_as_event(tok, etype):
                found[etype] = tok
        ruled = set(found)
        for tok, etype, prob in learned or []:
            if ruled and prob < SECOND_OPINION:
                continue
            etype = _ceremony_type(tok, forum_names) or etype
            if etype not in found and not _vetoed(tok) and _reads_as_event(tok, etype):
                found[etype] = tok
        if "FORUM" in found and "COOPERATION" in found:
            # "a forum dedicated to cooperation between ...": the theme, not an event.
            forum, coop = found["FORUM"], found["COOPERATION"]
            if forum in coop.ancestors or coop.ent_type_ == "EVENT":
                found.pop("COOPERATION")
        if "TARGET" in found and not (
            "TRADE" in found and _figure_of_its_own(found["TRADE"], found["TARGET"])
        ):
            found.pop("TRADE", None)
        if "AGREEMENT" in found and "COOPERATION" in found:
            found.pop("COOPERATION")
        # Three events at most from one sentence: the most specific kinds first.
        kept = sorted(found, key=PRIORITY.index)[:3]
        found = {k: found[k] for k in kept}
        drafts = []
        for etype, tok in found.items():
            draft = Draft(etype, tok, sent, learned=etype not in ruled)
            self.fill(draft, index, analysis)
            if etype == "FORUM" and forum_names:
                draft.forum = index.nearest_forum(sent, tok.idx)
            elif etype == "FORUM":
                mods = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")]
                draft.forum = "unnamed:" + " ".join(mods) if mods else None
            if (
                etype == "MEETING"
                and len(draft.participants) < 2
                and tok.lemma_.lower() != "visit"
                and not index.names_a_party(sent, draft.participants)
            ):
                # A meeting with one party its sentence names is kept: the article supplies
                # the other (``add_article_people``, ``add_article_countries``).
                continue
            if etype == "FORUM" and not (draft.date or draft.location or draft.forum):
                continue
            drafts.append(draft)
            if etype == "TRADE":
                later = self._later_figures(draft, index, analysis)
                drafts.extend(later)
                drafts.extend(self._compared_figures(draft, later, analysis))
                drafts.extend(self._other_flows(draft, index, analysis))
            if etype == "AGREEMENT":
                drafts.extend(self._other_documents(draft, index, analysis))
            if etype == "INVESTMENT" and _stage(draft):
                for other in sent:
                    if other.i > tok.i and _costed_stage(other):
                        # "the second stage, worth $X, ... and the third stage, worth $Y"
                        more = Draft("INVESTMENT", other, sent)
                        self.fill(more, index, analysis)
                        drafts.append(more)
        return drafts

    def _later_figures(self, first: Draft, index: _MentionIndex, analysis: Analysis) -> list[Draft]:
        """ "trade grew 7% in 2024, and increased a further 17% in the first seven months":
        a change verb coordinated with the figure's own, with a period of its own, reports
        a second figure."""
        out = []
        doc = first.sent.doc
        after = doc[first.sent.end].sent if first.sent.end < len(doc) else None
        for tok in [*first.sent, *(after or ())]:
            if tok.i >= first.sent.end:
                # "Trade grew 13.6% last year. It also increased by another 17% ...": the
                # next sentence goes on with one more change of the same figure.
                if not (
                    tok.pos_ == "VERB"
                    and tok.lemma_.lower() in CHANGE_VERBS
                    and _a_further_change(tok)
                    and any(c.dep_ == "nsubj" and c.lower_ in ("it", "this") for c in tok.children)
                ):
                    continue
            elif (
                not (_coordinated_change(tok) or _trade_change_noun(tok, first))
                or tok.i == first.trigger.i
            ):
                continue
            span = (tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge))
            own = [x for x in analysis.result.dates if span[0] <= x.start < span[1]]
            if not own and not _a_further_change(tok):
                continue
            draft = Draft("TRADE", tok, tok.sent)
            self.fill(draft, index, analysis)
            best = own[0] if own else None
            draft.date, draft.end_date, draft.period = (
                (best.value, best.end_value, period_of(best)) if best else (None, None, None)
            )
            draft.participants = list(first.participants)
            draft.follows = first.trigger.i
            inside = [a for a in analysis.result.amounts if span[0] <= a.start < span[1]]
            if not inside:
                draft.amount_usd = None
            elif best is not None and _compared_period(best, analysis.text, inside):
                # "amounted to $44.8 billion, an increase from $40.1 billion in 2023":
                # the earlier year's figure is the sum it is compared with.
                near = min(inside, key=lambda a: abs(best.start - a.end))
                draft.amount_usd = round(near.usd, 2) if near.usd else None
            if best is None or draft.period != first.period:
                out.append(draft)
        return out

    def _figure_retold(
        self,
        sent: Span,
        before: Span,
        drafts: list[Draft],
        index: _MentionIndex,
        analysis: Analysis,
    ) -> list[Draft]:
        """ "Trade reached $18.9 billion in 2022. In January-September 2023 it reached
        $19.5 billion": "it", the subject of a figure's verb with a sum and a period of
        its own, is the trade the sentence before told of: a figure for another period."""
        prev = [d for d in drafts if d.type == "TRADE" and d.sent.start == before.start]
        if not prev:
            return []
        verb = sent.root
        if verb.lemma_.lower() not in CHANGE_VERBS | FIGURE_VERBS or not any(
            c.dep_ == "nsubj" and c.lower_ == "it" for c in verb.children
        ):
            return []
        s, e = sent.start_char, sent.end_char
        sums = [a for a in analysis.result.amounts if s <= a.start < e and a.usd]
        periods = [x for x in analysis.result.dates if s <= x.start < e and x.precision != "day"]
        if not sums or not periods:
            return []
        draft = Draft("TRADE", verb, sent)
        self.fill(draft, index, analysis)
        draft.participants = list(prev[0].participants)
        draft.pair, draft.countries = prev[0].pair, prev[0].countries
        if draft.period is None or draft.period == prev[0].period:
            return []
        return [draft]

    def _other_flows(self, first: Draft, index: _MentionIndex, analysis: Analysis) -> list[Draft]:
        """ "the export of X's products to Y totaled $15.1 billion, while the import of Y's
        goods reached $16 billion": each flow of goods the sentence gives its own sum is a
        figure of its own (the first keeps the sum nearest its word)."""
        if flow_kind(first.trigger) not in ("export", "import", "supply"):
            return []
        doc = first.sent.doc
        s, e = first.sent.start_char, first.sent.end_char
        words = [
            t for t in _flow_words(first.sent) if flow_kind(t) in ("export", "import", "supply")
        ]
        sums = [a for a in analysis.result.amounts if s <= a.start < e and a.usd]
        if len(words) < 2 or len(sums) < 2:
            return []
        owned: dict[int, Amount] = {}
        for a in sums:
            before = [t for t in words if t.idx <= a.start]
            if before:
                owned.setdefault(before[-1].i, a)
        out = []
        for tok in words:
            own = owned.get(tok.i)
            if tok.i == first.trigger.i or own is None:
                continue
            usd = round(own.usd or 0.0, 2)
            if first.amount_usd == usd:
                continue
            draft = Draft("TRADE", doc[tok.i], first.sent)
            self.fill(draft, index, analysis)
            draft.amount_usd = usd
            draft.follows = first.trigger.i
            out.append(draft)
        return out

    def _compared_figures(
        self, first: Draft, later: list[Draft], analysis: Analysis
    ) -> list[Draft]:
        """ "two-way trade reached $44.8 billion, compared with $40.1 billion in 2023": the
        sum a figure is compared with, given with its own period, is that period's figure
        (the same flow, an earlier period)."""
        if first.amount_usd is None:
            return []
        s, e = first.sent.start_char, first.sent.end_char
        taken = [
            (d.trigger.left_edge.idx, d.trigger.right_edge.idx + len(d.trigger.right_edge))
            for d in later
        ]
        periods = [x for x in analysis.result.dates if s <= x.start < e]
        out = []
        for a in analysis.result.amounts:
            if not (s <= a.start < e) or not a.usd or not _compared(a, analysis.text):
                continue
            if any(x <= a.start < y for x, y in taken):
                continue  # a later figure told by its own change word already has it
            own = [
                x
                for x in periods
                if 0 <= x.start - a.end <= 5 and x.precision in ("year", "half", "quarter", "month")
            ]
            if not own or period_of(own[0]) == first.period:
                continue
            doc = first.sent.doc
            tok = doc.char_span(a.start, a.end, alignment_mode="expand")
            if tok is None:
                continue
            # The word the comparison hangs on ("from", "than", "compared with").
            word = doc[tok.start - 1] if tok.start > first.sent.start else tok.root
            while word.lower_ in _APPROX_WORDS and word.i > first.sent.start:
                word = doc[word.i - 1]  # "up from about $24 billion"
            if word.lower_ in ("with", "to") and word.i > first.sent.start:
                word = doc[word.i - 1]  # "compared with"
            draft = Draft("TRADE", word, first.sent)
            draft.participants = list(first.participants)
            draft.date, draft.end_date = own[0].value, own[0].end_value
            if _months_of_one_year(own[0]):
                draft.date, draft.end_date = own[0].value[:4], None
            draft.period = period_of(own[0])
            draft.amount_usd = round(a.usd, 2)
            draft.modality = "realized"
            draft.follows = first.trigger.i
            draft.exporter, draft.importer = first.exporter, first.importer
            out.append(draft)
        return out

    def _other_documents(
        self, first: Draft, index: _MentionIndex, analysis: Analysis
    ) -> list[Draft]:
        """ "29 documents were signed, ... including a Joint Statement on ...", "the Joint
        Declaration signed in July, built upon today with a Joint Statement": a joint
        document introduced anew beside the one the agreement's trigger names is an
        agreement of its own (a package and its statement are two)."""
        own = first.trigger
        taken = {own.i} | {
            c.i for c in own.children if c.dep_ in ("dobj", "nsubjpass", "nsubj", "conj")
        }
        out = []
        for tok in first.sent:
            if tok.i in taken or not (_joint_document(tok) or _coordinated_lot(tok, taken)):
                continue
            det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")), None)
            if det in _DEFINITE:
                continue  # "the Joint Statement" may be the one just reported
            draft = Draft("AGREEMENT", tok, first.sent)
            if not _other_document(first, draft):
                continue
            self.fill(draft, index, analysis)
            out.append(draft)
        return out

    # arguments ---------------------------------------------------------------

    def fill(self, d: Draft, index: _MentionIndex, analysis: Analysis) -> None:
        s, e = d.sent.start_char, d.sent.end_char
        trig = d.trigger.idx
        d.location = index.location_in(d.sent)
        d.speaker, d.outlet = attribution(d.sent, index)
        parts = []
        for key, etype, start in index.entities_in(s, e):
            if key in (d.location, d.outlet) or etype == "EVENT" or index.is_dateline(start):
                continue
            if etype == "PERSON" and d.type not in ("MEETING",) and key == d.speaker:
                continue
            if (
                etype in ("GPE", "LOC", "FAC")
                and d.type in ("MEETING",)
                and index.is_location_context(start)
            ):
                continue
            parts.append(key)
        for key in index.demonyms_in(s, e):
            parts.append(key)
        for key in list(parts):
            # "the China-Kyrgyzstan-Uzbekistan railway" involves the places it is named after.
            parts.extend(index.places_named_in(key))
        if not parts and d.sent.start > 0:
            # "One of them is to ...": the actors are those of the sentence before.
            prev = analysis.nlp[d.sent.start - 1].sent
            parts = [
                k
                for k, t, st in index.entities_in(prev.start_char, prev.end_char)
                if t in ("GPE", "ORG")
                and not index.is_location_context(st)
                and not index.is_dateline(st)
            ]
            parts += index.demonyms_in(prev.start_char, prev.end_char)
        if (
            d.type == "MEETING"
            and d.location
            and any(t.lemma_.lower() in VISIT_WORDS for t in d.sent)
        ):
            # "visited Harbin": the host, and the country it lies in, take part.
            parts += [d.location, *index.country_of(d.location)]
        if _two_parties(d.sent) and sum(index.is_place(k) for k in set(parts)) < 2:
            # "the two countries" are the two named shortly before.
            parts += index.recent_countries(analysis, d.sent, 2)
        d.participants = list(dict.fromkeys(parts))
        later = _later_clauses(d) if d.type in ("TRADE", "TARGET") else []
        dates = [
            x
            for x in analysis.result.dates
            if s <= x.start < e
            and not (
                d.type in FIGURE_TYPES | {"AGREEMENT"}
                and _compared_period(x, analysis.text, analysis.result.amounts)
            )
            and not any(a <= x.start < b for a, b in later)
            and not _date_of_another_clause(analysis.nlp, x.start, d.trigger, d.type)
            and (d.type in FIGURE_TYPES or not _years_long(x))
        ]
        if dates:
            best = min(dates, key=lambda x: (x.precision != "day", abs(x.start - trig)))
            d.date, d.end_date = best.value, best.end_value
            if d.type in FIGURE_TYPES and _months_of_one_year(best):
                # "in the first eight months of 2016", "in January-July 2018": a figure
                # of that year, counted over those months (its period keeps them).
                d.date, d.end_date = best.value[:4], None
        if d.type in ("TRADE", "TARGET"):
            # The period a figure counts is what tells one year's figure from the next;
            # the day in its sentence is most often the day it was released.
            spans = [x for x in dates if x.precision in ("year", "half", "quarter", "month")]
            if spans:
                d.period = period_of(min(spans, key=lambda x: abs(x.start - trig)))
        d.modality = modality(d.trigger, d.type)
        if d.type == "TRADE":
            d.exporter, d.importer = trade_direction(d.trigger, index)
        if (
            not dates
            and d.modality == "realized"
            and d.type in ("MEETING", "AGREEMENT", "FORUM")
            and not WEEKDAY.search(d.sent.text)
        ):
            # A realized event with no date of its own happened when the sentence before
            # said; one that names its weekday, unreadable without a publication day, did not.
            start = _start_of_sentences_before(d.sent, 2)
            recent = [
                x for x in analysis.result.dates if start <= x.start < s and x.precision == "day"
            ]
            if recent:
                d.date, d.end_date = recent[-1].value, recent[-1].end_value
                d.date_guessed = True
        if not d.location and d.type in ("MEETING", "AGREEMENT", "FORUM"):
            d.location = (
                index.host_in(d.sent)
                or index.venue_in(d.sent)
                or (
                    index.location_in(analysis.nlp[d.sent.start - 1].sent)
                    if d.sent.start > 0 and d.modality == "realized" and d.type != "FORUM"
                    else None
                )
            )
        if not d.location and d.type == "INVESTMENT":
            d.location = _investment_site(d, index)
        if d.location:
            d.location_in = next(iter(index.country_of(d.location)), None)
        d.persons = [k for k in d.participants if index.is_person(k)]
        if d.type == "COOPERATION":
            d.fields = _coop_field(d.trigger)
        if not d.date and d.speaker and analysis.doc.published:
            # A reported statement with no date of its own was made when it was reported.
            d.date = analysis.doc.published
            d.date_guessed = True
        amounts = _own_amounts(
            [a for a in analysis.result.amounts if s <= a.start < e and a.usd], analysis.text
        )
        amount_at: int | None = None
        if amounts and d.type not in ("FORUM", "MEETING"):
            best_a = min(amounts, key=lambda a: abs(a.start - trig))
            d.amount_usd = round(best_a.usd or 0.0, 2)
            amount_at = best_a.start
        qtys = [
            q
            for q in analysis.result.quantities
            if s <= q.start < e
            and q.unit not in ("%", "t", "m3", "km", "MW", "ha")
            and 2 <= q.value < MAX_COUNT
        ]
        # "the two heads of state signed": who signed is no count of what was signed; an
        # agreement counts its documents ("three power plants" are what it is about).
        qtys = [
            q
            for q in qtys
            if q.unit not in PARTY_NOUNS and (d.type != "AGREEMENT" or q.unit in SIGNED_COUNTS)
        ]
        if qtys and d.type in ("AGREEMENT", "INVESTMENT"):
            best_q = min(qtys, key=lambda q: abs(q.start - trig))
            d.count, d.count_unit = best_q.value, best_q.unit
            d.count_floor = bool(
                _FLOOR.search(analysis.text, max(0, best_q.start - 20), best_q.start)
            )
        d.commodities = list(
            dict.fromkeys(c.name for c in analysis.result.commodities if s <= c.start < e)
        )
        d.modality = modality(d.trigger, d.type)
        if d.type == "TRADE":
            goods = [(c.start, c.name) for c in analysis.result.commodities if s <= c.start < e]
            d.flows = trade_flows(d, index, goods, amount_at)
            own = next((f for f in d.flows if f.start == d.trigger.idx), None)
            if own is not None:
                # Trade both ways has parties, not an exporter and an importer.
                d.exporter, d.importer = own.exporter, own.importer
        if d.type in ("TRADE", "TARGET"):
            pair = _trading_pair(d.trigger, index)
            if len(pair) == 2:
                d.pair = frozenset(pair)
            if len(pair) >= 2:
                # "Trade between China and Russia ..., while trade with the US fell": the
                # figure is the pair's; other countries of the sentence are not its parties.
                d.participants = [k for k in d.participants if k in pair or not index.is_country(k)]
            d.countries = frozenset(k for k in d.participants if index.is_country(k))

    def to_event(self, analysis: Analysis, d: Draft, n: int) -> Event:
        sent = d.sent
        key = make_id("x", analysis.doc.id, d.type, str(sent.start_char), str(n))
        return Event(
            key=key,
            type=d.type,
            trigger=d.trigger.text,
            start=sent.start_char,
            end=sent.end_char,
            evidence=sent.text.strip(),
            date=d.date,
            end_date=d.end_date,
            period=d.period,
            location=d.location,
            participants=d.participants,
            amount_usd=d.amount_usd,
            count=d.count,
            count_unit=d.count_unit,
            commodities=d.commodities,
            modality=d.modality,
            speaker=d.speaker,
            outlet=_outlet_name(analysis, d.outlet) or analysis.doc.outlet,
            subject=d.forum if d.forum and not d.forum.startswith("unnamed:") else None,
            exporter=d.exporter,
            importer=d.importer,
            flows=d.flows,
            document=_document_kind(d) if d.type == "AGREEMENT" else None,
            measure=_measure(d.trigger) if d.type == "TRADE" else None,
            stage=_stage(d) if d.type == "INVESTMENT" else None,
            edition=_edition(d, analysis) if d.type in ("FORUM", "MEETING") else None,
        )


def _outlet_name(analysis: Analysis, key: str | None) -> str | None:
    """The name of the outlet a sentence credits (one of the article's entities)."""
    ent = analysis.result.entity(key) if key else None
    return ent.name if ent is not None else key


def rule_types(sent: Span, forum_names: list[str]) -> dict[int, str]:
    """The rules' type for each word of a sentence that triggers one, by token index."""
    out = {}
    for tok in sent:
        etype = classify(tok, forum_names)
        if etype:
            out[tok.i] = etype
    return out


MONEY_OBJECTS = WORDS.set("money_objects")
# "flew to Moscow", "travelled to Beijing": a person's journey to a place.
TRAVEL_VERBS = WORDS.set("travel_verbs")


def _travels_to_a_place(tok: Token) -> bool:
    """ "Aliyev flew to Moscow", "the premier travelled to Beijing": a person's journey to a
    country or city is a visit."""
    if tok.lemma_.lower() not in TRAVEL_VERBS:
        return False
    if not any(c.dep_ == "nsubj" and c.ent_type_ == "PERSON" for c in tok.children):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(g.dep_ == "pobj" and g.ent_type_ in ("GPE", "FAC") for g in c.children)
        for c in tok.children
    )


ENTRY_VERBS = WORDS.set("entry_verbs")
OPERATION_NOUNS = WORDS.set("operation_nouns")


def _into_operation(tok: Token) -> bool:
    """ "went into operation in 2014", "was put into service", "entered commercial
    operation": a facility completed (its works), where something is named that runs."""
    if tok.lemma_.lower() not in ENTRY_VERBS:
        return False
    objs = [c for c in tok.children if c.dep_ == "dobj"] if tok.lemma_.lower() == "enter" else []
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "into":
            objs += [c for c in prep.children if c.dep_ == "pobj"]
    if not any(o.lemma_.lower() in OPERATION_NOUNS for o in objs):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _moves_money(tok: Token) -> bool:
    """ "pump more investment into", "supply loans to": money moved is no trade in goods."""
    return any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in MONEY_OBJECTS for c in tok.children
    )


def _reads_as_event(tok: Token, etype: str) -> bool:
    """A trigger word that is not a topic, a part of a name or an office's title, nor a
    target that reports a result."""
    if etype == "TARGET" and _reached_by_change(tok):
        return False
    if tok.dep_ == "oprd" and tok.pos_ == "NOUN":
        # "Putin called the pipeline 'the world's biggest construction project'": what
        # something is called, not an event.
        return False
    return not _is_topic(tok, etype) and not _describes_a_name(tok) and not _office_name(tok)


def _ceremony_type(tok: Token, forum_names: list[str]) -> str | None:
    """A ceremony is of the event its words name: "the signing ceremony" (an agreement),
    "the commencement ceremony of the railway project" (its works), whatever type a learned
    model reads into the word."""
    if tok.lemma_.lower() != "ceremony":
        return None
    words = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    words += _of_objects(tok)
    for w in words:
        lemma = w.lemma_.lower()
        if lemma in ("signing", "sign"):
            return "AGREEMENT"
        if lemma in WORKS_NOUNS or lemma in ("commencement", "groundbreaking", "launch"):
            return "INVESTMENT"
        found = classify(w, forum_names)
        if found is not None:
            return found
    return None


def _reached_by_change(tok: Token) -> bool:
    """ "volume growing by 7.1% in 2024 to reach $1.5 billion": the sum a reported change
    reached, not a goal."""
    head = tok.head
    return (
        tok.lemma_.lower() in TARGET_VERBS
        and tok.dep_ in ("advcl", "xcomp", "conj")
        and head.lemma_.lower() in TARGET_VERBS | CHANGE_VERBS
        and head.tag_ in ("VBD", "VBG", "VBN")
        and _by_a_percentage(head)
    )


def _by_a_percentage(verb: Token) -> bool:
    """A change told with its size: "growing by 7.1%"."""
    return any(
        c.dep_ == "prep" and c.lower_ == "by" and any(g.ent_type_ == "PERCENT" for g in c.subtree)
        for c in verb.children
    )


_TRIGGER_POS = frozenset(("VERB", "NOUN", "PROPN"))


def classify(tok: Token, forum_names: list[str]) -> str | None:
    """The event type a token triggers, or None."""
    if tok.pos_ not in _TRIGGER_POS:
        return None
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    head = tok.head.lemma_.lower()
    kids = {c.lemma_.lower() for c in tok.children}
    if _raises_status(tok):
        return "AGREEMENT"
    if tok.pos_ == "VERB":
        if lemma in AGREEMENT_VERBS and not _signs_a_thing(tok):
            return "AGREEMENT"
        if lemma in EXCHANGE_WORDS and any(
            c.dep_ in ("dobj", "nsubjpass") and _signed_documents(c) for c in tok.children
        ):
            return "AGREEMENT"
        if lemma in ADOPTION_VERBS and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ADOPTED_THINGS | AGREEMENT_NOUNS
            for c in tok.children
        ):
            return "AGREEMENT"
        if (
            lemma == "agree"
            and tok.tag_ in ("VBD", "VBN")
            and any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in tok.children)
        ):
            return "AGREEMENT"
        if _wanted_figure(tok):
            return "TARGET"
        if lemma in TARGET_VERBS and _has_target_word(tok) and not _raises_a_thing(tok):
            # "the goal of increasing gas supply to 11 bcm by 2025" plans a flow of goods; a
            # target is for trade as a whole ("to bring trade to $20 billion").
            return "TRADE" if _raises_a_flow(tok) else "TARGET"
        if (lemma == "meet" and not _meets_a_thing(tok)) or (
            lemma in ("hold", "have", "conduct")
            and kids & {"talk", "talks", "meeting", "negotiation", "negotiations"}
        ):
            return "MEETING"
        if (
            lemma in ("visit", "receive")
            and any(t.ent_type_ in ("GPE", "PERSON", "ORG") for t in tok.subtree if t is not tok)
            and not _visits_a_thing(tok)
            and not (lemma == "receive" and _receives_a_thing(tok))
        ):
            return "MEETING"
        if (
            lemma in TRADE_VERBS
            and lemma != "trade"
            and not _says_something(tok)
            and not _capacity(tok)
            and not _moves_money(tok)
        ):
            return "TRADE"
        if _into_operation(tok):
            return "INVESTMENT"
        if _travels_to_a_place(tok):
            return "MEETING"
        if lemma in ("cooperate", "partner", "collaborate"):
            return "COOPERATION"
        if lemma == "invest" and _stative_invested(tok):
            return None
        if lemma in ("build", "construct") and _figurative_build(tok):
            return None
        if lemma == "invest" and not (
            any(c.dep_ in ("dobj", "attr") for c in tok.children)
            or _has_amount_near(tok)
            or _prep_place(tok, "in")
        ):
            return None
        if lemma in ("commission", "open", "inaugurate", "launch") and any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in INVEST_NOUNS | SITE_NOUNS
            for c in tok.children
        ):
            return "INVESTMENT"
        if lemma in ("build", "construct", "invest") or (
            lemma in ("launch", "establish", "set")
            and kids & INVEST_NOUNS
            and not _abstract_work(tok)
        ):
            return "INVESTMENT"
        if forum_names and lemma in FORUM_VERBS and _near_forum(tok):
            return "FORUM"
        if lemma in ("take",) and "place" in kids and _near_forum(tok):
            return "FORUM"
    if tok.pos_ in ("NOUN", "PROPN"):
        if (
            lower in STRONG_EVENT_NOUNS
            and lower not in CELEBRATIONS
            and (tok.ent_type_ == "EVENT" or forum_names or _forum_context(tok) or _of_a_body(tok))
        ):
            return "FORUM"
        if lemma in ("supplier", "exporter", "importer", "buyer") and any(
            c.dep_ == "prep" and c.lower_ in ("of", "to", "from") for c in tok.children
        ):
            return "TRADE"
        if lemma in ("contract", "deal") and any(
            c.dep_ in ("compound", "amod")
            and c.lemma_.lower() in ("supply", "export", "import", "purchase")
            for c in tok.children
        ):
            return "TRADE"
        if lemma == "signing" and any(t.lemma_.lower() in AGREEMENT_NOUNS for t in tok.subtree):
            return "AGREEMENT"
        if lemma in EXCHANGE_WORDS and any(_signed_documents(o) for o in _of_objects(tok)):
            return "AGREEMENT"
        if _joint_document(tok):
            # "the Joint Statement ... signed today", "a joint declaration establishing ...".
            return "AGREEMENT"
        if lemma in AGREEMENT_NOUNS and head in AGREEMENT_REACH:
            return "AGREEMENT"
        if lemma in (
            "agreement",
            "memorandum",
            "contract",
            "treaty",
            "accord",
        ) and _between_parties(tok):
            return "AGREEMENT"
        if (
            lemma in ("agreement", "memorandum", "contract", "deal")
            and tok.dep_ in ("nsubjpass", "nsubj")
            and head in AGREEMENT_REACH
        ):
            return "AGREEMENT"
        if (
            lemma in ("agreement", "memorandum", "contract", "deal", "treaty", "accord")
            and tok.tag_ == "NN"
            and any(
                c.dep_ == "acl" and c.lemma_.lower() in AGREEMENT_ANNOUNCED for c in tok.children
            )
        ):
            # "The agreement, announced during the visit, ..." names one agreement; bare
            # plurals ("hope that agreements reached there ...") speak of agreements in
            # general, and a signing verb is an event trigger of its own.
            return "AGREEMENT"
        if lemma in ("meeting", "session") and _a_bodys_meeting(tok):
            return "FORUM"
        if lemma in ("talk", "talks", "negotiation", "meeting", "visit") and (
            head in MEETING_HOLD
            or head in ("during", "at", "after", "before")
            or any(c.lower_ in ("with", "between") for c in tok.children)
            or (lemma == "visit" and any(c.lower_ == "to" for c in tok.children))
            or any(c.dep_ == "acl" and c.lemma_.lower() in MEETING_HOLD for c in tok.children)
        ):
            return "MEETING"
        if lemma in TARGET_NOUNS and _has_amount_near(tok) and not _goal_of_a_flow(tok):
            return "TARGET"
        if (
            lemma in COOP_NOUNS
            and head in COOP_VERBS
            and tok.dep_ in ("dobj", "nsubjpass", "conj", "xcomp")
            and not _generic_relations(tok)
        ):
            return "COOPERATION"
        if (
            lemma in JOINT_NOUNS
            and any(c.lower_ == "joint" for c in tok.children)
            and (
                head
                in COOP_VERBS
                | {"implement", "launch", "pursue", "establish", "create", "set", "form"}
                or (lemma.startswith("venture") and tok.dep_ in ("dobj", "nsubjpass"))
            )
        ):
            return "COOPERATION"
        if (
            lemma in ("trade", "turnover")
            and tok.dep_ not in ("compound", "amod", "npadvmod")
            and not _a_field(tok)
            and _has_amount_near(tok)
        ):
            if any(t.lemma_ in TARGET_VERBS for t in tok.ancestors) and (
                (_has_to_amount(tok) and not _reported_change(tok)) or _aimed_by_year(tok)
            ):
                return "TARGET"
            return "TRADE"
        if (
            lemma in TRADE_NOUNS - {"trade", "turnover", "sale", "sales"}
            and not _a_field(tok)
            and (
                head in COOP_VERBS | TRADE_VERBS | {"supply", "increase", "ramp", "resume"}
                or tok.dep_ in ("dobj", "pobj", "nsubj", "conj")
            )
        ):
            return "TRADE"
        if (
            lemma in ("investment", "construction")
            and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
            and not _generic_investment(tok)
        ):
            return "INVESTMENT"
        if _works_on_a_site(tok):
            return "INVESTMENT"
        if _costed_stage(tok):
            return "INVESTMENT"
        if lemma in ("plant", "factory", "pipeline", "railway", "refinery") and (
            head in INVEST_VERBS | {"construction"}
            or (head == "of" and tok.head.head.lemma_.lower() in ("construction", "building"))
        ):
            return "INVESTMENT"
    return None


_STAGE_NOUNS = frozenset(("stage", "phase"))


def _costed_stage(tok: Token) -> bool:
    """ "the second stage of the project, worth $300 million": a project's stage or phase,
    numbered, with a cost of its own, is an investment of its own."""
    if tok.lemma_.lower() not in _STAGE_NOUNS or tok.pos_ != "NOUN":
        return False
    if not any(c.ent_type_ == "ORDINAL" for c in tok.children):
        return False
    right = tok.doc[tok.i : min(len(tok.doc), tok.i + 12)]
    return any(t.ent_type_ == "MONEY" for t in right)


# Nouns that point back to a facility named before ("the plant", "this factory").
FACILITY_ANAPHORS = frozenset(
    ("plant", "factory", "facility", "venture", "enterprise", "complex", "refinery", "mill")
)


def _start_of_sentences_before(sent: Span, n: int) -> int:
    """The character where the ``n`` sentences before ``sent`` begin (fewer at the start)."""
    first = sent.start
    for _ in range(n):
        if first > 0:
            first = sent.doc[first - 1].sent.start
    return int(sent.doc[first].idx)


def _facility_antecedent(d: Draft, index: _MentionIndex) -> None:
    """ "... visited the Andes Motors Factory joint venture in Arequipa. The plant was
    launched in January": an investment told of "the plant" with no company, site or
    project of its own is the facility named in the two sentences before, and is placed
    where that sentence puts it."""
    if any(not index.is_country(p) and not index.is_place(p) for p in d.participants):
        return
    nouns = [d.trigger, *(c for c in d.trigger.children if c.dep_ in ("nsubj", "nsubjpass"))]
    anaphor = next(
        (
            t
            for t in nouns
            if t.lemma_.lower() in FACILITY_ANAPHORS
            and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in t.children)
        ),
        None,
    )
    if anaphor is None:
        return
    doc = d.sent.doc
    lo, hi = _start_of_sentences_before(d.sent, 2), d.sent.start_char
    found = [
        (ms, me, k)
        for ms, me, k, t in index.mentions
        if lo <= ms
        and me <= hi
        and t in ("ORG", "FAC")
        and any(w in FACILITY_ANAPHORS for w in index.text[ms:me].lower().split())
    ]
    if not found:
        return
    ms, me, key = found[-1]
    d.participants.append(key)
    if not d.location:
        span = doc.char_span(ms, me, alignment_mode="expand")
        if span is not None:
            d.location = index.location_in(span.sent)


def _stage(d: Draft) -> str | None:
    """The ordinal of a stage's report ("second"), or None where it tells of no stage."""
    if d.trigger.lemma_.lower() not in _STAGE_NOUNS:
        return None
    return next((c.lower_ for c in d.trigger.children if c.ent_type_ == "ORDINAL"), None)


def _edition(d: Draft, analysis: Analysis) -> int | None:
    """The edition of a series a gathering's report names: an ordinal on its trigger ("the
    third trilateral meeting") or just before the name of its forum ("the 8th
    Russian-Chinese Expo", "the 16th SCO summit"); None where it names none."""
    # "held their third tripartite meeting": the ordinal may sit on the verb's object.
    heads = [d.trigger, *(c for c in d.trigger.children if c.dep_ in ("dobj", "nsubjpass"))]
    for head in heads:
        for c in head.children:
            if c.dep_ in ("amod", "nummod") and (n := ordinal_number(c.text)) is not None:
                return n
    if d.forum:
        ent = analysis.result.entity(d.forum)
        for m in ent.mentions if ent is not None else ():
            if d.sent.start_char <= m.start < d.sent.end_char:
                # The name's first word ("8th Russian-Chinese Expo"), or the word before it.
                before = analysis.text[max(d.sent.start_char, m.start - 12) : m.start].split()
                for word in m.text.split()[:1] + before[-1:]:
                    if (n := ordinal_number(word)) is not None:
                        return n
    return None


def add_office_holders(
    drafts: list[Draft], events: list[Event], analysis: Analysis, index: _MentionIndex
) -> None:
    """A person named by a country's office in an event's sentence ("the Russian leader
    held talks") joins it: the one person the article gives that country's office."""
    roles = analysis.result.roles
    if not roles:
        return
    for d, ev in zip(drafts, events, strict=True):
        if ev.type in ("TRADE", "TARGET"):
            continue
        for tok in d.sent:
            noun = tok.lemma_.lower()
            if tok.pos_ != "NOUN" or noun not in OFFICE_HOLDERS:
                continue
            for mod in tok.children:
                if mod.dep_ not in ("amod", "compound", "nmod", "poss"):
                    continue
                country = index.country_at(mod.idx)
                if country is None:
                    continue
                people = {r.person for r in roles if r.org == country and _holds(r.title, noun)}
                if len(people) == 1:
                    (person,) = people
                    if person not in ev.participants:
                        ev.participants = [*ev.participants, person]


def _holds(title: str, noun: str) -> bool:
    """A title that the office noun names: "leader" any head of state's."""
    title = title.lower()
    if noun == "leader":
        return title in HEAD_TITLES
    return noun in title.split()


def _a_field(tok: Token) -> bool:
    """Trade named in a list of fields ("agreements in trade, investment and culture",
    "cooperation including agriculture and food supplies"): what a document or a
    cooperation covers, not a flow of goods; or a part of a project's works ("finance the
    design, construction, as well as the supply of goods and services")."""
    conjuncts = {c.lemma_.lower() for c in tok.conjuncts}
    if conjuncts & FIELDS:
        return True
    return bool(conjuncts & _PROJECT_WORKS) and _of_generic_goods(tok)


_PROJECT_WORKS = frozenset(("design", "construction", "installation", "engineering"))
_GENERIC_GOODS = frozenset(("good", "goods", "service", "services", "material", "equipment"))


def _of_generic_goods(tok: Token) -> bool:
    """ "the supply of goods and services": no goods of their own ("the supply of
    sunflower oil" beside the construction of a plant is a contract for goods)."""
    objs = _of_objects(tok)
    return bool(objs) and all(o.lemma_.lower() in _GENERIC_GOODS for o in objs)


def _vetoed(tok: Token) -> bool:
    """What the rules know is no event, whatever a learned model reads into the word.

    Why: the guards below mark figurative and generic uses of trigger words ("it is invested
    in their success", "relations built on trust", "hoped that agreements reached there
    would ..."); the learned model has seen too few of them to learn each one.
    """
    lemma = tok.lemma_.lower()
    if lemma == "invest" and _stative_invested(tok):
        return True
    if lemma in ("build", "construct") and _figurative_build(tok):
        return True
    if lemma in ("building", "construction") and _abstract_work(tok):
        return True
    if lemma == "capital" and _a_places_capital(tok):
        return True
    if lemma == "meet" and _meets_a_thing(tok):
        return True
    if lemma == "visit" and tok.pos_ == "VERB" and _visits_a_thing(tok):
        return True
    if lemma in TRADE_VERBS and (_says_something(tok) or _capacity(tok)):
        return True
    if lemma in TRADE_NOUNS and _a_field(tok):
        return True
    if (
        lemma in AGREEMENT_NOUNS
        and tok.tag_ == "NNS"
        and tok.head.lemma_.lower() not in AGREEMENT_VERBS
        and not any(c.lemma_.lower() in AGREEMENT_VERBS for c in tok.children)
    ):
        # Bare plurals speak of agreements in general; a signing is a trigger of its own.
        return True
    return _generic_relations(tok) or _generic_investment(tok)


def _body_end(text: str) -> int:
    """Where the article's body ends: before a trailing list of other stories' headlines.

    Why: pages end with links to unrelated stories ("CEO to Meet Union Amid ..."); a run of
    two or more unpunctuated, title-cased lines after the last prose line is such a list.
    """
    lines = text.splitlines(keepends=True)
    end = len(text)
    heads = 0
    pos = len(text)
    for line in reversed(lines):
        pos -= len(line)
        stripped = line.strip()
        if not stripped:
            continue
        if not _headline_like(stripped):
            break
        heads += 1
        end = pos
    return end if heads >= 2 else len(text)


def _the_meeting(d: Draft) -> bool:
    """ "during the meeting": a meeting named by "the" alone is one told of before.

    Why: a later sentence that mentions "the meeting" with no parties of its own adds
    nothing but a second copy, often with the date of the report instead.
    """
    tok = d.trigger
    return (
        d.type == "MEETING"
        and tok.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)
        and not any(
            c.dep_ in ("prep", "poss", "compound", "amod") and c.lower_ not in ("the",)
            for c in tok.children
        )
    )


def _headline_like(line: str) -> bool:
    """An unpunctuated line whose words are mostly capitalised, as headlines are."""
    if line[-1] in '.!?:;"\u201d\u2019)':
        return False
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    caps = sum(w[0].isupper() for w in words if len(w) > 3)
    return caps >= 0.7 * sum(len(w) > 3 for w in words)


def _describes_a_name(tok: Token) -> bool:
    """A trigger in a present-tense relative clause on a name describes it: no event.

    Why: "X, who oversees the creation of corridors" or "Y Co., which specializes in
    processing construction waste" say what X and Y do, not what happened.
    """
    for anc in [tok, *list(tok.ancestors)[:5]]:
        if anc.dep_ == "relcl" and anc.tag_ in ("VBZ", "VBP"):
            return anc.head.ent_type_ in ("PERSON", "ORG") and not any(
                c.dep_ in ("aux", "auxpass") for c in anc.children
            )
    return False


OFFICE_NOUNS = WORDS.set("office_nouns")


def _office_name(tok: Token) -> bool:
    """ "Minister of Construction": a word of an office's title is no event."""
    if tok.pos_ != "PROPN" or not tok.is_title:
        return False
    cur = tok
    for _ in range(3):
        if cur.dep_ == "conj":
            cur = cur.head
            continue
        break
    return (
        cur.dep_ == "pobj"
        and cur.head.lower_ == "of"
        and cur.head.head.lemma_.lower() in OFFICE_NOUNS
    )


def _visits_a_thing(tok: Token) -> bool:
    """ "visited a mosque in Astana": a building is visited, no party is met."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    return bool(objs) and all(
        o.pos_ == "NOUN"
        and not o.ent_type_
        and not any(
            c.dep_ in ("compound", "poss") and c.ent_type_ in ("PERSON", "ORG", "GPE")
            for c in o.children
        )
        and not any(
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.ent_type_ in ("PERSON", "ORG", "GPE", "LOC", "FAC") for g in c.subtree)
            for c in o.children
        )
        for o in objs
    )


def _signs_a_thing(tok: Token) -> bool:
    """ "signs the first car off the line", "will conclude the visit": a signing verb whose
    object names no document, deal or consensus tells of no agreement."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    if (
        tok.lemma_.lower() == "conclude"
        and objs
        and all(o.lemma_.lower() in _ENDED_THINGS for o in objs)
    ):
        return True  # "a reception will conclude the programme (the talks, the visit)"
    return bool(objs) and all(
        o.pos_ in ("NOUN", "PROPN")
        and not any(
            t.lemma_.lower() in SIGNED_THINGS or t.ent_type_ == "CARDINAL" for t in o.subtree
        )
        for o in objs
    )


# What "conclude" ends rather than signs: a programme of events, a visit, a meeting.
_ENDED_THINGS = frozenset(
    ("program", "programme", "visit", "talk", "talks", "meeting", "forum", "session", "tour")
)


def _receives_a_thing(tok: Token) -> bool:
    """ "China received half of the oil": what is received is no person or delegation."""
    objs = [c for c in tok.children if c.dep_ == "dobj"]
    return bool(objs) and all(
        o.ent_type_ not in ("PERSON", "NORP", "ORG", "GPE")
        and o.lemma_.lower() not in RECEIVED_PEOPLE
        for o in objs
    )


CAPACITY_WORDS = WORDS.set("capacity_words")


def _capacity(tok: Token) -> bool:
    """ "capable of supplying 50 bcm": what a facility could carry, not a flow of goods."""
    return any(a.lemma_.lower() in CAPACITY_WORDS for a in list(tok.ancestors)[:3])


def _stative_invested(tok: Token) -> bool:
    """ "it is invested in Russia's success": an actor's stake, not an investment made."""
    if tok.tag_ != "VBN":
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
    return bool(subj) and all(
        s.pos_ == "PRON" or s.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") for s in subj
    )


TIES = WORDS.set("ties")
GROUNDS = WORDS.set("grounds")


def _a_places_capital(tok: Token) -> bool:
    """ "the capital of Heilongjiang province", "the Uzbek capital": a city, not money."""
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "poss") and c.ent_type_ in ("GPE", "NORP"):
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ == "of"
            and any(g.ent_type_ in ("GPE", "LOC") for g in c.subtree)
        ):
            return True
    # "the province, the capital of which is Harbin"
    return tok.head.lemma_ == "be" and any(
        c.dep_ == "attr" and c.ent_type_ in ("GPE", "LOC") for c in tok.head.children
    )


def _figurative_build(tok: Token) -> bool:
    """ "relations built on friendship", "built upon with a statement", "building political
    trust", "to build an economic corridor": no construction."""
    if _abstract_work(tok):
        return True
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in TIES:
            return True
        if c.lower_ == "upon":
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ == "on"
            and any(g.dep_ == "pobj" and g.lemma_.lower() in GROUNDS for g in c.children)
        ):
            return True
    return False


# What is built or established without works on a site: ties ("build up a partnership"),
# programmes ("the building of the X Initiative") and economic groupings ("to build an
# economic corridor", "establish a free economic zone" is a works site, the "economic"
# corridor or belt is not).
ABSTRACT_WORKS = WORDS.set("abstract_works")
ECONOMIC_GROUPINGS = WORDS.set("economic_groupings")


def _abstract_work(tok: Token) -> bool:
    """What ``tok`` (a build or establish verb, or its noun) makes is a tie, a programme or
    an economic grouping, not a facility."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.pos_ in ("NOUN", "PROPN") or not objs:
        objs += _of_objects(tok)
    for obj in objs:
        lemma = obj.lemma_.lower()
        if lemma in TIES or lemma in ABSTRACT_WORKS:
            return True
        if lemma in ECONOMIC_GROUPINGS and any(
            c.dep_ in ("amod", "compound") and c.lower_ == "economic" for c in obj.children
        ):
            return True
    return False


JOINT_DOCUMENTS = WORDS.set("joint_documents")
# Works on a site, said as a noun: "development of 29 gas fields", "commissioning of a station".
WORKS_NOUNS = WORDS.set("works_nouns")
WORKS_VERBS = WORDS.set("works_verbs")
SITE_NOUNS = INVEST_NOUNS - {"investment", "construction", "project", "line", "park"} | {
    "field",
    "well",
    "deposit",
    "mine",
    "port",
    "airport",
    "road",
    "highway",
    "bridge",
    "tunnel",
    "dam",
    "checkpoint",
}


def _coordinated_lot(tok: Token, objects: set[int]) -> bool:
    """ "a joint statement and 12 other agreements", "a memorandum on X, along with other
    agreements": a document coordinated with the one a signing names, one of them a single
    document and the other a lot."""
    if tok.lemma_.lower() not in DOCUMENT_NOUNS:
        return False
    head = tok.head
    if tok.dep_ == "conj" and head.i in objects and head.lemma_.lower() in DOCUMENT_NOUNS:
        return _a_lot(tok) != _a_lot(head)
    # The parser often hangs ", along with other agreements" on a word of the first
    # document's topic; the words themselves say it: "other" documents after a comma and
    # an adding phrase. Without the comma, "an agreement on diplomas and other documents"
    # names what the agreement is about.
    return (
        _a_lot(tok)
        and tok.dep_ not in ("nsubj", "nsubjpass")  # "other documents are being prepared"
        and any(c.dep_ == "amod" and c.lower_ in OTHER_WORDS for c in tok.children)
        and _after_adding_phrase(tok.left_edge)
        and any(tok.doc[i].lemma_.lower() in DOCUMENT_NOUNS for i in objects if i < tok.i)
    )


def _after_adding_phrase(first: Token) -> bool:
    """Whether ", as well as" (", along with", ...) comes just before ``first``."""
    for phrase in ADDING_PHRASES:
        start = first.i - len(phrase)
        if start - 1 < first.sent.start:
            continue
        words = tuple(t.lower_ for t in first.doc[start : first.i])
        if words == phrase and first.doc[start - 1].text == ",":
            return True
    return False


def _joint_document(tok: Token) -> bool:
    """ "Joint Statement", "joint communique": a text both parties adopt is an agreement."""
    return tok.lemma_.lower() in JOINT_DOCUMENTS and any(
        c.dep_ in ("amod", "compound") and c.lower_ == "joint" for c in tok.children
    )


def _works_on_a_site(tok: Token) -> bool:
    """Nominal works: "the development of 29 gas fields", "a project to drill three wells"."""
    lemma = tok.lemma_.lower()
    if lemma in WORKS_NOUNS and tok.pos_ == "NOUN":
        for c in tok.children:
            if (
                c.dep_ == "prep"
                and c.lower_ == "of"
                and any(g.dep_ == "pobj" and g.lemma_.lower() in SITE_NOUNS for g in c.children)
            ):
                return True
    if lemma == "project":
        # "a project to drill wells"; "a project is being implemented to drill wells".
        works = [c for c in tok.children if c.dep_ in ("acl", "relcl")]
        if tok.dep_ == "nsubjpass":
            works += [c for c in tok.head.children if c.dep_ == "xcomp"]
        return any(
            c.lemma_.lower() in WORKS_VERBS
            and any(g.dep_ == "dobj" and g.lemma_.lower() in SITE_NOUNS for g in c.children)
            for c in works
        )
    return False


# What one meets that is not a party: "meets the interests", "meet demand".
MET_THINGS = WORDS.set("met_things")
# What one delivers or gives that is not goods: "delivered a speech".
SPOKEN_THINGS = WORDS.set("spoken_things")


def _two_parties(sent: Span) -> bool:
    """The sentence speaks of "the two countries", "both sides" or "mutual trade" without
    naming them."""
    return bool(TWO_PARTIES.search(sent.text))


def _meets_a_thing(tok: Token) -> bool:
    """ "meets the interests of both countries" is no meeting."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in MET_THINGS for c in tok.children) or any(
        c.dep_ == "nsubj" and c.lemma_.lower() in COOP_NOUNS | TRADE_NOUNS | INVEST_NOUNS
        for c in tok.children
    )


def _says_something(tok: Token) -> bool:
    """ "delivered a speech" is no delivery of goods, nor "cooperation has delivered solid
    achievements"."""
    for c in tok.children:
        lemma = c.lemma_.lower()
        if c.dep_ == "dobj" and (lemma in SPOKEN_THINGS or lemma in GROUNDS):
            return True
        if c.dep_ == "nsubj" and lemma in TIES:
            return True
    return False


def _between_parties(tok: Token) -> bool:
    """ "the agreement between Acme and the state concern" names its parties."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            named = [t for t in c.subtree if t.ent_type_ in ("ORG", "GPE", "PERSON", "NORP")]
            return bool(named)
    return False


TOPIC_VERBS = WORDS.set("topic_verbs")
ABSTRACT_HEADS = WORDS.set("abstract_heads")


def _is_topic(tok: Token, etype: str) -> bool:
    """A trigger inside what was discussed or considered is a topic, not an event."""
    if etype in ("MEETING", "FORUM", "AGREEMENT", "TARGET"):
        return False
    for anc in list(tok.ancestors)[:6]:
        if anc.lemma_.lower() in TOPIC_VERBS:
            return True
        if anc.pos_ == "NOUN" and anc.lemma_.lower() in ABSTRACT_HEADS:
            return True
    return False


def _prep_place(tok: Token, prep: str) -> bool:
    """The verb has "<prep> <place>" ("invest in Kazakhstan")."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == prep
        and any(g.ent_type_ in ("GPE", "LOC") for g in c.subtree)
        for c in tok.children
    )


def _has_target_word(tok: Token) -> bool:
    """A goal named in the sentence, and the figure or deadline it aims at ("the goal of
    bringing trade to $20 billion", "aimed at increasing trade 2.5 times by 2030")."""
    sent = tok.sent
    words = {t.lemma_.lower() for t in sent}
    return bool(words & TARGET_NOUNS) and (_has_to_amount(tok) or bool(_BY_YEAR.search(sent.text)))


# What a goal raises, where it is a figure: trade and its flows, their volume or capacity.
_FIGURE_WORDS = frozenset(("volume", "figure", "capacity", "throughput", "output", "level"))


def _wanted_figure(tok: Token) -> bool:
    """A change of trade as a whole to a sum, that someone wants, aims at or orders ("want
    turnover to climb to $30 billion", "instructed the government to bring this figure to
    $30 billion"): a target."""
    if tok.lemma_.lower() not in TARGET_VERBS | CHANGE_VERBS or tok.dep_ not in ("xcomp", "ccomp"):
        return False
    if tok.head.lemma_.lower() not in GOAL_VERBS or not _has_to_amount(tok):
        return False
    if _goal_of_a_flow(tok):
        return False  # "planning to increase the volume of grain exports to 1 million tons"
    measured = [c for c in tok.children if c.dep_ in ("nsubj", "dobj")]
    measured += [c for c in tok.head.children if c.dep_ == "dobj"]
    return any(c.lemma_.lower() in TWO_WAY_WORDS | {"figure", "volume"} for c in measured)


def _raises_a_thing(tok: Token) -> bool:
    """The change verb's object is no figure ("to expand the pipeline, with the goal of
    ..."): the goal's figure belongs to another verb."""
    objs = [c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"]
    known = TRADE_NOUNS | TWO_WAY_WORDS | FLOW_WORDS
    return bool(objs) and not any(o in known or o in _FIGURE_WORDS for o in objs)


def _goal_of_a_flow(tok: Token) -> bool:
    """ "the goal of increasing gas supply to 11 bcm": a planned flow of goods (told by its
    own word), not a target for trade as a whole."""
    words = {t.lemma_.lower() for t in tok.subtree}
    return bool(words & FLOW_WORDS) and not words & TWO_WAY_WORDS


def _raises_a_flow(tok: Token) -> bool:
    """The change verb's object is a one-way flow of goods ("increasing gas supply")."""
    flows = SUPPLY_WORDS | EXPORT_WORDS
    if tok.dep_ == "amod" and tok.head.lemma_.lower() in flows:
        return True  # "increasing gas supply" parsed as an adjective of "supply"
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in flows for c in tok.children)


_TO_AMOUNT = re.compile(
    r"\bto\s+(?:about\s+|over\s+|more than\s+)?(?:\$|US\$|USD|€|¥|₸)?\s?"
    # a figure, but not a bare year ("compared to 2022")
    r"(?!(?:19|20)\d\d\b(?!\s*(?:bln|billion|mln|million|trillion|tn)\b))\d"
)


def _has_to_amount(tok: Token) -> bool:
    return bool(_TO_AMOUNT.search(tok.sent.text))


_BY_YEAR = re.compile(r"\bby\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d\b")


def _aimed_by_year(tok: Token) -> bool:
    """ "Trade will reach $300 billion by 2030": a change still to come, with a deadline."""
    for t in tok.ancestors:
        if t.lemma_ in TARGET_VERBS:
            # The modal may sit on the verb the change depends on ("would help trade reach").
            holders = [t, t.head] if t.dep_ in ("xcomp", "ccomp") else [t]
            aimed = t.tag_ == "VB" and any(
                c.dep_ == "aux" and c.lower_ in ("will", "would", "should", "to", "could")
                for h in holders
                for c in h.children
            )
            return aimed and bool(_BY_YEAR.search(tok.sent.text))
    return False


def _reported_change(tok: Token) -> bool:
    """The change verb above a trade word reports what happened ("trade grew to $3 billion
    last year", "has increased to ...", "volume growing by 7.1% in 2024 to reach $1.5
    billion"), not what is aimed at ("to increase trade to ...")."""
    for t in tok.ancestors:
        if t.lemma_ in TARGET_VERBS:
            if t.tag_ == "VBD":
                return True
            if t.tag_ == "VBG" and _by_a_percentage(t):
                return True
            return t.tag_ == "VBN" and any(
                c.dep_ == "aux" and c.lemma_ == "have" for c in t.children
            )
    return False


def _has_amount_near(tok: Token) -> bool:
    return any(t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY") for t in tok.sent)


def _near_forum(tok: Token) -> bool:
    return any(
        t.lower_ in STRONG_EVENT_NOUNS or t.ent_type_ == "EVENT"
        for t in list(tok.subtree) + list(tok.children) + [tok.head]
    )


def _forum_context(tok: Token) -> bool:
    """An unnamed forum counts when the sentence says it was held, opened or attended."""
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nummod")]
    if any(c.ent_type_ == "ORDINAL" or c.lower_ in ("annual", "inaugural") for c in mods):
        return True
    return any(
        t.lemma_.lower() in FORUM_VERBS | {"take"} and t.pos_ == "VERB" for t in tok.sent
    ) and bool(mods)


def _of_a_body(tok: Token) -> bool:
    """ "the <organisation> summit", "a summit of <organisation>": a gathering named by the
    body that holds it."""
    mods = [c for c in tok.children if c.dep_ in ("compound", "poss", "nmod")]
    mods += _of_objects(tok)
    return any(m.ent_type_ == "ORG" for m in mods)


def _a_bodys_meeting(tok: Token) -> bool:
    """ "the 22nd meeting of the Council of Heads of State", "a meeting of the X's
    Collective Security Council", "the informal X leaders' meeting": a meeting of an
    organisation's body is a gathering of its members, not talks between two people."""
    if _of_a_body(tok):
        return True
    return any(
        c.dep_ == "poss"
        and c.lemma_.lower() in ("leader", "head", "member", "minister")
        and any(
            g.dep_ in ("compound", "amod") and (g.ent_type_ == "ORG" or _acronym(g))
            for g in c.children
        )
        for c in tok.children
    )


def _acronym(tok: Token) -> bool:
    """An organisation's initials ("CIS", "SCO"), which the model may leave untagged."""
    return tok.is_upper and tok.is_alpha and 2 <= len(tok.text) <= 6


def _raises_status(tok: Token) -> bool:
    """ "elevated relations to a strategic partnership", "the establishment of a
    partnership": the verb or noun of a change of status whose new status is named."""
    lemma = tok.lemma_.lower()
    if not (
        (tok.pos_ == "VERB" and lemma in STATUS_VERBS)
        or (tok.pos_ == "NOUN" and lemma in STATUS_NOUNS)
    ):
        return False
    return any(
        t.lemma_.lower() in STATUS_OBJECTS and _status_path(t, tok)
        for t in tok.subtree
        if t.i != tok.i
    )


_STATUS_PREPS = frozenset(("to", "of", "into", "at"))
_STATUS_STEPS = frozenset(("level", "height", "stage", "status", "relation", "relationship", "tie"))


def _status_path(obj: Token, verb: Token) -> bool:
    """The new status is what the verb makes of the relation: its object, or reached by
    "to" / "of" / "into" through nouns of level or relation ("to the level of a ...")."""
    t = obj
    while t.i != verb.i:
        if t.dep_ not in ("dobj", "pobj", "prep", "nsubjpass", "attr", "conj", "appos"):
            return False
        if t.dep_ == "prep" and t.lower_ not in _STATUS_PREPS:
            return False
        if t.i != obj.i and t.pos_ == "NOUN" and t.lemma_.lower() not in _STATUS_STEPS:
            return False
        t = t.head
        if t.head.i == t.i and t.i != verb.i:
            return False
    return True


def _generic_relations(tok: Token) -> bool:
    return (
        tok.lemma_.lower() in ("relations", "ties", "interaction")
        and tok.head.lemma_.lower() not in COOP_VERBS
    )


def _generic_investment(tok: Token) -> bool:
    heads = {tok.head.lemma_.lower(), tok.head.head.lemma_.lower()}
    return bool(heads & {"term", "terms", "rank", "climate", "attractiveness", "opportunity"})


def _verb_chain(tok: Token) -> list[Token]:
    """The trigger and the heads it depends on within its own clause."""
    chain = [tok]
    cur = tok
    while cur.head is not cur and len(chain) < 6:
        crossing = cur.dep_ in ("advcl", "relcl", "ccomp", "parataxis", "conj", "acl")
        cur = cur.head
        chain.append(cur)
        if crossing:
            break
    return chain


_PLAN_NOUNS = frozenset(
    {"plan", "proposal", "intention", "roadmap", "programme", "program"} | TARGET_NOUNS
)


def _under_a_plan(tok: Token) -> bool:
    """A construction or supply named as what a document or plan is about ("a memorandum
    on the construction of", "an agreement to start construction", "a plan for supplies")
    is still to happen, whether or not the document was signed."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    head = tok.head
    for _ in range(4):
        if head.i == tok.i:
            break
        lemma = head.lemma_.lower()
        if head.pos_ == "NOUN" and (lemma in AGREEMENT_NOUNS or lemma in _PLAN_NOUNS):
            return True  # the sentence's root too ("An agreement on the construction of")
        if head.pos_ in ("VERB", "AUX") and lemma not in ("start", "begin", "launch"):
            return False
        if head.i == head.head.i:
            break
        head = head.head
    return False


def modality(tok: Token, etype: str) -> str:
    """realized, planned or target, from the trigger's verb chain."""
    if etype == "TARGET":
        return "target"
    if etype in ("INVESTMENT", "TRADE") and _under_a_plan(tok):
        return "planned"
    if etype == "TRADE" and tok.lemma_.lower() in TARGET_VERBS and _has_target_word(tok):
        return "planned"  # "with the goal of increasing gas supply to 11 bcm by 2025"
    if etype != "COOPERATION" and tok.pos_ == "NOUN" and _infinitive(tok.head):
        return "planned"  # "to begin construction", "to increase supplies", "to pay a visit"
    chain = _verb_chain(tok)
    for t in chain:
        # "agreed" is an intent before another verb ("agreed to build") but the deal
        # itself where it is the agreement's own word ("the two sides agreed on ...").
        own_word = t is tok and etype == "AGREEMENT"
        # "agreed on X at the talks" settles X; "agreed to build" promises the building.
        settled = t.lemma_.lower() == "agree" and not any(c.dep_ == "xcomp" for c in t.children)
        if not (own_word or settled) and (t.lemma_.lower() in INTENT or t.lower_ in INTENT):
            return "planned"
        for c in t.children:
            if c.dep_ in ("aux", "auxpass", "neg", "amod") and (
                c.lemma_.lower() in INTENT or c.lower_ in INTENT
            ):
                return "planned"
        if t.tag_ == "VBD" or (
            t.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") for c in t.children)
        ):
            return "realized"
    if tok.tag_ in ("VB", "VBP", "VBZ") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children
    ):
        return "planned"
    if etype == "COOPERATION":
        return "planned"
    if etype == "INVESTMENT" and any(
        c.dep_ in ("acl", "relcl") and _infinitive(c) for c in tok.children
    ):
        return "planned"  # "a $11 billion project to build a plant", no verb saying it was
    return "realized"


def _infinitive(tok: Token) -> bool:
    """A bare verb with "to": "to build", "to start"."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


EXPORT_WORDS = WORDS.set("export_words")
IMPORT_WORDS = WORDS.set("import_words")


def trade_direction(tok: Token, index: _MentionIndex) -> tuple[str | None, str | None]:
    """(exporter, importer) of a trade trigger: "X exports Y to Z", "Z's imports from X"."""
    lemma = tok.lemma_.lower()
    outward = lemma in EXPORT_WORDS
    inward = lemma in IMPORT_WORDS
    if not (outward or inward) or _both_ways(tok):
        return None, None
    actor = None
    for c in tok.children:
        if c.dep_ in ("nsubj", "poss", "compound", "nsubjpass") and c.dep_ != "nsubjpass":
            actor = _entity_in(c, index)
            if actor:
                break
    if actor is None:
        for verb in _verb_chain(tok)[1:]:
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            if subj:
                actor = _entity_in(subj[0], index)
                break
    other = None
    want = "to" if outward else "from"
    for t in tok.subtree:
        if t.lower_ == want and t.dep_ == "prep":
            for c in t.children:
                other = _entity_in(c, index)
                if other:
                    break
        if other:
            break
    return (actor, other) if outward else (other, actor)


def _both_ways(tok: Token) -> bool:
    """ "imports and exports", "exports and imports": a flow word coordinated with the
    other way's is trade as a whole, with no exporter and no importer."""
    lemma = tok.lemma_.lower()
    if lemma in EXPORT_WORDS:
        other = IMPORT_WORDS
    elif lemma in IMPORT_WORDS:
        other = EXPORT_WORDS
    else:
        return False
    pals = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        pals.append(tok.head)
    return any(p.lemma_.lower() in other and p.pos_ == tok.pos_ for p in pals)


SUPPLY_WORDS = WORDS.set("supply_words")
TWO_WAY_WORDS = WORDS.set("two_way_words")
# Words of a one-way flow of goods ("exports", "imports", "supplies").
FLOW_WORDS = SUPPLY_WORDS | EXPORT_WORDS | IMPORT_WORDS
TRADE_AGENTS = WORDS.set("trade_agents")


def flow_kind(tok: Token) -> str | None:
    """What a trade word says of direction: export, import, supply, turnover, or None.

    Agent nouns ("importer", "supplier") name a party, not a flow of their own.
    """
    lemma = tok.lemma_.lower()
    if lemma in TRADE_AGENTS or tok.lower_ in TRADE_AGENTS or tok.pos_ not in ("NOUN", "VERB"):
        return None
    if lemma in SUPPLY_WORDS:
        return "supply"
    if lemma in EXPORT_WORDS:
        return "export"
    if lemma in IMPORT_WORDS:
        return "import"
    if lemma in TWO_WAY_WORDS:
        return "turnover"
    return None


def trade_flows(
    d: Draft, index: _MentionIndex, goods: list[tuple[int, str]], amount_at: int | None
) -> list[TradeFlow]:
    """One flow per trade word of the sentence, each with its own direction and goods.

    "X will increase exports of A, and imports of B from Y": A goes out of X, B comes
    from Y into X. A commodity belongs to the trade word whose phrase holds it (the
    smallest), else to the nearest one before it, else the first; the value likewise.
    """
    words = _flow_words(d.sent)
    if not words:
        return []
    # "imports and exports between the two nations": both ways at once, one turnover.
    both = {
        t.i
        for t in words
        if t.dep_ == "conj"
        and t.head in words
        and t.pos_ == t.head.pos_ == "NOUN"  # not "export wheat and import cars"
        and {flow_kind(t), flow_kind(t.head)} == {"export", "import"}
    }
    two_way = {t.head.i for t in words if t.i in both}
    words = [t for t in words if t.i not in both]
    spans = {t.i: _phrase_span(t) for t in words}

    def owner(pos: int) -> int:
        holding = [t for t in words if spans[t.i][0] <= pos < spans[t.i][1]]
        if holding:
            return min(holding, key=lambda t: spans[t.i][1] - spans[t.i][0]).i
        before = [t for t in words if t.idx <= pos]
        return (before[-1] if before else words[0]).i

    flows = []
    for tok in words:
        kind = "turnover" if tok.i in two_way else flow_kind(tok) or "turnover"
        mine = [name for pos, name in goods if owner(pos) == tok.i]
        amount = d.amount_usd if amount_at is not None and owner(amount_at) == tok.i else None
        flow = TradeFlow(
            kind, tok.text, tok.idx, tok.idx + len(tok.text), commodities=list(dict.fromkeys(mine))
        )
        flow.amount_usd = amount
        if kind == "turnover":
            flow.parties = _trade_parties(tok, index, d)
        else:
            flow.exporter, flow.importer = _flow_direction(tok, kind, index, words)
        flows.append(flow)
    return flows


def _flow_words(sent: Span) -> list[Token]:
    """The trade words of a sentence, one per flow: "trade turnover", "export supplies" are
    one flow, named by the head word."""
    return [t for t in sent if flow_kind(t) and not (t.dep_ == "compound" and flow_kind(t.head))]


def _phrase_span(tok: Token) -> tuple[int, int]:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _flow_direction(
    tok: Token, kind: str, index: _MentionIndex, words: list[Token]
) -> tuple[str | None, str | None]:
    """(exporter, importer) of one trade word: its actor, and its "from" and "to" phrases."""
    actor = _trade_actor(tok, index)
    source = _prep_object(tok, ("from",), index, words)
    target = _prep_object(tok, ("to", "into"), index, words)
    if kind == "import":
        exporter, importer = source, actor or target
    else:
        exporter, importer = source or actor, target
    if exporter is not None and exporter == importer:
        # "China's exports to China" cannot be: the phrase beats the actor.
        if kind == "import":
            importer = None if source else importer
        else:
            exporter = None if target else exporter
    return exporter, importer


def _trade_actor(tok: Token, index: _MentionIndex) -> str | None:
    """The party a trade word is done by: its subject or possessor, or its verb's subject."""
    for c in tok.children:
        if c.dep_ in ("nsubj", "poss", "compound", "amod"):
            actor = _entity_in(c, index)
            if actor:
                return actor
    cur = tok
    # Up through "is ready to increase exports" and "... and to ramp up imports", not
    # into another clause ("which", "said that"). Tokens are compared by position: spaCy
    # makes a new object on every access, so ``is`` never holds.
    for _ in range(8):
        if cur.head.i == cur.i or cur.dep_ in ("advcl", "relcl", "ccomp", "parataxis", "acl"):
            break
        cur = cur.head
        for subj in (c for c in cur.children if c.dep_ == "nsubj"):
            if tok in subj.subtree:
                continue  # the trade word is itself the subject: "the supply of X rose"
            return _entity_in(subj, index)
    return None


def _prep_object(
    tok: Token, preps: tuple[str, ...], index: _MentionIndex, words: list[Token]
) -> str | None:
    """The party of a "from"/"to" phrase that belongs to this trade word.

    Phrases inside the word's own phrase come first; then those on its verb, unless
    another trade word of the sentence hangs from the same verb.
    """
    own = [t for t in tok.subtree if t.dep_ == "prep" and t.lower_ in preps]
    head = tok.head if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else None
    if (
        head is not None
        and head.i != tok.i
        and not any(w.i != tok.i and w.head.i == head.i for w in words)
    ):
        own += [c for c in head.children if c.dep_ == "prep" and c.lower_ in preps]
    inner = [w for w in words if w.i != tok.i and w in tok.subtree]
    for prep in own:
        if any(prep in w.subtree for w in inner):
            continue  # the phrase of a trade word nested in this one
        for c in prep.children:
            hit = _entity_in(c, index)
            if hit:
                return hit
    return None


def _trade_parties(tok: Token, index: _MentionIndex, d: Draft) -> list[str]:
    """Both sides of two-way trade: the places named in its phrase, else the event's."""
    found: list[str] = []
    for t in tok.subtree:
        hit = _entity_at_token(t, index)
        if hit and hit not in found and index.is_place(hit):
            found.append(hit)
    if len(found) < 2:
        found += [p for p in d.participants if index.is_place(p) and p not in found]
    return found


def _invested_country(d: Draft, parties: list[str], index: _MentionIndex) -> str | None:
    """Where an investment from a named country goes when its report names one other
    country: "Russian direct investments totaled $110 million" in a report of Russia and X
    is in X. The investor is the country modifying the investment or its subject
    ("Chinese investors plan to channel ...")."""
    heads = [d.trigger, *(c for c in d.trigger.children if c.dep_ in ("nsubj", "nsubjpass"))]
    investors = {
        k
        for h in heads
        for c in h.children
        if c.dep_ in ("amod", "compound", "nmod")
        and (k := index.country_at(c.idx)) is not None
        and index.is_country(k)
    }
    if len(investors) != 1:
        return None
    others = {k for k in parties if k not in investors and index.is_country(k)}
    return others.pop() if len(others) == 1 else None


def _investment_site(d: Draft, index: _MentionIndex) -> str | None:
    """Where an investment with no "in X" goes: the named site its sentence builds (a
    railway, a plant, a pass), else the place that owns what is built ("X's first
    plant") or that the money goes into ("investments into X's economy")."""
    trig = d.trigger.idx
    sites = [
        (abs(st - trig), k)
        for k, t, st in index.entities_in(d.sent.start_char, d.sent.end_char)
        if t == "FAC"
    ]
    if sites:
        return min(sites)[1]
    phrase = [d.trigger, *d.trigger.children]
    if d.trigger.dep_ == "pobj" and d.trigger.head.lower_ == "of":
        # "the influx of investments into X": the noun the investment is "of".
        phrase.append(d.trigger.head.head)
    phrase += [
        g
        for t in phrase
        if t.dep_ == "prep" and t.lower_ in ("of", "into", "to")
        for g in _objects(t)
    ]
    # The owner of what is built ("X's plant") or where the money goes ("into X's economy").
    owners = [
        o
        for t in phrase
        for c in t.children
        for o in (
            [c]
            if c.dep_ == "poss"
            else _objects(c)
            if (c.dep_, c.lower_) == ("prep", "into")
            else []
        )
    ]
    for o in owners:
        for t in [o, *(g for g in o.children if g.dep_ == "poss")]:
            hit = index.entity_at(t.idx)
            if hit and hit[1] in ("GPE", "LOC"):
                return hit[0]
    return None


def _objects(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj"]


def _signed_documents(tok: Token) -> bool:
    """Documents that are signed, in the plural or counted ("the exchange of documents",
    "exchanged 20 agreements"); letters or views exchanged are none."""
    return tok.lemma_.lower() in AGREEMENT_NOUNS and (
        tok.tag_ == "NNS" or any(c.dep_ == "nummod" for c in tok.children)
    )


def _of_objects(tok: Token) -> list[Token]:
    """The objects of a word's "of" ("the supply of goods", "the signing of 29 agreements")."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in _objects(c)]


def _entity_at_token(tok: Token, index: _MentionIndex) -> str | None:
    hit = index.entity_at(tok.idx)
    if hit and hit[1] in ("GPE", "ORG", "LOC"):
        return hit[0]
    for s, e, key in index.demonyms:
        if s <= tok.idx < e:
            return str(key)
    return None


def _entity_in(tok: Token, index: _MentionIndex) -> str | None:
    """The entity (or demonym country) a token or its phrase names."""
    for t in [tok, *tok.subtree]:
        if key := _entity_at_token(t, index):
            return key
    return None


def attribution(sent: Span, index: _MentionIndex) -> tuple[str | None, str | None]:
    """(speaker key, outlet key) from reporting verbs and "according to" in the sentence."""
    speaker = outlet = None
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in REPORT_VERBS:
            continue
        if lemma == "according":
            for t in tok.subtree:
                hit = index.entity_at(t.idx)
                if hit:
                    speaker = speaker or hit[0]
                    break
            continue
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                hit = index.entity_at(c.idx)
                if not hit:
                    for t in c.subtree:
                        hit = index.entity_at(t.idx)
                        if hit:
                            break
                if hit and lemma == "report" and hit[1] == "ORG":
                    outlet = outlet or hit[0]
                elif hit and hit[1] in ("PERSON", "ORG"):
                    speaker = speaker or hit[0]
    if speaker is None:
        speaker = index.quote_speaker(sent)
    return speaker, outlet


class _MentionIndex:
    """Entity mentions and demonyms of a document, by position."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.mentions = sorted(
            ((m.start, m.end, e.key, e.type) for e in analysis.result.entities for m in e.mentions),
            key=lambda x: x[0],
        )
        by_name = {e.name: e.key for e in analysis.result.entities}
        self.demonyms = [
            (s, e, by_name.get(c, c)) for s, e, c in analysis.scratch.get("demonyms", [])
        ]
        self.forums = {e.key for e in analysis.result.entities if e.type == "EVENT"}
        self.text = analysis.text

    def entities_in(self, s: int, e: int) -> list[tuple[str, str, int]]:
        return [(k, t, ms) for ms, me, k, t in self.mentions if s <= ms and me <= e]

    def demonyms_in(self, s: int, e: int) -> list[str]:
        return [k for ds, de, k in self.demonyms if s <= ds and de <= e]

    def country_at(self, pos: int) -> str | None:
        """The country a demonym or a country's name at this position names."""
        for ds, de, k in self.demonyms:
            if ds <= pos < de:
                return str(k)
        found = self.entity_at(pos)
        return found[0] if found is not None and found[1] == "GPE" else None

    def entity_at(self, pos: int) -> tuple[str, str] | None:
        for ms, me, k, t in self.mentions:
            if ms <= pos < me:
                return k, t
        return None

    def forums_in(self, sent: Span) -> list[str]:
        return [
            k
            for ms, me, k, t in self.mentions
            if t == "EVENT" and sent.start_char <= ms and me <= sent.end_char
        ]

    def places_named_in(self, key: str) -> list[str]:
        ent = self.analysis.result.entity(key)
        if ent is None or ent.type not in ("FAC", "EVENT") or "-" not in ent.name:
            return []
        from silkgraph.knowledge.gazetteer import get_gazetteer

        gaz = get_gazetteer()
        by_code = {
            str(e.attrs.get("code")): e.key
            for e in self.analysis.result.entities
            if e.attrs.get("code")
        }
        out = []
        for part in re.split(r"[-–]", ent.name.split()[0]):
            place = gaz.lookup(part)
            if place is not None and place.kind in ("country", "region"):
                out.append(by_code.get(place.code, place.name))
        return out

    def nearest_forum(self, sent: Span, pos: int) -> str | None:
        """The named event in the sentence closest to a position."""
        hits = [
            (abs(ms - pos), k)
            for ms, me, k, t in self.mentions
            if t == "EVENT" and sent.start_char <= ms and me <= sent.end_char
        ]
        return min(hits)[1] if hits else None

    def is_dateline(self, start: int) -> bool:
        """The mention is the dateline's place, or an agency credited there."""
        if any(s <= start < e for s, e in self.analysis.scratch.get("credits", ())):
            return True
        place = self.analysis.doc.dateline_place
        return (
            bool(place)
            and start < 40
            and self.text[start : start + len(place or "")].lower() == (place or "").lower()
        )

    def is_location_context(self, start: int) -> bool:
        before = self.text[max(0, start - 12) : start].lower()
        return bool(re.search(r"\b(?:in|at|to)\s+(?:the\s+)?[\"“'‘«]?$", before))

    def location_in(self, sent: Span) -> str | None:
        """The place a sentence puts things in: "in Kazan", "at ... in Urumqi"."""
        best = None
        for ms, me, k, t in self.mentions:
            if not (sent.start_char <= ms and me <= sent.end_char):
                continue
            if t not in ("GPE", "LOC", "FAC"):
                continue
            before = self.text[max(sent.start_char, ms - 40) : ms].lower()
            if re.search(r"\b(?:in|at)\s+(?:the\s+)?[\"“'‘«]?$", before) or re.search(
                r"\b(?:visit|visits|visited|visiting|trip|travelled|traveled|arrived)"
                r"(?:\s+to|\s+in)?\s+(?:the\s+)?(?:city\s+of\s+)?$",
                before,
            ):
                place_kind = self._place_kind(k)
                if best is None or place_kind == "city":
                    best = k
        return best

    def venue_in(self, sent: Span) -> str | None:
        """A building that hosts a gathering, named as an organisation is: "talks in the
        Kremlin", "a ceremony at the White House". Only where "in the" or "at the" stands
        right before it and no word of an organisation's name is in it (not "in the
        Ministry of Trade")."""
        for ms, me, k, t in self.mentions:
            if t != "ORG" or not (sent.start_char <= ms and me <= sent.end_char):
                continue
            before = self.text[max(sent.start_char, ms - 12) : ms].lower()
            name = self.text[ms:me].lower().split()
            if re.search(r"\b(?:in|at)\s+the\s+$", before) and not ORG_WORDS.intersection(name):
                return k
        return None

    def host_in(self, sent: Span) -> str | None:
        """The place that hosts what a sentence tells: "Astana hosted the talks"."""
        for tok in sent:
            if tok.lemma_.lower() != "host" or tok.pos_ != "VERB":
                continue
            for c in tok.children:
                if c.dep_ in ("nsubj", "agent"):
                    hit = self.entity_at(c.idx)
                    if hit and hit[1] in ("GPE", "LOC", "FAC"):
                        return hit[0]
        return None

    def names_a_party(self, sent: Span, keys: list[str]) -> bool:
        """One of the keys is a person, organisation or country the sentence names (not
        one a demonym or the sentence before supplies)."""
        return any(
            k in keys and t in ("PERSON", "ORG", "GPE")
            for k, t, _ in self.entities_in(sent.start_char, sent.end_char)
        )

    def is_country(self, key: str) -> bool:
        """A country, by the gazetteer's kind of place or as a demonym's country."""
        ent = self.analysis.result.entity(key)
        if ent is not None:
            return ent.type == "GPE" and self._place_kind(key) == "country"
        return any(k == key for _, _, k in self.demonyms)

    def is_person(self, key: str) -> bool:
        ent = self.analysis.result.entity(key)
        return ent is not None and ent.type == "PERSON"

    def is_place(self, key: str) -> bool:
        """A country or region, by entity type or as a demonym's country name."""
        ent = self.analysis.result.entity(key)
        if ent is not None:
            return ent.type in ("GPE", "LOC")
        return any(k == key for _, _, k in self.demonyms)

    def country_of(self, key: str) -> list[str]:
        """The country a city or region lies in, as this document's entity where it has one."""
        ent = self.analysis.result.entity(key)
        if ent is None or ent.attrs.get("place_kind") == "country" or not ent.attrs.get("country"):
            return []
        code = str(ent.attrs["country"])
        for other in self.analysis.result.entities:
            if other.attrs.get("code") == code and other.attrs.get("place_kind") == "country":
                return [other.key]
        from silkgraph.knowledge.gazetteer import get_gazetteer

        place = get_gazetteer().country(code)
        return [place.name] if place is not None else []

    def recent_countries(self, analysis: Analysis, sent: Span, n: int) -> list[str]:
        """The last n distinct countries named in the three sentences before this one."""
        start = sent.start
        for _ in range(3):
            if start == 0:
                break
            start = analysis.nlp[start - 1].sent.start
        lo, hi = analysis.nlp[start].idx, sent.start_char
        found = [
            (ms, k)
            for ms, me, k, t in self.mentions
            if lo <= ms and me <= hi and t == "GPE" and self._place_kind(k) == "country"
        ]
        found += [(ds, k) for ds, de, k in self.demonyms if lo <= ds and de <= hi]
        out: list[str] = []
        for _, k in sorted(found, reverse=True):
            if k not in out:
                out.append(k)
            if len(out) == n:
                break
        return out

    def demonym_positions(self) -> list[tuple[int, str]]:
        return [(ds, k) for ds, _, k in self.demonyms]

    def _place_kind(self, key: str) -> str | None:
        ent = self.analysis.result.entity(key)
        return str(ent.attrs.get("place_kind")) if ent and ent.attrs else None

    def quote_speaker(self, sent: Span) -> str | None:
        """For a sentence inside a quotation, the person the quote is attributed to."""
        text = self.text
        if not re.search(r"[“\"]", text[max(0, sent.start_char - 2) : sent.end_char + 2]):
            return None
        tail = text[sent.end_char : sent.end_char + 120]
        m = re.match(r"[^.]{0,40}?\b(?:said|noted|stressed|added|emphasized)\s+([A-Z][\w-]+)", tail)
        if m:
            hit = self.entity_at(sent.end_char + m.start(1))
            if hit:
                return hit[0]
        return None


# No event counts a million things: "plant one billion trees" is a campaign's goal, not
# the number of projects or documents an agreement or investment is made of.
MAX_COUNT = 1_000_000


def _headline_end(text: str) -> int:
    """Where an opening headline ends: the first line, where it ends with no full stop and
    the next line does not go on with its sentence (prose wrapped at a fixed width breaks
    mid-sentence: "signed $2\\nbillion in deals"); 0 where the text opens with prose."""
    line, brk, rest = text.partition("\n")
    stripped = line.strip()
    if not brk or not stripped or stripped[-1] in '.!?"\u201d,;:-':
        return 0
    after = rest.split("\n", 1)[0].strip()
    if after and not (after[0].isupper() or after[0] in "\"\u201c'\u2018("):
        return 0
    return len(line)


def merge_within(drafts: list[Draft], headline_end: int = 0, year: str = "") -> list[Draft]:
    """Merge reports of one event in one document (same type, compatible arguments).

    A headline tells the article's news without its date ("X and Y hold talks in
    Beijing"): its reports are joined last, and never to one dated in another year than
    the article's (an earlier visit the body recalls), which they would otherwise take in
    as the first compatible report.
    """
    heads = [d for d in drafts if d.sent.start_char < headline_end]
    if heads and len(heads) < len(drafts):
        drafts = [d for d in drafts if d.sent.start_char >= headline_end] + heads
    head_ids = {id(d) for d in heads}

    def same(a: Draft, b: Draft) -> bool:
        if year and (id(a) in head_ids) != (id(b) in head_ids):
            other = b if id(a) in head_ids else a
            if other.date and other.date[:4] != year and not other.date.startswith("--"):
                return False
        return _same(a, b)

    out: list[Draft] = []
    for d in drafts:
        for o in out:
            if same(o, d) or (d.learned and _compatible(o, d)):
                _absorb(o, d)
                break
        else:
            out.append(d)
    # A report that joined one event may now tell that a report kept apart before is the
    # same one ("the state visit" dated by "talks on Friday" and then "the talks"): again,
    # until nothing joins.
    # Each pass is quadratic in the article's events and a pass that joins nothing ends it
    # (two passes in practice).
    joined = True
    while joined:
        joined = False
        i = 0
        while i < len(out):
            j = i + 1
            while j < len(out):
                if same(out[i], out[j]):
                    _absorb(out[i], out.pop(j))
                    joined = True
                else:
                    j += 1
            i += 1
    return out


def _compatible(a: Draft, b: Draft) -> bool:
    """Nothing tells two reports of one type apart: a mention found by the learned model
    (no rule fired) most often refers back to the event already reported ("the forum",
    "the talks"), so it joins it unless its date, place, sum, count or goods differ."""
    if a.type != b.type:
        return False
    if a.type == "FORUM" and a.forum and b.forum and a.forum != b.forum:
        return False
    return not _conflict(a, b)


def _coop_field(tok: Token) -> frozenset[str]:
    """The fields a cooperation's own word names: "energy cooperation", "cooperation in
    transport and logistics", "industrial and medical cooperation" (none for "bilateral
    cooperation" or "cooperation in all areas"). Only the word cooperation's own: "joint
    projects in energy" tell what a cooperation does, not which one it is."""
    if tok.lemma_.lower() not in COOP_NOUNS:
        return frozenset()
    named = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod")]
    named += [
        g
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in ("in", "on")
        for g in _objects(c)
        if g.lemma_.lower() not in FIELD_CONTAINERS
    ]
    words = [w for t in named if _a_field_word(t) for w in (t, *_conj_children(t))]
    return frozenset(w.lemma_.lower() for w in words if _a_field_word(w))


def _conj_children(tok: Token) -> list[Token]:
    return [g for g in tok.children if g.dep_ == "conj"]


def _a_field_word(tok: Token) -> bool:
    return tok.lower_ not in GENERIC_MODIFIERS and tok.ent_type_ not in (
        "GPE", "NORP", "ORG", "PERSON", "DATE",
    )  # fmt: skip


def _conflict(a: Draft, b: Draft) -> bool:
    if a.type == b.type == "COOPERATION" and a.fields and b.fields and not a.fields & b.fields:
        return True  # "energy cooperation" and "cooperation in medicine": two threads
    if a.follows is not None or b.follows is not None:
        return True  # a second figure is not the first, nor what the first refers back to
    if (a.pair and b.countries - a.pair) or (b.pair and a.countries - b.pair):
        return True  # China-US trade is no figure of China and Russia
    if a.period and b.period:
        # Two figures are told apart by the periods they count, not the release days.
        if a.period != b.period:
            return True
    elif (
        a.date
        and b.date
        and not _same_day(a.date, b.date)
        and not (a.type == "MEETING" and (a.date_guessed or b.date_guessed))
    ):
        return True
    if a.location and b.location and a.location != b.location and not _within(a, b):
        return True
    if a.type == "MEETING" and set(a.persons) - set(b.persons) and set(b.persons) - set(a.persons):
        return True  # "met Xi" and "met Li": each has someone at the table the other lacks
    if (
        a.amount_usd
        and b.amount_usd
        and abs(a.amount_usd - b.amount_usd) > 0.02 * max(a.amount_usd, b.amount_usd)
    ):
        return True
    if a.count and b.count and not _counts_agree(a, b):
        return True
    if _other_direction(a, b):
        return True
    if a.modality != b.modality and "target" in (a.modality, b.modality):
        return True
    return bool(a.commodities and b.commodities and not set(a.commodities) & set(b.commodities))


# What makes a number a floor: "more than 20", "over 20", "at least 20".
_FLOOR = re.compile(
    r"\b(?:more\s+than|over|at\s+least|above|upwards\s+of|in\s+excess\s+of|exceeding)\s+$",
    re.I,
)


def _counts_agree(a: Draft, b: Draft) -> bool:
    """Two counts of one thing: equal, or one a floor ("more than 20") the other reaches."""
    if a.count == b.count:
        return True
    low = a if (a.count or 0) < (b.count or 0) else b
    return low.count_floor


def _same_day(a: str, b: str) -> bool:
    """Two dates of one day, one of them perhaps without its year ("--05-27", "2024-05-27")."""
    if a.startswith("--") != b.startswith("--"):
        full, bare = (b, a) if a.startswith("--") else (a, b)
        return len(full) >= 10 and len(bare) == 7 and full[5:10] == bare[2:7]
    return a[:10] == b[:10]


def _within(a: Draft, b: Draft) -> bool:
    """One visit's place lies in the other's: "in Tashkent" and "to Uzbekistan" (a package
    of agreements signed in a country's capital and one signed in the country are more
    often two)."""
    if a.type != "MEETING":
        return False
    return a.location_in == b.location or b.location_in == a.location


def _other_direction(a: Draft, b: Draft) -> bool:
    """Two flows of goods to (or from) different countries: "exported wine to X" and "to Y"."""
    return bool(
        (a.importer and b.importer and a.importer != b.importer)
        or (a.exporter and b.exporter and a.exporter != b.exporter)
    )


def _same(a: Draft, b: Draft) -> bool:
    if a.type != b.type:
        return False
    if a.type == "FORUM":
        if a.forum and b.forum:
            return a.forum == b.forum
        return bool(a.location and a.location == b.location) or not (a.forum or b.forum)
    if _conflict(a, b):
        return False
    if (
        a.type == "AGREEMENT"
        and _titled(a.trigger)
        and _titled(b.trigger)
        and a.trigger.lower_ != b.trigger.lower_
    ):
        # "the Joint Declaration" and "the Joint Statement" are two documents.
        return False
    if a.type == "AGREEMENT" and _other_document(a, b):
        return False
    if a.type == "INVESTMENT" and (_stage(a) or _stage(b)) and _stage(a) != _stage(b):
        # The second stage of a project is not its first, nor the project as a whole.
        return False
    if _refers_back(a, b):
        return True
    pa, pb = set(a.participants), set(b.participants)
    if a.amount_usd and b.amount_usd and a.period and a.period == b.period and pa & pb:
        # The same sum for the same period, given twice ("$240 billion" and "$240.1 billion").
        return True
    if a.type == "MEETING":
        if _both_visits(a, b) and pa & pb:
            # One article tells of one visit by its visitor: "the state visit" again.
            return True
        return len(pa & pb) >= 2 or (bool(pa & pb) and a.date == b.date and a.date is not None)
    if not pa or not pb:
        return False
    if a.type == "COOPERATION" and a.modality == b.modality:
        # Within one article, cooperation of the same actors is one thread of the story.
        return bool(pa & pb)
    if abs(b.sent.start - a.sent.end) <= 1 and pa & pb and a.type != "AGREEMENT":
        # The next sentence goes on about the same thing ("... has commissioned the plant").
        return True
    return pa <= pb or pb <= pa or len(pa & pb) >= 2


# Words of approximation between a comparison and its sum ("up from about $38 billion").
_APPROX_WORDS = frozenset(("about", "around", "some", "nearly", "almost"))
COMPARED_BEFORE = re.compile(
    r"\b(?:from|compared\s+(?:with|to)|versus|vs\.?|against|than|over)\s+"
    rf"(?:(?:{'|'.join(sorted(_APPROX_WORDS))})\s+)?$",
    re.IGNORECASE,
)
COMPARED_AFTER = re.compile(
    r"^\)?\s*(?:a\s+year\s+(?:earlier|ago|before)|the\s+year\s+before|"
    r"in\s+the\s+same\s+period\s+(?:of\s+)?last\s+year)",
    re.IGNORECASE,
)


def _trading_pair(tok: Token, index: _MentionIndex) -> set[str]:
    """The countries a trade word is bound to: "trade between X and Y", "X's trade with Y",
    "X-Y trade" (none where the sentence only names them)."""
    spans: list[tuple[int, int]] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "with"):
            spans.append((c.idx, c.right_edge.idx + len(c.right_edge)))
        elif c.dep_ in ("poss", "compound", "amod", "nmod"):
            spans.append((c.left_edge.idx, c.right_edge.idx + len(c.right_edge)))
    found: set[str] = set()
    for lo, hi in spans:
        found.update(k for k, _, _ in index.entities_in(lo, hi) if index.is_country(k))
        found.update(k for k in index.demonyms_in(lo, hi) if index.is_country(k))
    return found


_CHANGE_NOUNS = frozenset(("growth", "increase", "rise", "decline", "drop", "fall", "jump"))


def _trade_change_noun(tok: Token, first: Draft) -> bool:
    """ "a 20% increase in trade last year, ..., and an almost 40% growth in the first three
    months": a change told as a noun, with a figure of its own, beside the first one (its
    own period is checked by the caller)."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _CHANGE_NOUNS:
        return False
    if tok.i in {t.i for t in first.trigger.subtree} or first.trigger.i in {
        t.i for t in tok.subtree
    }:
        return False  # the first figure's own change ("a rise in trade", "trade growth")
    return any(t.ent_type_ in ("PERCENT", "MONEY") for t in tok.subtree)


_FURTHER = frozenset(("another", "further", "additional"))


def _a_further_change(verb: Token) -> bool:
    """ "and increased a further 17%", "expanded by another 17%": a change told as one
    more, with its own figure, whatever period it names."""
    return any(
        t.lower_ in _FURTHER and any(s.ent_type_ == "PERCENT" for s in t.head.subtree)
        for t in verb.subtree
    )


def _clause(tok: Token) -> Token | None:
    """The complement clause ("said that ...") holding a token, or None: the main one."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ == "ccomp":
            return t
        t = t.head
    return None


def _date_of_another_clause(doc: Doc, start: int, trigger: Token, etype: str) -> bool:
    """A date of the sentence that is not the event's, told across a clause of saying:
    - a gathering's date inside what someone said there ("Speaking during talks in
      Lima, he stated that trade reached a record last year");
    - a figure's in the clause of the reporting verb, the figure inside what it reported
      ("In March, the ministry reported that construction would cost $1.6 billion",
      "Russia said on Tuesday it had signed an agreement to build a pipeline")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span) or span[0].sent != trigger.sent:
        return False
    if _in_an_earlier_or_later_event(span[0], trigger):
        return True
    if etype not in FIGURE_TYPES:
        own = _clause(span[0])
        return (
            own is not None
            and own.head.lemma_.lower() in REPORT_VERBS
            and not own.left_edge.i <= trigger.i <= own.right_edge.i
        )
    said = _clause(trigger)
    return (
        said is not None and _clause(span[0]) is None and said.head.lemma_.lower() in REPORT_VERBS
    )


def _months_of_one_year(date: TimeExpr) -> bool:
    """A span of months within one named year ("January-July 2018")."""
    return (
        date.precision == "month"
        and bool(date.end_value)
        and not date.value.startswith("--")
        and year_of(date.value) == year_of(date.end_value)
    )


def _years_long(date: TimeExpr) -> bool:
    """A span of years ("a programme for 2022-2025"): what a plan or a figure covers, never
    when a meeting, gathering or signing took place."""
    first, last = year_of(date.value), year_of(date.end_value)
    return first is not None and last is not None and last > first


def _in_an_earlier_or_later_event(tok: Token, trigger: Token) -> bool:
    """A date inside a clause that places another event before or after this one, which
    the trigger is not part of: "received him on Wednesday, after the two nations upgraded
    their relations in September 2022"."""
    t = tok
    while not t.left_edge.i <= trigger.i <= t.right_edge.i:
        if t.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "mark" and c.lower_ in OTHER_EVENT_MARKS for c in t.children
        ):
            return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


# Subordinators of a clause that tells another event, before or after the one told.
OTHER_EVENT_MARKS = WORDS.set("other_event_marks")


def _verb_of(tok: Token) -> Token | None:
    """The verb a word hangs from (the word itself where it is one)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX"):
        if t.head.i == t.i:
            return None
        t = t.head
    return t


def _clause_tokens(verb: Token) -> set[int]:
    """A verb's own clause: its subtree without the clauses coordinated with it or
    reported by it ("trade reached $5 billion, and the leaders set a target")."""
    out = {t.i for t in verb.subtree}
    for c in verb.children:
        if c.dep_ in ("conj", "ccomp", "parataxis") and c.pos_ in ("VERB", "AUX"):
            out -= {t.i for t in c.subtree}
    return out


def _figure_of_its_own(trade: Token, target: Token) -> bool:
    """A trade figure told in a clause of its own beside a target ("Trade stood at $9.1
    billion in 2021, ... and officials speak of a $20 billion target"): two events. A
    figure inside the target's clause ("to raise trade to $10 billion") is the target's."""
    verb = _verb_of(trade)
    if verb is None or verb == _verb_of(target):
        return False
    own = _clause_tokens(verb)
    return target.i not in own and any(
        trade.doc[i].ent_type_ == "MONEY" and trade.doc[i].i > trade.i for i in own
    )


def _later_clauses(d: Draft) -> list[tuple[int, int]]:
    """The character spans of the change verbs coordinated after the figure's own
    ("grew 13.6% last year ... and expanded by another 17% from January to September"):
    what they date is the later figure's period, not this one's."""
    return [
        (tok.idx, tok.right_edge.idx + len(tok.right_edge))
        for tok in d.sent
        if tok.i > d.trigger.i
        and _coordinated_change(tok)
        and d.trigger.i not in {t.i for t in tok.subtree}
    ]


def _coordinated_change(tok: Token) -> bool:
    """A change verb coordinated with one that tells how trade changed ("turnover grew
    ... and expanded by another 17%")."""
    return (
        tok.pos_ == "VERB"
        and tok.dep_ == "conj"
        and tok.lemma_.lower() in CHANGE_VERBS
        and _changes_trade(tok.head)
    )


def _changes_trade(verb: Token) -> bool:
    """The verb, or one of the two above it, tells how trade changed: its subject is, or
    holds, a trade word ("turnover grew", "trade volume growing ... to reach")."""
    t = verb
    for _ in range(3):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and any(
                g.lemma_.lower() in TRADE_NOUNS for g in c.subtree
            ):
                return True
        if t.head.i == t.i:
            break
        t = t.head
    return False


def _own_amounts(amounts: list[Amount], text: str) -> list[Amount]:
    """The sums that are the event's own, not the figures it is compared with.

    Why: "reached $44 billion, up from $38 billion in 2023" reports $44 billion, and the
    figure nearest the trigger may be the earlier one.
    """
    own = [a for a in amounts if not _compared(a, text)]
    return own or amounts


def _compared(a: Amount, text: str) -> bool:
    """A sum given as what another is compared with ("up from $38 billion")."""
    return bool(
        COMPARED_BEFORE.search(text[max(0, a.start - 30) : a.start])
        or COMPARED_AFTER.search(text[a.end : a.end + 40])
    )


# Events told by a figure, whose sentence may name the figure it is compared with.
FIGURE_TYPES = frozenset(("TRADE", "TARGET", "INVESTMENT"))
COMPARED_PERIOD = re.compile(
    r"\b(?:(?:up|down|rose|fell|grew|increased?|decreased?|growth|rise|drop)\s+(?:\S+\s+){0,3}"
    r"from|compared\s+(?:with|to)|versus|vs\.?|than)\s+(?:the\s+same\s+period\s+(?:of\s+)?|"
    r"in\s+)?$",
    re.IGNORECASE,
)


def _compared_period(date: TimeExpr, text: str, amounts: list[Amount]) -> bool:
    """The period of the figure a sum is compared with ("up from $240 billion in 2023",
    "compared to 2022", "fell for the first time since 2019"), not the period of the sum
    reported."""
    before = text[max(0, date.start - 40) : date.start]
    if COMPARED_PERIOD.search(before) or FIRST_SINCE.search(before):
        return True
    return any(
        a.end <= date.start and date.start - a.end <= 5 and _compared(a, text) for a in amounts
    )


# "the first drop since 2019", "its highest level since 2014": the year a record is
# counted from (``record_words``).
FIRST_SINCE = re.compile(
    rf"\b(?:{'|'.join(sorted(WORDS.set('record_words')))})\b[^.;:]{{0,30}}\bsince\s+$",
    re.IGNORECASE,
)


def _both_visits(a: Draft, b: Draft) -> bool:
    return (
        a.trigger.lemma_.lower() in VISIT_WORDS
        and b.trigger.lemma_.lower() in VISIT_WORDS
        and a.trigger.pos_ == b.trigger.pos_ == "NOUN"
    )


def _document(d: Draft) -> tuple[str, bool, str | None] | None:
    """What an agreement's report says was signed: the document's noun, whether it is a lot
    of documents ("fifteen documents", "a package of agreements") and its determiner ("a",
    "the"), or None where the report names no document."""
    tok = d.trigger
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PROPN") or lemma not in SIGNED_THINGS | AGREEMENT_NOUNS:
        found = [
            c
            for c in tok.children
            if c.dep_ in ("dobj", "nsubjpass", "nsubj") and c.lemma_.lower() in DOCUMENT_NOUNS
        ]
        if not found and tok.dep_ in ("amod", "acl") and tok.head.lemma_.lower() in DOCUMENT_NOUNS:
            found = [tok.head]  # "fifteen signed documents", "documents signed by"
        if not found and tok.pos_ == "NOUN":
            # "the exchange of more than 20 documents", "the signing of a memorandum"
            found = [g for g in _of_objects(tok) if g.lemma_.lower() in DOCUMENT_NOUNS]
        if not found:
            return None
        tok = found[0]
    kids = list(tok.children)
    det = next((c.lower_ for c in kids if c.dep_ in ("det", "poss")), None)
    if det is None and any(c.dep_ in ("nummod", "amod") and c.like_num for c in kids):
        det = "a"
    lot = _a_lot(tok)
    if any(c.dep_ == "amod" and c.lower_ in ("other", "another", "further") for c in kids):
        det = "another"
    return tok.lemma_.lower(), lot, det


_DEFINITE = frozenset(("the", "this", "these", "that", "those", "its", "their", "such"))


def _measure(tok: Token) -> str | None:
    """ "two-way" for trade as a whole ("trade", "turnover"), "one-way" for a flow
    ("exports", "imports", "supplies"): China-Russia trade and China's exports to Russia
    are two figures, however alike their sentences."""
    lemma = tok.lemma_.lower()
    if lemma in TWO_WAY_WORDS or _both_ways(tok):
        return "two-way"
    if lemma in FLOW_WORDS:
        return "one-way"
    return None


def _document_kind(d: Draft) -> str | None:
    """ "lot" where an agreement's report names a lot of documents ("signed 15 documents",
    "the signing of 29 agreements"), "single" where it names one, else None: a package and
    a statement signed the same day are two events wherever they are reported."""
    found = _document(d)
    if found is not None:
        return "lot" if found[1] else "single"
    if d.trigger.pos_ != "NOUN":
        return None
    papers = SIGNED_THINGS | AGREEMENT_NOUNS
    of = [g for g in _of_objects(d.trigger) if g.lemma_.lower() in papers]
    if not of:
        return None
    return "lot" if _a_lot(of[0]) else "single"


def _a_lot(tok: Token) -> bool:
    """A document noun that names many: a plural, or a set ("a package of ...")."""
    return tok.tag_ in ("NNS", "NNPS") or tok.lemma_.lower() in DOCUMENT_SETS


def _other_document(a: Draft, b: Draft) -> bool:
    """Two signings that name different documents are two agreements: "signed a joint
    statement" and "fifteen documents were also signed"; a later report that introduces its
    document anew ("an agreement", "several other documents") is not the earlier one, one
    that points back ("the agreement") may be."""
    da, db = _document(a), _document(b)
    if (da is None) != (db is None) and a.sent.start != b.sent.start:
        # A signing and, in another sentence, a change of status told with no document.
        return _raises_status((a if da is None else b).trigger)
    if da is None or db is None:
        return False
    b_later = b.sent.start >= a.sent.start
    later = db if b_later else da
    if later[2] in _DEFINITE:
        return False
    if later[2] == "another":
        return True
    if da[1] != db[1]:
        return True
    if later[2] in ("a", "an") and _additive(*((b, a) if b_later else (a, b))):
        return True  # "the ministers also signed an agreement with ..."
    return not da[1] and da[0] != db[0] and later[2] in ("a", "an")


def _additive(later: Draft, earlier: Draft) -> bool:
    """A signing told with "also" ("also signed", "were also signed") that does not name
    the earlier document's topic again ("also signed an agreement on trade" after "an
    agreement on trade" is another party to it, or the same one retold)."""
    verb = later.trigger if later.trigger.pos_ in ("VERB", "AUX") else later.trigger.head
    if not any(c.dep_ == "advmod" and c.lower_ in ADDITIVE_WORDS for c in verb.children):
        return False
    return not _document_topic(later) & _document_topic(earlier)


def _document_topic(d: Draft) -> set[str]:
    """What the document a signing names is about: the words after its "on", "in" or
    "for" ("an agreement on trade and transport": trade, transport)."""
    tok = d.trigger
    if tok.lemma_.lower() not in DOCUMENT_NOUNS:
        tok = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in DOCUMENT_NOUNS
            ),
            tok,
        )
    return {
        g.lemma_.lower()
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in ("on", "in", "for", "about")
        for o in _objects(c)
        for g in (o, *_conj_children(o))
    }


def _titled(tok: Token) -> bool:
    """A document named by its title ("Joint Statement"), not a common noun."""
    return tok.pos_ == "PROPN" and tok.is_title


def _definite_noun(d: Draft) -> str | None:
    """The noun a trigger speaks of with "the" or "this" ("commissioned the plant")."""
    tok = d.trigger
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for t in [tok, *objects, tok.head]:
        if t.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in t.children
        ):
            return t.lemma_.lower()
    # A subject points back only with a demonstrative: "this project will build ...".
    for c in tok.children:
        if c.dep_ == "nsubj" and any(
            g.dep_ == "det" and g.lower_ in ("this", "these") for g in c.children
        ):
            return c.lemma_.lower()
    return None


def _refers_back(a: Draft, b: Draft) -> bool:
    """A later sentence that speaks of "the plant" goes on about the plant just reported."""
    if a.type not in ("INVESTMENT", "AGREEMENT") or b.sent.start < a.sent.end:
        return False
    if b.sent.start - a.sent.end > REFER_BACK_TOKENS:
        return False
    noun = _definite_noun(b)
    return noun is not None and noun in {t.lemma_.lower() for t in a.sent}


def _absorb(a: Draft, b: Draft) -> None:
    a.exporter = a.exporter or b.exporter
    a.importer = a.importer or b.importer
    seen = {(f.kind, f.start) for f in a.flows}
    a.flows += [f for f in b.flows if (f.kind, f.start) not in seen]
    a.participants = list(dict.fromkeys(a.participants + b.participants))
    a.persons = list(dict.fromkeys(a.persons + b.persons))
    if not a.location or (b.location and a.location == b.location_in):
        a.location, a.location_in = b.location, b.location_in  # the nearer place
    if b.date and (not a.date or (a.date_guessed and not b.date_guessed)):
        a.date, a.end_date, a.date_guessed = b.date, b.end_date, b.date_guessed
    a.period = a.period or b.period
    a.pair = a.pair or b.pair
    a.countries = a.countries | b.countries
    a.amount_usd = a.amount_usd or b.amount_usd
    if b.count and (not a.count or (a.count_floor and not b.count_floor)):
        # The exact count over a floor: "more than 20 documents" and "27 agreements".
        a.count, a.count_unit, a.count_floor = b.count, b.count_unit, b.count_floor
    a.commodities = list(dict.fromkeys(a.commodities + b.commodities))
    a.speaker = a.speaker or b.speaker
    a.outlet = a.outlet or b.outlet
    a.forum = a.forum or b.forum
