from __future__ import annotations

import pytest

from silkgraph.knowledge import hs_index


@pytest.mark.parametrize(
    ("head", "mods", "hs"),
    [
        ("seats", (), "9401"),
        ("bumpers", (), "8708"),
        ("motors", ("electric",), "8501"),
        ("parts", ("plastic",), "3926"),
        ("parts", ("aluminum",), "7616"),
        ("oil", ("sunflower",), "1512"),
        ("pipes", ("steel",), "7304"),
    ],
)
def test_lookup(head: str, mods: tuple[str, ...], hs: str) -> None:
    assert hs_index.lookup(head, mods) == hs


def test_generic_and_abstract_words_name_no_goods() -> None:
    assert hs_index.lookup("parts") is None
    for word in ("cooperation", "services", "passengers", "thickness"):
        assert not hs_index.is_goods_word(word)


def test_norm_is_spelling_and_number_blind() -> None:
    assert hs_index.norm("Aluminum") == hs_index.norm("aluminium")
    assert hs_index.norm("batteries") == "battery"
    assert hs_index.norm("tires") == hs_index.norm("tyre")
