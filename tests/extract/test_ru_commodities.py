"""Russian commodities: names read by their dictionary forms, HS codes shared with English,
weak words only where trade is told, quoted names never goods."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkgraph.extract.lang.ru.commodities import commodity_words, find_commodities
from silkgraph.knowledge.hs import terms


def found(text: str) -> list[tuple[str, str, str]]:
    return [(c.text, c.name, c.hs) for c in find_commodities(text)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # Inflected forms read as their dictionary forms; the longest listed name wins.
        (
            "Экспорт подсолнечного масла вырос.",
            [("подсолнечного масла", "sunflower oil", "1512")],
        ),
        (
            "Поставки сжиженного природного газа выросли.",
            [("сжиженного природного газа", "natural gas", "2711")],
        ),
        # One adjective between a listed modifier and its noun.
        (
            "Компания закупает сухое козье молоко.",
            [("сухое козье молоко", "milk powder", "0402")],
        ),
        # Several goods in one list; a chapter-level heading as English gives it.
        (
            "Страна импортирует пшеницу, уголь и электрическое оборудование.",
            [
                ("пшеницу", "wheat", "1001"),
                ("уголь", "coal", "2701"),
                ("электрическое оборудование", "electrical equipment", "85"),
            ],
        ),
        # Weak words count only in a sentence about trade or production.
        ("Поставки газа выросли.", [("газа", "natural gas", "2711")]),
        ("Газ подорожал.", []),
        ("Он взял лук и стрелы.", []),
        ("Экспорт лука вырос на 5%.", [("лука", "onions", "0703")]),
        # A quoted name is a name, not goods.
        ("Компания «Газпром нефть» увеличила экспорт.", []),
        # Each commodity once per document.
        ("Экспорт нефти вырос. Добыча нефти упала.", [("нефти", "crude oil", "2709")]),
    ],
)
def test_commodities(text: str, want: list[tuple[str, str, str]]) -> None:
    assert found(text) == want


def test_every_name_translates_a_term_of_the_english_lexicon() -> None:
    words = commodity_words()
    lexicon = terms()
    assert len(words.terms) > 150
    assert all(t.name in {x.name for x in lexicon.values()} for t in words.terms.values())
    # Keys are dictionary forms with "ё" read as "е".
    assert "мед" in words.terms and "мёд" not in words.terms


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщьыэюя «».,!? \n", max_size=200))
def test_never_raises(text: str) -> None:
    for c in find_commodities(text):
        assert text[c.start : c.end] == c.text
