"""Russian entities: natasha's PER, LOC and ORG spans with their base forms, quoted names
typed by the noun before them (газопровод «...», форум «...»), and acronyms.

Mentions of one entity are grouped by place code or by the phonetic key of the base form
(so "Токаева" joins "Токаев", and "Си" joins "Си Цзиньпин"). A place gets the gazetteer's
code and its English name as an alias; a Chinese name in Palladius spelling gets its
pinyin as an alias, so the resolver meets the English reports of the same entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.cyrillic import chinese_name, lemma, word_lemma
from silkgraph.knowledge.names import phonetic
from silkgraph.knowledge.places_ru import get_russian_places
from silkgraph.knowledge.schema import words
from silkgraph.model import Entity, Mention, make_id

_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
_QUOTED = re.compile(r"[«\"„“]([^«»\"„“”\n]{2,80}?)[»\"“”]")
_ACRONYM = re.compile(r"(?<![\w-])(?:[A-Z][A-Z0-9&]{1,7}|[А-ЯЁ]{2,6})(?![\w-])")
# Up to four words before a quoted name, the typing noun among them ("форум
# российско-китайского сотрудничества «...»"); punctuation ends the search.
_ROMAN = re.compile(r"[IVXLC]+")
_WORDS_BEFORE = re.compile(r"((?:[А-Яа-яЁё-]+\s+){0,3}[А-Яа-яЁё-]+)\s*$")


@dataclass(slots=True)
class Candidate:
    """One mention before grouping: its span, text, base form and type."""

    start: int
    end: int
    text: str
    normal: str
    type: str
    attrs: dict[str, Any] = field(default_factory=dict)
    alias: str | None = None


@cache
def _heads() -> dict[str, str]:
    lists = words("ru", "entities")
    out = {w: "FAC" for w in lists.set("fac_heads")}
    out.update({w: "ORG" for w in lists.set("org_heads")})
    out.update({w: "EVENT" for w in lists.set("event_heads")})
    return out


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)


def ner_candidates(doc: Any) -> list[Candidate]:
    """natasha's spans, with places looked up in the gazetteer's Russian names."""
    places = get_russian_places()
    out = []
    for span in doc.spans:
        etype = _TYPES.get(span.type)
        if etype is None or (etype == "PERSON" and _common_noun(span.text)):
            continue
        normal = span.normal or span.text
        if normal.isupper() and len(normal) > 4 and etype != "ORG":
            normal = normal.title()  # a dateline's "ПЕКИН" is Пекин, not an acronym
        cand = Candidate(span.start, span.stop, span.text, normal, etype)
        if etype == "LOC" and places.lookup(normal, span.text) is None:
            cand = _after_post(cand)
        if etype == "LOC" or (etype == "ORG" and span.text.isupper()):
            place = places.lookup(cand.normal, cand.text)
            if place is not None:
                cand.type, cand.attrs, cand.alias = place.entity_type, place.attrs(), place.name
        elif etype == "PERSON" and (pinyin := chinese_name(normal)):
            cand.alias = pinyin.title()
        out.append(cand)
    return out


def _after_post(cand: Candidate) -> Candidate:
    """A place span that opens with a post ("Раис Татарстана", "губернатор Приморья": the
    tagger reads the post into the place's name) is the place after it."""
    first, _, rest = cand.text.partition(" ")
    if not rest or word_lemma(first) not in _posts():
        return cand
    normal = cand.normal.partition(" ")[2] or rest
    start = cand.start + len(cand.text) - len(rest)
    return Candidate(start, cand.end, rest, normal, cand.type)


@cache
def _posts() -> frozenset[str]:
    return frozenset(words("ru", "entities").set("titles"))


def initialisms(text: str, cands: list[Candidate]) -> None:
    """Give two capitals that stand for a place the document names ("заместитель
    премьер-министра РК": the Republic of Kazakhstan in an article that names Kazakhstan)
    that place, and add those no other rule took once they resolve; a candidate of them
    that does not resolve is left as it was."""
    places = get_russian_places()
    named = {str(c.attrs["code"]) for c in cands if c.attrs.get("code")}
    taken = [(c.start, c.end) for c in cands]
    pending = [c for c in cands if _TWO_CAPITALS.fullmatch(c.text) and not c.attrs.get("code")]
    pending += [
        Candidate(m.start(), m.end(), m.group(), m.group(), "LOC")
        for m in _TWO_CAPITALS.finditer(text)
        if not _overlaps(m.start(), m.end(), taken)
    ]
    for c in pending:
        place = places.initialism(c.text, named)
        if place is not None:
            c.type, c.attrs, c.alias = place.entity_type, place.attrs(), place.name
            if c not in cands:
                cands.append(c)


_TWO_CAPITALS = re.compile(r"(?<![\w-])[А-ЯЁ]{2}(?![\w-])")


def _common_noun(text: str) -> bool:
    """A one-word "person" that is a known common noun ("Президент" opening a sentence)."""
    if " " in text or "-" in text:
        return False
    from silkgraph.knowledge.cyrillic import is_common_noun

    return is_common_noun(text)


def quoted_candidates(text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Quoted names after a typing noun; then their other quoted mentions in any case."""
    heads = _heads()
    out: list[Candidate] = []
    loose = []
    for m in _QUOTED.finditer(text):
        name = m.group(1).strip()
        if not name[:1].isupper():
            continue
        head = _head_before(text, m.start(), heads)
        if head:
            cand = Candidate(m.start(1), m.end(1), name, name, head)
            if head == "EVENT":
                # "форум «Горизонт»" is the "Gorizont Forum" elsewhere: the head noun with
                # the name is an alias (for the translations and transliterations to meet).
                noun = _head_noun(text, m.start(), heads)
                cand.alias = f"{noun} {name}" if noun else None
            out.append(cand)
        elif not _overlaps(m.start(1), m.end(1), taken):
            loose.append(m)
    known = {_first_lemma(c.normal): c.type for c in out}
    for m in loose:
        name = m.group(1).strip()
        key = _first_lemma(name)
        # The same name in another case, or the shorter name of a kin ("Северный поток").
        etype = known.get(key) or next((t for k, t in known.items() if k.startswith(key)), None)
        if etype:
            out.append(Candidate(m.start(1), m.end(1), name, name, etype))
    return out


def _head_before(text: str, start: int, heads: dict[str, str]) -> str | None:
    """The type a noun among the few words before ``start`` gives a name there."""
    before = _WORDS_BEFORE.search(text, max(0, start - 80), start)
    if not before:
        return None
    for word in reversed(before.group(1).split()):
        head = word_lemma(word)
        if head in heads:
            return heads[head]
    return None


def _head_noun(text: str, start: int, heads: dict[str, str]) -> str | None:
    """The typing noun itself (its base form) among the few words before ``start``."""
    before = _WORDS_BEFORE.search(text, max(0, start - 80), start)
    if not before:
        return None
    return next(
        (word_lemma(w) for w in reversed(before.group(1).split()) if word_lemma(w) in heads),
        None,
    )


def _first_lemma(name: str) -> str:
    first, _, rest = name.partition(" ")
    return " ".join([lemma(first), rest]).strip().lower()


def acronym_candidates(text: str, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Upper-case acronyms no other rule took: places where the gazetteer knows them, else ORG."""
    places = get_russian_places()
    out = []
    for m in _ACRONYM.finditer(text):
        if _overlaps(m.start(), m.end(), taken):
            continue
        place = places.lookup(m.group())
        if place is not None:
            out.append(
                Candidate(
                    m.start(),
                    m.end(),
                    m.group(),
                    m.group(),
                    place.entity_type,
                    place.attrs(),
                    place.name,
                )
            )
        elif _ROMAN.fullmatch(m.group()) or m.group().lower() in _heads():
            continue  # "III форум", "ОАО «...»": a numeral or a legal form, not a name
        elif m.group().isascii() or len(m.group()) >= 3:
            # "форум РОСТКИ": a named event; otherwise an organisation's acronym.
            etype = "EVENT" if _head_before(text, m.start(), _heads()) == "EVENT" else "ORG"
            out.append(Candidate(m.start(), m.end(), m.group(), m.group(), etype))
    return out


def _key(c: Candidate) -> str:
    if c.attrs.get("code"):
        return f"place:{c.attrs['code']}"
    if c.type == "EVENT" or c.type == "FAC":
        return f"{c.type}:{_first_lemma(c.normal)}"
    return f"{c.type}:{phonetic(c.normal)}"


def group(doc_id: str, cands: list[Candidate]) -> list[Entity]:
    """One entity per key; a one-word person joins the full name it is part of."""
    groups: dict[str, list[Candidate]] = {}
    for c in sorted(cands, key=lambda c: c.start):
        groups.setdefault(_key(c), []).append(c)
    for k in [k for k in groups if k.startswith("EVENT:")]:
        # "форум «РОСТКИ»" after "форум «РОСТКИ: Россия и Китай ...»": a named gathering's
        # short name is the part of its full name before the colon or dash.
        longer = [
            o
            for o in groups
            if o.startswith("EVENT:")
            and o != k
            and re.split(r"\s*[:–—]\s*", o[6:], maxsplit=1)[0] == k[6:]
        ]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop(k))
    persons = {k: g for k, g in groups.items() if k.startswith("PERSON:") and " " in k}
    for k in [k for k in groups if k.startswith("PERSON:") and " " not in k]:
        word = k.split(":", 1)[1]
        cyr = {c.normal.lower() for c in groups[k]}
        owners = [
            p
            for p, g in persons.items()
            if word in p.split(":", 1)[1].split()
            or any(cyr & set(c.normal.lower().split()) for c in g)
        ]
        if len(owners) == 1:
            persons[owners[0]].extend(groups.pop(k))
    out = []
    for k, g in groups.items():
        full = max(g, key=lambda c: (len(c.normal.split()), len(c.normal)))
        aliases = {c.normal for c in g if c.normal != full.normal}
        aliases.update(c.alias for c in g if c.alias and c.alias != full.normal)
        mentions = {(c.start, c.end): Mention(c.text, c.start, c.end) for c in g}
        out.append(
            Entity(
                key=make_id("ru", doc_id, k),
                name=full.normal,
                type=full.type,
                mentions=sorted(mentions.values(), key=lambda m: m.start),
                aliases=sorted(aliases),
                attrs=next((c.attrs for c in g if c.attrs), {}),
            )
        )
    out.sort(key=lambda e: (-len(e.mentions), e.mentions[0].start))
    return out


class RussianEntitiesComponent:
    """Adds the document's entities from natasha's spans, quoted names and acronyms."""

    name = "entities"
    version = "ru-1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("entities",)

    def __call__(self, analysis: Analysis) -> None:
        text = analysis.text
        cands = ner_candidates(analysis.nlp)
        quoted = quoted_candidates(text, [(c.start, c.end) for c in cands])
        # A typed quoted name takes the names natasha found inside it ("Россия" in a forum's).
        inside = [(q.start, q.end) for q in quoted]
        # Countries inside a name ("форум «Россия и Китай ...»") are kept aside for the
        # events' parties, as (start, country code, English name).
        analysis.scratch["inner_places"] = [
            (c.start, c.attrs.get("code"), c.alias)
            for c in cands
            if _overlaps(c.start, c.end, inside) and c.attrs.get("place_kind") == "country"
        ]
        cands = [c for c in cands if not _overlaps(c.start, c.end, inside)] + quoted
        taken = [(c.start, c.end) for c in cands]
        cands += acronym_candidates(text, taken)
        initialisms(text, cands)
        analysis.result.entities.extend(group(analysis.doc.id, cands))
