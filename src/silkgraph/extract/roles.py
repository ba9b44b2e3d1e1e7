"""Roles: person – title – organisation, from title phrases and appositions.

Patterns are general English news syntax around a PERSON mention:
  "[Org|Country|Demonym] [Title] [Person]"      Kazakh Deputy Prime Minister X
  "[Title] of [the] [Org] [Person]"             Deputy Secretary-General of Org X
  "[Person], [the] [Org|Demonym] [Title]"       X, the Org chairman
  "[Person], [Title] of [the] [Org]"            X, chairman of Org
A demonym stands for its country's entity.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.gazetteer import get_gazetteer
from silkgraph.knowledge.lexicon import ORG_WORDS, TITLES
from silkgraph.model import Role

_LEX = json.loads(
    (Path(__file__).resolve().parent.parent / "knowledge/lang/en/roles.json").read_text("utf-8")
)
ALL_TITLES = frozenset(TITLES) | frozenset(_LEX["titles"])
# Titles whose "of X" names a portfolio rather than a body: "Minister of Roads and Transport".
PORTFOLIO_HEADS = frozenset(_LEX["portfolio_heads"])
# Offices one person holds per country: two holders named together are never of one country.
SINGLE_HOLDER = frozenset(_LEX["single_holder_offices"])

# Longest spelling first, so "President-elect" is not read as "President" plus a stray "-elect".
_TITLE_RE = "|".join(
    re.escape(t).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+")
    for t in sorted(ALL_TITLES, key=len, reverse=True)
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

# A plural title over coordinated names: "the presidents of A and B, X and Y".
PLURAL_TITLE = re.compile(r"(?P<title>\b" + _MODIFIER + r"(?:" + _TITLE_RE + r"))s\b", re.I)
_LIST_SEP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


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
        people = sorted(
            (m.start, m.end, e.key)
            for e in analysis.result.entities
            if e.type == "PERSON"
            for m in e.mentions
        )
        roles: dict[tuple[str, str | None], Role] = {}
        bare: dict[str, tuple[str, int, int]] = {}
        # "the presidents of A and B, X and Y": pairs read off a coordination come first.
        abroad: set[str] = set()  # bare titles that cannot take the home country
        for role in self._coordinated(text, spans, people, bare, abroad):
            if not any(p == role.person for p, _ in roles):
                roles[(role.person, role.org)] = role
        bosses: list[tuple[str, str, int, int, str]] = []
        # Entity order (most mentioned first), as before: the output order stays stable.
        mentions = [
            (m.start, m.end, e.key)
            for e in analysis.result.entities
            if e.type == "PERSON"
            for m in e.mentions
        ]
        for start, end, key in mentions:
            if any(p == key for p, _ in roles):
                continue
            found, title, boss = self._left(text, start, end, key, spans, people)
            if not found:
                found, right_title = self._right(analysis, start, end, key, spans, people)
                title = title or right_title
            if found:
                # One reading per person: the first, closest one wins (an apposition may
                # give two titles in two bodies).
                for role in found:
                    roles[(role.person, role.org)] = role
            elif boss is not None and title:
                bosses.append((key, title, start, end, boss))
            if title and key not in bare:
                bare[key] = (title, start, end)
        # "X's aide Y": the aide serves the body of the one they serve.
        for key, title, start, end, boss in bosses:
            if any(p == key for p, _ in roles):
                continue
            org = next((r.org for r in roles.values() if r.person == boss), None)
            if org is not None:
                roles[(key, org)] = Role(key, title, org, start, end)
        self._home_roles(analysis, roles, {k: v for k, v in bare.items() if k not in abroad})
        # A title the article gives with no organisation ("President Vladimir Putin said")
        # is kept without one: the corpus may say whose office it is (roles completed
        # across documents in ``export.jsonl``).
        held = {p for p, _ in roles}
        for key, (title, start, end) in bare.items():
            if key not in held:
                roles[(key, None)] = Role(key, title, None, start, end)
        analysis.result.roles = list(roles.values())

    def _coordinated(
        self,
        text: str,
        spans: list[_Span],
        people: list[tuple[int, int, str]],
        bare: dict[str, tuple[str, int, int]],
        abroad: set[str],
    ) -> list[Role]:
        """Plural titles over coordinated names: "the presidents of A and B, X and Y".

        The bodies pair with the names in order when the counts agree: "of A and B, X and Y",
        "A and B presidents X and Y", "the leaders of A, B and C - X, Y and Z". Without bodies
        ("Deputy Prime Ministers X and Y") each name keeps the title for the home reading,
        unless the office has one holder per country.
        """
        out: list[Role] = []
        for m in PLURAL_TITLE.finditer(text):
            title = _clean_title(m.group("title"))
            pos = m.end()
            orgs: list[_Span] = []
            of = re.match(r"\s+of\s+(?:the\s+)?", text[pos : pos + 20])
            if of:
                orgs, pos = _run(spans, pos + of.end(), text)
            else:
                orgs = _run_back(spans, m.start(), text)
            sep = re.match(r"\s*[,:\-–—]?\s*", text[pos : pos + 6])
            pos += sep.end() if sep else 0
            names, _ = _run([_Span(s, e, k, "", "PERSON") for s, e, k in people], pos, text)
            if len(names) < 2:
                continue
            if len(orgs) == len(names):
                for org, who in zip(orgs, names, strict=True):
                    key = who.key or ""
                    out.append(Role(key, title, org.key or org.name, who.start, who.end))
            elif not orgs:
                # "Presidents X and Y": each keeps the title; an office with one holder per
                # country cannot be the home country's for both (``abroad``), but the
                # corpus may say whose each is.
                for who in names:
                    bare.setdefault(who.key or "", (title, who.start, who.end))
                    if office(title) in SINGLE_HOLDER:
                        abroad.add(who.key or "")
        return out

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
        pending = {k: v for k, v in bare.items() if k not in with_role and office(v[0]) is not None}
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
            (office(r.title), r.org or "") for r in roles.values()
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
            if office(r.title) is None:
                # ...but "his Iranian counterpart X" names X's own country, not another body's.
                own = names.get(r.org or "", r.org)
                qualifying |= {k for s, e, k in located if r.start <= s and e <= r.end and k != own}
        people = [
            m.start for e in analysis.result.entities if e.type == "PERSON" for m in e.mentions
        ]
        for person, (title, start, end) in pending.items():
            held = office(title)
            visited = _visited(analysis, start, end, located, people)
            visited |= _hosts(analysis, start, end, roles, names)
            free = [
                k
                for k in counts
                if k not in qualifying
                and k not in visited
                and (held == "minister" or (held, k) not in same_office)
            ]
            if not free:
                continue
            best = max(free, key=lambda k: counts[k])
            if sorted(counts[k] for k in free)[-2:] == [counts[best]] * 2:
                continue  # two countries equally prominent: no home country to speak of
            roles[(person, best)] = Role(person, title, best, start, end, org_guessed=True)
            same_office.add((held, best))

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
        gaz = get_gazetteer()
        for sp in list(out):
            # "Russian Transport" read as one name: its demonym still names the country.
            words = analysis.text[sp.start : sp.end].split()
            plain = len(words) > 1 and not {w.lower() for w in words} & ORG_WORDS
            first = words[0] if sp.type == "ORG" and plain else ""
            place = gaz.country_of_demonym(first) if first else None
            if (
                place is not None
                and place.kind == "country"
                and not any(o.start == sp.start and o.type == "GPE" for o in out)
            ):
                out.append(
                    _Span(
                        sp.start, sp.start + len(first), by_name.get(place.name), place.name, "GPE"
                    )
                )
        return sorted(out, key=lambda sp: sp.start)

    def _org_ending_at(self, spans: list[_Span], pos: int, text: str) -> _Span | None:
        """The organisation or country span that ends at ``pos`` (allowing "'s" and spaces).

        Capitalised words between the name and the title name a portfolio or a line of work
        ("Russian Transport Minister", "Acme Chief Executive Officer"): the nearest name
        before them is the body.
        """
        for sp in reversed(spans):
            if sp.end <= pos and re.fullmatch(r"\)?(?:['’]s)?[\s)]*", text[sp.end : pos]):
                return sp
        before = [sp for sp in spans if sp.end <= pos]
        if not before:
            return None
        near = max(before, key=lambda sp: (sp.end, sp.end - sp.start))
        if re.fullmatch(
            r"(?:['’]s)?\s+(?:[A-Z][\w-]*\s+(?:and\s+|&\s+)?){1,4}", text[near.end : pos]
        ):
            return near
        gap = text[near.end : pos]
        words = gap.split()
        if (
            re.fullmatch(r"(?:['’]s)? (?:[a-z][a-z-]* ){1,3}", gap)
            and not _GLUE_WORDS.intersection(words)
            and near.start >= pos - 60
        ):
            # "Kremlin foreign policy aide", "Gazprom deputy chief executive": lower-case
            # words of a line of work between the body and the title.
            return near
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
        self,
        text: str,
        start: int,
        end: int,
        key: str,
        spans: list[_Span],
        people: list[tuple[int, int, str]],
    ) -> tuple[list[Role], str | None, str | None]:
        window_start = max(0, start - 200)
        left = text[window_start:start]
        cut = max(left.rfind(". "), left.rfind("\n"), left.rfind(";"))
        left = left[cut + 1 :] if cut >= 0 else left
        base = start - len(left)
        titles = list(TITLE_ANY.finditer(left))
        bare: str | None = None
        boss: str | None = None
        for m in reversed(titles):
            t_start, t_end = base + m.start("title"), base + m.end("title")
            t_end = _complement_end(text, t_end, start, spans, m.group("title"))
            gap = text[t_end:start]
            inner = [sp for sp in spans if sp.start >= t_end and sp.end <= start]
            if not _only_names(gap, t_end, inner):
                continue
            title = _clean_title(text[t_start:t_end])
            org = None
            if inner and re.match(r"\s*(?:of|for|at)\b", gap):
                org = _head_of_chain(inner, text)
            if org is None:
                org = self._org_ending_at(spans, t_start, text)
            if org is None and inner and not re.match(r"\s*to\b", gap):
                org = inner[-1]
            if org is None:
                # "President X of Azerbaijan"
                org = self._org_after(spans, end, text)
            if org is None:
                # "the province's party chief and top official, X": an earlier title may carry it.
                bare = bare or title
                boss = boss or _possessor(people, t_start, text)
                continue
            org = _country_of(org, spans)
            return [Role(key, title, org.key or org.name, min(t_start, org.start), end)], None, None
        return [], bare, boss

    def _right(
        self,
        analysis: Analysis,
        start: int,
        end: int,
        key: str,
        spans: list[_Span],
        people: list[tuple[int, int, str]],
    ) -> tuple[list[Role], str | None]:
        text = analysis.text
        right = text[end : end + 160]
        if not re.match(r",|\s+the\s", right):
            return [], None
        lead = _LEADS.match(right)
        if lead:
            body = next((sp for sp in spans if sp.start == end + lead.end()), None)
            if body is not None:
                title = _LEADER_TITLE[" ".join(lead.group(1).split())]
                return [Role(key, title, body.key or body.name, start, body.end)], None
        stop = re.search(r"[;.)]\s|\n", right)
        right = right[: stop.start()] if stop else right
        m = TITLE_AT_START.match(right)
        if not m:
            return [], None
        span = analysis.nlp.char_span(end, end + m.end(), alignment_mode="expand")
        verb = next(
            (t for t in span or () if t.tag_ in _FINITE and t.idx > end + m.end("title")), None
        )
        if verb is not None and not any(
            c.dep_.startswith("nsubj") and end <= c.idx < verb.idx for c in verb.children
        ):
            # "X, chairman of Y said ...": the apposition ends before the verb (whose
            # subject is X, not the title: "X, the President of Y is ..." is a clause).
            right = right[: verb.idx - end]
            m = TITLE_AT_START.match(right)
            if not m:
                return [], None
            span = analysis.nlp.char_span(end, end + m.end(), alignment_mode="expand")
        if span is not None and any(t.tag_ in _FINITE for t in span):
            # "X, the President of China is ...": a clause, not an apposition.
            return [], None
        after = end + m.end()
        if any(s == after + len(text[after:]) - len(text[after:].lstrip()) for s, _, _ in people):
            # "X, Georgian Vice Premier Y": a list of titled names, not an apposition.
            return [], None
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
            return [], (title if not m.group("post") else None)
        org = _country_of(org, spans)
        found = [Role(key, title, org.key or org.name, start, after)]
        # "X, vice chairman of A and head of B": a second title in the same apposition.
        post = m.group("post") or ""
        second = next(
            (
                a
                for a in re.finditer(r"\s+and\s+(?:the\s+)?", post)
                if TITLE_ANY.match(post, a.end())
            ),
            None,
        )
        if second:
            rest = end + m.start("post") + second.end()
            m2 = TITLE_AT_START.match(text[rest : end + m.end("post")])
            if m2 and m2.group("post"):
                p0 = rest + m2.start("post")
                org2 = self._org_within(spans, p0, rest + m2.end("post"), text, first=True)
                if org2 is not None and org2.start >= p0:
                    org2 = _country_of(org2, spans)
                    found.append(
                        Role(
                            key,
                            _clean_title(m2.group("title")),
                            org2.key or org2.name,
                            start,
                            after,
                        )
                    )
                    # The first title's body ends where the second title begins.
                    first = self._org_within(spans, end + m.start("post"), rest, text, first=True)
                    if first is not None:
                        first = _country_of(first, spans)
                        found[0] = Role(key, title, first.key or first.name, start, after)
        return found, None


_FINITE = frozenset({"VBZ", "VBD", "VBP", "MD"})
# Words that join a clause, not a line of work, between a body and a title ("Russia said
# its minister", "China and the ministers"): English function words and verbs of saying.
_GLUE_WORDS = STOP_WORDS | frozenset(_LEX["saying_words"])
# "X, who chairs the Y": the verb of leading a body, and the title it gives.
_LEADER_TITLE: dict[str, str] = _LEX["leader_verbs"]
_LEADS = re.compile(
    r",\s+who\s+(?:also\s+|now\s+|currently\s+)?("
    + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in _LEADER_TITLE)
    + r")\s+(?:the\s+)?"
)

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


def office(title: str) -> str | None:
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


def _run(spans: list[_Span], pos: int, text: str) -> tuple[list[_Span], int]:
    """The names listed from ``pos`` on ("A, B and C") and where the list ends."""
    out: list[_Span] = []
    while True:
        lead = len(text[pos : pos + 3]) - len(text[pos : pos + 3].lstrip())
        here = [sp for sp in spans if sp.start == pos + lead]
        if not here:
            return out, pos
        sp = max(here, key=lambda s: s.end)
        out.append(sp)
        pos = sp.end
        sep = _LIST_SEP.match(text, pos)
        if not sep or not any(s.start == sep.end() for s in spans):
            return out, pos
        pos = sep.end()


def _run_back(spans: list[_Span], pos: int, text: str) -> list[_Span]:
    """The names listed right before ``pos``: "A and B presidents", "the A and B leaders"."""
    out: list[_Span] = []
    while True:
        here = [sp for sp in spans if sp.end <= pos and not text[sp.end : pos].strip()]
        if not here:
            break
        sp = min(here, key=lambda s: s.start)
        out.append(sp)
        sep = re.search(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)$", text[max(0, sp.start - 8) : sp.start])
        if not sep:
            break
        pos = sp.start - len(sep.group())
    return out[::-1]


def _complement_end(text: str, t_end: int, start: int, spans: list[_Span], title: str) -> int:
    """Where a title ends once its complement is read: "Minister of Agriculture".

    A capitalised complement that names no entity belongs to the title; so does a
    minister's portfolio even where it was read as an organisation name ("Minister of
    Roads and Transport"), and a lower-case line of work right before the name ("deputy
    head for development, X").
    """
    gap = text[t_end:start]
    comp = re.match(r"\s+(?:of|for)\s+([A-Z][\w-]+(?:\s+(?:and\s+)?[A-Z][\w-]+)*)", gap)
    if comp:
        inside = [sp for sp in spans if sp.start < t_end + comp.end() and t_end < sp.end]
        if not inside:
            return t_end + comp.end()
        portfolio = title.split()[-1].lower() in PORTFOLIO_HEADS and all(
            sp.type == "ORG"
            and sp.end <= t_end + comp.end()
            and not {w.lower() for w in sp.name.split()} & ORG_WORDS
            for sp in inside
        )
        return t_end + comp.end() if portfolio else t_end
    low = re.match(
        r"\s+(?:of|for|on)\s+[a-z][\w-]*(?:\s+(?:and\s+)?[a-z][\w-]*){0,3}(?=\s*,?\s*$)", gap
    )
    return t_end + low.end() if low else t_end


def _head_of_chain(inner: list[_Span], text: str) -> _Span:
    """The body a "Title of ..." phrase names: the first name, unless a later one heads it.

    "of the Association of Exporters of X": "of" makes the earlier name the head;
    "of the X Region Party Committee": a name right after another (or after "'s") heads it;
    "of X in Y": a place after a preposition only locates the post.
    """
    head = inner[0]
    for sp in inner[1:]:
        if sp.start < head.end:
            continue
        link = text[head.end : sp.start]
        if re.fullmatch(r"\s*(?:of|for)\s+(?:the\s+)?", link):
            continue
        if re.search(r"\b(?:in|to|at|on|with|from|and)\b", link):
            break
        head = sp
    return head


def _possessor(people: list[tuple[int, int, str]], pos: int, text: str) -> str | None:
    """The person whose title follows: "X's aide", "X's deputy"."""
    for _s, e, key in people:
        if e <= pos and re.fullmatch(r"['’]s?\s+", text[e:pos]):
            return key
    return None


def _country_of(org: _Span, spans: list[_Span]) -> _Span:
    """An organisation read as a demonym plus a portfolio ("Russian Transport") is the country."""
    if org.type != "ORG" or {w.lower() for w in org.name.split()} & ORG_WORDS:
        return org
    lead = [sp for sp in spans if sp.start == org.start and sp.end < org.end and sp.type == "GPE"]
    return lead[0] if lead else org


_MEET = re.compile(r"\b(?:" + "|".join(_LEX["meeting_words"]) + r")\b", re.I)


def _hosts(
    analysis: Analysis,
    start: int,
    end: int,
    roles: dict[tuple[str, str | None], Role],
    names: dict[str, str],
) -> set[str]:
    """Countries of the people met in the sentence: "Y met President X" puts X on the other side."""
    span = analysis.nlp.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    sent_start, sent_end = span.sent.start_char, span.sent.end_char
    org_of = {r.person: r.org for r in roles.values() if r.org}
    out: set[str] = set()
    for ent in analysis.result.entities:
        org = org_of.get(ent.key)
        if ent.type != "PERSON" or org is None:
            continue
        for m in ent.mentions:
            if not (sent_start <= m.start and m.end <= sent_end) or m.start == start:
                continue
            between = analysis.text[min(m.end, end) : max(m.start, start)]
            if _MEET.search(between):
                out.add(names.get(org, org))
    return out
