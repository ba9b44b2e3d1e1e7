"""Roles: person – title – organisation, from title phrases and appositions.

Patterns are general English news syntax around a PERSON mention:
  "[Org|Country|Demonym] [Title] [Person]"      Kazakh Deputy Prime Minister X
  "[Title] of [the] [Org] [Person]"             Deputy Secretary-General of Org X
  "[Person], [the] [Org|Demonym] [Title]"       X, the Org chairman
  "[Person], [Title] of [the] [Org]"            X, chairman of Org
A demonym stands for its country's entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.lexicon import ORG_WORDS, TITLES
from silkgraph.model import Entity, Role

# Longest spelling first, so "President-elect" is not read as "President" plus a stray "-elect".
_TITLE_RE = "|".join(
    re.escape(t).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
    for t in sorted(TITLES, key=len, reverse=True)
)
_MODIFIER = (
    r"(?:(?:acting|former|then|current|first|senior|chief|executive|deputy|vice|"
    r"assistant|general|special|foreign|prime|executive)\s+)*"
)
# A title phrase, possibly with "of X" / "for X" complements: "Minister of Agriculture".
TITLE_ANY = re.compile(r"(?P<title>\b" + _MODIFIER + r"(?:" + _TITLE_RE + r"))\b", re.I)
TITLE_AT_START = re.compile(
    r"^[\s,]*(?:the\s+|a\s+|an\s+)?(?P<pre>[^,;.]{0,60}?\s)??"
    r"(?P<title>" + _MODIFIER + r"(?:" + _TITLE_RE + r"))\b"
    r"(?:\s+(?:of|at|for)\s+(?:the\s+)?(?P<post>[^,;.()]{2,80}))?",
    re.I,
)


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    key: str | None
    name: str
    type: str


class RolesComponent:
    """Person–title–organisation triples with the span they were read from."""

    name = "roles"
    version = "1"
    requires: tuple[str, ...] = ("entities",)
    provides: tuple[str, ...] = ("roles",)

    def __call__(self, analysis: Analysis) -> None:
        text = analysis.text
        spans = self._spans(analysis)
        roles: dict[tuple[str, str | None], Role] = {}
        bare: dict[str, tuple[str, int, int]] = {}
        for ent in analysis.result.entities:
            if ent.type != "PERSON":
                continue
            for m in ent.mentions:
                role, title = self._left(text, m.start, m.end, ent, spans)
                if role is None:
                    role, right_title = self._right(analysis, m.start, m.end, ent, spans)
                    title = title or right_title
                # One role per person: the first, closest reading wins.
                if role and not any(p == role.person for p, _ in roles):
                    roles[(role.person, role.org)] = role
                if title and ent.key not in bare:
                    bare[ent.key] = (title, m.start, m.end)
        self._home_roles(analysis, roles, bare)
        analysis.result.roles = list(roles.values())

    def _home_roles(
        self,
        analysis: Analysis,
        roles: dict[tuple[str, str | None], Role],
        bare: dict[str, tuple[str, int, int]],
    ) -> None:
        """Give a bare state title ("Prime Minister X") the country the article is about.

        Why: news names its own country's leaders without the country ("President X said");
        the country named most often is the article's home, unless that country's office is
        already held by someone named with it.
        """
        with_role = {p for p, _ in roles}
        pending = {
            k: v for k, v in bare.items() if k not in with_role and _office(v[0]) is not None
        }
        if not pending:
            return
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for ent in analysis.result.entities:
            if ent.type == "GPE" and ent.attrs.get("place_kind") == "country":
                counts[ent.key] = counts.get(ent.key, 0) + len(ent.mentions)
                names[ent.name] = ent.key
        for _, _, country in analysis.scratch.get("demonyms", []):
            # "the Mongolian government": a country may be present only as its demonym.
            key = names.setdefault(country, country)
            counts[key] = counts.get(key, 0) + 1
        if not counts:
            return
        # A country named with someone else's same office, or qualifying another kind of
        # office ("China's COFCO"), is the foreign side.
        same_office: set[tuple[str | None, str]] = {
            (_office(r.title), r.org or "") for r in roles.values()
        }
        qualifying: set[str] = set()
        located = [
            (m.start, m.end, ent.key)
            for ent in analysis.result.entities
            if ent.key in counts
            for m in ent.mentions
        ]
        located += [
            (s, e, names[c]) for s, e, c in analysis.scratch.get("demonyms", []) if c in names
        ]
        for r in roles.values():
            if _office(r.title) is None:
                qualifying |= {k for s, e, k in located if r.start <= s and e <= r.end}
        people = [
            m.start for e in analysis.result.entities if e.type == "PERSON" for m in e.mentions
        ]
        for person, (title, start, end) in pending.items():
            office = _office(title)
            visited = _visited(analysis, start, end, located, people)
            free = [
                k
                for k in counts
                if k not in qualifying
                and k not in visited
                and (office == "minister" or (office, k) not in same_office)
            ]
            if not free:
                continue
            best = max(free, key=lambda k: counts[k])
            if sorted(counts[k] for k in free)[-2:] == [counts[best]] * 2:
                continue  # two countries equally prominent: no home country to speak of
            roles[(person, best)] = Role(person, title, best, start, end)
            same_office.add((office, best))

    def _spans(self, analysis: Analysis) -> list[_Span]:
        out = [
            _Span(m.start, m.end, e.key, e.name, e.type)
            for e in analysis.result.entities
            for m in e.mentions
            if e.type != "PERSON"
        ]
        by_name = {e.name: e.key for e in analysis.result.entities}
        for s, e, country in analysis.scratch.get("demonyms", []):
            out.append(_Span(s, e, by_name.get(country), country, "GPE"))
        return sorted(out, key=lambda sp: sp.start)

    def _org_ending_at(self, spans: list[_Span], pos: int, text: str) -> _Span | None:
        """The organisation or country span that ends at ``pos`` (allowing "'s" and spaces)."""
        for sp in reversed(spans):
            if sp.end <= pos and re.fullmatch(r"\)?(?:['’]s)?[\s)]*", text[sp.end : pos]):
                return sp
        return None

    def _org_within(
        self, spans: list[_Span], start: int, end: int, text: str = "", *, first: bool = False
    ) -> _Span | None:
        inside = [sp for sp in spans if sp.start >= start and sp.end <= end]
        if first:
            # "of China's COFCO": a possessive only qualifies the name that follows.
            heads = [sp for sp in inside if not re.match(r"['’]s\b", text[sp.end : sp.end + 2])]
            inside = heads or inside
        if not inside:
            return None
        return inside[0] if first else inside[-1]

    def _org_after(self, spans: list[_Span], pos: int, text: str) -> _Span | None:
        """The organisation or country in "of [the] Org" right after ``pos``."""
        m = re.match(r"\s+of\s+(?:the\s+)?", text[pos : pos + 20])
        if not m:
            return None
        return next((sp for sp in spans if sp.start == pos + m.end()), None)

    def _left(
        self, text: str, start: int, end: int, ent: Entity, spans: list[_Span]
    ) -> tuple[Role | None, str | None]:
        window_start = max(0, start - 200)
        left = text[window_start:start]
        cut = max(left.rfind(". "), left.rfind("\n"), left.rfind(";"))
        left = left[cut + 1 :] if cut >= 0 else left
        base = start - len(left)
        titles = list(TITLE_ANY.finditer(left))
        bare: str | None = None
        for m in reversed(titles):
            t_start, t_end = base + m.start("title"), base + m.end("title")
            # "Minister of Agriculture": a capitalised complement that names no entity
            # belongs to the title.
            comp = re.match(
                r"\s+(?:of|for)\s+([A-Z][\w-]+(?:\s+(?:and\s+)?[A-Z][\w-]+)*)", text[t_end:start]
            )
            if comp and not any(sp.start < t_end + comp.end() and t_end < sp.end for sp in spans):
                t_end += comp.end()
            gap = text[t_end:start]
            inner = [sp for sp in spans if sp.start >= t_end and sp.end <= start]
            if not _only_names(gap, t_end, inner):
                continue
            title = _clean_title(text[t_start:t_end])
            org = inner[-1] if inner and re.match(r"\s*(?:of|for|at)\b", gap) else None
            if org is None:
                org = self._org_ending_at(spans, t_start, text)
            if org is None and inner:
                org = inner[-1]
            if org is None:
                # "President X of Azerbaijan"
                org = self._org_after(spans, end, text)
            if org is None:
                # "the province's party chief and top official, X": an earlier title may carry it.
                bare = bare or title
                continue
            return Role(ent.key, title, org.key or org.name, min(t_start, org.start), end), None
        return None, bare

    def _right(
        self, analysis: Analysis, start: int, end: int, ent: Entity, spans: list[_Span]
    ) -> tuple[Role | None, str | None]:
        text = analysis.text
        right = text[end : end + 160]
        if not re.match(r",|\s+the\s", right):
            return None, None
        stop = re.search(r"[;.)]\s|\n", right)
        right = right[: stop.start()] if stop else right
        m = TITLE_AT_START.match(right)
        if not m:
            return None, None
        span = analysis.nlp.char_span(end, end + m.end(), alignment_mode="expand")
        if span is not None and any(t.tag_ in _FINITE for t in span):
            # "X, the President of China is ...": a clause, not an apposition.
            return None, None
        title = _clean_title(m.group("title"))
        org = None
        if m.group("post"):
            # "head of the Agency of the Republic of X": the first name heads the phrase.
            org = self._org_within(
                spans, end + m.start("post"), end + m.end("post"), text, first=True
            )
        if org is None and m.group("pre"):
            org = self._org_within(spans, end + m.start("pre"), end + m.end("pre"))
        if org is None:
            return None, (title if not m.group("post") else None)
        return Role(ent.key, title, org.key or org.name, start, end + m.end()), None


_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})

GLUE_NOUNS = (
    "region",
    "province",
    "oblast",
    "city",
    "county",
    "district",
    "company",
    "corporation",
    "group",
    "government",
    "ministry",
    "state-owned",
    "holding",
)


def _only_names(gap: str, offset: int, inner: list[_Span]) -> bool:
    """True when the text between a title and a name holds only org names and glue words."""
    chars = list(gap)
    for sp in inner:
        for i in range(sp.start - offset, sp.end - offset):
            chars[i] = " "
    rest = "".join(chars)
    # "party chief and top official, X": a second title in apposition.
    rest = TITLE_ANY.sub(" ", rest)
    rest = re.sub(r"\([^)]*\)|['’]s\b|\b(?:of|the|for|at|and)\b|[,\s]", " ", rest)
    rest = re.sub(
        r"\b(?:Republic|Federation|Kingdom|State|States|People['’]s|"
        + "|".join(GLUE_NOUNS)
        + r")\b",
        " ",
        rest,
    )
    words = rest.split()
    if inner and words and words[-1].lower() in ORG_WORDS and all(w[:1].isupper() for w in words):
        # "Secretary of the X Region Communist Party Y": an unnamed body of the named org.
        return True
    if inner and not gap[inner[-1].end - offset :].strip():
        # "Vice President of the Chinese company COFCO X": common nouns before the org.
        rest = re.sub(r"\b[a-z][\w-]*\b", " ", rest)
    return not rest.strip()


def _clean_title(title: str) -> str:
    title = " ".join(title.split()).strip(" ,")
    return (
        title[0].upper() + title[1:]
        if title and title[0].islower() and title.split()[0].lower() in ("deputy", "vice", "prime")
        else title
    )


def _office(title: str) -> str | None:
    """The state office a title names ("president", "prime minister", "minister"), if any."""
    low = " ".join(title.lower().replace("-", " ").split())
    if low.startswith("head of state"):
        return "president"
    low = re.sub(r"\s+(?:of|for)\s.*$", "", low)
    if low in ("president", "president elect"):
        return "president"
    if re.search(r"\b(?:prime minister|premier|head of government)$", low):
        return "prime minister" if not re.match(r"(?:deputy|vice|first)\b", low) else "minister"
    if low.endswith("minister"):
        return "minister"
    return None


_VISIT = re.compile(
    r"\b(?:visit(?:ed|ing|s)?|trip|tour|travel(?:led|ed|s)?|arriv(?:ed|es|ing))(?:\s+(?:to|in|of))?\s+(?:the\s+)?$",
    re.I,
)


def _visited(
    analysis: Analysis, start: int, end: int, located: list[tuple[int, int, str]], people: list[int]
) -> set[str]:
    """Countries the person visits in the sentence of the mention: a visitor is not at home."""
    text = analysis.text
    span = analysis.nlp.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    sent_start, sent_end = span.sent.start_char, span.sent.end_char
    return {
        k
        for s, e, k in located
        if sent_start <= s
        and e <= sent_end
        and s >= end
        and _VISIT.search(text[max(end, s - 40) : s])
        and not any(end <= p < s for p in people)  # someone else's visit
    }
