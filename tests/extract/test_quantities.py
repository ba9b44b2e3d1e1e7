from __future__ import annotations

import pytest

from silkgraph.extract.amounts import AmountsComponent
from silkgraph.extract.quantities import QuantitiesComponent

CASES = [
    ("They signed 17 cooperation documents.", 17, "document"),
    ("It was attended by 1,900 companies.", 1900, "company"),
    ("About ten thousand attendees are expected.", 10000, "attendee"),
    ("It has three free trade zones.", 3, "zone"),
    ("It runs 18 higher educational institutions.", 18, "institution"),
    ("It included representatives of 17 regions.", 17, "region"),
    ("Guests came from 50 countries.", 50, "country"),
    ("Kazakhstan will export 500,000 tons of beef.", 500000, "t"),
    ("Output reached 1.2 million tonnes.", 1200000, "t"),
    ("The Corps produces 25% of the output.", 25, "%"),
    ("Trade grew by 15 percent.", 15, "%"),
    ("They signed five energy, agriculture and industrial projects.", 5, "project"),
    ("They signed three trade, transport and customs agreements.", 3, "agreement"),
    # A number word counts, also where it names the pair just mentioned.
    ("Since then the two countries agreed.", 2, "country"),
    ("The forum drew 1,200 people.", 1200, "person"),
    ("Exports increased by 12,8% last year.", 12.8, "%"),
    ("The two peoples are friends.", 2, "people"),
    # "dozen" multiplies what comes before it.
    ("Some two dozen agreements were signed.", 24, "agreement"),
    ("They signed a dozen contracts.", 12, "contract"),
]


@pytest.mark.parametrize(("text", "value", "unit"), CASES)
def test_examples(analyse, text: str, value: float, unit: str) -> None:  # type: ignore[no-untyped-def]
    result = analyse(text, None, AmountsComponent(), QuantitiesComponent())
    assert [(q.value, q.unit) for q in result.quantities] == [(value, unit)]


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 the trade grew.",
        "It is the 3rd forum.",
        "the eighth expo opened",
        "a deal worth $629 million",
        "over the past two years",
        "an agreement for 30 years",
        "Kazakhstan and China are two friendly countries.",
        "It plans to build two or three nuclear power plants.",
        "Both sides apply zero tariffs to the goods.",
        "Talks on the Power of Siberia 2 gas pipeline continue.",
    ],
)
def test_not_quantities(analyse, text: str) -> None:  # type: ignore[no-untyped-def]
    result = analyse(text, None, AmountsComponent(), QuantitiesComponent())
    assert result.quantities == []


def test_approx(analyse) -> None:  # type: ignore[no-untyped-def]
    result = analyse(
        "The program has about 100 activities.", None, AmountsComponent(), QuantitiesComponent()
    )
    assert result.quantities[0].approx


def test_lengths_and_areas_are_measures(analyse) -> None:  # type: ignore[no-untyped-def]
    text = "The pavilion covers 388,000 square meters, and each side built 540 meters of it."
    result = analyse(text, None, AmountsComponent(), QuantitiesComponent())
    assert [(q.value, q.unit) for q in result.quantities] == [(388000, "m2"), (540, "m")]


def test_page_furniture_counts_nothing() -> None:
    from silkgraph.extract.registry import make_pipeline
    from silkgraph.model import Document

    result = make_pipeline()(
        Document(
            id="t",
            text="Peru and Chile signed three agreements. 2 Responses to this story. See 1 pages.",
            published="2024-01-01",
        )
    )
    assert [(q.value, q.unit) for q in result.quantities] == [(3.0, "agreement")]
