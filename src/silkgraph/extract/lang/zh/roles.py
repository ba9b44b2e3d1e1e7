"""Chinese roles: a post written right before a person's name, with the country or
organisation named right before the post ("哈萨克斯坦副总理X", "外交部发言人X",
"…公司（Gazprom）总裁X", "…兵团党委书记、政委X").

The post words are the ``titles`` of ``knowledge/lang/zh/entities.json`` (simplified
script); a chain of posts joined by 、 belongs to the same organisation.
"""

from __future__ import annotations

import re
from functools import cache

from silkgraph.extract.lang.zh.parser import chinese
from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.schema import words
from silkgraph.model import Entity, Role

# What may stand between an organisation and its post: a Latin name in brackets, a
# qualifier (副, 常务, 代理, 前), a list mark.
_GAP = re.compile(r"\s*(?:[（(][^（()）]{1,40}[）)])?\s*(?:副|常务|代理|前|首任|新任|现任)?\s*")
_CHAIN = re.compile(r"[、和及]")
MAX_POSTS = 3


@cache
def titles() -> tuple[str, ...]:
    return tuple(sorted(words("zh", "entities").set("titles"), key=len, reverse=True))


def _title_before(simple: str, end: int) -> tuple[int, str] | None:
    """The post (or chain of posts) that ends at ``end``: its start and its text."""
    start = end
    found = False
    while True:
        hit = next((t for t in titles() if simple.endswith(t, 0, start)), None)
        if hit is None:
            break
        start -= len(hit)
        found = True
        qualifier = re.search(r"(?:副|常务|代理)$", simple[:start])
        if qualifier:
            start = qualifier.start()
        if start > 0 and _CHAIN.match(simple[start - 1]):
            start -= 1
            continue
        break
    if not found:
        return None
    while start < end and _CHAIN.match(simple[start]):
        start += 1
    return start, simple[start:end]


def find_roles(text: str, simple: str, entities: list[Entity]) -> list[Role]:
    """One role per person mention with a post right before it."""
    orgs = [
        (m.end, m.start, e.key) for e in entities if e.type in ("ORG", "GPE") for m in e.mentions
    ]
    out: dict[tuple[str, str | None], Role] = {}
    for person in (e for e in entities if e.type == "PERSON"):
        for m in person.mentions:
            anchor = m.start
            # "X党委副书记，Y党委书记、政委Z": posts of one person listed before the name,
            # each with its organisation, the nearest first.
            for _ in range(MAX_POSTS):
                found = _title_before(simple, anchor)
                if found is None:
                    break
                start, _title = found
                # "…自治区党委副书记": the organisation's name holds the post's first word.
                start = max(
                    [start] + [end for end, ostart, _ in orgs if ostart < start < end <= anchor]
                )
                org = next(
                    (
                        (ostart, key)
                        for end, ostart, key in sorted(orgs, reverse=True)
                        if end <= start and _GAP.fullmatch(simple[end:start])
                    ),
                    None,
                )
                key_ = (person.key, org[1] if org else None)
                if key_ not in out:
                    out[key_] = Role(
                        person.key, text[start:anchor], key_[1], org[0] if org else start, m.end
                    )
                if org is None or org[0] == 0 or simple[org[0] - 1] not in ",，":
                    break
                anchor = org[0] - 1
    return sorted(out.values(), key=lambda r: r.start)


class ChineseRolesComponent:
    """Adds the roles of the document's persons; needs entities."""

    name = "roles"
    version = "zh-1"
    requires: tuple[str, ...] = ("entities",)
    provides: tuple[str, ...] = ("roles",)

    def __call__(self, analysis: Analysis) -> None:
        simple = chinese(analysis).simple
        analysis.result.roles.extend(find_roles(analysis.text, simple, analysis.result.entities))
