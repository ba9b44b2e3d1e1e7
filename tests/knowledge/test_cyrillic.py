"""Names across scripts: Cyrillic (Russian, Kazakh, Palladius) against Latin spellings."""

from __future__ import annotations

import pytest

from silkgraph.knowledge.cyrillic import chinese_name, fold_kazakh, lemma, palladius, syllables
from silkgraph.knowledge.names import ascii_fold, phonetic
from silkgraph.resolve.entities import Node, score

# (Cyrillic, Latin): one person or place each.
SAME = [
    ("Си Цзиньпин", "Xi Jinping"),
    ("Си Цзиньпином", "Xi Jinping"),
    ("Си Цзиньпина", "Xi Jinping"),
    ("Люй Хуэйин", "Lü Huiying"),
    ("Люй Хуэйин", "Lyu Huiying"),
    ("Ли Цян", "Li Qiang"),
    ("Ли Цяна", "Li Qiang"),
    ("Ван И", "Wang Yi"),
    ("Чжан Гаоли", "Zhang Gaoli"),
    ("Ху Чуньхуа", "Hu Chunhua"),
    ("Хань Чжэн", "Han Zheng"),
    ("Цзян Цзэминь", "Jiang Zemin"),
    ("Хэйлунцзян", "Heilongjiang"),
    ("Минниханова", "Minnikhanov"),
    ("Рустама Минниханова", "Rustam Minnikhanov"),
    ("Казахстана", "Kazakhstan"),
    ("Татарстане", "Tatarstan"),
    ("Токаев", "Tokayev"),
    ("Токаева", "Tokayev"),
    ("Қасым-Жомарт Тоқаев", "Kassym-Jomart Tokayev"),
    ("Мирзиёев", "Mirziyoyev"),
    ("Шавката Мирзиёева", "Shavkat Mirziyoyev"),
    ("Садыр Жапаров", "Sadyr Japarov"),
    ("Владимира Путина", "Vladimir Putin"),
    ("Сергей Лавров", "Sergei Lavrov"),
    ("Ильхам Алиев", "Ilham Aliyev"),
    ("Газпрома", "Gazprom"),
]

# Pairs that must stay apart.
DIFFERENT = [
    ("Ли Цян", "Li Keqiang"),
    ("Си Цзиньпин", "Xi Jinhua"),
    ("Ван И", "Wang Yang"),
    ("Путин", "Tokayev"),
    ("Токаев", "Tokmakov"),
    ("Лавров", "Lavrentiev"),
    ("Казахстан", "Uzbekistan"),
    ("Ли Цян", "Lu Qiang"),
]


@pytest.mark.parametrize(("cyr", "lat"), SAME)
def test_same_name_shares_the_phonetic_key(cyr: str, lat: str) -> None:
    assert phonetic(cyr) == phonetic(lat)


@pytest.mark.parametrize(("cyr", "lat"), DIFFERENT)
def test_different_names_keep_different_keys(cyr: str, lat: str) -> None:
    assert phonetic(cyr) != phonetic(lat)


def _person(doc: str, name: str) -> Node:
    return Node(doc, name, name, "PERSON", [name], {})


@pytest.mark.parametrize(
    ("cyr", "lat", "merge"),
    [
        ("Си Цзиньпин", "Xi Jinping", True),
        ("Люй Хуэйин", "Lü Huiying", True),
        ("Шавката Мирзиёева", "Shavkat Mirziyoyev", True),
        ("Ли Цян", "Li Keqiang", False),
        ("Сергей Лавров", "Sergei Ryabkov", False),
    ],
)
def test_resolver_scores_cross_script_pairs(cyr: str, lat: str, merge: bool) -> None:
    s, feats = score(_person("ru1", cyr), _person("en1", lat))
    assert (s >= 0.8) is merge, feats


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("цзиньпин", ["jin", "ping"]),
        ("хуэйин", ["hui", "ying"]),
        ("цян", ["qiang"]),
        ("люй", ["lü"]),
        ("цзы", ["zi"]),
        ("лавров", None),
    ],
)
def test_palladius_segmentation(word: str, expected: list[str] | None) -> None:
    assert syllables(word) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Си Цзиньпин", "xi jinping"),
        ("Ван И", "wang yi"),
        ("Путин", None),
        ("Владимир Путин", None),
        ("Сергей Лавров", None),
        ("Анна Ли", None),
    ],
)
def test_chinese_name_only_for_palladius_names(name: str, expected: str | None) -> None:
    assert chinese_name(name) == expected


def test_palladius_table_is_one_to_one() -> None:
    table = palladius()
    assert len(table) > 400
    assert len(set(table.values())) == len(table)
    assert table["цзинь"] == "jin" and table["сюй"] == "xu" and table["чжэн"] == "zheng"


@pytest.mark.parametrize(
    ("word", "base"),
    [("Минниханова", "минниханов"), ("Казахстана", "казахстан"), ("Москве", "москва")],
)
def test_lemma_reduces_case_forms(word: str, base: str) -> None:
    assert lemma(word) == base


def test_kazakh_letters_fold() -> None:
    assert fold_kazakh("қғңұүіөһ") == "кгнууиох"
    assert ascii_fold("Тоқаев") == ascii_fold("Токаев")


def test_latin_names_are_untouched() -> None:
    assert ascii_fold("Xi Jinping") == "xi jinping"
    assert ascii_fold("Kazakhstan") == "kazakhstan"
