"""Entities from invented sentences: spans the model cuts, merges or mistypes."""

from __future__ import annotations

import pytest

from silkgraph.extract.entities import EntityComponent
from silkgraph.model import Extraction


@pytest.fixture(scope="module")
def component() -> EntityComponent:
    return EntityComponent()


def _ents(analyse, component, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    result: Extraction = analyse(text, None, component)
    return {e.name: e.type for e in result.entities}


def test_cut_off_name_at_the_end_is_dropped(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Trade between Germany and France grew, with Denm")
    assert "Denm" not in ents
    assert ents.get("Germany") == "GPE"


def test_named_pipelines_and_their_sequel_stay_apart(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Gas flows through the existing Blue Falcon pipeline. Talks on the Blue Falcon 2 "
        "pipeline continue, and the Blue Falcon 2 project may start next year."
    )
    ents = _ents(analyse, component, text)
    assert ents.get("Blue Falcon") == "FAC"
    assert ents.get("Blue Falcon 2") == "FAC"
    assert "Blue Falcon 2 project" not in ents


def test_quoted_field_name_is_a_site(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Drilling began at the “Karatau” gas field last year.")
    assert ents.get("Karatau") == "FAC"


def test_region_word_in_lower_case_joins_the_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "The meeting was held in Zarafshan velayat on Monday.")
    assert ents.get("Zarafshan velayat") == "GPE"


def test_one_word_forum_is_an_event(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Delegates will meet again at the annual TulaForum in May.")
    assert ents.get("TulaForum") == "EVENT"


def test_acronym_is_not_a_person(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "The plan follows the Great Green Corridor Initiative (GGCI) to link the ports."
    ents = _ents(analyse, component, text)
    assert ents.get("GGCI") != "PERSON"
