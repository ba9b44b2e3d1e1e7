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
from silkgraph.knowledge.lexicon import TITLES
from silkgraph.model import Entity, Role

_TITLE_RE = "|".join(
    re.escape(t).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+") for t in TITLES
)
_MODIFIER = (
    r"(?:(?:acting|former|then|current|first|senior|chief|executive|deputy|vice|"
    r"assistant|general|special|foreign|prime|executive)\s+)*"
)
# A title phrase, possibly with "of X" / "for X" complements: "Minister of Agriculture".
TITLE_ANY = re.compile(r"(?P<title>\b" + _MODIFIER + r"(?:" + _TITLE_RE + r"))\b", re.I)
TITLE_AT_START = re.compile(
    r"^[\s,]*(?:the\s+|a\s+|an\s+)?(?P<pre>[^,;.]{0,60}?\s)?"
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
        for ent in analysis.result.entities:
            if ent.type != "PERSON":
                continue
            for m in ent.mentions:
                role = self._left(text, m.start, m.end, ent, spans) or self._right(
                    text, m.start, m.end, ent, spans
                )
                # One role per person: the first, closest reading wins.
                if role and not any(p == role.person for p, _ in roles):
                    roles[(role.person, role.org)] = role
        analysis.result.roles = list(roles.values())

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

    def _org_within(self, spans: list[_Span], start: int, end: int) -> _Span | None:
        inside = [sp for sp in spans if sp.start >= start and sp.end <= end]
        return inside[-1] if inside else None

    def _left(
        self, text: str, start: int, end: int, ent: Entity, spans: list[_Span]
    ) -> Role | None:
        window_start = max(0, start - 200)
        left = text[window_start:start]
        cut = max(left.rfind(". "), left.rfind("\n"), left.rfind(";"))
        left = left[cut + 1 :] if cut >= 0 else left
        base = start - len(left)
        titles = list(TITLE_ANY.finditer(left))
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
                return None
            return Role(ent.key, title, org.key or org.name, min(t_start, org.start), end)
        return None

    def _right(
        self, text: str, start: int, end: int, ent: Entity, spans: list[_Span]
    ) -> Role | None:
        right = text[end : end + 160]
        if not re.match(r",|\s+the\s", right):
            return None
        stop = re.search(r"[;.)]\s|\n", right)
        right = right[: stop.start()] if stop else right
        m = TITLE_AT_START.match(right)
        if not m:
            return None
        title = _clean_title(m.group("title"))
        org = None
        if m.group("post"):
            org = self._org_within(spans, end + m.start("post"), end + m.end("post"))
        if org is None and m.group("pre"):
            org = self._org_within(spans, end + m.start("pre"), end + m.end("pre"))
        if org is None:
            return None
        return Role(ent.key, title, org.key or org.name, start, end + m.end())


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
    rest = re.sub(r"\([^)]*\)|['’]s\b|\b(?:of|the|for|at|and)\b|[,\s]", " ", rest)
    rest = re.sub(
        r"\b(?:Republic|Federation|Kingdom|State|States|People['’]s|"
        + "|".join(GLUE_NOUNS)
        + r")\b",
        " ",
        rest,
    )
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
