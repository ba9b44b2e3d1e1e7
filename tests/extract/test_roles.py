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
    return {(names[r.person], names.get(r.org or "", r.org or "")) for r in result.roles}


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


def test_visitor_is_not_at_home(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Brazil and Portugal trade wine. Brazil buys Portuguese wine. Brazil grows. "
        "Portugal grows too. President Alvaro Mendes arrived on a visit to Brazil on Monday."
    )
    assert ("Alvaro Mendes", "Brazil") not in _roles(analyse, components, text)


def test_no_home_country_when_two_are_equal(analyse, components) -> None:  # type: ignore[no-untyped-def]
    text = "Brazil and Portugal signed a deal. President Alvaro Mendes welcomed it."
    assert not _roles(analyse, components, text)
