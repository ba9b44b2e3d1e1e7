"""Counts and measures: "17 cooperation documents" (17 document), "500,000 tons" (500000 t), "25%".

A number's unit is read from the parse: a physical unit right after it (normalised: ``t``
for metric tonnes, ``m3``, ``km``, ``MW``, ``ha``, ``TEU``, ``barrel``), a percent sign or
word, or else the singular lower-case head noun the number modifies. Years, dates,
ordinals, durations, ages, money and numbers inside names are not quantities.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from silkgraph.extract.amounts import NAMES as CURRENCY_NAMES
from silkgraph.extract.numbers import parse_number
from silkgraph.extract.pipeline import Analysis
from silkgraph.model import Quantity

# surface unit (lower case) -> (normalised unit, factor to that unit)
UNITS: dict[str, tuple[str, float]] = {
    "t": ("t", 1),
    "ton": ("t", 1),
    "tons": ("t", 1),
    "tonne": ("t", 1),
    "tonnes": ("t", 1),
    "mt": ("t", 1),
    "mmt": ("t", 1e6),
    "kt": ("t", 1e3),
    "kiloton": ("t", 1e3),
    "kilotons": ("t", 1e3),
    "kilotonnes": ("t", 1e3),
    "mtpa": ("t", 1e6),
    "barrel": ("barrel", 1),
    "barrels": ("barrel", 1),
    "bbl": ("barrel", 1),
    "bcm": ("m3", 1e9),
    "tcm": ("m3", 1e12),
    "m3": ("m3", 1),
    "km": ("km", 1),
    "kilometer": ("km", 1),
    "kilometers": ("km", 1),
    "kilometre": ("km", 1),
    "kilometres": ("km", 1),
    "mw": ("MW", 1),
    "megawatt": ("MW", 1),
    "megawatts": ("MW", 1),
    "gw": ("MW", 1e3),
    "gigawatt": ("MW", 1e3),
    "gigawatts": ("MW", 1e3),
    "kwh": ("kWh", 1),
    "ha": ("ha", 1),
    "hectare": ("ha", 1),
    "hectares": ("ha", 1),
    "teu": ("TEU", 1),
    "teus": ("TEU", 1),
    "kg": ("kg", 1),
    "kilograms": ("kg", 1),
    "kilogram": ("kg", 1),
    "sq": ("km2", 1),
    "meter": ("m", 1),
    "meters": ("m", 1),
    "metre": ("m", 1),
    "metres": ("m", 1),
    "%": ("%", 1),
    "percent": ("%", 1),
    "pct": ("%", 1),
}
CUBIC = {"meter", "meters", "metre", "metres", "m"}
# Head nouns that make a number a duration, a date, an age or a multiplier.
NOT_COUNTS = {
    "year",
    "month",
    "week",
    "day",
    "hour",
    "minute",
    "second",
    "decade",
    "century",
    "quarter",
    "time",
    "old",
    "age",
    "percent",
    "cent",
    "%",
    "point",
    "o'clock",
    "am",
    "pm",
    "dollar",
    "yuan",
    "ruble",
    "rouble",
    "tenge",
    "euro",
    "million",
    "billion",
    "thousand",
    "trillion",
    "hundred",
    "one",
    "other",
    "th",
    "st",
    "nd",
    "rd",
    "anniversary",
    "member",
    "half",
    "third",
    "fold",
    "mm",
    "cm",
    "inch",
    "view",
    "comment",
    "share",
    "like",
    "reply",
    "response",
    "page",
    "way",
    "degree",
    "ton",
    "tonne",
} | set(CURRENCY_NAMES)
# Plurals the lemmatiser keeps as they are: a count names its singular noun.
IRREGULAR_PLURALS = {"people": "person", "persons": "person", "children": "child"}
# Nouns for the parties of a bilateral relation, as in "the two sides".
PARTIES = {
    "country",
    "nation",
    "side",
    "leader",
    "state",
    "neighbor",
    "neighbour",
    "party",
    "president",
    "government",
    "head",
    "economy",
    "people",
    "capital",
}
SKIP_ENTS = {
    "DATE",
    "TIME",
    "ORDINAL",
    "PERSON",
    "ORG",
    "FAC",
    "EVENT",
    "GPE",
    "LOC",
    "PRODUCT",
    "LAW",
    "WORK_OF_ART",
    "NORP",
    "LANGUAGE",
}
APPROX = {
    "about",
    "around",
    "approximately",
    "roughly",
    "nearly",
    "almost",
    "over",
    "some",
    "more",
    "less",
    "up",
    "under",
    "above",
    "below",
    "exceeding",
    "estimated",
    "close",
    "than",
    "to",
}
# Parts of speech that may stand inside a coordinated list of noun modifiers.
_LIST_POS = {"NOUN", "PROPN", "ADJ", "CCONJ"}
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
_GROUP = re.compile(r"^\d{3}$")
_YEARLIKE = re.compile(r"^(?:1[89]|20)\d\d$")


class QuantitiesComponent:
    """Adds counts, physical measures and percentages read from the parse."""

    name = "quantities"
    version = "1"
    requires: tuple[str, ...] = ("amounts",)
    provides: tuple[str, ...] = ("quantities",)

    def __call__(self, analysis: Analysis) -> None:
        taken = [(a.start, a.end) for a in analysis.result.amounts]
        seen: set[tuple[float, str]] = set()
        for qty in find_quantities(analysis.nlp, taken):
            key = (round(qty.value, 6), qty.unit)
            if key not in seen:  # the same figure repeated is one fact
                seen.add(key)
                analysis.result.quantities.append(qty)


def _number_spans(doc: Doc) -> list[Span]:
    spans: list[Span] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.lower_ == "a" and i + 1 < n and doc[i + 1].lower_ == "dozen":
            spans.append(doc[i : i + 2])  # "a dozen documents"
            i += 2
        elif tok.like_num and not tok.is_punct and tok.ent_type_ not in SKIP_ENTS:
            j = i + 1
            # Only number words continue a number ("1.2 million", "ten thousand", "two
            # dozen"): digits split by a space ("1 520 mm") are not read as one figure.
            while j < n and (
                (doc[j].like_num and doc[j].is_alpha and doc[j].ent_type_ not in SKIP_ENTS)
                or doc[j].lower_ == "dozen"
            ):
                j += 1
            spans.append(doc[i:j])
            i = j
        else:
            i += 1
    return spans


def find_quantities(doc: Doc, taken: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every quantity in a parsed document, skipping the character ranges in ``taken``."""
    out: list[Quantity] = []
    taken = taken or []
    text = doc.text  # spaCy joins every token's text on each read: once per document
    for span in _number_spans(doc):
        if any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        qty = _read(doc, span, text)
        if qty is not None:
            out.append(qty)
    return out


def _read(doc: Doc, span: Span, whole: str) -> Quantity | None:
    text = span.text
    if span.end < len(doc) and _GROUP.match(doc[span.end].text) and text.isdigit():
        return None  # "1 435 mm": digits grouped by a space are one figure we do not read
    if _ORDINAL.match(text) or (len(span) == 1 and _YEARLIKE.match(text)):
        return None
    value = parse_number(text)
    if value is None or (value == 1 and not text[0].isdigit()):
        return None
    if span.start > 0 and text.isdigit() and doc[span.start - 1].pos_ == "PROPN":
        before = doc[span.start - 1]
        if before.is_title and before.ent_type_ not in ("DATE", "TIME"):
            return None  # "Power of Siberia 2 gas pipeline": a number in a name
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "or" and doc[span.end + 1].like_num:
        return None  # "two or three plants" is a guess between figures, not a count
    unit, factor, end, head = _unit(doc, span, value)
    if not unit or (value == 0 and unit != "%"):
        return None  # "zero tariffs" counts nothing
    start_tok = span.start
    if value == 2 and unit in PARTIES and head is not None and head.dep_ == "attr":
        return None  # "A and B are two friendly countries" describes the pair; no new count
    approx = start_tok > 0 and doc[start_tok - 1].lower_ in APPROX
    return Quantity(
        whole[span.start_char : end], span.start_char, end, value * factor, unit, approx=approx
    )


def _unit(doc: Doc, span: Span, value: float) -> tuple[str, float, int, Token | None]:
    """(unit, factor, end char, head noun) for a number span; unit "" when it counts nothing.

    The head noun is None for a physical unit or a percentage.
    """
    nxt = doc[span.end] if span.end < len(doc) else None
    hyphen = nxt is not None and nxt.text == "-" and not nxt.whitespace_
    if hyphen and span.end + 1 < len(doc):
        nxt = doc[span.end + 1]
        if nxt.lower_ not in UNITS:
            return "", 0.0, 0, None  # "two-way", "five-year": an adjective, not a count
    if nxt is not None:
        low = nxt.lower_
        if low == "metric" and span.end + 1 < len(doc):
            nxt, low = doc[span.end + 1], doc[span.end + 1].lower_
        if low == "per" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "cent":
            return "%", 1.0, doc[span.end + 1].idx + 4, None
        if low == "cubic" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in CUBIC:
            last = doc[span.end + 1]
            return "m3", 1.0, last.idx + len(last), None
        if low == "square" and span.end + 1 < len(doc):
            # "388,000 square meters": an area, a measure and no count
            last = doc[span.end + 1]
            if last.lower_ in CUBIC:
                return "m2", 1.0, last.idx + len(last), None
            if UNITS.get(last.lower_, ("",))[0] == "km":
                return "km2", 1.0, last.idx + len(last), None
        if low in UNITS:
            unit, factor = UNITS[low]
            return unit, factor, nxt.idx + len(nxt), None
    head = _head_noun(span)
    if head is None:
        return "", 0.0, 0, None
    if value > 1:
        head = _coordinated_head(head)
    lemma = head.lemma_.lower()
    if head.lower_ != "peoples":  # "two peoples" are two nations' people, not persons
        lemma = IRREGULAR_PLURALS.get(lemma, lemma)
    if (
        lemma in NOT_COUNTS
        # A capitalised plural the lemmatiser keeps ("2 Responses" under a page).
        or (head.is_title and lemma.endswith("s") and lemma[:-1] in NOT_COUNTS)
        or not lemma.isalpha()
        or head.ent_type_ in ("DATE", "TIME")
    ):
        return "", 0.0, 0, None
    return lemma, 1.0, head.idx + len(head), head


def _coordinated_head(head: Token) -> Token:
    """The plural noun ending a coordinated list of modifiers that a count attaches to.

    Why: in "five energy, agriculture and industrial projects" the parser often hangs the
    number on the first modifier ("energy"); a count above one on a singular noun that
    opens a coordination really counts the plural noun the list ends in ("projects").
    """
    if head.tag_ != "NN":
        return head
    up = head.head
    if head.dep_ in ("nmod", "compound") and up.pos_ == "NOUN" and up.i > head.i:
        return up if up.tag_ == "NNS" else head
    doc = head.doc
    i = head.i + 1
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc) or not (doc[i].text == "," or doc[i].pos_ == "CCONJ"):
        return head
    last = head
    for tok in doc[i : min(len(doc), i + 10)]:
        if not (tok.is_space or tok.text in (",", "-") or tok.pos_ in _LIST_POS):
            break
        if tok.pos_ == "NOUN":
            last = tok
    return last if last.tag_ == "NNS" else head


def _head_noun(span: Span) -> Token | None:
    """The noun the number modifies ("17 regions", "ten thousand attendees")."""
    tok = span[-1]
    for cand in (tok, span.root):
        if (
            cand.dep_ in ("nummod", "quantmod", "compound", "amod")
            and cand.head.pos_ == "NOUN"
            and cand.head.i > cand.i
        ):
            return cand.head
    return None
