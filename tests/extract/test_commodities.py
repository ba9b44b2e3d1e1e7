from __future__ import annotations

import pytest

from silkgraph.extract.commodities import CommoditiesComponent


@pytest.mark.parametrize(
    ("text", "hs"),
    [
        (
            "China will increase exports of amino acids, tomato paste, PVC and caustic soda.",
            {"2922", "2002", "3904", "2815"},
        ),
        ("They will ramp up imports of rapeseed oil and fish meal.", {"1514", "2301"}),
        ("The supply of sunflower oil and camel milk powder.", {"1512", "0402"}),
        ("Kazakhstan is ready to increase beef exports.", {"0201"}),
        ("The region is rich in petroleum reserves and oil production.", {"2709"}),
        ("Shipments of natural gas grew.", {"2711"}),
    ],
)
def test_examples(analyse, text: str, hs: set[str]) -> None:  # type: ignore[no-untyped-def]
    result = analyse(text, None, CommoditiesComponent())
    assert {c.hs for c in result.commodities} == hs


@pytest.mark.parametrize(
    "text",
    [
        "They will develop projects in the energy and industry spheres.",
        "The paper added that talks went well.",
        "Farmers use less fertilizers and water.",
        "The products were shown at the expo.",
        "The ministers praised the new\nCotton Road initiative of the two states.",
        "Officials of Wheat Valley Holdings attended the talks.",
    ],
)
def test_no_false_positives(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert analyse(text, None, CommoditiesComponent()).commodities == []


@pytest.mark.parametrize(
    ("text", "name", "hs"),
    [
        # goods no lexicon row names, mapped through the HS nomenclature
        ("The factory will export ceramic tiles to Europe.", "ceramic tiles", "69"),
        ("The company will export bumpers and windscreens.", "bumpers", "8708"),
        ("Imports of porcelain tableware rose sharply.", "porcelain tableware", "6911"),
        ("The plant plans to produce plastic parts for buses.", "plastic parts", "3926"),
        ("They sold 40,000 barrels of molasses to buyers abroad.", "molasses", "1703"),
    ],
)
def test_open_vocabulary(analyse, text: str, name: str, hs: str) -> None:  # type: ignore[no-untyped-def]
    found = {c.name: c.hs for c in analyse(text, None, CommoditiesComponent()).commodities}
    assert name in found, found
    assert found[name].startswith(hs)


@pytest.mark.parametrize(
    "text",
    [
        # a goods word that modifies a head which is not goods
        "The steel structures plant opened in May.",
        "The chemical industry cluster will employ 500 people.",
        "Investment in the oil and gas sector grew.",
        "The automobile bridge opened in June.",
        # goods without trade or production context
        "Cars were on display at the expo.",
        "Trucks crossed the new bridge on Monday.",
        # verbs and categories
        "The sides agreed to beef up security and cement ties.",
        "The firm specializes in processing household waste.",
        "They discussed exports of agricultural products.",
    ],
)
def test_open_vocabulary_precision(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    assert analyse(text, None, CommoditiesComponent()).commodities == []


def test_trade_slot_keeps_modifier_of_trade_noun(analyse) -> None:  # type: ignore[no-untyped-def]
    found = analyse(
        "Hydrocarbon supplies and copper processing will grow.", None, CommoditiesComponent()
    ).commodities
    assert {c.text.lower() for c in found} >= {"hydrocarbon", "copper"}
