"""Arguments that live outside the trigger's clause: the host, the sentence before."""

from __future__ import annotations

from spacy.language import Language

from silkgraph.extract.amounts import AmountsComponent
from silkgraph.extract.commodities import CommoditiesComponent
from silkgraph.extract.dates import DatesComponent
from silkgraph.extract.entities import EntityComponent
from silkgraph.extract.events import EventComponent
from silkgraph.extract.pipeline import Analysis
from silkgraph.extract.quantities import QuantitiesComponent
from silkgraph.model import Document, Extraction


def _meetings(nlp: Language, text: str) -> list[tuple[str, str | None]]:
    analysis = Analysis(
        Document(id="t", text=text, published="2025-05-01"), nlp(text), Extraction("t", "t")
    )
    for comp in (
        EntityComponent(),
        DatesComponent(),
        AmountsComponent(),
        QuantitiesComponent(),
        CommoditiesComponent(),
        EventComponent(),
    ):
        comp(analysis)
    names = {e.key: e.name for e in analysis.result.entities}
    return [
        (e.type, names.get(e.location or "", e.location))
        for e in analysis.result.events
        if e.type == "MEETING"
    ]


def test_the_host_is_the_place(nlp: Language) -> None:
    text = "Astana hosted talks between the presidents of Freedonia and Mongolia on Monday."
    assert ("MEETING", "Astana") in _meetings(nlp, text)


def test_a_realized_meeting_takes_the_place_of_the_sentence_before(nlp: Language) -> None:
    text = (
        "The Mongolian delegation arrived in Minsk on Monday. "
        "Prime Minister Otto Lind met with President Anna Berg of Belarus."
    )
    assert ("MEETING", "Minsk") in _meetings(nlp, text)
    planned = (
        "The Mongolian delegation arrived in Minsk on Monday. "
        "Prime Minister Otto Lind will meet with President Anna Berg of Belarus next year."
    )
    assert all(place != "Minsk" for _, place in _meetings(nlp, planned))
