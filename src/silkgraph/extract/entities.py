"""Entities: people, organisations, places and named events, with all their mentions.

spaCy's NER proposes spans; this component cleans them ("the", possessives, titles,
stray acronyms), corrects their types with the gazetteer and general noun classes,
adds what the model misses (datelines, acronyms defined in the text, quoted and
capitalised event names), and groups the mentions of one thing under one canonical
name: surnames joined to the full name, acronyms to what they stand for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

import pycountry
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from silkgraph.extract.amounts import PATTERN as MONEY_PATTERN
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.gazetteer import Gazetteer, Place, get_gazetteer, norm
from silkgraph.knowledge.lexicon import (
    EVENT_NOUNS,
    GENERIC_WORDS,
    MONTHS,
    NAME_LINKS,
    ORDINAL_WORDS,
    ORG_WORDS,
    PREPOSITIONS,
    REGION_SUFFIXES,
    STRONG_EVENT_NOUNS,
    TITLE_HEADS,
    TITLES,
)
from silkgraph.model import Entity, Mention, make_id

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "NORP"}
_LEAD_STRIP = re.compile(r"^(?:(?:the|The|THE|a|an)\s+|(?:Mr|Mrs|Ms|Mme)\.?\s+(?=[A-Z]))")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_ORDINAL = re.compile(r"^(?:\d+(?:st|nd|rd|th)|[A-Za-z]+)\s+", re.I)
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9}[A-Z])\s*\)")
_QUOTED_EVENT = re.compile(
    r"[“\"]([^”\"\n]{3,120})[”\"]\s+(" + "|".join(sorted(STRONG_EVENT_NOUNS)) + r")\b", re.I
)
# A capitalised word; a dot inside or after initials ("U.S."), not a sentence's full stop.
_CAP = r"[A-Z][\w’'&.–-]*(?<![a-z]{2}\.)"
_CAP_WORD = r"(?:" + _CAP + r"|of|and|for|on|the|de)"
# "X Forum on Interregional Cooperation": a capitalised tail after "on", "for" or "of" is
# part of the name.
_EVENT_TAIL = r"(?:\s+(?:on|for|of)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})?"
_EVENT_NAME = re.compile(
    r"\b((?:\d+(?:st|nd|rd|th)\s+)?(?:" + _CAP + r"\s+)(?:" + _CAP_WORD + r"\s+){0,6}"
    r"(?:Forum|Expo|EXPO|Exhibition|Summit|Conference|Fair|Congress|Festival|Symposium)"
    + _EVENT_TAIL
    + r")\b"
)
_HYPHEN_EVENT = re.compile(
    r"\b([A-Z][\w’']+(?:-[A-Z][\w’']+)+(?:\s+(?:international|annual|regional))?\s+"
    r"(?:forum|expo|exhibition|summit|conference|fair|congress|festival)"
    # "... forum on interregional cooperation": what it is about belongs to its name
    r"(?:\s+(?:on|for)\s+(?:[a-z]+\s+){0,2}"
    r"(?:cooperation|investment|trade|development|partnership|connectivity))?)\b"
)
# "Forum of Regions": a gathering named by its noun and what it gathers.
_OF_EVENT = re.compile(
    r"\b((?:Forum|Summit|Congress|Conference) of (?:the )?[A-Z][\w’'-]+"
    r"(?: (?:and )?[A-Z][\w’'-]+){0,3})\b"
)
_IN_PLACE = re.compile(r"\s+in\s+([A-Z][\w’'-]+)\b")
_HYPHEN_FACILITY = re.compile(
    r"\b([A-Z][\w’']+(?:[-–][A-Z][\w’']+)+(?:\s+(?:gas|oil|rail|railway|transport))?\s+"
    r"(?:railway|railroad|pipeline|highway|corridor|bridge|road|canal|line))\b"
)
# "the X-Y Industrial Park", "the X-Y Railway Express": a title-case facility named by the
# places it joins.
_HYPHEN_FACILITY_NAME = re.compile(
    r"\b([A-Z][\w’']+(?:[-–][A-Z][\w’']+)+(?:\s+[A-Z][a-z]+){0,2}\s+"
    r"(?:Park|Zone|Railway|Railroad|Pipeline|Highway|Corridor|Bridge|Express|Canal))\b"
)
# "the Power of Siberia 2 pipeline", "the Soyuz Vostok transit pipeline": a capitalised name
# before a facility noun names the facility.
_NAMED_FACILITY = re.compile(
    r"\bthe\s+(?:[a-z]+\s+){0,2}((?:[A-Z][\w’'-]*)(?:\s+(?:of|the|[A-Z][\w’'-]*|\d+))*?)\s+"
    r"(?:(?:gas|oil|transit|trunk|rail|railway|transport|power)\s+)?"
    r"(?:pipeline|railway|railroad|highway|canal|bridge|tunnel|port)\b"
)
# "the “Malay” gas field": a quoted name before a site noun names the site.
_QUOTED_SITE = re.compile(
    r"[“\"]([A-Z][\w’' -]{1,40})[”\"]\s+(?:[a-z]+\s+)?"
    r"(?:field|deposit|mine|area|plant|station|terminal|port)\b"
)
# "KazanForum": a gathering named in one word.
_CLOSED_EVENT = re.compile(r"\b([A-Z][a-z]+(?:Forum|Expo|EXPO|Summit))\b")
_AGENCY_TAIL = re.compile(r"\s+(?:state\s+)?(?:news|press|information)\s+agency$")
# "URUMQI, July 22 (Xinhua) --": a dateline opening a later line names a place and an agency.
_INNER_DATELINE = re.compile(
    r"(?m)^([A-Z][A-Z’'.-]+(?: [A-Z][A-Z’'.-]+){0,2}),\s+(?:"
    + "|".join(sorted({m[:3].title() for m in MONTHS}))
    + r")[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\(([A-Z][\w .&-]{1,30})\))?\s*[—–-]+"
)
# Lines that credit a picture or invite readers to a social network name no actor of the story.
_BOILERPLATE_LINE = re.compile(
    r"(?im)\(\s*(?:photo|image|picture)s?(?:\s+credit)?\s*(?:by|:)[^\n)]*\)"
    r"|^[ \t]*(?:photo|image|picture)s?(?:\s+credit)?\s*(?:by|:)[^\n]{0,80}$"
    r"|^[ \t]*(?:follow|like|subscribe to|join)\b[^\n]{0,60}\b(?:on|at|via)\s+"
    r"(?:twitter|facebook|telegram|instagram|youtube|x|linkedin|vk)\b[^\n]*$"
)
# "X news agency", "X reported": the name before is an outlet's.
_AGENCY_AFTER = re.compile(
    r"\s+(?:(?:state|official)\s+)?(?:news\s+agency|news\s+service|agency|newspaper)\b"
)
_REPORT_VERBS = frozenset({"reports", "reported", "reporting"})

# Wire copy credits its agency by typographic convention: "MOSCOW, May 14. /AGENCY/.",
# "CITY (Outlet / Agency - 19th May, 2021)", a closing "-Agency", "an Agency correspondent".
_CITY = r"[A-Z][A-Z’'.-]+(?: [A-Z][A-Z’'.-]+){0,2}"
_SLASH_CREDIT = re.compile(
    rf"(?m)^{_CITY},\s+[A-Z][a-z]+\.?\s+\d{{1,2}}\.?\s*/\s*([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){{0,3}})\s*/"
)
# The day a dateline may give between its place and the credit: "Sept. 3", "5 December 2024",
# "03.09.2024".
_WIRE_DAY = (
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
    r"(?:,?\s+\d{4})?"
)
# "CITY (Agency) -", "CITY, Sept. 3 (Agency) --", "City, 5 December 2024 (Agency) -".
_PAREN_CREDIT = re.compile(
    rf"(?m)^(?:{_CITY}(?:,\s*{_WIRE_DAY})?|[A-Z][a-z’'.-]+(?: [A-Z][a-z’'.-]+){{0,2}},\s*{_WIRE_DAY})"
    r"\s*\(([^()\n]{2,90})\)"
)
_CLOSING_CREDIT = re.compile(r"\s[-—–]\s?([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\s*$")
_CORRESPONDENT = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+([A-Z][\w-]+(?: [A-Z][\w-]+){0,2})\s+"
    r"(?:correspondent|reporter|journalist|news\s+agency)s?\b"
)
_CREDIT_NAME = re.compile(r"[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3}")
# A region word right after a name: "Lebap velayat", "X oblast".
_REGION_AFTER = re.compile(
    r"\s+("
    + "|".join(re.escape(w) for w in sorted(REGION_SUFFIXES, key=len, reverse=True))
    + r")\b"
)
_COMPANY = re.compile(
    r"(?<![\w‘’'])((?:[A-Z][\w&‘’'-]*(?:\.(?=[ \t]))?[ \t]+){1,7}(?:Co\.?,?\s+Ltd\.?|Co\.,?\s*Ltd|Company|Corporation|"
    r"Corp\.|Group|LLC|JSC|PJSC|Inc\.|Holding|Holdings|Ltd\.?|Co\.?))(?=[\s,;:)]|$)"
)
_WORDS = json.loads(
    (Path(__file__).resolve().parent.parent / "knowledge/lang/en/entities.json").read_text("utf-8")
)
_SITE_NOUNS = frozenset(_WORDS["site_nouns"])
_FEATURE_NOUNS = frozenset(_WORDS["feature_nouns"])
# "the X pipeline", "the X bridge": a name a facility's noun follows names that facility.
_FACILITY_AFTER = re.compile(
    r"\s+(?:" + "|".join(sorted(set(_WORDS["facility_heads"]) | _SITE_NOUNS)) + r")s?\b"
)
_SETTLEMENT_NOUNS = frozenset(_WORDS["settlement_nouns"])
# Acronyms of things, not names: "CEO", "GDP", "COVID".
_GENERIC_ACRONYMS = frozenset(_WORDS["generic_acronyms"])
_PLACE_NOUNS = _SITE_NOUNS | _FEATURE_NOUNS | _SETTLEMENT_NOUNS
_LOCATIVE = frozenset(_WORDS["locative_prepositions"])
_ORG_APPOSITIVES = frozenset(_WORDS["org_appositives"])
_SURNAME_END = re.compile(
    r"[a-z](?:" + "|".join(sorted(_WORDS["surname_endings"], key=len, reverse=True)) + r")$"
)
FACILITY_WORDS = frozenset(
    {
        "plant",
        "factory",
        "station",
        "port",
        "airport",
        "pipeline",
        "railway",
        "railroad",
        "bridge",
        "square",
        "park",
        "zone",
        "field",
        "mine",
        "deposit",
        "terminal",
        "refinery",
        "dam",
        "highway",
        "corridor",
        "canal",
        "complex",
        "hub",
        "mall",
        "stadium",
        "palace",
    }
)
_DIRECTIONS = frozenset(
    {"east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest"}
)
_DOCUMENT_WORDS = frozenset(
    {
        "statement",
        "declaration",
        "agreement",
        "memorandum",
        "treaty",
        "communique",
        "protocol",
        "plan",
        "program",
        "programme",
    }
)
_NOT_NAME = (
    FACILITY_WORDS
    | ORG_WORDS
    | GENERIC_WORDS
    | EVENT_NOUNS
    | {w for suf in REGION_SUFFIXES for w in suf.split()}
)
_TITLE_WORDS = {w for t in TITLES for w in re.split(r"[\s-]+", t)} | {"deputy", "vice", "first"}
_NO_PLACE_NAME = frozenset(_NOT_NAME | _TITLE_WORDS)


@dataclass(slots=True)
class Candidate:
    """One mention proposed for an entity, before grouping."""

    text: str
    start: int
    end: int
    label: str
    place: Place | None = None
    source: str = "ner"
    aliases: list[str] = field(default_factory=list)


class EntityComponent:
    """Named entities with canonical names, types and every mention in the document."""

    name = "entities"
    version = "1"
    requires: tuple[str, ...] = ("nlp",)
    provides: tuple[str, ...] = ("entities",)

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gaz = gazetteer or get_gazetteer()

    def __call__(self, analysis: Analysis) -> None:
        text = analysis.text
        cands: list[Candidate] = []
        for ent in analysis.nlp.ents:
            if ent.label_ not in KEPT_LABELS:
                continue
            end = ent.end
            # "Quincy Institute for Responsible | Statecraft": the model stopped before the
            # noun its last word modifies.
            while (
                end < len(analysis.nlp)
                and ent.label_ in ("ORG", "FAC")
                and analysis.nlp[end - 1].head.i >= end
                and analysis.nlp[end].pos_ == "PROPN"
                and analysis.nlp[end].is_title
                and not analysis.nlp[end].ent_type_
                and analysis.nlp[end].lower_ not in _TITLE_WORDS | TITLE_HEADS
            ):
                end += 1
            end_char = analysis.nlp[end - 1].idx + len(analysis.nlp[end - 1].text)
            start = _hyphen_start(analysis.nlp, ent.start, end, ent.label_)
            label = ent.label_
            if _pronoun_surname(analysis.nlp, start, end, label) and not self.gaz.lookup(
                analysis.nlp[start].text
            ):
                start, label = start - 1, "PERSON"
            for s, e in _coordinated(analysis.nlp[start:end], label) or [
                (analysis.nlp[start].idx, end_char)
            ]:
                cands.extend(self.clean(text, s, e, label))
        cands.extend(self.dateline(analysis))
        cands.extend(self.countries(text))
        cands.extend(self.event_names(text))
        cands.extend(self.companies(text))
        cands.extend(self.web_names(text))
        titled = self.titled_people(analysis)
        cands = _cut_at_people(cands, titled, self.gaz) + titled
        cands.extend(self.reporters(analysis))
        cands.extend(self.inner_datelines(text))
        credits = self.wire_credits(text)
        # Events read no party from a credit line (the agency is the source, not an actor).
        analysis.scratch["credits"] = [(c.start, c.end) for c in credits]
        cands.extend(credits)
        cands.extend(self.headed_orgs(analysis, cands))
        cands.extend(self.noun_named_places(analysis, cands))
        cands.extend(self.bare_acronyms(analysis, cands))
        cands.extend(self.regions_by_adjective(text))
        cands.extend(self.compass_regions(text))
        cands = _split_from_to(text, cands)
        cands = _dedupe(cands)
        cands = _drop_headline_only(text, cands)
        cands = _drop_currency_countries(text, cands)
        cands = self.retype_outlets(analysis, cands)
        cands = _drop_boilerplate(text, cands)
        cands = _drop_cut_off(text, cands)
        cands = self.not_people(analysis, cands)
        cands = self.split_names_of_people(text, cands)
        cands = self.context_types(analysis, cands)
        cands = self.surnamed_people(cands)
        cands = self.actors_named_like_towns(analysis, cands)
        cands = _facilities_by_their_noun(text, cands)
        cands = _with_feature_nouns(analysis.nlp, cands)
        cands = _with_facility_heads(analysis.nlp, cands)
        cands = self.conjunct_types(analysis, cands)
        cands = _join_conjoined_orgs(analysis.nlp, cands)
        cands = _org_name_bounds(text, cands)
        cands = _split_person_pairs(cands)
        cands = _not_org_names(cands)
        acronyms = self.acronyms(text, cands)
        cands.extend(self.acronym_mentions(text, acronyms, cands))
        cands = _dedupe(cands)
        entities = _merge_described(self.group(cands, acronyms))
        add_repeat_mentions(text, entities)
        entities = _initiatives(text, entities)
        self.events_in_places(text, entities)
        # Most mentioned first: the document's main actors lead the list.
        entities.sort(key=lambda e: (-len(e.mentions), e.mentions[0].start))
        analysis.result.entities = entities
        analysis.scratch["demonyms"] = self.demonym_mentions(analysis)

    # cleaning ----------------------------------------------------------------

    def clean(self, text: str, start: int, end: int, label: str) -> list[Candidate]:
        """Trim a raw span and decide its type; may return nothing or several pieces."""
        s, e = _trim(text, start, end)
        if e - s < 2:
            return []
        surface = text[s:e]
        if _headline_words(surface) or _credit_pair(surface):
            return []
        if MONEY_PATTERN.fullmatch(surface):
            return []  # "Rbs3.27tn" read as a name: a sum of money
        agency = _AGENCY_TAIL.search(surface)
        if agency and agency.start() > 0 and label in ("ORG", "PERSON", "GPE"):
            # "RIA news agency": the common-noun tail describes the outlet named before it.
            return self.clean(text, s, s + agency.start(), "ORG")
        if "," in surface:
            head = surface.split(",")[0]
            return self.clean(text, s, s + len(head), label) if len(head.strip()) > 1 else []
        if (
            _HONORIFIC_BEFORE.search(text, max(0, s - 6), s)
            and len(surface.split()) <= 3
            and all(_name_word(w) and not self._not_a_name_word(w) for w in surface.split())
        ):
            # "Mr [Surname]": a person, whatever type the model gave the unfamiliar name; the
            # title decides the vote over the name's other mentions.
            return [
                replace(c, source="pattern") if c.label == "PERSON" else c
                for c in self._person(text, s, e)
            ]
        if label != "PERSON":
            held = self._titled_holder(text, s, e)
            if held is not None:
                return held
            if self._after_title_word(text, s, e):
                return self._person(text, s, e)
        if label == "NORP":
            return self._norp(text, s, e)
        if label == "PERSON":
            return self._person(text, s, e)
        return self._typed(text, s, e, label)

    def _norp(self, text: str, s: int, e: int) -> list[Candidate]:
        # Demonyms are not entities; multi-word NORP spans such as parties may be.
        surface = text[s:e]
        words = surface.split()
        if len(words) >= 2 and words[-1].lower() in ORG_WORDS:
            return [Candidate(surface, s, e, "ORG")]
        # A "nationality" that is no country's demonym and heads a title ("Gazprom CEO")
        # is a misread organisation.
        following = text[e : e + 40].split()
        if (
            len(words) == 1
            and not self.gaz.country_of_demonym(surface)
            and following
            and following[0].lower().strip(".,") in TITLE_HEADS | {"ceo", "chief"}
        ):
            return [Candidate(surface, s, e, "ORG")]
        return []

    def _person(self, text: str, s: int, e: int) -> list[Candidate]:
        """A PERSON span, with titles, leading acronyms and organisations split off."""
        toks = [(m.start() + s, m.end() + s, m.group()) for m in re.finditer(r"\S+", text[s:e])]
        out: list[Candidate] = []
        # "XPCC Lü Huiying": a leading acronym belongs to the organisation, not the name.
        while (
            len(toks) > 1
            and toks[0][2].isupper()
            and len(toks[0][2]) >= 2
            and not toks[0][2].endswith(".")
        ):
            out.extend(self._typed(text, toks[0][0], toks[0][1], "ORG"))
            toks = toks[1:]
        # "Gazprom CEO Alexey Miller": what precedes a title is the organisation.
        inner = [i for i, t in enumerate(toks[:-1]) if t[2].lower().strip(".,") in TITLE_HEADS]
        if inner:
            i = j = inner[-1]
            while j > 0 and toks[j - 1][2].lower() in _TITLE_WORDS:
                j -= 1
            org = toks[:j]
            while org and org[-1][2].lower() in ("of", "the"):
                org = org[:-1]
            if org:
                out.extend(self._typed(text, org[0][0], org[-1][1], "ORG"))
            toks = toks[i + 1 :]
        # "President of Azerbaijan Ilham Aliyev": the place after "of" is not in the name.
        while toks and toks[0][2].lower() in ("of", "the"):
            toks = toks[1:]
        if len(toks) >= 3 and toks[-1][2].lower() not in ORG_WORDS | FACILITY_WORDS:
            place = self.gaz.lookup(toks[0][2].rstrip("’'s"))
            if place is not None:
                out.append(Candidate(toks[0][2], toks[0][0], toks[0][1], place.entity_type, place))
                toks = toks[1:]
        while toks and toks[-1][2].lower().strip(".,") in TITLE_HEADS:
            toks = toks[:-1]
        while toks and toks[0][2].lower().strip(".,") in _TITLE_WORDS:
            toks = toks[1:]
        if not toks:
            return out
        s, e = toks[0][0], toks[-1][1]
        surface = text[s:e]
        place = self.gaz.lookup(surface)
        if place is None and len(toks) == 2 and self.gaz.country_of_demonym(toks[0][2]):
            # "Kazakh X": a demonym before a known town says whose town it is.
            rest = self.gaz.lookup(toks[1][2])
            if rest is not None and rest.kind != "country":
                return out + [Candidate(toks[1][2], toks[1][0], toks[1][1], rest.entity_type, rest)]
        if place and (
            place.kind in ("country", "region") or (place.kind == "city" and len(toks) == 1)
        ):
            return out + [Candidate(surface, s, e, place.entity_type, place)]
        last = toks[-1][2].lower()
        if last in _FEATURE_NOUNS and len(toks) >= 2:
            return out + [Candidate(surface, s, e, "LOC")]  # "X Pass", "X River"
        if last in ORG_WORDS or last in FACILITY_WORDS:
            return out + self._typed(text, s, e, "FAC" if last in FACILITY_WORDS else "ORG")
        if self.gaz.country_of_demonym(surface):
            return out
        if not any(c.isalpha() for c in surface) or surface.islower():
            return out
        return out + [Candidate(surface, s, e, "PERSON")]

    def _typed(self, text: str, s: int, e: int, label: str) -> list[Candidate]:
        surface = text[s:e]
        words = surface.split()
        if label == "ORG" and len(words) >= 4:
            split = self._trailing_person(words)
            if split:
                head = " ".join(words[:split])
                tail_start = s + surface.index(" ".join(words[split:]), len(head))
                places = []
                for m in re.finditer(r"[A-Z][\w-]+", head):
                    place = self.gaz.lookup(m.group(0))
                    if place is not None:
                        places.append(
                            Candidate(
                                m.group(0), s + m.start(), s + m.end(), place.entity_type, place
                            )
                        )
                # "Mongolia - X Y": the name starts after the dash that sets it off.
                return places + self._person(text, *_trim(text, tail_start, e))
        last = words[-1].lower().strip(".")
        if last.endswith("s") and last[:-1] in STRONG_EVENT_NOUNS:
            last = last[:-1]  # "BRICS and SCO Summits"
        low = surface.lower()
        if label == "ORG" and re.match(
            r"\s+(?:gas\s+|oil\s+)?(?:pipeline|railway|railroad|bridge|highway|corridor)\b",
            text[e : e + 30],
        ):
            # "Power of Siberia-2 gas pipeline": the name of the facility, not a company.
            label = "FAC"
        if (
            label in ("GPE", "LOC", "FAC", "ORG", "EVENT")
            and len(words) == 1
            and self.gaz.country_of_demonym(surface)
            and not self.gaz.lookup(surface)
        ):
            return []
        body = words[: [w.lower() for w in words].index("of")] if "of" in words[1:] else []
        if body and body[-1].lower() in ORG_WORDS and label in ("ORG", "EVENT"):
            # "Standing Committee of the X Congress": the body before "of" heads the name.
            return [Candidate(surface, s, e, "ORG")]
        if (
            last in STRONG_EVENT_NOUNS
            or (label == "EVENT" and last in EVENT_NOUNS)
            or _CLOSED_EVENT.fullmatch(surface)
        ):
            if all(w.lower() in _GENERIC_EVENT_WORDS for w in words):
                return []  # "International Forum": a kind of event, not the name of one
            return [Candidate(surface, s, e, "EVENT")]
        inner_event = [i for i, w in enumerate(words[:-1]) if w.lower() in STRONG_EVENT_NOUNS]
        if (
            label == "ORG"
            and inner_event
            and words[inner_event[-1]][:1].isupper()
            and len(words) - inner_event[-1] <= 3
            and not any(w.lower() in ORG_WORDS for w in words[inner_event[-1] :])
        ):
            # "International Forum Horizons": a forum followed by its own name.
            return [Candidate(surface, s, e, "EVENT")]
        if label == "EVENT":
            return []
        if (
            low in _DIRECTIONS
            or last in _DOCUMENT_WORDS
            or (len(words) == 1 and low in GENERIC_WORDS | {"state", "belt", "road"})
        ):
            return []
        if re.search(r"(?:^|\s)\d+(?:\s|$)", surface):
            return []
        if (
            label == "FAC"
            and last in ORG_WORDS - {"center", "centre", "office", "court"}
            and len(words) >= 2
        ):
            label = "ORG"  # "X Business Council": an organisation, whatever the model said
        if last in FACILITY_WORDS and label in ("ORG", "FAC", "GPE", "LOC"):
            return [Candidate(surface, s, e, "FAC")]
        if label == "WORK_OF_ART":
            return []
        # ISO codes only for what the model already calls a place: "MW" is megawatts.
        place = self.gaz.lookup(surface, codes=label == "GPE")
        if (
            place is None
            and (label in ("GPE", "LOC") or (label == "ORG" and len(words) == 1))
            and len(surface) >= 4
            and not surface.isupper()
        ):
            # A town spelt another way ("Ulaanbaatar"), also where it stands for its
            # government and the model made it an organisation.
            place = self.gaz.lookup(surface, weak=True)
        if place is None and label in ("GPE", "LOC") and len(words) >= 2:
            rest = self.gaz.lookup(" ".join(words[1:]))
            if rest is not None and self.gaz.country_of_demonym(words[0]):
                # "Chinese X": the adjective says whose town X is; X is the name.
                start = s + surface.index(words[1])
                return [Candidate(text[start:e], start, e, rest.entity_type, rest)]
        if place is not None and (
            not (label == "ORG" and last in ORG_WORDS)
            or (place.kind == "country" and len(words) >= 2)
        ):
            return [Candidate(surface, s, e, place.entity_type, place)]
        if any(low.endswith(" " + suf) for suf in REGION_SUFFIXES):
            return [Candidate(surface, s, e, "GPE")]
        suffix = _REGION_AFTER.match(text, e, e + 30)
        if (
            place is None
            and suffix
            and label in ("ORG", "GPE", "LOC")
            and suffix.group(1).islower()
        ):
            # "Lebap velayat": a name with a lower-case region word is a region.
            return [Candidate(text[s : suffix.end()], s, suffix.end(), "GPE")]
        if label == "ORG" and surface.isupper() and len(surface) <= 3 and self.gaz.lookup(surface):
            return []
        if not any(c.isalpha() for c in surface) or surface.islower():
            return []
        return [Candidate(surface, s, e, label)]

    def _trailing_person(self, words: list[str]) -> int | None:
        """Index where "Agriculture of Kazakhstan Yerbol Karashukeev" turns into a name (after
        a title's "of", ``_titled_holder`` has split the holder off already)."""
        for i in range(len(words) - 2, 0, -1):
            prev = words[i - 1].strip("’'s,")
            tail = words[i:]
            if len(tail) > 3:
                return None
            if (
                self.gaz.lookup(prev)
                and all(w[:1].isupper() and w.isalpha() or "-" in w for w in tail)
                and not any(
                    w.lower() in _NOT_NAME or self.gaz.lookup(w) or self.gaz.country_of_demonym(w)
                    for w in tail
                )
            ):
                return i
        return None

    # additions ---------------------------------------------------------------

    def dateline(self, analysis: Analysis) -> list[Candidate]:
        place = analysis.doc.dateline_place
        if not place:
            return []
        m = re.search(re.escape(place), analysis.text[:200], re.I)
        if not m:
            return []
        # The dateline's place is a town, however it is spelt ("ULAANBAATAR" for Ulan Bator).
        hit = self.gaz.lookup(place, weak=True)
        return [
            Candidate(
                m.group(0), m.start(), m.end(), hit.entity_type if hit else "GPE", hit, "dateline"
            )
        ]

    def countries(self, text: str) -> list[Candidate]:
        """Country names the model missed (they lose to any overlapping NER span)."""
        out = []
        for m in self.gaz.country_pattern().finditer(text):
            place = self.gaz.lookup(m.group(0))
            if place is not None:
                out.append(
                    Candidate(
                        m.group(0), m.start(), m.end(), place.entity_type, place, source="gazetteer"
                    )
                )
        return out

    def event_names(self, text: str) -> list[Candidate]:
        """Quoted titles followed by an event noun, and capitalised names ending in one."""
        out = []
        for m in _QUOTED_EVENT.finditer(text):
            out.append(
                Candidate(m.group(1).strip(), m.start(1), m.end(1), "EVENT", source="quoted")
            )
        for pattern in (_HYPHEN_FACILITY, _HYPHEN_FACILITY_NAME):
            for m in pattern.finditer(text):
                parts = re.split(r"[-–]", m.group(1).split()[0])
                if sum(1 for p in parts if self.gaz.lookup(p)) >= 2:
                    out.append(Candidate(m.group(1), m.start(1), m.end(1), "FAC", source="pattern"))
        for m in _NAMED_FACILITY.finditer(text):
            words = m.group(1).split()
            if any(
                not (
                    w in ("of", "the")
                    or w.isdigit()
                    or self.gaz.lookup(w)
                    or w.lower() in GENERIC_WORDS
                )
                and not self.gaz.country_of_demonym(w)
                for w in words
            ):
                out.append(Candidate(m.group(1), m.start(1), m.end(1), "FAC", source="pattern"))
        for m in _QUOTED_SITE.finditer(text):
            out.append(Candidate(m.group(1), m.start(1), m.end(1), "FAC", source="quoted"))
        for m in _CLOSED_EVENT.finditer(text):
            out.append(Candidate(m.group(1), m.start(1), m.end(1), "EVENT", source="pattern"))
        for m in _HYPHEN_EVENT.finditer(text):
            parts = m.group(1).split()[0].split("-")
            if not any(self.gaz.lookup(p) or self.gaz.country_of_demonym(p) for p in parts):
                continue
            out.append(Candidate(m.group(1), m.start(1), m.end(1), "EVENT", source="pattern"))
        for m in _OF_EVENT.finditer(text):
            out.append(Candidate(m.group(1), m.start(1), m.end(1), "EVENT", source="pattern"))
        for m in _EVENT_NAME.finditer(text):
            s, e = _trim(text, m.start(1), m.end(1))
            words = text[s:e].split()
            distinct = [
                w
                for w in words[:-1]
                if w.lower() not in GENERIC_WORDS
                and w.lower() not in ("international", "annual", "the", "of", "and")
                and not re.match(r"\d", w)
            ]
            if len(words) >= 2 and distinct:
                out.append(Candidate(text[s:e], s, e, "EVENT", source="pattern"))
        return out

    def companies(self, text: str) -> list[Candidate]:
        """Capitalised names ending in a company form ("... Co Ltd", "... Corporation")."""
        out = []
        for m in _COMPANY.finditer(text):
            s, e = _trim(text, m.start(1), m.end(1))
            words = text[s:e].split()
            while words and (
                words[0].lower() in _TITLE_WORDS
                or self.gaz.country_of_demonym(words[0])
                and len(words) > 3
                and False
            ):
                s += len(words[0]) + 1
                words = words[1:]
            if len(words) >= 2 and words[0].lower() not in ("the", "a", "an"):
                out.append(Candidate(text[s:e], s, e, "ORG", source="pattern"))
        return out

    def events_in_places(self, text: str, entities: list[Entity]) -> None:
        """ "the X Summit in Tianjin": reports name a gathering with its place, so that
        form is one of its names."""
        for ent in entities:
            if ent.type != "EVENT":
                continue
            for m in ent.mentions:
                hit = _IN_PLACE.match(text, m.end)
                if hit and self.gaz.lookup(hit.group(1)):
                    alias = f"{ent.name} in {hit.group(1)}"
                    if alias not in ent.aliases:
                        ent.aliases.append(alias)

    def web_names(self, text: str) -> list[Candidate]:
        """Outlets named by their web address ("Caliber.Az", "Kun.uz", "Investing.com"): one
        organisation, not a name and a stray "Az". The ending must be a country's code or
        a generic domain, and no English word ("Jinping.As the talks began")."""
        out = []
        for m in _WEB_NAME.finditer(text):
            tail = m.group(2).lower()
            if tail in _STOP_WORDS or not (tail in WEB_DOMAINS or self.gaz.country(tail)):
                continue
            out.append(Candidate(m.group(0), m.start(), m.end(), "ORG", source="pattern"))
        return out

    def reporters(self, analysis: Analysis) -> list[Candidate]:
        """A lone proper name that "reported" something is an outlet ("Axios reported")."""
        out = []
        for tok in analysis.nlp:
            named = tok.pos_ == "PROPN" or (
                tok.tag_ in ("NN", "NNS") and tok.ent_type_ in ("PRODUCT", "WORK_OF_ART", "ORG")
            )
            if (
                tok.dep_ == "nsubj"
                and named
                and tok.head.lemma_ == "report"
                and tok.ent_type_ not in ("PERSON", "GPE", "NORP")
                and tok.is_title
                and not any(c.dep_ == "compound" for c in tok.children)
                and self.gaz.lookup(tok.text) is None
            ):
                out.append(
                    Candidate(tok.text, tok.idx, tok.idx + len(tok.text), "ORG", source="pattern")
                )
        return out

    def retype_outlets(self, analysis: Analysis, cands: list[Candidate]) -> list[Candidate]:
        """Outlets cited as sources replace what the model called the same span."""
        person_words = {
            w for c in cands if c.label == "PERSON" and " " in c.text for w in c.text.split()
        }
        hits = self.outlets(analysis, person_words)
        spans = {(h.start, h.end): h for h in hits}
        out = [spans.pop((c.start, c.end), c) for c in cands]
        out.extend(
            h for h in spans.values() if not any(c.start < h.end and h.start < c.end for c in out)
        )
        # The same one-word name elsewhere in the document is the same outlet, even where
        # the gazetteer knows a village of that name.
        outlets = {c.text for c in out if c.label == "ORG" and c.source in ("pattern", "dateline")}
        outlets = {t for t in outlets if " " not in t}
        out = [
            Candidate(c.text, c.start, c.end, "ORG", source=c.source)
            if c.text in outlets
            and c.label != "ORG"
            and (c.place is None or c.place.kind == "city")
            else c
            for c in out
        ]
        return sorted(out, key=lambda c: c.start)

    def outlets(self, analysis: Analysis, person_words: set[str]) -> list[Candidate]:
        """ "..., reported X." and "..., X reports on": a lone name cited as a source is an outlet.

        Why: the model calls one-word outlets and official sites people or places.
        """
        out = []
        doc = analysis.nlp
        for tok in doc[1:-1]:
            if not tok.is_title or tok.lower_ in _TITLE_WORDS or tok.text in person_words:
                continue
            if self.gaz.lookup(tok.text) is not None or self.gaz.country_of_demonym(tok.text):
                continue
            prev, nxt = doc[tok.i - 1], doc[tok.i + 1]
            inverted = (
                prev.lower_ in _REPORT_VERBS
                and nxt.is_punct
                and nxt.text in ".;"
                and tok.ent_type_ in ("PERSON", "ORG", "GPE", "")
            )
            fronted = (
                nxt.lower_ in _REPORT_VERBS
                and not tok.is_sent_start
                and prev.text in (",", ";", "—", "–")
                and not tok.ent_type_
            )
            if inverted or fronted:
                out.append(
                    Candidate(tok.text, tok.idx, tok.idx + len(tok.text), "ORG", source="pattern")
                )
        return out

    def wire_credits(self, text: str) -> list[Candidate]:
        """News organisations credited by the conventions of wire copy (``_SLASH_CREDIT`` and
        the others above): a name in one of those slots is an outlet, whatever the model
        called it, unless the gazetteer knows it as a place or a people."""
        spans: list[tuple[str, int]] = []
        # A name the gazetteer knows only as a town is still the agency in a dateline's
        # brackets ("URUMQI, June 5 (Xinhua) --"; a country or region there is a place).
        towns: set[int] = set()
        for m in _SLASH_CREDIT.finditer(text[:1500]):
            spans.append((m.group(1), m.start(1)))
        for m in _PAREN_CREDIT.finditer(text[:1500]):
            for part in re.finditer(r"[^/\-–—,]+", m.group(1)):
                name = part.group().strip()
                if name and not any(ch.isdigit() for ch in name) and _CREDIT_NAME.fullmatch(name):
                    start = m.start(1) + part.start() + part.group().index(name)
                    spans.append((name, start))
                    towns.add(start)
        closing = _CLOSING_CREDIT.search(text.rstrip()[-80:])
        if closing:
            base = len(text.rstrip()) - len(text.rstrip()[-80:])
            spans.append((closing.group(1), base + closing.start(1)))
        for m in _CORRESPONDENT.finditer(text):
            spans.append((m.group(1), m.start(1)))
        out = []
        for name, start in spans:
            place = self.gaz.lookup(name)
            if place is not None and not (start in towns and place.kind == "city"):
                continue
            if name.lower() in _TITLE_WORDS:
                continue
            out.append(Candidate(name, start, start + len(name), "ORG", source="dateline"))
        return out

    def inner_datelines(self, text: str) -> list[Candidate]:
        """Place and agency of a dateline that opens a line after the headline."""
        out = []
        for m in _INNER_DATELINE.finditer(text[:1500]):
            # The opening dateline's place is read at ingestion; its agency is read here.
            place = self.gaz.lookup(m.group(1).title())
            if place is not None and m.start() > 0:
                out.append(
                    Candidate(
                        m.group(1), m.start(1), m.end(1), place.entity_type, place, "dateline"
                    )
                )
            agency = self.gaz.lookup(m.group(2)) if m.group(2) else None
            if m.group(2) and (agency is None or agency.kind == "city"):
                out.append(Candidate(m.group(2), m.start(2), m.end(2), "ORG", source="dateline"))
        return out

    def headed_orgs(self, analysis: Analysis, cands: list[Candidate]) -> list[Candidate]:
        """ "the Russian Far East Development Ministry": capitalised modifiers of an
        organisation noun that the model left unlabelled name the organisation.
        """
        out = []
        doc = analysis.nlp
        for tok in doc:
            if not (tok.is_title and tok.lower_ in ORG_WORDS and tok.pos_ == "PROPN"):
                continue
            if tok.ent_type_ or any(c.start <= tok.idx < c.end for c in cands):
                continue
            i = tok.i
            while (
                i > 0
                and doc[i - 1].is_title
                and doc[i - 1].head.i > i - 1
                and doc[i - 1].head.i <= tok.i
                and doc[i - 1].dep_ in ("compound", "amod")
                and doc[i - 1].lower_ not in _TITLE_WORDS
            ):
                i -= 1
            if tok.i - i >= 2:
                i = _hyphen_start(doc, i, tok.i + 1, "ORG")
                start = doc[i].idx
                out.append(
                    Candidate(
                        doc[i : tok.i + 1].text,
                        start,
                        tok.idx + len(tok.text),
                        "ORG",
                        source="pattern",
                    )
                )
        return out

    def split_names_of_people(self, text: str, cands: list[Candidate]) -> list[Candidate]:
        """Two one-word names side by side, the second the name the document gives a person
        elsewhere ("Mr [Surname]"), are that person's full name: the model reads an
        unfamiliar given name and surname as two names of other kinds ("[Patronymic]" an
        organisation, "[Surname]" a country). Neither word may be a place the gazetteer knows.
        """
        people = {c.text for c in cands if c.label == "PERSON" and " " not in c.text}
        ordered = sorted(cands, key=lambda c: c.start)
        joined: dict[int, Candidate] = {}
        skip: set[int] = set()
        for a, b in zip(ordered, ordered[1:], strict=False):
            if id(a) in skip or text[a.end : b.start] != " ":
                continue
            if (
                b.text in people
                and a.label != "PERSON"
                and all(
                    " " not in c.text and _name_word(c.text) and self.gaz.lookup(c.text) is None
                    for c in (a, b)
                )
            ):
                joined[id(a)] = Candidate(
                    text[a.start : b.end], a.start, b.end, "PERSON", source=a.source
                )
                skip |= {id(a), id(b)}
        if not joined:
            return cands
        return [joined.get(id(c), c) for c in cands if id(c) in joined or id(c) not in skip]

    def surnamed_people(self, cands: list[Candidate]) -> list[Candidate]:
        """A full name of two or three name-shaped words, the last with a surname's ending
        ("-ov", "-yev", "-enko"), is a person, whatever other type the model gave it
        ("Kassym-Jomart Tokayev" read as an organisation); not where a word is a body's,
        a title's or a place's."""
        out = []
        for c in cands:
            words = c.text.split()
            if (
                c.label in ("ORG", "GPE", "LOC", "NORP")
                and c.place is None
                and 2 <= len(words) <= 3
                and all(_name_word(w) and not self._not_a_name_word(w) for w in words)
                and not ORG_WORDS.intersection(w.lower() for w in words)
                and _SURNAME_END.search(words[-1])
                and self.gaz.lookup(c.text) is None
            ):
                c = Candidate(c.text, c.start, c.end, "PERSON", source=c.source)
            out.append(c)
        return out

    def context_types(self, analysis: Analysis, cands: list[Candidate]) -> list[Candidate]:
        """Type a one-word name the gazetteer does not know by what the sentence says of it.

        Why: the model guesses the type of an unfamiliar one-word name. A place noun
        beside it ("X checkpoint", "province X", "X and Y crossings") or a locative
        preposition ("in X") makes it a place; a company noun in apposition ("gas giant
        X"), or being the subject or possessor of a clause, makes a "place" an actor: a
        person where the word ends one of the document's personal names or has a surname's
        ending ("-ov", "-enko"), else an organisation.
        """
        doc = analysis.nlp
        surnames = {
            w
            for c in cands
            if c.label == "PERSON" and c.source != "acronym" and len(c.text.split()) >= 2
            for w in c.text.split()[1:]
        }
        out = []
        for c in cands:
            if (
                c.place is not None
                or " " in c.text
                or c.label not in ("GPE", "LOC", "ORG", "PERSON")
            ):
                out.append(c)
                continue
            span = doc.char_span(c.start, c.end)
            if (
                span is None
                or not c.text.replace("-", "").isalpha()
                or c.text.isupper()
                or self.gaz.lookup(c.text) is not None
            ):
                out.append(c)
                continue
            placed = _place_beside(span) or self._among_places(span)
            if placed and c.label in ("ORG", "PERSON"):
                weak = self.gaz.lookup(c.text, weak=True)
                c = Candidate(
                    c.text, c.start, c.end, weak.entity_type if weak else placed, weak, c.source
                )
            elif placed is None and c.label in ("GPE", "LOC"):
                if c.text in surnames or _SURNAME_END.search(c.text):
                    c = Candidate(c.text, c.start, c.end, "PERSON", source=c.source)
                else:
                    # A "country or city" the gazetteer does not know, with no place noun
                    # beside it and no preposition before it ("at X", "from X" may be
                    # places), is a name of an organisation ("the agreement with X" is
                    # one preposition too many: "X signed", "X's supplies", "X oil" are
                    # not); a bare LOC is left to the model.
                    if _actor(span) or (c.label == "GPE" and span[0].dep_ != "pobj"):
                        c = Candidate(c.text, c.start, c.end, "ORG", source=c.source)
            out.append(c)
        return out

    def _among_places(self, span: Span) -> str | None:
        """A one-word name the gazetteer does not know, told as a town: followed by its
        country ("X, Kyrgyzstan", "X (Kyrgyzstan)", "X (Iranian city)"), or listed
        with places the gazetteer knows ("studios in Moscow, X and Beijing")."""
        doc = span.doc
        sent = span.sent
        words = [
            t
            for t in sent
            if t.is_alpha
            and len(t) > 3
            and not t.ent_type_
            and t.i != sent.start
            and not span.start <= t.i < span.end
        ]
        if len(words) >= 3 and sum(t.is_title for t in words) > 0.6 * len(words):
            return None  # a headline capitalises every word: "Serious Damage in Russia"
        nxt = doc[span.end : span.end + 4]
        if len(nxt) >= 2 and nxt[0].text in (",", "("):
            country = self.gaz.lookup(nxt[1].text)
            if country is not None and country.kind == "country" and nxt[1].text[:1].isupper():
                # Closed by punctuation, a date or the sentence's end: not "X, Russia's envoy".
                end = nxt[2] if len(nxt) >= 3 else None
                if (
                    nxt[0].text == "("
                    or end is None
                    or (end.is_punct and end.text != "'s")
                    or end.ent_type_ == "DATE"
                    or end.is_sent_start
                ):
                    return "GPE"
            if (
                nxt[0].text == "("
                and self.gaz.country_of_demonym(nxt[1].text)
                and len(nxt) >= 3
                and _place_kind(nxt[2].lemma_) == "GPE"
            ):
                return "GPE"
        if len(nxt) >= 2 and nxt[0].lower_ == "in":
            # "a port X in Finland": a place in a country.
            country = self.gaz.lookup(nxt[1].text)
            if country is not None and country.kind == "country" and nxt[1].text[:1].isupper():
                return "GPE"
        before = doc[span.start - 1] if span.start else None
        if (
            len(nxt) >= 2
            and nxt[0].text == ","
            and nxt[1].ent_type_ == "DATE"
            and (before is None or before.text == "(" or "\n" in before.whitespace_)
        ):
            # A dateline: "(X, October 9, 2025)", a line opening "X, May 17".
            return "GPE"
        tok = span[-1]
        linked = [t for t in (*tok.conjuncts,) if t.i != tok.i and t.text[:1].isupper()]
        known = [
            t
            for t in linked
            if t.ent_type_ == "GPE"
            and (p := self.gaz.lookup(t.text)) is not None
            and p.kind == "city"
        ]
        # Two towns at least, and nothing else in the list: one conjunct may be a misparse.
        # Two named with "and" are a pair ("between Moscow and X", "the cities of X and Y").
        paired = len(linked) == 1 and any(
            c.dep_ == "cc" and c.lower_ == "and" for t in (tok, *linked) for c in t.children
        )
        if known and len(known) == len(linked) and (len(known) >= 2 or paired):
            return "GPE"
        return None

    def actors_named_like_towns(
        self, analysis: Analysis, cands: list[Candidate]
    ) -> list[Candidate]:
        """A one-word name the gazetteer knows as a town, used in the document for an outlet
        or a person, is that outlet or person wherever it is not used as a place.

        Why: many agencies, companies and surnames are also the names of towns somewhere
        ("X reported", "X news agency", "Y said" after "Minister Y Z"). The gazetteer
        cannot tell; the document can. An agency credited by a wire convention or followed
        by "news agency" names an outlet in every mention; a word of one of the document's
        full personal names is that person, unless a locative preposition or place noun
        makes it a place. A country's name is never re-typed. "President of <country>
        <Full Name>" read as one organisation is split into the country and the person.
        """
        doc = analysis.nlp
        text = analysis.text
        people = [
            c
            for c in cands
            if c.label == "PERSON"
            and c.place is None
            and c.source != "acronym"
            and len(c.text.split()) >= 2
        ]
        person_words = {w for c in people for w in c.text.split()}
        outlets = {c.text for c in cands if c.label == "ORG" and c.source == "dateline"}
        outlets |= {
            c.text
            for c in cands
            if c.place is not None and " " not in c.text and _AGENCY_AFTER.match(text, c.end)
        }
        out: list[Candidate] = []
        for c in cands:
            split = self._place_then_person(c, people)
            if split:
                out.extend(split)
                continue
            if c.place is None or c.place.kind != "city" or " " in c.text:
                out.append(c)
                continue
            if c.text in outlets:
                out.append(Candidate(c.text, c.start, c.end, "ORG", source="dateline"))
                continue
            span = doc.char_span(c.start, c.end)
            if (
                c.text in person_words
                and span is not None
                and _place_beside(span) is None
                and not (span[0].dep_ == "pobj" and span[0].head.lower_ in _LOCATIVE | {"of"})
            ):
                out.append(Candidate(c.text, c.start, c.end, "PERSON", source=c.source))
                continue
            out.append(c)
        return out

    def _place_then_person(self, c: Candidate, people: list[Candidate]) -> list[Candidate] | None:
        """A name that runs into one of the document's full personal names: "President of
        Mongolia <Full Name>" read as "Mongolia <Full Name>", "<Corporation> <Full Name>".
        The person is split off; what comes before stays a place where the gazetteer knows
        it, an organisation where it has an organisation's noun, else nothing."""
        if c.place is not None or c.label == "PERSON" or len(c.text.split()) < 3:
            return None
        for p in people:
            if not c.text.endswith(" " + p.text):
                continue
            head = c.text[: len(c.text) - len(p.text)].rstrip()
            p_start = c.start + len(c.text) - len(p.text)
            person = Candidate(p.text, p_start, c.end, "PERSON", source=c.source)
            place = self.gaz.lookup(head)
            if place is not None:
                return [
                    Candidate(
                        head, c.start, c.start + len(head), place.entity_type, place, c.source
                    ),
                    person,
                ]
            if any(w.lower() in ORG_WORDS for w in head.split()):
                return [
                    Candidate(head, c.start, c.start + len(head), "ORG", source=c.source),
                    person,
                ]
            return [person]
        return None

    def _titled_holder(self, text: str, s: int, e: int) -> list[Candidate] | None:
        """A title's body run into its holder's two-word name: "President of [Uzbekistan
        Anvar Aliyev]", "President of [the People's Republic of China Wang Lei]", read as
        one place or organisation. The model splits a name it has read often ("Xi
        Jinping") but not one it has never seen; after a title's "of" the last two
        capitalised words that name no place, body or title are the holder."""
        if not _after_title_of(text, s):
            return None
        surface = text[s:e]
        m = re.search(r"(\S+)\s+(\S+)$", surface)
        if m is None or m.start() == 0:
            return None
        tail = [m.group(1), m.group(2)]
        if not all(_name_word(w) and not self._not_a_name_word(w) for w in tail):
            return None
        head = surface[: m.start()].rstrip()
        person = self._person(text, s + m.start(), e)
        place = self.gaz.lookup(head)
        if place is not None:
            return [Candidate(head, s, s + len(head), place.entity_type, place), *person]
        if any(_bare(w) in ORG_WORDS for w in head.split()):
            return [*self._typed(text, s, s + len(head), "ORG"), *person]
        return person

    def _after_title_word(self, text: str, s: int, e: int) -> bool:
        """Two or three name-shaped words right after a title's word are its holder, whatever
        type the model gave them: "Foreign Ministry spokesman [Given Family]"."""
        words = text[s:e].split()
        m = _TITLE_WORD_BEFORE.search(text, max(0, s - 30), s)
        return (
            m is not None
            and m.group(1).lower() in TITLE_HEADS
            and 2 <= len(words) <= 3
            and all(_name_word(w) and not self._not_a_name_word(w) for w in words)
        )

    def _not_a_name_word(self, word: str) -> bool:
        """A word no personal name is made of: a body's or title's word, a demonym, a
        country or region, or a city of a million people (a small town's name may be a
        given name: "Dongsheng")."""
        low = word.lower()
        if low in _NOT_NAME or low in _TITLE_WORDS or self.gaz.country_of_demonym(word):
            return True
        place = self.gaz.lookup(word)
        return place is not None and (place.kind != "city" or place.population >= 1_000_000)

    def bare_acronyms(self, analysis: Analysis, cands: list[Candidate]) -> list[Candidate]:
        """An acronym the model left unlabelled ("pump gas to CNPC", "the CSTO summit") is
        an organisation's name: three to six capitals that are no English word (the model
        has no vector for them), no place, currency or generic acronym ("CEO", "GDP"), and
        not a word of a line written in capitals."""
        text = analysis.text
        taken = _covered(text, cands)
        out = []
        for tok in analysis.nlp:
            word = tok.text
            if not (3 <= len(word) <= 6 and word.isalpha() and word.isupper()):
                continue
            if taken[tok.idx] or tok.ent_type_ or tok.pos_ != "PROPN":
                continue
            after = text[tok.idx + len(word) : tok.idx + len(word) + 2]
            if text[tok.idx - 1 : tok.idx] in (":", ".") or re.fullmatch(r"\.[A-Z]", after):
                continue  # a ticker: "(MCX:GAZP)", "GAZP.MM"
            if word in _GENERIC_ACRONYMS or tok.vocab[word.lower()].has_vector:
                continue
            if self.gaz.lookup(word) is not None or pycountry.currencies.get(alpha_3=word):
                continue
            start = text.rfind("\n", 0, tok.idx) + 1
            end = text.find("\n", tok.idx)
            line = text[start : len(text) if end < 0 else end]
            if sum(w.isupper() and len(w) > 1 for w in line.split()) > 3:
                continue  # a line in capitals: a headline or a label
            out.append(Candidate(word, tok.idx, tok.idx + len(word), "ORG", source="acronym"))
        return out

    def noun_named_places(self, analysis: Analysis, cands: list[Candidate]) -> list[Candidate]:
        """ "the checkpoint X", "the village of X", "X and Y crossings", "X, Kyrgyzstan",
        "in Moscow, X and Beijing": names of places the model left unlabelled, found by the
        place noun, the country or the places beside them."""
        doc = analysis.nlp
        taken = _covered(analysis.text, cands)
        out = []
        for tok in doc:
            if not (
                tok.pos_ == "PROPN"
                and tok.is_title
                and tok.is_alpha
                # A capitalised word read as a number is a misread name ("In X, at ...").
                and tok.ent_type_ in ("", "PRODUCT", "CARDINAL", "ORDINAL")
                and tok.lower_ not in _NO_PLACE_NAME
                and not taken[tok.idx]
                and self.gaz.lookup(tok.text) is None
                and not self.gaz.country_of_demonym(tok.text)
                and not tok.is_sent_start
            ):
                continue
            placed = _place_beside(doc[tok.i : tok.i + 1]) or self._among_places(
                doc[tok.i : tok.i + 1]
            )
            if placed:
                i = tok.i
                # "Asia-Pacific region": hyphenated words before it belong to the name.
                while i >= 2 and doc[i - 1].text in "-–" and doc[i - 2].is_title:
                    i -= 2
                end = tok.idx + len(tok.text)
                out.append(
                    Candidate(doc.text[doc[i].idx : end], doc[i].idx, end, placed, source="pattern")
                )
        return out

    def regions_by_adjective(self, text: str) -> list[Candidate]:
        """ "the Central Asian region": a region the gazetteer knows, named by its adjective.

        Only regions (type LOC): "the Russian region" is a region of a country, not one.
        """
        out = []
        for m in _ADJECTIVE_REGION.finditer(text):
            adjective = m.group(1)
            # "Asian" -> "Asia", "European" -> "Europe"
            for base in (adjective[:-1], adjective[:-2]):
                place = self.gaz.lookup(base)
                if place is not None and place.entity_type == "LOC":
                    out.append(Candidate(m.group(0), m.start(), m.end(), "LOC", place, "pattern"))
                    break
        return out

    def compass_regions(self, text: str) -> list[Candidate]:
        """ "the Russian Far East": the part of a country named by its demonym and compass
        point (a region; "Far East" alone is one of its names). "Russia's Far East" keeps
        the country as a name of its own."""
        out = []
        for m in _COMPASS_REGION.finditer(text):
            if not self.gaz.country_of_demonym(m.group(1)):
                continue
            region = m.group(2)
            out.append(
                Candidate(m.group(0), m.start(), m.end(), "LOC", source="pattern", aliases=[region])
            )
        return out

    def conjunct_types(self, analysis: Analysis, cands: list[Candidate]) -> list[Candidate]:
        """A one-word "place" the gazetteer does not know, listed among organisations, is one.

        Why: the model calls company names it has not seen ("KAMAZ, Tatneft and ...") places.
        """
        doc = analysis.nlp
        out = []
        for c in cands:
            if c.label in ("GPE", "LOC") and c.place is None and " " not in c.text:
                span = doc.char_span(c.start, c.end)
                if span is not None and len(span) == 1:
                    tok = span[0]
                    near = [t for t in tok.children if t.dep_ == "conj"]
                    if tok.dep_ == "conj":
                        near.append(tok.head)
                    # The conjunct is a word of a candidate: its first ("KAMAZ") or its
                    # head ("the China National Petroleum Corporation").
                    labels = [
                        o.label
                        for t in near
                        if t.ent_type_ == "ORG"
                        for o in cands
                        if o.start <= t.idx < o.end
                    ]
                    if labels and all(lab == "ORG" for lab in labels):
                        c = Candidate(c.text, c.start, c.end, "ORG", source=c.source)
            elif (
                c.label in ("GPE", "LOC")
                and c.place is None
                and " " in c.text
                and self.gaz.lookup(c.text) is None
            ):
                # "Ruritanian Railways", "Northern Industries": a name that ends in a
                # plural common noun is a body, not a place (the places named by a plural,
                # "the Netherlands", are in the gazetteer).
                span = doc.char_span(c.start, c.end)
                if span is not None and span[-1].tag_ == "NNPS" and span[-1].lemma_.isalpha():
                    c = Candidate(c.text, c.start, c.end, "ORG", source=c.source)
            out.append(c)
        return out

    def titled_people(self, analysis: Analysis) -> list[Candidate]:
        """Names right after a capitalised title ("Head Rustem Minnikhanov"), or after its
        places or body ("Deputy Prime Minister of Russia Dmitry Kozak", "President of the
        Republic of Kazakhstan Kassym-Jomart Tokayev", "Premier of the State Council of the
        People's Republic of China Li Qiang"), that NER missed or cut."""
        out = []
        doc = analysis.nlp
        for tok in doc[:-2]:
            if not (tok.is_title and tok.lower_ in TITLE_HEADS):
                continue
            # "Ambassador of Pakistan in China Moinul Haque": the places of the title first.
            j = tok.i + 1
            while j + 1 < len(doc) and doc[j].lower_ in ("of", "in", "to", "for"):
                k = j + 2 if doc[j + 1].lower_ == "the" else j + 1
                two = doc[k : k + 2].text if k + 1 < len(doc) else ""
                if two in _COMPASS:
                    j = k + 2
                elif (
                    k + 1 < len(doc)
                    and doc[k].is_title
                    and self.gaz.lookup(doc[k].text)
                    # the place is a name of its own, not the start of a longer one
                    and doc[k + 1].ent_iob_ != "I"
                ):
                    j = k + 1
                elif (b := _body_start(doc, j + 1, k)) is not None:
                    # a body or place the model read whole: "the Republic of Kazakhstan"
                    end = b + 1
                    while end < len(doc) and doc[end].ent_iob_ == "I":
                        end += 1
                    # the model may end it a word early ("[the Republic of] Belarus")
                    while end < len(doc) and doc[end].is_title and self.gaz.lookup(doc[end].text):
                        end += 1
                    j = end
                else:
                    break
            names: list[Token] = []
            i = j
            while i < len(doc) and len(names) < 3:
                nxt = doc[i]
                if (
                    nxt.pos_ != "PROPN"
                    or not nxt.is_title
                    or nxt.lower_ in _TITLE_WORDS
                    or nxt.lower_ in ORG_WORDS
                    or self.gaz.lookup(nxt.text)
                ):
                    break
                last = nxt
                if (
                    i + 2 < len(doc)
                    and doc[i + 1].text == "-"
                    and not nxt.whitespace_
                    and not doc[i + 1].whitespace_
                    and doc[i + 2].is_title
                ):
                    last = doc[i + 2]  # "Kassym-Jomart": one word of the name
                names.append(nxt)
                if last is not nxt:
                    names.append(last)
                    i += 2
                i += 1
            after = doc[names[-1].i + 1] if names and names[-1].i + 1 < len(doc) else None
            if after is not None and after.is_title and after.lower_ in ORG_WORDS:
                continue  # "of State Atomic Energy Corporation": an organisation's name
            if any(n.lower_ in _NOT_NAME for n in names):
                continue  # "... Uygur Autonomous Region": a place's or body's words
            if len(names) >= 2:
                out.append(
                    Candidate(
                        doc[names[0].i : names[-1].i + 1].text,
                        names[0].idx,
                        names[-1].idx + len(names[-1].text),
                        "PERSON",
                        source="pattern",
                    )
                )
        return out

    def not_people(self, analysis: Analysis, cands: list[Candidate]) -> list[Candidate]:
        """Drop or retype PERSON spans that cannot be people.

        Why: the model calls acronyms ("BRI") and names used as modifiers ("the X Y coal
        deposits", "X workshops") people; a facility noun after the name makes it the facility.
        """
        doc = analysis.nlp
        out = []
        for c in cands:
            if c.label != "PERSON":
                out.append(c)
                continue
            if c.text.isupper() and c.text.isalpha() and len(c.text) <= 6:
                continue
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            last = span[-1] if span is not None and len(span) else None
            if (
                last is not None
                and last.dep_ == "compound"
                and last.head.i > last.i
                and last.head.pos_ == "NOUN"
                and last.head.is_lower
            ):
                head = last.head.lemma_.lower()
                if head in FACILITY_WORDS:
                    out.append(Candidate(c.text, c.start, c.end, "FAC", source=c.source))
                elif _place_kind(head):
                    kind = _place_kind(head) or "LOC"
                    out.append(Candidate(c.text, c.start, c.end, kind, source=c.source))
                continue
            out.append(c)
        return out

    def acronyms(self, text: str, cands: list[Candidate]) -> dict[str, Candidate]:
        """Acronyms defined in the text: "... Corps (XPCC)" -> the candidate just before."""
        found: dict[str, Candidate] = {}
        for m in _ACRONYM_DEF.finditer(text):
            acr = m.group(1)
            before = [c for c in cands if 0 <= m.start() - c.end <= 2 and c.label != "PERSON"]
            if not before:
                continue
            cand = max(before, key=lambda c: c.end - c.start)
            if _initials_match(acr, cand.text):
                found[acr] = cand
        return found

    def acronym_mentions(
        self, text: str, acronyms: dict[str, Candidate], cands: list[Candidate]
    ) -> list[Candidate]:
        out = []
        for acr, target in acronyms.items():
            for m in re.finditer(rf"\b{re.escape(acr)}\b", text):
                out.append(
                    Candidate(acr, m.start(), m.end(), target.label, target.place, "acronym")
                )
        return out

    def demonym_mentions(self, analysis: Analysis) -> list[tuple[int, int, str]]:
        """(start, end, country name) for demonyms such as "Kazakh" or "Chinese"."""
        out = []
        for ent in analysis.nlp.ents:
            if ent.label_ in ("NORP", "GPE") and len(ent) == 1:
                place = self.gaz.country_of_demonym(ent.text)
                named = self.gaz.lookup(ent.text)
                if (
                    place
                    and place.kind == "country"
                    and (
                        ent.label_ == "NORP" or named is None or norm(ent.text) != norm(named.name)
                    )
                ):
                    out.append((ent.start_char, ent.end_char, place.name))
        return out

    # grouping ----------------------------------------------------------------

    def group(self, cands: list[Candidate], acronyms: dict[str, Candidate]) -> list[Entity]:
        """Group mentions of one thing; canonical name and aliases for each group."""
        groups: dict[str, list[Candidate]] = {}
        acr_target = {acr: self._key(c) for acr, c in acronyms.items()}
        tails = {t: self._key(c) for t, c in _acronym_tails(cands).items()}
        # Longest names first (a patronymic not counted), so short forms find them.
        order = sorted(cands, key=lambda c: (-_name_words(c), c.start))
        for cand in order:
            key = acr_target.get(cand.text) or tails.get(cand.text) or self._key(cand)
            if key not in groups:
                key = self._short_form(cand, groups) or key
            groups.setdefault(key, []).append(cand)
        entities = []
        for key, members in groups.items():
            ent = self._entity(key, members, [a for a, k in acr_target.items() if k == key])
            if ent:
                entities.append(ent)
        # Most mentioned first: the document's main actors lead the list.
        entities.sort(key=lambda e: (-len(e.mentions), e.mentions[0].start))
        return entities

    def _key(self, cand: Candidate) -> str:
        if cand.place is not None:
            return f"place:{cand.place.code}"
        if cand.label == "EVENT":
            return f"event:{_event_key(cand.text)}"
        # One surface string is one entity within a document, whatever NER called each
        # mention; the types are put to a vote.
        return f"name:{norm(cand.text)}"

    def _short_form(self, cand: Candidate, groups: dict[str, list[Candidate]]) -> str | None:
        """Join a surname or short name to the one longer name in the document it fits.

        A patronymic ("Vladimirovich") is left out of the comparison, so a name written
        with it and without it is one person. Where several longer names fit, the ones of
        the candidate's own type are preferred; where those are all one surname's
        ("Vladimir Putin", "V. V. Putin"), the most mentioned takes it.
        """
        words = [norm(w) for w in _strip_ordinal(cand.text).split()]
        words = [w for w in words if w]
        n_written = len(words)
        if cand.label == "PERSON" and len(words) > 1:
            words = [w for w in words if not _PATRONYMIC.search(w)] or words
        # A name written with a patronymic may join the same name written without it.
        dropped_patronymic = len(words) < n_written
        if not words or cand.place is not None:
            return None
        if cand.text.isupper() and len(words) == 1 and cand.label == "ORG":
            hits = [
                k
                for k, ms in groups.items()
                if ms[0].label == "ORG"
                and len(ms[0].text.split()) >= 2
                and self._acronym_of(cand.text, ms[0].text)
            ]
            if len(hits) == 1:
                return hits[0]
        # A town's name, however spelt, is no short form of a longer name it opens
        # ("Ulaanbaatar" is not "the Ulaanbaatar Railway"); a person's name may be a
        # town's too ("Gao", "Vladimir"). The words are folded to lower case, which the
        # gazetteer reads as no name: it is asked in title case.
        distinctive = [
            w
            for w in words
            if w not in GENERIC_WORDS
            and (cand.label == "PERSON" or not self.gaz.lookup(w.title(), weak=True))
            and not self.gaz.country_of_demonym(w)
        ]
        if not distinctive:
            return None
        fits = []
        for key, members in groups.items():
            head = members[0]
            n_head = len(head.text.split())
            if head.place is not None or n_head < len(words):
                continue
            if n_head == len(words) and not dropped_patronymic:
                continue
            if not _compatible(cand.label, head.label, len(words)):
                continue
            longer = [norm(w) for w in _strip_ordinal(head.text).split()]
            if any(w.isdigit() and w not in words for w in longer):
                continue  # "Power of Siberia 2" is the sequel, not a longer form
            if all(w in longer for w in words):
                fits.append(key)
        if len(fits) > 1:
            fits = [k for k in fits if groups[k][0].label == cand.label] or fits
        if len(fits) > 1 and cand.label == "PERSON" and len(words) == 1:
            surnames = {norm(groups[k][0].text).split()[-1] for k in fits}
            if surnames == {words[0]}:
                return max(fits, key=lambda k: len(groups[k]))
        return fits[0] if len(fits) == 1 else None

    def _acronym_of(self, acr: str, name: str) -> bool:
        """The acronym is the name's capitals, with or without a leading place ("CNPC" and
        "NPC" both of "China National Petroleum Corporation")."""
        words = name.split()
        forms = [words]
        if words and self.gaz.lookup(words[0]):
            forms.append(words[1:])
        if len(words) >= 3 and words[-2] == "of" and self.gaz.lookup(words[-1]):
            forms.append([words[-1], *words[:-2]])  # "... Corporation of China"
        for form in forms:
            caps = "".join(w[0] for w in form if w[:1].isupper())
            if len(caps) >= 2 and caps == acr:
                return True
        return False

    def _entity(self, key: str, members: list[Candidate], acronyms: list[str]) -> Entity | None:
        label = _vote(members)
        mentions: dict[tuple[int, int], Mention] = {}
        for c in members:
            mentions.setdefault((c.start, c.end), Mention(c.text, c.start, c.end))
        texts = [c.text for c in members]
        place = next((c.place for c in members if c.place is not None), None)
        if place is not None:
            name = place.name
        else:
            full = [t for t in texts if t not in acronyms]
            name = max(full or texts, key=lambda t: _name_rank(t, label))
            if label == "EVENT":
                name = _strip_ordinal(name)
        given = {a for c in members for a in c.aliases}
        aliases = sorted(({t for t in texts} | given | set(acronyms)) - {name})
        attrs = place.attrs() if place is not None else {}
        if place is not None:
            aliases = sorted(set(aliases) | {a for a in place.aliases if len(a) < 60})
        return Entity(
            key=make_id("m", key),
            name=name,
            type=label,
            mentions=sorted(mentions.values(), key=lambda m: m.start),
            aliases=aliases,
            attrs=attrs,
        )


def add_repeat_mentions(text: str, entities: list[Entity]) -> None:
    """Every later occurrence of a name already found is a mention too (NER misses some)."""
    taken = sorted((m.start, m.end) for e in entities for m in e.mentions)
    owners: dict[str, Entity | None] = {}
    for ent in entities:
        for m in ent.mentions:
            if len(m.text) < 3 or m.text.islower():
                continue
            owners[m.text] = None if owners.get(m.text, ent) is not ent else ent
    for name, owner in sorted(owners.items(), key=lambda kv: -len(kv[0])):
        if owner is None:
            continue
        for hit in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
            if any(hit.start() < b and a < hit.end() for a, b in taken):
                continue
            owner.mentions.append(Mention(name, hit.start(), hit.end()))
            taken.append((hit.start(), hit.end()))
        owner.mentions.sort(key=lambda x: x.start)


_INITIATIVE_AFTER = re.compile(r"\s+initiative\b", re.IGNORECASE)


def _initiatives(text: str, entities: list[Entity]) -> list[Entity]:
    """ "the X initiative": a programme, an organisation's kind of name, not the road,
    belt or corridor its name speaks of; where the article also names "X Initiative",
    the two are one."""
    by_name = {e.name.lower(): e for e in entities}
    out: list[Entity] = []
    for ent in entities:
        if ent.type not in ("FAC", "LOC") or ent.attrs:
            out.append(ent)
            continue
        full = by_name.get(ent.name.lower() + " initiative")
        if full is not None and full is not ent:
            full.mentions = sorted(full.mentions + ent.mentions, key=lambda m: m.start)
            full.aliases = list(dict.fromkeys([*full.aliases, ent.name, *ent.aliases]))
            continue
        if any(_INITIATIVE_AFTER.match(text, m.end) for m in ent.mentions):
            ent.type = "ORG"
        out.append(ent)
    return out


def _headline_words(surface: str) -> bool:
    """True for a span that runs past a name into running words.

    Why: a name never ends in a preposition ("from West to"), and a capitalised
    preposition that does not link a name's words ("Union Amid Storm", "Region Near")
    marks a title-case headline the model read as one long name.
    """
    words = [w.strip(".,:;!?") for w in surface.split()]
    if len(words) < 2:
        return False
    if words[-1].lower() in PREPOSITIONS or words[-1].lower() in ("and", "&", "or"):
        return True
    return any(w[:1].isupper() and w.lower() in PREPOSITIONS - NAME_LINKS for w in words[1:])


def _pronoun_surname(doc: Doc, start: int, end: int, label: str) -> bool:
    """True where a one-word name follows "He" or "She": a surname spelled like a pronoun
    ("Vice Premier He Lifeng", "He Lifeng, vice chairman, said"), which the model leaves out.

    Why: a pronoun is never followed by a proper name; "He Putin" is not English.
    """
    if label not in ("PERSON", "ORG", "GPE") or end - start != 1 or start < 1:
        return False
    before, name = doc[start - 1], doc[start]
    return before.text in ("He", "She") and name.is_title and name.is_alpha


def _hyphen_start(doc: Doc, start: int, end: int, label: str) -> int:
    """ "Ruritania-Freedonia Business Council": the model often starts the name after the
    hyphen; the capitalised word joined before it belongs to the name."""
    if label not in ("ORG", "FAC", "EVENT") or end - start < 2:
        return start
    while (
        start >= 2
        and doc[start - 1].text in ("-", "–")
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and (doc[start - 2].is_title or doc[start - 2].is_upper)
        and doc[start - 2].is_alpha
    ):
        start -= 2
    return start


def _coordinated(span: Span, label: str) -> list[tuple[int, int]] | None:
    """ "Xi and Rahmon", "Acme and Globex signed": two names the model ran into one span.

    Why: the model reads names joined by "and" as one name. People never share a name
    that way; organisations do ("Research and Production Center"), so an organisation
    span is split only where the parse makes the second name a conjunct of the first
    name's head rather than of a word inside it.
    """
    if label not in ("PERSON", "ORG"):
        return None
    cc = [t for t in span if t.lower_ in ("and", "&") and t.i > span.start]
    if len(cc) != 1 or cc[0].i + 1 >= span.end:
        return None
    left, right = span.doc[span.start : cc[0].i], span.doc[cc[0].i + 1 : span.end]
    if not (left[0].is_title or left[0].is_upper) or not (right[0].is_title or right[0].is_upper):
        return None
    if label == "ORG":
        before = span.doc[span.start - 1].lower_ if span.start else ""
        if (
            cc[0].lower_ != "and"
            or any(t.lower_ in NAME_LINKS for t in span)
            or before in NAME_LINKS
        ):
            return None  # "Ministry of Industry and Trade": a list inside one name
        root = left.root
        shared = cc[0].i < root.head.i < span.end
        if shared or right.root.dep_ != "conj" or right.root.head != root:
            return None  # "National Development and Reform Commission": a shared head
        if all(t.lower_ in GENERIC_WORDS for t in [*left, *right]):
            return None
        if right[-1].lower_ in ORG_WORDS and left[-1].lower_ not in ORG_WORDS:
            return None  # "X Production and Construction Corps": the head noun is shared
    return [
        (left.start_char, left.end_char),
        (right.start_char, right.end_char),
    ]


def _place_beside(span: Span) -> str | None:
    """The place type a lower-case place noun next to a one-word name gives it, if any.

    "X checkpoint", "X and Y crossings" (the noun after the last conjunct), "the province
    X", "the village of X"; a name after "in" or "near" is a place too.
    """
    doc = span.doc
    tok = span[-1]
    top = tok
    while top.dep_ == "conj" and top.head.i < top.i:
        top = top.head
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ == "and":
        after = next(
            (t for t in doc[span.end : span.end + 6] if t.is_lower and t.pos_ == "NOUN"), None
        )
    for noun in (after, top.head if top.head.i > tok.i else None):
        if noun is not None and noun.is_lower and noun.pos_ == "NOUN" and tok.dep_ != "poss":
            kind = _place_kind(noun.lemma_)
            if kind and noun.i > tok.i and noun.i - tok.i <= 4:
                return kind
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ == "of" and span.start >= 2:
        before = doc[span.start - 2] if _place_kind(doc[span.start - 2].lemma_) == "GPE" else None
    if before is not None and before.is_lower and before.pos_ == "NOUN":
        kind = _place_kind(before.lemma_)
        if kind:
            return kind
    if (
        span[0].dep_ == "pobj"
        and span[0].head.lower_ in _LOCATIVE
        and span[0].head.i == span.start - 1
    ):
        return "GPE"
    return None


def _facilities_by_their_noun(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A name that a facility's noun follows in any mention ("the X pipeline", "X bridge")
    names that facility in every mention, where the model called it an organisation or a
    natural place the gazetteer does not know.

    Why: "X" alone reads like a company, and the model types it so; the document says what
    it is once, beside its noun."""
    facilities = {
        c.text
        for c in cands
        if c.place is None
        and c.label in ("ORG", "FAC", "LOC")
        and any(
            _FACILITY_AFTER.match(text, m.end())
            for m in re.finditer(r"\b" + re.escape(c.text) + r"\b", text)
        )
    }
    return [
        Candidate(c.text, c.start, c.end, "FAC", source=c.source, aliases=c.aliases)
        if c.text in facilities and c.label in ("ORG", "LOC") and c.place is None
        else c
        for c in cands
    ]


def _with_feature_nouns(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "the X channel", "X pass": a natural feature's name takes its lower-case noun.

    Why: such a noun is part of the feature's name ("X Pass"), unlike a site noun
    ("X checkpoint"), and the name alone may also name a town.
    """
    out = []
    for c in cands:
        span = doc.char_span(c.start, c.end)
        if (
            span is not None
            and c.place is None
            and c.label in ("LOC", "FAC")
            and span.end < len(doc)
        ):
            nxt = doc[span.end]
            if nxt.is_lower and nxt.lemma_ in _FEATURE_NOUNS and nxt.idx == c.end + 1:
                end = nxt.idx + len(nxt.text)
                c = Candidate(doc.text[c.start : end], c.start, end, "LOC", source=c.source)
        out.append(c)
    return out


def _with_facility_heads(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "X nuclear power plant", "X gas processing plant": a name that modifies a facility's
    noun through lower-case modifiers is that facility's name, noun and modifiers with it
    (a noun right after the name leaves the name alone: "the X pipeline" is "X").

    Why: the model marks the name alone ("X"), and types it as a company or a town; the
    facility it names is the phrase. A name the gazetteer knows is left alone ("Moscow
    power plant" is a plant in Moscow, named by the town).
    """
    out = []
    for c in cands:
        span = doc.char_span(c.start, c.end)
        if span is None or c.place is not None or c.label not in ("ORG", "FAC", "GPE", "LOC"):
            out.append(c)
            continue
        name = span[-1]
        # The facility noun: the first word after up to three lower-case modifiers, the
        # name's head or a noun in apposition to it ("of X nuclear power plant in Y").
        j = span.end
        while j < len(doc) and j - span.end < 4 and doc[j].is_lower and doc[j].is_alpha:
            if doc[j].lemma_ in _FACILITY_HEADS and (name.head.i == j or doc[j].head.i == name.i):
                if j == span.end:
                    break  # "X pipeline": the name alone (_facilities_by_their_noun)
                between = doc[span.end : j]
                if all(span.end <= t.head.i <= j for t in between):
                    end = doc[j].idx + len(doc[j].text)
                    # The name alone stays an alias: other articles write it so.
                    c = Candidate(
                        doc.text[c.start : end],
                        c.start,
                        end,
                        "FAC",
                        source=c.source,
                        aliases=[c.text],
                    )
                break
            j += 1
        out.append(c)
    return out


_FACILITY_HEADS = frozenset(_WORDS["facility_heads"]) | {"station", "field", "terminal"}


def _place_kind(lemma: str) -> str | None:
    if lemma in _SITE_NOUNS:
        return "FAC"
    if lemma in _FEATURE_NOUNS:
        return "LOC"
    if lemma in _SETTLEMENT_NOUNS:
        return "GPE"
    return None


def _actor(span: Span) -> bool:
    """True where a name acts or owns: the subject or possessor of a clause, or named in
    apposition to a company noun ("the state gas giant X", "producer, X")."""
    tok = span[-1]
    if tok.dep_ in ("nsubj", "nsubjpass", "poss"):
        return True
    doc = span.doc
    prev = [t for t in doc[max(0, span.start - 2) : span.start] if not t.is_punct]
    return bool(prev) and prev[-1].is_lower and prev[-1].lemma_ in _ORG_APPOSITIVES


def _credit_pair(surface: str) -> bool:
    """True for "Agency/Photographer" and "Site / Section": names run together with a slash.

    Why: picture credits and site headers join an outlet and a person or a menu entry
    with a slash; a name of one thing uses a slash only between acronyms ("RFE/RL").
    """
    if "/" not in surface:
        return False
    parts = [p.strip() for p in surface.split("/")]
    return not all(re.fullmatch(r"[A-Z]{2,}(?:['’]s)?(?:\s.*)?", p) for p in parts if p)


def _bare(word: str) -> str:
    """A word without its possessive ending and trailing comma, in lower case."""
    return _POSSESSIVE.sub("", word.rstrip(",")).lower()


_TITLE_OF = re.compile(r"\b([A-Za-z]+)\s+of\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?$")


_TITLE_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")
_HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Mme)\.?\s+$")


def _covered(text: str, cands: list[Candidate]) -> bytearray:
    """The characters the candidates cover, marked once (a test per name was quadratic)."""
    taken = bytearray(len(text) + 1)
    for c in cands:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return taken


# What the model reads as one body or place after a title's "of".
_BODY_ENTS = frozenset(("GPE", "ORG", "LOC", "NORP"))


def _body_start(doc: Doc, *at: int) -> int | None:
    """The first of these tokens that opens a body or place the model read ("the" may open
    it, or the word after it)."""
    for k in at:
        if k < len(doc) and doc[k].ent_iob_ == "B" and doc[k].ent_type_ in _BODY_ENTS:
            return k
    return None


def _name_word(word: str) -> bool:
    """Shaped like a word of a personal name: capitalised letters, maybe hyphenated."""
    return word[:1].isupper() and word.replace("-", "").isalpha() and not word.isupper()


def _after_title_of(text: str, start: int) -> bool:
    """The span follows a title and its "of": "Premier of the |State Council ..."."""
    m = _TITLE_OF.search(text, max(0, start - 40), start)
    return m is not None and m.group(1).lower() in TITLE_HEADS


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Strip leading articles, possessives and stray punctuation from a span."""
    while True:
        seg = text[s:e]
        m = _LEAD_STRIP.match(seg)
        if m:
            s += m.end()
            continue
        m = _POSSESSIVE.search(seg)
        if m and e - s > 3:
            e -= len(m.group(0))
            continue
        keep_dot = seg.endswith(".") and re.search(r"\b(?:Co|Ltd|Inc|Corp|U\.S|Jr)\.$", seg)
        stripped = seg.strip(" \t\n.,;:“”\"'‘’()[]|/—–-")
        if stripped != seg and stripped and not (keep_dot and stripped == seg[:-1].lstrip()):
            s += seg.index(stripped)
            e = s + len(stripped)
            continue
        return s, e


# Words that alone only say what kind of event it is ("the International Business Forum").
_GENERIC_EVENT_WORDS = GENERIC_WORDS | EVENT_NOUNS | ORDINAL_WORDS | {"annual", "world"}
_EVENT_SYNONYMS = {"exhibition": "expo", "fair": "expo", "exposition": "expo"}
_EVENT_FILLER = {"international", "annual", "the", "of"}


# What may precede a name on a line of its own: blanks, a bullet, a list number.
_LIST_MARK = re.compile(r"[ \t]*(?:[-*•·]|\d{1,3}[.)])?[ \t]*")
# "Central Asian region", "South Asian region": an adjective of a region before "region".
_ADJECTIVE_REGION = re.compile(r"\b((?:[A-Z][a-z]+[ -])?[A-Z][a-z]+an) region\b")
# A Russian (or Russian-style) patronymic: "Vladimirovich", "Kemelevich", "Ivanovna".
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ichna)$")


def _name_words(c: Candidate) -> int:
    """How many words a candidate's name has, a person's patronymic not counted."""
    words = c.text.split()
    if c.label == "PERSON" and len(words) > 1:
        return len([w for w in words if not _PATRONYMIC.search(norm(w))]) or len(words)
    return len(words)


def _acronym_tails(cands: list[Candidate]) -> dict[str, Candidate]:
    """Names that end in an acronym of another name's last words, with that name: "X NPP"
    and "X Nuclear Power Plant" (the same words before, the initials after)."""
    long_forms: dict[tuple[str, str], Candidate] = {}
    for c in cands:
        words = c.text.split()
        for k in range(2, min(5, len(words) - 1) + 1):
            tail = words[-k:]
            if all(w[:1].isalpha() for w in tail):
                initials = "".join(w[0] for w in tail).upper()
                long_forms.setdefault((norm(" ".join(words[:-k])), initials), c)
    out = {}
    for c in cands:
        words = c.text.split()
        if len(words) >= 2 and re.fullmatch(r"[A-Z]{2,5}", words[-1]):
            long = long_forms.get((norm(" ".join(words[:-1])), words[-1]))
            if long is not None and long is not c:
                out[c.text] = long
    return out


def _name_rank(text: str, label: str) -> tuple[int, int, int]:
    """How well a mention's text names its entity: more words first; for a person, a
    patronymic adds none and counts against ("Vladimir Putin" before "Vladimirovich
    Putin"); then the longer text."""
    words = text.split()
    if label != "PERSON":
        return len(words), 0, len(text)
    patronymics = sum(bool(_PATRONYMIC.search(norm(w))) for w in words)
    return len(words) - patronymics, -patronymics, len(text)


def _event_key(name: str) -> str:
    """A key under which "eighth X EXPO" and "X international exhibition" agree."""
    words = norm(_strip_ordinal(name)).split()
    words = [_EVENT_SYNONYMS.get(w, w) for w in words if w not in _EVENT_FILLER]
    out: list[str] = []
    for w in words:
        if not out or out[-1] != w:
            out.append(w)
    return " ".join(out)


def _strip_ordinal(name: str) -> str:
    m = _ORDINAL.match(name)
    if m and (m.group(0).strip().lower() in ORDINAL_WORDS or m.group(0)[0].isdigit()):
        return name[m.end() :]
    return name


def _initials_match(acr: str, name: str) -> bool:
    """The acronym's letters are the name's capitals, also with a closing "of <Place>" read
    first ("CNPC" for "National Petroleum Corporation of China"), or the name's letters in
    order."""
    words = [w for w in re.split(r"[\s\-–—]+", _strip_ordinal(name)) if w]
    caps = "".join(w[0] for w in words if w[0].isupper())
    letters = acr.upper()
    if caps.upper() == letters or caps.upper().startswith(letters):
        return True
    if (
        len(words) >= 3
        and words[-2] == "of"
        and words[-1][:1].isupper()
        and (words[-1][0] + caps[:-1]).upper() == letters
    ):
        return True
    # Allow the acronym to skip small words or take two letters from a word.
    it = iter(name.upper())
    return letters[0] == name[:1].upper() and all(ch in it for ch in letters)


def _compatible(short: str, long: str, n_words: int) -> bool:
    if short == long or {short, long} <= {"ORG", "FAC"}:
        return True
    if n_words == 1 and short in ("GPE", "LOC") and long == "FAC":
        # "X" for "the X Nuclear Power Plant": a word the gazetteer does not know (places
        # it knows never reach here) read as a town.
        return True
    # spaCy often calls a lone surname or short name by the wrong type.
    return (
        n_words == 1 and short in ("PERSON", "ORG", "EVENT") and long in ("ORG", "EVENT", "PERSON")
    )


def _vote(members: list[Candidate]) -> str:
    if any(c.place is not None for c in members):
        return next(c.place.entity_type for c in members if c.place is not None)
    # A full name read as a person decides for its short forms: the model often calls a
    # lone surname ("Wang said") an organisation, however often it recurs.
    longest = max(len(c.text.split()) for c in members)
    if longest >= 2 and any(
        c.label == "PERSON" and len(c.text.split()) == longest and c.source == "ner"
        for c in members
    ):
        full = [c for c in members if len(c.text.split()) == longest]
        if all(c.label == "PERSON" for c in full):
            return "PERSON"
    counts: dict[str, int] = {}
    for c in members:
        weight = 3 if c.source in ("quoted", "pattern", "dateline") else 1
        weight += len(c.text.split())
        counts[c.label] = counts.get(c.label, 0) + weight
    return max(counts, key=lambda k: counts[k])


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Drop candidates overlapping a longer or better one (ties: NER before patterns)."""
    rank = {"dateline": 0, "quoted": 1, "ner": 2, "pattern": 3, "acronym": 4, "gazetteer": 5}
    ordered = sorted(
        cands,
        key=lambda c: (
            rank.get(c.source, 5) if c.source == "dateline" else 1,
            -(c.end - c.start),
            rank.get(c.source, 5),
        ),
    )
    taken: list[tuple[int, int]] = []
    out = []
    for c in ordered:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        out.append(c)
    return sorted(out, key=lambda c: c.start)


_CURRENCY_TAIL = re.compile(r"\s+dollars?\b", re.I)


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each line written in title case: a headline or a section head
    ("Leaders Sign Statement On Deepening Partnership"), where every word is capitalised
    and so tells nothing of where a name starts or ends.

    A line of names (a picture caption: "President A with President B") is capitalised
    too; what marks a headline is running words: at least two of its capitalised words
    are written in lower case elsewhere in the article ("statement", "visit").
    """
    lower = set(re.findall(r"(?<![\w'’-])[a-z][a-z'’-]+", text))
    out = []
    for start, line in _lines(text):
        words = re.findall(r"[^\W\d_][\w'’-]*", line)
        content = [w for w in words if len(w) > 3]
        if (
            len(words) >= 4
            and len(content) >= 3
            and sum(w[0].isupper() for w in content) >= 0.8 * len(content)
            and not line.rstrip().endswith(".")
            and sum(w[0].isupper() and w.lower() in lower for w in content[1:]) >= 2
        ):
            out.append((start, start + len(line)))
    return out


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """Each line of a text with the offset it starts at."""
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


def _label_lines(text: str, cands: list[Candidate]) -> list[tuple[int, int]]:
    """The (start, end) of each line that is one name and nothing else, a list number
    aside: a site's menu or section label ("World", "Company News"), a byline or a
    comment's author. Every line that writes a candidate's name alone counts, whether the
    model read a name there or not."""
    names = {c.text for c in cands}
    out = []
    for start, line in _lines(text):
        mark = _LIST_MARK.match(line)
        bare = line[mark.end() if mark else 0 :].rstrip(" .:;,\t")
        if bare in names:
            out.append((start, start + len(line)))
    return out


def _drop_headline_only(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop a name read in a title-case line, or alone on a line, that the rest of the
    article never writes.

    Why: in a headline every word is capitalised, so the model takes running words for
    names ("Mirziyaev Starts", "Xi Sign Statement On Deepening Partnership"); a line that
    is one name and nothing else is most often a site's menu, a section label or a byline
    ("World", "Company News"). A real name there is almost always repeated in the
    article's body; a place the gazetteer knows is kept wherever it is.
    """
    lines = sorted(set(_title_case_lines(text)) | set(_label_lines(text, cands)))
    if not lines:
        return cands
    body = "\n".join(
        text[a:b]
        for a, b in zip(
            [0] + [e for _, e in lines], [s for s, _ in lines] + [len(text)], strict=True
        )
    )
    out = []
    for c in cands:
        inside = any(s <= c.start and c.end <= e for s, e in lines)
        if inside and c.place is None and c.source == "ner":
            pattern = r"(?<!\w)" + re.escape(c.text) + r"(?!\w)"
            if not re.search(pattern, body, re.IGNORECASE):
                continue
        out.append(c)
    return out


def _drop_currency_countries(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop a place named only as part of a currency's name ("U.S. dollars").

    Why: "149 billion yuan (about 20.9 billion U.S. dollars)" converts a figure; the
    country issuing the currency takes no part in what the article reports.
    """
    return [c for c in cands if not (c.label == "GPE" and _CURRENCY_TAIL.match(text, c.end))]


def _drop_cut_off(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop a name the text breaks off in: an article cut short ends mid-word ("Azerba")."""
    body = text.rstrip()
    if not body or re.search(r"[.!?”\"'’)\]…]$", body):
        return cands
    # A closing agency credit ("... -Reuters") ends the text whole.
    return [c for c in cands if c.end < len(body) or c.source == "dateline"]


def _split_from_to(text: str, cands: list[Candidate]) -> list[Candidate]:
    """ "from X to Y Logistics Centre": a span joined at a lower-case "to" is two names.

    Why: the model runs a route's two ends together into one organisation or facility.
    """
    out = []
    for c in cands:
        m = re.search(r" to (?=[A-Z])", c.text)
        if m is None or c.label not in ("ORG", "FAC", "GPE", "LOC") or c.place is not None:
            out.append(c)
            continue
        left = c.text[: m.start()]
        right_start = c.start + m.end()
        out.append(Candidate(left, c.start, c.start + len(left), c.label, source=c.source))
        out.append(
            Candidate(text[right_start : c.end], right_start, c.end, c.label, source=c.source)
        )
    return out


def _drop_boilerplate(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop names seen only on picture-credit lines and social-network invitations.

    Why: a credited photographer, agency or network is no actor of the story; a name the
    story itself also uses keeps its mentions there.
    """
    spans = [(m.start(), m.end()) for m in _BOILERPLATE_LINE.finditer(text)]
    if not spans:
        return cands

    def boiler(c: Candidate) -> bool:
        return any(a <= c.start < b for a, b in spans)

    told = {norm(c.text) for c in cands if not boiler(c)}
    return [c for c in cands if not boiler(c) or norm(c.text) in told]


def _join_conjoined_orgs(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """ "X Research and Production Center": two pieces split at "and" are one organisation.

    Why: the model ends a name at "and" when the first half lacks a head noun of its own;
    where the first half heads itself ("Norvex Logistics and Caspian Freight Group will
    build"), the two are two organisations.
    """
    text = doc.text
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == "ORG"
            and c.label == "ORG"
            and prev.place is None
            and c.place is None
            and (text[prev.end : c.start] == " and " or text[prev.end - 4 : c.start] == " and ")
            and prev.text.split()[-1].lower() not in ORG_WORDS | FACILITY_WORDS
            and any(w.lower() in ORG_WORDS for w in c.text.split())
            and _modifies(doc, prev, c)
        ):
            out[-1] = Candidate(
                text[prev.start : c.end], prev.start, c.end, "ORG", source=prev.source
            )
            continue
        out.append(c)
    return out


# "Caliber.Az", "Kun.uz": a name, a dot and a domain ending, not inside an address.
_WEB_NAME = re.compile(r"(?<![\w./@:-])([A-Z][\w-]+)\.([A-Za-z]{2,4})\b(?![./-]\w)")
WEB_DOMAINS = frozenset(_WORDS["web_domains"])
_STOP_WORDS = frozenset(STOP_WORDS)
_COMPASS = sorted(_WORDS["compass_regions"], key=len, reverse=True)
_COMPASS_REGION = re.compile(
    r"\b([A-Z][a-z]+)\s+(" + "|".join(map(re.escape, _COMPASS)) + r")\b(?!\s+[A-Z])"
)
# A minister's portfolio: after the title ("Minister of | Economy ...") or with it.
_PORTFOLIO = re.compile(r"\bMinister\s+(?:of|for)\s+(?:the\s+)?$")
_PORTFOLIO_NAME = re.compile(r"Minister\s+(?:of|for)\s")
_ORG_HEAD_BEFORE = re.compile(
    r"\b([A-Z][a-z]+)\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+(?:(?:and|&)\s+)?)*$"
)
_OF_PLACE = re.compile(r"^\s+of\s+(?:the\s+)?$")


def _org_name_bounds(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Where an organisation's name begins and ends around "of" and "for".

    - "Minister of Economy and Sustainable Development": the portfolio of a title is no
      organisation of its own (the role reads it), nor is the title with it;
    - "the Ministry of | Roads and Urban Development", "the Agency for | Innovation and
      Digital Technology": the model started the name after its head noun, which is part
      of it;
    - "the People's Government | of | Heilongjiang Province": a name ending in an
      organisation noun and followed by "of" and a place is one name.
    """
    out: list[Candidate] = []
    skip: set[int] = set()
    for i, c in enumerate(cands):
        if i in skip:
            continue
        if c.label == "ORG" and c.place is None:
            before = text[max(0, c.start - 80) : c.start]
            own_head = any(w.lower() in ORG_WORDS for w in c.text.split())
            if not own_head and (_PORTFOLIO.search(before) or _PORTFOLIO_NAME.match(c.text)):
                continue
            m = _ORG_HEAD_BEFORE.search(before)
            if m and m.group(1).lower() in ORG_WORDS:
                start = c.start - len(before) + m.start(1)
                if not any(o.start <= start < o.end for o in cands if o is not c):
                    c = replace(c, text=text[start : c.end], start=start)
            last = c.text.split()[-1].lower() if c.text.split() else ""
            nxt = cands[i + 1] if i + 1 < len(cands) else None
            if (
                last in ORG_WORDS
                and nxt is not None
                and nxt.label in ("GPE", "LOC")
                and _OF_PLACE.match(text[c.end : nxt.start])
            ):
                skip.add(i + 1)
                c = replace(c, text=text[c.start : nxt.end], end=nxt.end)
            elif (
                _DANGLING_OF.search(c.text)
                and nxt is not None
                and nxt.label in ("GPE", "LOC")
                and not text[c.end : nxt.start].strip()
            ):
                # "the General Administration of Customs of the | PRC": the model stopped
                # before the place its name ends with.
                skip.add(i + 1)
                c = replace(c, text=text[c.start : nxt.end], end=nxt.end)
        out.append(c)
    return out


_DANGLING_OF = re.compile(r"\s(?:of|of the)$")


# Document titles the model reads as organisations ("the Agreement on Trade in ...").
_DOCUMENT_FIRST = frozenset(_WORDS["document_titles"])
_PLURAL_ORG_FIRST = frozenset(_WORDS["plural_org_heads"])


def _not_org_names(cands: list[Candidate]) -> list[Candidate]:
    """Organisation names that are none, or run past their end.

    - a document's title ("Joint Statement on ...", "Agreement on Trade in ..."): the
      event reads the signing, the entity list keeps actors and places;
    - a plural head ("the Ministries of Health of both countries"): several bodies, no one
      name;
    - "Transport Route (TITR": a parenthesis the name opens and never closes ends it.
    """
    out = []
    for c in cands:
        if c.label == "ORG":
            words = [w.lower() for w in c.text.split()[:2]]
            if words and words[0] == "joint":
                words = words[1:]
            if words and (words[0] in _DOCUMENT_FIRST or words[0] in _PLURAL_ORG_FIRST):
                continue
        if c.text.count("(") > c.text.count(")"):
            cut = c.text.rfind("(")
            head = c.text[:cut].rstrip()
            if not head:
                continue
            c = replace(c, text=head, end=c.start + len(head))
        out.append(c)
    return out


def _cut_at_people(
    cands: list[Candidate], people: list[Candidate], gaz: Gazetteer
) -> list[Candidate]:
    """ "Envoy to the Far East | Yury Trutnev": a name the model ran into a titled person's
    name ends where the person begins (or is dropped where nothing is left, or a place
    the gazetteer knows is left: the country patterns read it)."""
    out = []
    for c in cands:
        hit = next((p for p in people if c.start < p.end and p.start < c.end), None)
        if hit is None or c.label == "PERSON":
            out.append(c)
            continue
        head = c.text[: max(0, hit.start - c.start)].rstrip(" ,")
        if head and c.end <= hit.end and not gaz.lookup(head):
            label = "LOC" if re.sub(r"^the\s+", "", head) in _COMPASS else c.label
            out.append(replace(c, text=head, end=c.start + len(head), label=label, aliases=[]))
    return out


def _split_person_pairs(cands: list[Candidate]) -> list[Candidate]:
    """ "the Xi-Lukashenko meeting": two people the document names, joined by a hyphen, are
    two people, not one person's double-barrelled name (nor an organisation)."""
    words = {
        w
        for c in cands
        if c.label == "PERSON" and "-" not in c.text and len(c.text.split()) >= 2
        for w in c.text.split()
    }
    out: list[Candidate] = []
    for c in cands:
        parts = c.text.split("-")
        if (
            c.label in ("PERSON", "ORG")
            and len(parts) == 2
            and " " not in c.text
            and all(p[:1].isupper() and p in words for p in parts)
        ):
            cut = c.start + len(parts[0])
            out.append(Candidate(parts[0], c.start, cut, "PERSON", source=c.source))
            out.append(Candidate(parts[1], cut + 1, c.end, "PERSON", source=c.source))
            continue
        out.append(c)
    return out


def _modifies(doc: Doc, left: Candidate, right: Candidate) -> bool:
    """True where the parse attaches the left name's last word inside the right name."""
    span = doc.char_span(left.start, left.end, alignment_mode="expand")
    if span is None or not len(span):
        return True
    head = span.root.head
    return right.start <= head.idx < right.end


def _merge_described(entities: list[Entity]) -> list[Entity]:
    """Fold "X gas pipeline" and "X project" into X: a lower-case descriptor adds no name.

    Why: the same facility or project is written with and without its common-noun tail.
    """
    by_name = {norm(e.name): e for e in entities if not e.attrs}
    out = []
    for ent in entities:
        words = ent.name.split()
        target = None
        for i in range(len(words) - 1, 0, -1):
            if not all(w.islower() for w in words[i:]):
                break
            target = by_name.get(norm(" ".join(words[:i])))
            if target is not None and target is not ent:
                break
            target = None
        if target is None or ent.attrs:
            out.append(ent)
            continue
        if ent.type in ("LOC", "FAC", "GPE") and target.type in ("ORG", "PERSON"):
            target.type = ent.type  # "X railway", "X pass": the descriptor names a place
        target.mentions = sorted(target.mentions + ent.mentions, key=lambda m: m.start)
        target.aliases = sorted(set(target.aliases) | {ent.name} | set(ent.aliases))
    return out
