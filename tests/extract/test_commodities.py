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
