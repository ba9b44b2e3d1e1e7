"""Russian names matched with their English translations word by word."""

from __future__ import annotations

import pytest

from silkgraph.knowledge.gloss import block_words, gloss, translates
from silkgraph.knowledge.names import tokens


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        ("Главное таможенное управление", "General Administration of Customs"),
        ("Министерство иностранных дел", "Ministry of Foreign Affairs"),
        # A proper name in it is compared by its transliterated base form.
        ("Сила Сибири", "Power of Siberia"),
        ("Силы Сибири — 2", "Power of Siberia-2"),
        ("Союз Восток", "Soyuz Vostok"),
    ],
)
def test_a_russian_name_matches_its_translation(russian: str, english: str) -> None:
    assert translates(russian, english)


@pytest.mark.parametrize(
    ("russian", "english"),
    [
        # One word too few or too many, another proper name, another institution.
        ("Главное таможенное управление", "General Administration"),
        ("Сила Сибири", "Power of Siberia 2"),
        ("Сила Сибири", "Power of Mongolia"),
        ("Министерство иностранных дел", "Ministry of Foreign Trade"),
        # The English name must be written in Latin letters.
        ("Главное таможенное управление", "Главное таможенное управление"),
    ],
)
def test_other_names_do_not_match(russian: str, english: str) -> None:
    assert not translates(russian, english)


def test_a_name_without_a_translated_word_is_left_to_transliteration() -> None:
    assert gloss("Газпром") is None  # one word, translated by nothing
    assert gloss("Алексей Миллер") is None
    assert gloss("General Administration") is None  # not Russian


def test_block_words_meet_the_english_names_tokens() -> None:
    words = block_words("Главное таможенное управление")
    assert set(tokens("General Administration of Customs")) <= words
