"""Roles from invented sentences: title phrases, appositions and the home-country reading."""

from __future__ import annotations

import pytest

from silkgraph.extract.entities import EntityComponent
from silkgraph.extract.roles import RolesComponent
from silkgraph.model import Extraction


@pytest.fixture(scope="module")
def components() -> tuple[EntityComponent, RolesComponent]:
    return EntityComponent(), RolesComponent()


def _roles(analyse, comps, text: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    result: Extraction = analyse(text, None, *comps)
    names = {e.key: e.name for e in result.entities}
    return {(names[r.person], names.get(r.org, r.org)) for r in result.roles if r.org}


def test_explicit_country_before_title(analyse, components) -> None:  # type: ignore[no-untyped-def]
    roles = _roles(analyse, components, "German Foreign Minister Klaus Hoffmann visited France.")
    assert ("Klaus Hoffmann", "Germany") in roles


def test_country_after_the_name(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "President Alvaro Mendes of Brazil held talks with investors in Lisbon."
    assert ("Alvaro Mendes", "Brazil") in _roles(analyse, components, text)


def test_possessive_title_in_apposition(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Bavaria's party chief and top official, Klaus Hoffmann, said trade would grow."
    assert ("Klaus Hoffmann", "Bavaria") in _roles(analyse, components, text)


def test_title_with_suffix(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Brazilian President-elect Alvaro Mendes has promised lower tariffs."
    assert ("Alvaro Mendes", "Brazil") in _roles(analyse, components, text)


def test_clause_is_not_an_apposition(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil and Portugal signed a treaty. According to Alvaro Mendes, the President of "
        "Portugal is a welcome guest in Brazil."
    )
    assert ("Alvaro Mendes", "Portugal") not in _roles(analyse, components, text)


def test_bare_title_takes_the_home_country(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil wants more trade with Portugal. Brazil exports coffee, and Brazil imports wine. "
        "Prime Minister Alvaro Mendes met Portuguese President Joao Silva in Lisbon."
    )
    roles = _roles(analyse, components, text)
    assert ("Alvaro Mendes", "Brazil") in roles
    assert ("Joao Silva", "Portugal") in roles
    # The home country is a guess, marked so; the country read with the title is not.
    result: Extraction = analyse(text, None, *components)
    names = {e.key: e.name for e in result.entities}
    guessed = {names[r.person]: r.org_guessed for r in result.roles}
    assert guessed == {"Alvaro Mendes": True, "Joao Silva": False}


def test_visitor_is_not_at_home(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil and Portugal trade wine. Brazil buys Portuguese wine. Brazil grows. "
        "Portugal grows too. President Alvaro Mendes arrived on a visit to Brazil on Monday."
    )
    assert ("Alvaro Mendes", "Brazil") not in _roles(analyse, components, text)


def test_no_home_country_when_two_are_equal(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Brazil and Portugal signed a deal. President Alvaro Mendes welcomed it."
    assert not _roles(analyse, components, text)
    # The title is kept without a body: the corpus may say whose it is.
    result: Extraction = analyse(text, None, *components)
    names = {e.key: e.name for e in result.entities}
    assert [(names[r.person], r.title, r.org) for r in result.roles] == [
        ("Alvaro Mendes", "President", None)
    ]


def test_nested_organisation_is_the_body(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chairman of the Association of Grain Exporters of Ruritania in Freedonia "
        "John Smith said prices would rise."
    )
    roles = _roles(analyse, components, text)
    assert ("John Smith", "Freedonia") not in roles
    assert any(p == "John Smith" and "Association" in o for p, o in roles)


def test_second_title_in_apposition(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "John Smith, the minister of trade of Brazil and head of the Trade Development "
        "Commission, said prices would rise."
    )
    roles = _roles(analyse, components, text)
    assert ("John Smith", "Brazil") in roles
    assert ("John Smith", "Trade Development Commission") in roles


def test_organisation_before_a_line_of_work(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Acme News reporter John Smith said prices would rise."
    assert ("John Smith", "Acme News") in _roles(analyse, components, text)


def test_coordinated_titles_and_names(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "The presidents of Brazil and Portugal, Alvaro Mendes and Joao Silva, signed the treaty."
    roles = _roles(analyse, components, text)
    assert ("Alvaro Mendes", "Brazil") in roles
    assert ("Joao Silva", "Portugal") in roles


def test_title_of_org_after_the_name_ends_at_the_verb(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Mary Jones, chairwoman of the board of Acme Holdings said on Monday that sales rose."
    assert ("Mary Jones", "Acme Holdings") in _roles(analyse, components, text)


def test_possessive_organisation(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Germany's foreign minister Klaus Hoffmann said prices would rise."
    assert ("Klaus Hoffmann", "Germany") in _roles(analyse, components, text)


def test_demonym_before_a_portfolio(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Portuguese Transport Minister Joao Silva said the railway would open."
    assert ("Joao Silva", "Portugal") in _roles(analyse, components, text)


def test_demonym_counterpart(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "German President Klaus Hoffmann and his Brazilian counterpart, Alvaro Mendes, met."
    roles = _roles(analyse, components, text)
    assert ("Alvaro Mendes", "Brazil") in roles
    assert ("Klaus Hoffmann", "Germany") in roles


def test_minister_portfolio_is_not_the_body(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Brazilian Minister of Roads and Urban Development Alvaro Mendes visited Lisbon."
    assert ("Alvaro Mendes", "Brazil") in _roles(analyse, components, text)


def test_title_before_another_name_is_not_an_apposition(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The memo was signed by German Trade Minister Klaus Hoffmann, Brazilian Vice Prime "
        "Minister Alvaro Mendes."
    )
    roles = _roles(analyse, components, text)
    assert ("Klaus Hoffmann", "Brazil") not in roles
    assert ("Alvaro Mendes", "Brazil") in roles


def test_aide_serves_the_body_of_their_principal(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "German President Klaus Hoffmann will visit Brazil, Hoffmann's aide Peter Braun said."
    assert ("Peter Braun", "Germany") in _roles(analyse, components, text)


def test_person_met_is_not_of_the_visitor_country(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil wants more trade with Portugal. Brazil exports coffee and Brazil imports wine. "
        "Brazilian Foreign Minister Alvaro Mendes met President Joao Silva in Lisbon."
    )
    assert ("Joao Silva", "Brazil") not in _roles(analyse, components, text)


def test_a_plural_title_without_bodies_keeps_each_name_bare(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil wants more trade with Portugal. Brazil exports coffee to Portugal. "
        "Presidents Alvaro Mendes and Joao Silva met in Lisbon."
    )
    result: Extraction = analyse(text, None, *components)
    names = {e.key: e.name for e in result.entities}
    got = {(names[r.person], r.org, r.org_guessed) for r in result.roles}
    # Both keep the title without a body: the corpus may say whose each is. Neither takes
    # the home country: a country has one president, not two.
    assert got == {("Alvaro Mendes", None, False), ("Joao Silva", None, False)}


def test_names_set_off_by_a_dash_after_their_countries(analyse, components) -> None:  # type: ignore[no-untyped-def]
    # The model runs "Mongolia - Rustam Mirzabaev" into one organisation; the dash is no
    # part of the name that is split off it.
    text = (
        "The leaders of Russia, China and Mongolia - Rustam Mirzabaev, Wu Dongsheng and "
        "Farrukh Orlbaev - adopted a program of building an economic corridor."
    )
    roles = _roles(analyse, components, text)
    assert {
        ("Rustam Mirzabaev", "Russia"),
        ("Wu Dongsheng", "China"),
        ("Farrukh Orlbaev", "Mongolia"),
    } <= roles


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "Talks were held with Premier of the State Council Anvar Nazarbaev on Monday.",
            ("Anvar Nazarbaev", "State Council"),
        ),
        (
            "Chairman of the Standing Committee of the National People's Congress Giorgi "
            "Abdrabekov arrived.",
            ("Giorgi Abdrabekov", "Standing Committee of the National People's Congress"),
        ),
    ],
)
def test_holder_run_into_the_body_of_the_title(analyse, components, text, role) -> None:  # type: ignore[no-untyped-def]
    # "<title> of the <body> <name>": the model reads body and name as one organisation.
    assert role in _roles(analyse, components, text)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "President of Uzbekistan Anvar Aliybaev has departed on a state visit.",
            ("Anvar Aliybaev", "Uzbekistan"),
        ),
        (
            "He was invited by President of the People's Republic of China Sun Dongsheng.",
            ("Sun Dongsheng", "China"),
        ),
        (
            "Meetings are planned with Premier of China's State Council Ganbold Mirzakulov.",
            ("Ganbold Mirzakulov", "State Council"),
        ),
    ],
)
def test_unfamiliar_holder_run_into_the_country_of_the_title(
    analyse, components, text, role
) -> None:  # type: ignore[no-untyped-def]
    # The model splits "President of China Xi Jinping" but reads a name it has never seen
    # as part of the place or body before it.
    assert role in _roles(analyse, components, text)


def test_a_town_named_after_the_title_is_no_holder(analyse, components) -> None:  # type: ignore[no-untyped-def]
    comps = components
    result = analyse("The Governor of Sichuan Province visited Chengdu on Monday.", None, *comps)
    assert not any(e.type == "PERSON" for e in result.entities)


def test_holder_read_as_a_gathering_after_the_title(analyse, components) -> None:  # type: ignore[no-untyped-def]
    # The model reads "Uzbekistan Anvar Aliybaev" as an event's name here.
    text = (
        "In the address of the President of Uzbekistan Anvar Aliybaev, which was read out "
        "by Deputy Prime Minister Ulugbek Safarov, the importance of the project was noted."
    )
    assert ("Anvar Aliybaev", "Uzbekistan") in _roles(analyse, components, text)


def test_name_after_a_lower_case_title_is_a_person(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Earlier, Iranian Foreign Ministry spokesman Dilshod Bakirbaev recalled the talks."
    assert ("Dilshod Bakirbaev", "Iranian Foreign Ministry") in _roles(analyse, components, text)


def test_a_line_of_work_between_the_body_and_the_title(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Kremlin foreign policy aide Anton Ivanov said the talks would go ahead."
    assert ("Anton Ivanov", "Kremlin") in _roles(analyse, components, text)
    # A headline's last words are no line of work of the next line's title.
    headline = (
        "President Klaus Hoffmann meets Chinese industry leaders\n"
        "President Klaus Hoffmann of Germany held talks in Tianjin."
    )
    roles = _roles(analyse, components, headline)
    assert ("Klaus Hoffmann", "China") not in roles


def test_who_chairs_a_body_holds_its_chair(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The minister held talks with Klaus Hoffmann, who chairs the Federal Trade "
        "Council, in Berlin."
    )
    assert ("Klaus Hoffmann", "Federal Trade Council") in _roles(analyse, components, text)
