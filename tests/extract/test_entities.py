"""Entities from invented sentences: spans the model cuts, merges or mistypes."""

from __future__ import annotations

import pytest

from silkgraph.extract.entities import EntityComponent, _headline_words
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


def test_news_agency_tail_is_dropped(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(
        analyse, component, "The state-run Vesti news agency said exports to Germany rose."
    )
    assert ents.get("Vesti") == "ORG"
    assert "Vesti news agency" not in ents


def test_source_after_reported_is_an_outlet(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Exports of grain to Poland doubled in spring, reported Kalmora."
    assert _ents(analyse, component, text).get("Kalmora") == "ORG"


def test_inner_dateline_gives_place_and_agency(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Trade grows in the west\n\nBERLIN, May 3 (Novapress) -- Germany's trade with "
        "Poland rose by a tenth in April."
    )
    ents = _ents(analyse, component, text)
    assert ents.get("Berlin") == "GPE"
    assert ents.get("Novapress") == "ORG"


def test_route_ends_are_two_names(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "The visitors travelled from Brenford to Halvard Kessler Logistics Centre by bus."
    ents = _ents(analyse, component, text)
    assert not any(" to " in name for name in ents)


def test_names_only_in_picture_credits_are_dropped(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Germany and Poland signed a trade deal.\n\nPhoto credit: Lumora Pictures\n\nIt ends."
    ents = _ents(analyse, component, text)
    assert "Lumora Pictures" not in ents
    assert ents.get("Germany") == "GPE"


def test_company_name_with_inner_apostrophe(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Qo‘rg‘on Tosh Qurilish JSC will build the plant near Berlin."
    assert "Qo‘rg‘on Tosh Qurilish JSC" in _ents(analyse, component, text)


@pytest.mark.parametrize(
    ("surface", "headline"),
    [
        ("Pilots Union Amid Storm Response", True),
        ("Belgorod Region Near", True),
        ("West to", True),
        ("Bank of China", False),
        ("Forum on Trade and Cooperation", False),
        ("Road to Prosperity Fund", False),
        ("Kazakhstan", False),
    ],
)
def test_headline_words_are_not_a_name(surface: str, headline: bool) -> None:
    assert _headline_words(surface) is headline


def test_country_named_only_in_a_currency_is_dropped(analyse, component) -> None:  # type: ignore[no-untyped-def]
    text = "Trade reached 150 billion yuan (about 21 billion U.S. dollars) in Kazakhstan."
    ents = _ents(analyse, component, text)
    assert "United States" not in ents and "U.S." not in ents
    assert ents.get("Kazakhstan") == "GPE"


def test_generic_event_words_are_not_an_event_name(analyse, component) -> None:  # type: ignore[no-untyped-def]
    ents = _ents(analyse, component, "Delegates came to the International Forum in Kazan.")
    assert "International Forum" not in ents
