"""Chinese entities: places from the gazetteer's Chinese names, organisations and named
events by their suffix (…公司, …部, …论坛) with the proper names before it, facilities
as quoted names before a facility noun (“…”管线), and persons from jieba's name tags
(nr, nrfg, nrt) checked against family names and transliteration characters.

Mentions of one entity are grouped by place code or by name; a bare suffix (论坛, 兵团)
refers back to the named entity it ends; an organisation's name without its suffix
(…公司 -> …) is another mention of it. A place gets its English name as an alias, a
Chinese person the pinyin of the name, and a name followed by a Latin one in brackets
(米勒（Alexey Miller）) that Latin name, so the resolver meets the English reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from silkgraph.extract.lang.zh.parser import ChineseDoc, Token, chinese
from silkgraph.extract.lang.zh.words import place_words
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.places_zh import get_chinese_places
from silkgraph.knowledge.schema import words
from silkgraph.model import Entity, Mention, make_id

# Tags of words that can be part of a name; PROPER ones make a run of words a name.
_PROPER = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng"})
_NAMEISH = _PROPER | {"n", "vn", "l", "b", "an"}
_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
_ORDINAL = re.compile(r"第[\d零〇一二两三四五六七八九十百]+[届次]")
_QUOTED = re.compile(r"[“「『\"]([^“”「」『』\"\n]{1,30})[”」』\"]")
_LATIN = re.compile(r"\s*[（(]\s*([A-Za-z][A-Za-z .'\-]{1,60}?)\s*[）)]")
# What may stand between a quoted name and its noun ("“…”天然气管线"): no function words.
_MODIFIERS = re.compile(r"[^\W\d的了为是在和与及等之上述这该其]*")
# A common word jieba's dictionary tags as a name (卫星, 友谊) is this frequent; names are rarer.
COMMON_WORD_FREQ = 1000
MAX_NAME = 24


@dataclass(slots=True)
class Candidate:
    """One mention before grouping: its span, text, simplified text and type."""

    start: int
    end: int
    text: str
    simple: str
    type: str
    attrs: dict[str, Any] = field(default_factory=dict)
    alias: str | None = None


@cache
def _lists() -> dict[str, frozenset[str]]:
    lists = words("zh", "entities")
    return {
        name: frozenset(lists.set(name))
        for name in (
            "org_suffixes",
            "event_heads",
            "fac_heads",
            "policy_heads",
            "surnames",
            "transliteration",
        )
    }


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)


def _place(c: Candidate) -> Candidate:
    place = get_chinese_places().lookup(c.simple, pinyin=False)
    if place is not None:
        c.type, c.attrs, c.alias = place.entity_type, place.attrs(), place.name
    return c


def place_candidates(doc: ChineseDoc) -> list[Candidate]:
    """Places the gazetteer knows, and countries by their one-character abbreviation."""
    places = get_chinese_places()
    abbr = place_words().abbreviations
    out = []
    for tok in doc.tokens:
        s = tok.simple
        if len(s) >= 2 and s[0] in abbr and s[1] == "方":
            # "中方", "哈方" (the Chinese, the Kazakh side), whatever jieba made of them.
            country = places.country(abbr[s[0]])
            if country is not None:
                end = tok.start + 2
                out.append(
                    Candidate(
                        tok.start,
                        end,
                        doc.text[tok.start : end],
                        doc.simple[tok.start : end],
                        "GPE",
                        country.attrs(),
                        country.name,
                    )
                )
            continue
        if not (tok.tag.startswith("n") or tok.tag == "j"):
            continue
        place = places.lookup(s, pinyin=tok.tag == "ns") if len(s) >= 2 else None
        if place is not None:
            out.append(
                Candidate(
                    tok.start, tok.end, tok.text, s, place.entity_type, place.attrs(), place.name
                )
            )
            continue
        # "中俄", "哈中" (two or three countries), "中方" (the Chinese side), "俄媒" (Russian media).
        chars = s
        if (
            tok.tag in ("ns", "nr", "nrt", "j")
            and 1 <= len(chars) <= 3
            and all(c in abbr for c in chars)
            and (len(chars) > 1 or tok.tag == "j")
        ):
            for i, c in enumerate(chars):
                country = places.country(abbr[c])
                if country is not None:
                    start = tok.start + i
                    end = tok.end if len(chars) == 1 else start + 1
                    out.append(
                        Candidate(
                            start,
                            end,
                            doc.text[start:end],
                            doc.simple[start:end],
                            "GPE",
                            country.attrs(),
                            country.name,
                        )
                    )
    return out


def own_state_candidates(doc: ChineseDoc) -> list[Candidate]:
    """China named by its state bodies alone, as its own media write ("国家主席习近平")."""
    words_ = place_words()
    china = get_chinese_places().country("CN")
    if china is None:
        return []
    out = []
    for word, posts in words_.own_state.items():
        for m in re.finditer(re.escape(word), doc.simple):
            if any(doc.simple.startswith(p, m.end()) for p in posts):
                start, end = m.start(), m.end()
                out.append(
                    Candidate(
                        start, end, doc.text[start:end], word, "GPE", china.attrs(), china.name
                    )
                )
    return out


def _head_kind(tok: Token) -> str | None:
    lists = _lists()
    s = tok.simple
    if s in lists["event_heads"] or any(s.endswith(h) for h in lists["event_heads"] if len(h) > 1):
        return "EVENT"
    if s in lists["org_suffixes"]:
        return "ORG"
    if any(s.endswith(h) for h in lists["org_suffixes"]) and (tok.tag == "nt" or len(s) > 2):
        # jieba's nt alone is not enough ("新进展/nt"): the word must end as names do.
        return "ORG"
    return None


def _joins(prev: Token, nxt: Token, kind: str) -> bool:
    """Whether ``prev`` can stand before ``nxt`` inside one name."""
    if prev.end != nxt.start:
        return False
    if prev.tag in _NAMEISH or _ORDINAL.fullmatch(prev.simple):
        return True
    if prev.tag == "f" and len(prev.simple) == 1:
        return True  # "中国中石油": a one-character locative inside a name
    if prev.simple in _lists()["org_suffixes"] and len(prev.simple) > 1:
        return True  # "上海合作组织/v 峰会": an organisation's name inside an event's
    if prev.simple in ("-", "－", "·", "•"):
        return True
    # Ministries named by two fields ("贸易和一体化部"): 和 between two common nouns.
    return kind == "ORG" and prev.simple == "和" and nxt.tag in ("n", "vn", "l")


def name_candidates(doc: ChineseDoc) -> tuple[list[Candidate], list[tuple[int, str]]]:
    """Organisations and named events: a suffix word and the proper names before it.

    Returns the candidates and the bare heads (a suffix alone, "论坛") with their positions.
    """
    toks = doc.tokens
    out: list[Candidate] = []
    bare: list[tuple[int, str]] = []
    for i, tok in enumerate(toks):
        kind = _head_kind(tok)
        if kind is None:
            continue
        j = i
        while (
            j > 0 and _joins(toks[j - 1], toks[j], kind) and tok.end - toks[j - 1].start <= MAX_NAME
        ):
            j -= 1
        # A name begins with a proper noun or an ordinal ("第三届"), not with a common noun.
        while (
            j < i
            and not (toks[j].tag in _PROPER or _ORDINAL.fullmatch(toks[j].simple))
            or (j < i and toks[j].simple in ("和", "-", "－", "·"))
        ):
            j += 1
        proper = any(t.tag in _PROPER for t in toks[j : i + 1])
        if j == i and tok.tag != "nt":
            if len(tok.simple) >= 2:
                bare.append((i, tok.simple))
            continue
        if not proper and not _ORDINAL.fullmatch(toks[j].simple):
            continue
        start, end = toks[j].start, tok.end
        out.append(Candidate(start, end, doc.text[start:end], doc.simple[start:end], kind))
    return out, bare


def quoted_candidates(doc: ChineseDoc) -> list[Candidate]:
    """Quoted names typed by the noun after them: “…”管线 a facility, “…”论坛 an event."""
    lists = _lists()
    heads = [
        *((h, "FAC") for h in lists["fac_heads"]),
        *((h, "ORG") for h in lists["org_suffixes"] if len(h) > 1),
        *((h, "EVENT") for h in lists["event_heads"]),
        *((h, "POLICY") for h in lists["policy_heads"]),
    ]
    heads.sort(key=lambda h: -len(h[0]))
    out: list[Candidate] = []
    loose = []
    for m in _QUOTED.finditer(doc.simple):
        after = doc.simple[m.end() : m.end() + 8]
        kind = next(
            (
                k
                for h, k in heads
                for skip in range(0, 5)
                if after[skip:].startswith(h) and _MODIFIERS.fullmatch(after[:skip])
            ),
            None,
        )
        start, end = m.start(1), m.end(1)
        cand = Candidate(start, end, doc.text[start:end], m.group(1), kind or "")
        if kind and kind != "POLICY":
            out.append(cand)
        elif not kind:
            loose.append(cand)
    known = {c.simple: c.type for c in out}
    for c in loose:
        if c.simple in known:
            c.type = known[c.simple]
            out.append(c)
    return out


def _freq(word: str) -> int:
    from silkgraph.extract.lang.zh.parser import _tokenizer

    return int(_tokenizer().tokenizer.FREQ.get(word) or 0)


def person_candidates(doc: ChineseDoc, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Persons: a family name and one or two characters, or a transliterated foreign name."""
    lists = _lists()
    surnames, translit = lists["surnames"], lists["transliteration"]
    places = get_chinese_places()
    out: list[Candidate] = []
    toks = doc.tokens
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok.tag not in _PERSON_TAGS or _overlaps(tok.start, tok.end, taken):
            i += 1
            continue
        # A foreign name jieba cut into pieces ("茹/nr 曼加/ns 林说/nrfg", "扎/v 帕罗/nrt"):
        # the run of transliteration characters across the words around it.
        first = tok.start
        prev = toks[i - 1] if i > 0 else None
        if (
            prev is not None
            and prev.end == first
            and len(prev.simple) == 1
            and prev.simple in translit
            and not _overlaps(first - 1, first, taken)
        ):
            first -= 1
        end = _translit_end(doc.simple, tok.start, translit)
        s = doc.simple[first:end]
        if _place_follows(doc.simple, end):
            i += 1
            continue  # "阿特/nrt 劳州": the name of a region, not of a person
        if (
            len(s) >= 3
            and (end > tok.end or first < tok.start)
            and places.lookup(s, pinyin=False) is None
        ):
            out.append(Candidate(first, end, doc.text[first:end], s, "PERSON"))
            while i < len(toks) and toks[i].start < end:
                i += 1
            continue
        s = tok.simple
        i += 1
        if places.lookup(s, pinyin=False) is not None or _freq(s) >= COMMON_WORD_FREQ:
            continue
        if _place_follows(doc.simple, tok.end):
            continue
        chinese = (s[:1] in surnames and 2 <= len(s) <= 3) or (
            s[:2] in surnames and 3 <= len(s) <= 4
        )
        foreign = tok.tag in ("nrt", "nrfg") or all(c in translit for c in s)
        if len(s) >= 2 and (chinese or foreign):
            cand = Candidate(tok.start, tok.end, tok.text, s, "PERSON")
            if chinese and tok.tag != "nrt":
                cand.alias = _pinyin_name(s, surnames)
            out.append(cand)
    return out + _after_titles(doc, taken, out)


def _after_titles(
    doc: ChineseDoc, taken: list[tuple[int, int]], found: list[Candidate]
) -> list[Candidate]:
    """A name right after a post ("总统普京"), whatever jieba tagged it (普京/ns)."""
    titles = frozenset(words("zh", "entities").set("titles"))
    spans = taken + [(c.start, c.end) for c in found]
    out = []
    for prev, tok in zip(doc.tokens, doc.tokens[1:], strict=False):
        if (
            prev.simple in titles
            and prev.end == tok.start
            and tok.tag in ("ns", "nr", "nrt", "nrfg", "nz")
            and 2 <= len(tok.simple) <= 4
            and not _overlaps(tok.start, tok.end, spans)
            and get_chinese_places().lookup(tok.simple, pinyin=False) is None
        ):
            out.append(Candidate(tok.start, tok.end, tok.text, tok.simple, "PERSON"))
    return out


_NAME_DOTS = "·•‧・"
_DIVISIONS = "州省市县区"


def _translit_end(simple: str, start: int, translit: frozenset[str]) -> int:
    """The end of a run of transliteration characters, through the dots between the
    parts of a foreign name ("马拉特·苏勒坦哈兹耶夫")."""
    end = start
    while end < len(simple) and end - start < MAX_NAME:
        char = simple[end]
        dot = char in _NAME_DOTS and end + 1 < len(simple) and simple[end + 1] in translit
        if char not in translit and not dot:
            break
        end += 1
    return end


def _place_follows(simple: str, end: int) -> bool:
    return end < len(simple) and simple[end] in _DIVISIONS


def _pinyin_name(name: str, surnames: frozenset[str]) -> str:
    from pypinyin import lazy_pinyin

    cut = 2 if name[:2] in surnames and len(name) > 2 else 1
    family = "".join(lazy_pinyin(name[:cut], v_to_u=True))
    given = "".join(lazy_pinyin(name[cut:], v_to_u=True))
    return f"{family.title()} {given.title()}"


def latin_aliases(text: str, cands: list[Candidate]) -> None:
    """A Latin name in brackets right after a mention is an alias of it ("（Gazprom）")."""
    for c in cands:
        m = _LATIN.match(text, c.end)
        if m and c.type in ("PERSON", "ORG", "FAC", "EVENT"):
            c.alias = m.group(1).strip()


def _key(c: Candidate) -> str:
    if c.attrs.get("code"):
        return f"place:{c.attrs['code']}"
    return f"{c.type}:{c.simple}"


def group(
    doc_id: str, doc: ChineseDoc, cands: list[Candidate], bare: list[tuple[int, str]]
) -> list[Entity]:
    """One entity per key; bare suffixes and names without their suffix join their owner."""
    groups: dict[str, list[Candidate]] = {}
    for c in sorted(cands, key=lambda c: c.start):
        groups.setdefault(_key(c), []).append(c)
    taken = [(c.start, c.end) for c in cands]
    named = [g[0] for g in groups.values() if g[0].type in ("ORG", "EVENT")]
    # "论坛" after "第三届…论坛": the same forum (the one named last before it).
    for i, head in bare:
        tok = doc.tokens[i]
        owners = [c for c in named if c.simple.endswith(head) and c.start < tok.start]
        if owners and not _overlaps(tok.start, tok.end, taken):
            owner = max(owners, key=lambda c: c.start)
            groups[_key(owner)].append(
                Candidate(tok.start, tok.end, tok.text, tok.simple, owner.type)
            )
            taken.append((tok.start, tok.end))
    # "中国中石油" after "中国中石油公司": the name without its suffix.
    suffixes = sorted(_lists()["org_suffixes"], key=len, reverse=True)
    for c in [c for c in named if c.type == "ORG"]:
        suffix = next((s for s in suffixes if c.simple.endswith(s)), None)
        short = c.simple[: -len(suffix)] if suffix else ""
        if (
            len(short) < 3
            or short[-1] in _DIVISIONS
            or get_chinese_places().lookup(short, pinyin=False)
        ):
            continue  # "阿拉木图州" of "阿拉木图州政府" is the region, not the government
        for m in re.finditer(re.escape(short), doc.simple):
            # The name takes the place it begins with ("中国" of "中国中石油").
            _drop_places(groups, m.start(), m.end())
            taken = [(c.start, c.end) for g in groups.values() for c in g]
            if not _overlaps(m.start(), m.end(), taken):
                groups[_key(c)].append(
                    Candidate(m.start(), m.end(), doc.text[m.start() : m.end()], short, c.type)
                )
                taken.append((m.start(), m.end()))
    out = []
    for k, g in groups.items():
        full = max(g, key=lambda c: (len(c.simple), -c.start))
        if (
            full.alias
            and full.attrs.get("place_kind") == "country"
            and get_chinese_places().lookup(full.simple, pinyin=False) is None
        ):
            # A country named only by an abbreviation or a side ("中吉", "中方"): the gazetteer's name.
            full = Candidate(full.start, full.end, full.alias, full.alias, full.type, full.attrs)
        aliases = {c.text for c in g if c.text != full.text}
        aliases.update(c.alias for c in g if c.alias)
        aliases.update(c.simple for c in g if c.simple != c.text)
        aliases.discard(full.text)
        mentions = {(c.start, c.end): Mention(c.text, c.start, c.end) for c in g}
        out.append(
            Entity(
                key=make_id("zh", doc_id, k),
                name=full.text,
                type=full.type,
                mentions=sorted(mentions.values(), key=lambda m: m.start),
                aliases=sorted(aliases),
                attrs=next((c.attrs for c in g if c.attrs), {}),
            )
        )
    out.sort(key=lambda e: (-len(e.mentions), e.mentions[0].start))
    return out


def _drop_places(groups: dict[str, list[Candidate]], start: int, end: int) -> None:
    """Remove place mentions inside ``start:end`` (a longer name holds them)."""
    for key in [k for k in groups if k.startswith("place:")]:
        kept = [c for c in groups[key] if not (start <= c.start and c.end <= end)]
        if kept:
            groups[key] = kept
        else:
            del groups[key]


class ChineseEntitiesComponent:
    """Adds the document's entities: places, organisations, named events, facilities, persons."""

    name = "entities"
    version = "zh-1"
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ("entities",)

    def __call__(self, analysis: Analysis) -> None:
        doc = chinese(analysis)
        quoted = quoted_candidates(doc)
        names, bare = name_candidates(doc)
        spans = [(c.start, c.end) for c in quoted]
        names = [c for c in names if not _overlaps(c.start, c.end, spans)]
        names = _outermost(names)
        spans += [(c.start, c.end) for c in names]
        places = place_candidates(doc)
        places += [c for c in own_state_candidates(doc) if not _overlaps(c.start, c.end, spans)]
        # Places inside a name ("中国-哈萨克斯坦…论坛") are kept aside for the events' parties.
        analysis.scratch["inner_places"] = [p for p in places if _overlaps(p.start, p.end, spans)]
        places = [p for p in places if not _overlaps(p.start, p.end, spans)]
        spans += [(c.start, c.end) for c in places]
        persons = person_candidates(doc, spans)
        cands = quoted + names + places + persons
        latin_aliases(doc.text, cands)
        entities = group(analysis.doc.id, doc, cands, bare)
        by_span = {(m.start, m.end): e.key for e in entities for m in e.mentions}
        analysis.scratch["inner_places"] = [
            (p.start, p.attrs.get("code"), p.alias)
            for p in analysis.scratch["inner_places"]
            if p.attrs.get("place_kind") == "country"
        ]
        analysis.scratch["entity_at"] = by_span
        analysis.result.entities.extend(entities)


def _outermost(cands: list[Candidate]) -> list[Candidate]:
    """Names not inside a longer one ("商务部" inside "中国商务部" is the same name)."""
    cands = sorted(cands, key=lambda c: (c.start, -(c.end - c.start)))
    out: list[Candidate] = []
    for c in cands:
        if out and c.start < out[-1].end:
            if c.end > out[-1].end:
                continue
            continue
        out.append(c)
    return out
