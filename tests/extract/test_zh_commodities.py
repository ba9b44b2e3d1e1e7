"""Chinese commodities: the longest listed name, HS codes shared with English, weak names
only where trade is told, company names never goods; traditional script read alike."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkgraph.extract.lang.zh.commodities import find_commodities
from silkgraph.extract.lang.zh.script import simplified


def found(text: str) -> list[tuple[str, str, str]]:
    return [(c.text, c.name, c.hs) for c in find_commodities(text, simplified(text))]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # The longest listed name: liquefied natural gas, not the natural gas inside it.
        (
            "中国从俄罗斯进口液化天然气和原油。",
            [("液化天然气", "natural gas", "2711"), ("原油", "crude oil", "2709")],
        ),
        (
            "两国贸易中，小麦和葵花籽油出口增长。",
            [("小麦", "wheat", "1001"), ("葵花籽油", "sunflower oil", "1512")],
        ),
        # Traditional script: spans point into the text as published.
        ("兩國貿易中，小麥出口增長。", [("小麥", "wheat", "1001")]),
        # A company's name is no commodity.
        ("中国石油集团与俄方签署协议。", []),
        ("中国石化出口柴油。", [("柴油", "petroleum products", "2710")]),
        # Weak names only where trade is told.
        ("苹果公司发布新手机。", []),
        ("两国手机贸易增长。", [("手机", "smartphones", "8517")]),
        # Once per document.
        ("原油出口增长。原油产量下降。", [("原油", "crude oil", "2709")]),
    ],
)
def test_commodities(text: str, want: list[tuple[str, str, str]]) -> None:
    assert found(text) == want


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="小麦原油天然气液化中国石集团出口。，苹果手机贸易 ", max_size=120))
def test_spans_point_into_the_text(text: str) -> None:
    for c in find_commodities(text, simplified(text)):
        assert text[c.start : c.end] == c.text
