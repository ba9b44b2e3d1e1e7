"""Arguments that live outside the trigger's clause: the host, the sentence before."""

from __future__ import annotations

from typing import Any

from silkgraph.model import Extraction


def _meetings(analyse: Any, components: list[Any], text: str) -> list[tuple[str, str | None]]:
    result: Extraction = analyse(text, "2025-05-01", *components)
    names = {e.key: e.name for e in result.entities}
    return [
        (e.type, names.get(e.location or "", e.location))
        for e in result.events
        if e.type == "MEETING"
    ]


def test_the_host_is_the_place(analyse: Any, components: list[Any]) -> None:
    text = "Astana hosted talks between the presidents of Freedonia and Mongolia on Monday."
    assert ("MEETING", "Astana") in _meetings(analyse, components, text)


def test_a_realized_meeting_takes_the_place_of_the_sentence_before(
    analyse: Any, components: list[Any]
) -> None:
    text = (
        "The Mongolian delegation arrived in Minsk on Monday. "
        "Prime Minister Otto Lind met with President Anna Berg of Belarus."
    )
    assert ("MEETING", "Minsk") in _meetings(analyse, components, text)
    planned = (
        "The Mongolian delegation arrived in Minsk on Monday. "
        "Prime Minister Otto Lind will meet with President Anna Berg of Belarus next year."
    )
    assert all(place != "Minsk" for _, place in _meetings(analyse, components, planned))
