from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkgraph.extract.amounts import AmountsComponent, find_money


@pytest.mark.parametrize(
    ("text", "currency", "value"),
    [
        ("90 bln yuan", "CNY", 9e10),
        ("$629 million", "USD", 6.29e8),
        ("USD 1.2bn", "USD", 1.2e9),
        ("15 billion rubles", "RUB", 1.5e10),
        ("₸2 trillion", "KZT", 2e12),
        ("2 trillion tenge", "KZT", 2e12),
        ("€3 mln", "EUR", 3e6),
        ("US$ 5 million", "USD", 5e6),
        ("1.74 trillion yuan", "CNY", 1.74e12),
        ("244.8 billion U.S. dollars", "USD", 2.448e11),
        ("RMB 5 billion", "CNY", 5e9),
        ("$2.4B", "USD", 2.4e9),
        ("20 billion Hong Kong dollars", "HKD", 2e10),
        ("302.4 billion soums", "UZS", 3.024e11),
        # A decimal comma: one or two digits after it, or a thousand billion dollars.
        ("$190,27 billion", "USD", 1.9027e11),
        ("$2,5 bn", "USD", 2.5e9),
        ("$19,863 billion", "USD", 1.9863e10),
        ("$1,200 million", "USD", 1.2e9),
        ("3,400 billion yuan", "CNY", 3.4e12),
        # Roubles as the British press writes them.
        ("Rbs3.27tn", "RUB", 3.27e12),
        ("Rb500m", "RUB", 5e8),
    ],
)
def test_examples(text: str, currency: str, value: float) -> None:
    found = find_money(f"They said {text} was spent.")
    assert len(found) == 1
    assert found[0].currency == currency
    assert found[0].value == pytest.approx(value)


def test_range_and_approx() -> None:
    [money] = find_money("a deal of about $10-15 million")
    assert (money.value, money.high, money.approx) == (1e7, 1.5e7, True)


def test_parenthetical_gives_two() -> None:
    found = find_money("5 billion yuan ($690 million)")
    assert [(m.currency, m.value) for m in found] == [("CNY", 5e9), ("USD", 6.9e8)]


@pytest.mark.parametrize(
    "text",
    [
        "17 cooperation documents",
        "in 2024",
        "($1 = 7.33 yuan)",
        "50 countries",
        "RBS said",
        "Rbsomething 3",
    ],
)
def test_no_money(text: str) -> None:
    assert find_money(text) == []


def test_component_converts_at_article_date(analyse) -> None:  # type: ignore[no-untyped-def]
    result = analyse(
        "the volume was over 90 bln yuan ($12.5 bln).", "2025-08-18", AmountsComponent()
    )
    cny, usd = result.amounts
    assert 1.2e10 < cny.usd < 1.3e10
    assert cny.rate_date == "2025-08-18" and cny.rate_source
    assert usd.usd == 1.25e10


def test_repeated_figure_counted_once(analyse) -> None:  # type: ignore[no-untyped-def]
    result = analyse("It cost $2 billion. Yes, $2 billion.", None, AmountsComponent())
    assert len(result.amounts) == 1
    assert (
        "undated" in (result.amounts[0].rate_source or "")
        or result.amounts[0].rate_source == "identity"
    )


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises(text: str) -> None:
    find_money(text)
