"""What the Russian and Chinese commodity readers share: their lists of names, each tied to
the term of the English HS lexicon (``knowledge.hs``) it translates, and one commodity per
document (decision 022)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence

from silkgraph.errors import ConfigError
from silkgraph.knowledge.hs import Term, terms
from silkgraph.knowledge.schema import LANG_DIR
from silkgraph.model import Commodity


def read_goods(
    lang: str, language: str, lists: Sequence[str], key: Callable[[str], str] = str
) -> tuple[dict[str, Term], dict[str, tuple[str, ...]]]:
    """``knowledge/lang/<lang>/commodities.json``: each name (as ``key`` writes it) with the
    English HS term it translates, and the file's word ``lists`` of the language's own. A
    broken file, a missing list, or a name translating a term the lexicon lacks stops with
    one line."""
    path = LANG_DIR / lang / "commodities.json"
    lexicon = terms()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        table = {}
        for name, english in data["terms"].items():
            if english not in lexicon:
                raise ValueError(f"{english!r} is not a term of the HS lexicon")
            table[key(str(name))] = lexicon[english]
        words = {k: tuple(key(str(w)) for w in data[k]) for k in lists}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError(f"cannot read the {language} commodity names {path}: {e}") from None
    return table, words


def first_of_each(mentions: Iterable[Commodity]) -> list[Commodity]:
    """Each commodity once, at its first mention (by HS code, else by name)."""
    seen: dict[str, Commodity] = {}
    for c in mentions:
        seen.setdefault(c.hs or c.name, c)
    return list(seen.values())


def goods_in(mentions: Sequence[Commodity], start: int, end: int) -> list[str]:
    """The names of the goods mentioned between two offsets, once each: an event's goods."""
    return list(dict.fromkeys(c.name for c in mentions if start <= c.start < end))
