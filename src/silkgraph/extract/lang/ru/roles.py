"""Russian roles: a post written before a person's name, with the country or organisation
named between the two ("Президент Киргизии Садыр Жапаров", "глава «Северстали» Иван
Петров", "министром иностранных дел Монголии ...").

The post words are the ``titles`` lemmas of ``knowledge/lang/ru/entities.json``; the title
kept is the text from the post word to the organisation (or to the name), in base form of
its first word.
"""

from __future__ import annotations

import re
from functools import cache

from silkgraph.extract.pipeline import Analysis
from silkgraph.knowledge.cyrillic import word_lemma
from silkgraph.knowledge.schema import words
from silkgraph.model import Entity, Role

_WORD = re.compile(r"[А-Яа-яЁё-]+")
WINDOW = 90


@cache
def titles() -> frozenset[str]:
    return frozenset(words("ru", "entities").set("titles"))


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding ``start`` begins (a sentence end, line break or comma)."""
    cut = max(text.rfind(c, max(0, start - WINDOW), start) for c in ".!?\n,;:(")
    return cut + 1 if cut >= 0 else max(0, start - WINDOW)


def find_roles(text: str, entities: list[Entity]) -> list[Role]:
    """One role per person mention that a post word precedes in the same clause."""
    posts = titles()
    orgs = [
        (m.start, m.end, e.key) for e in entities if e.type in ("ORG", "GPE") for m in e.mentions
    ]
    people = sorted(m.start for e in entities if e.type == "PERSON" for m in e.mentions)
    out: dict[tuple[str, str | None], Role] = {}
    for person in (e for e in entities if e.type == "PERSON"):
        for m in person.mentions:
            # The last post word before the name with no other person between them.
            begin = max([_clause_start(text, m.start), *(p + 1 for p in people if p < m.start)])
            found = [
                w for w in _WORD.finditer(text, begin, m.start) if word_lemma(w.group()) in posts
            ]
            if not found:
                continue
            post = found[-1]
            start = post.start()
            # Post words written together are one post: "заместитель премьер-министра",
            # "первый заместитель министра" (the run's first word starts the title).
            for prev in reversed(found[:-1]):
                if text[prev.end() : start].strip():
                    break
                start = prev.start()
            # The organisation: the first one named between the post and the name ("посол
            # России в Китае": the country the post belongs to comes first).
            org = next(
                ((s, key) for s, e, key in sorted(orgs) if post.end() <= s and e <= m.start),
                None,
            )
            end_title = org[0] if org else m.start
            words_ = text[start:end_title].split()
            title = " ".join([word_lemma(words_[0]), *words_[1:]]).strip(' «»"') if words_ else ""
            key = (person.key, org[1] if org else None)
            if key not in out:
                out[key] = Role(person.key, title, key[1], start, m.end)
    return sorted(out.values(), key=lambda r: r.start)


class RussianRolesComponent:
    """Adds the roles of the document's persons; needs entities."""

    name = "roles"
    version = "ru-1"
    requires: tuple[str, ...] = ("entities",)
    provides: tuple[str, ...] = ("roles",)

    def __call__(self, analysis: Analysis) -> None:
        analysis.result.roles.extend(find_roles(analysis.text, analysis.result.entities))
