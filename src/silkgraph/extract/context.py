"""What an article as a whole supplies to the events of its sentences.

Reports of cross-border cooperation are about a pair of countries, named in the headline and
again and again; a sentence inside them ("the sides agreed to build ...", "trade grew by a
third") leaves the pair understood. An event whose own sentence names fewer than two
countries takes the article's two main ones: the two it names most often, the first named
first among equals. They are recorded apart (``Event.context_participants``) as well as
among the participants, so a reader can tell what the sentence said from what was inferred.

Language-neutral: it reads entity mentions (and, where a language has them, demonym
positions), never words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from silkgraph.model import Entity, Event


def is_country(entity: Entity) -> bool:
    return (
        entity.type == "GPE" and bool(entity.attrs) and entity.attrs.get("place_kind") == "country"
    )


def main_countries(
    entities: Sequence[Entity], n: int = 2, extra: Iterable[tuple[int, str]] = ()
) -> list[str]:
    """The keys of the n countries the article names most often; ``extra``: further
    (position, key) mentions such as demonyms."""
    countries = {e.key for e in entities if is_country(e)}
    seen: dict[str, list[int]] = {}
    for e in entities:
        if e.key in countries:
            seen.setdefault(e.key, []).extend(m.start for m in e.mentions)
    for pos, key in extra:
        if key in countries:
            seen.setdefault(key, []).append(pos)
    ranked = sorted(
        ((k, v) for k, v in seen.items() if v), key=lambda kv: (-len(kv[1]), min(kv[1]))
    )
    return [k for k, _ in ranked[:n]]


def add_article_countries(
    events: list[Event], entities: Sequence[Entity], extra: Iterable[tuple[int, str]] = ()
) -> None:
    """Give each event that names fewer than two countries the article's two main ones."""
    main = main_countries(entities, 2, extra)
    if not main:
        return
    countries = {e.key for e in entities if is_country(e)}
    for ev in events:
        own = {k for k in ev.participants if k in countries}
        if len(own) >= 2:
            continue
        added = [k for k in main if k not in ev.participants]
        ev.participants = [*ev.participants, *added]
        ev.context_participants = added
