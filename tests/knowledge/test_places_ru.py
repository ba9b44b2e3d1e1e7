"""Russian place names get the code the gazetteer gives their English names."""

from __future__ import annotations

import pytest

from silkgraph.knowledge.gazetteer import get_gazetteer
from silkgraph.knowledge.places_ru import get_russian_places


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Китай", "China"),
        ("КНР", "China"),
        ("Китайская Народная Республика", "China"),
        ("Российская Федерация", "Russia"),
        ("Казахстан", "Kazakhstan"),
        ("Республика Казахстан", "Kazakhstan"),
        ("Монголия", "Mongolia"),
        ("Пекин", "Beijing"),
        ("Москва", "Moscow"),
        ("Казань", "Kazan"),
        ("Ташкент", "Tashkent"),
        ("Урумчи", "Urumqi"),
        ("Харбин", "Harbin"),
        ("Татарстан", "Tatarstan"),
        ("Хэйлунцзян", "Heilongjiang"),
        ("Хэйлунцзян-Маньчжурский край", "Heilongjiang"),
        ("Шанхай", "Shanghai"),
        ("Самарканд", "Samarkand"),
        ("Башкортостан", "Bashkortostan"),
        ("Азия", "Asia"),
    ],
)
def test_russian_name_has_the_english_code(russian: str, english: str) -> None:
    place = get_russian_places().lookup(russian)
    expected = get_gazetteer().lookup(english, weak=True)
    assert place is not None and expected is not None
    assert place.code == expected.code


@pytest.mark.parametrize("name", ["Лавров", "Президент", "Газпром", "Миллер"])
def test_other_names_are_not_places(name: str) -> None:
    assert get_russian_places().lookup(name) is None
