"""Search by any of an entity's names: a word that is one name of an entity also finds the
articles that use its other names ("Lyu Huiying" finds "Lü Huiying", an acronym its long
form)."""

from __future__ import annotations

import logging
import re

from silkgraph.store.base import Store, TextMatch
from silkgraph.store.sql import fold

log = logging.getLogger(__name__)

__all__ = ["any_name_match", "fold", "other_names", "snippet"]

# Entities whose names a query may take, and names in all.
ENTITIES = 5
NAMES = 8


def other_names(store: Store, query: str) -> list[str]:
    """Other names of the entities that the query names in full, which its words would
    not find: "Lü Huiying" for "Lyu", "Xinjiang Production and Construction Corps" for
    "XPCC". A name of two letters or fewer is left out (as a word prefix it finds anything).
    """
    words = [fold(w) for w in re.findall(r"\w+", query)]
    if not words:
        return []
    whole = " ".join(words)
    out: dict[str, None] = {}
    for ent in store.search_entities(query, limit=ENTITIES):
        names = [ent.name, *ent.aliases]
        if not any(" ".join(re.findall(r"\w+", fold(n))) == whole for n in names):
            continue
        for name in names:
            letters = re.findall(r"\w", name)
            if len(letters) > 2 and not _holds(fold(name), words):
                out.setdefault(name, None)
    found = list(out)[:NAMES]
    if found:
        # Why an article without the query's words is among the results.
        log.debug("the search %r also looks for %s", query, found)
    return found


def _holds(name: str, words: list[str]) -> bool:
    found = re.findall(r"\w+", name)
    return all(any(f.startswith(w) for f in found) for w in words)


def any_name_match(store: Store, names: list[str]) -> TextMatch | None:
    """Articles whose words match any one of ``names``, newest first (one full-text match
    per name; ranks of separate matches do not compare, so the order is by date)."""
    parts, args = [], []
    for name in names:
        m = store.text_match(name)
        if m is not None:
            parts.append(f"d.id IN (SELECT d.id FROM {m.source} WHERE {m.where})")
            args += m.args
    if not parts:
        return None
    return TextMatch(
        "documents d",
        "(" + " OR ".join(parts) + ")",
        args,
        "COALESCE(d.published, '') DESC, d.id",
        "''",
    )


def snippet(text: str, names: list[str], width: int = 80) -> str:
    """The words around the first of ``names`` in ``text``, the name in brackets (as the
    full-text snippets mark a match)."""
    best = None
    for name in names:
        hit = re.search(re.escape(name), text, flags=re.IGNORECASE)
        if hit and (best is None or hit.start() < best.start()):
            best = hit
    if best is None:
        return ""
    a, b = max(0, best.start() - width), min(len(text), best.end() + width)
    left = ("… " if a else "") + text[a : best.start()]
    right = text[best.end() : b] + (" …" if b < len(text) else "")
    return " ".join(f"{left}[{best.group()}]{right}".split())
