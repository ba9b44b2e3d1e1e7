from __future__ import annotations

from pathlib import Path

import pytest

from silkgraph.knowledge.rates import Rates, to_usd


def test_ecb_weekend_uses_previous_business_day() -> None:
    conv = to_usd(1.0, "EUR", "2025-08-16")  # a Saturday
    assert conv is not None
    assert conv.rate_date == "2025-08-15" and conv.rate_source == "ECB"


def test_table_for_currency_ecb_lacks() -> None:
    conv = to_usd(134e9, "KZT", "2025-10-10")
    assert conv is not None and conv.rate_source == "OXR"
    assert 2.4e8 < conv.usd < 2.6e8


def test_rub_after_2022_comes_from_cbr() -> None:
    conv = to_usd(1.0, "RUB", "2024-11-23")
    assert conv is not None and conv.rate_source == "CBR"
    assert conv.rate == pytest.approx(1 / 102.5761, rel=1e-4)


def test_undated_uses_latest_and_says_so() -> None:
    conv = to_usd(1.0, "KZT", None)
    assert conv is not None and conv.rate_source.endswith("latest; article undated")


@pytest.mark.parametrize(("published", "day"), [("2016-10", "2016-10-14"), ("2016", "2016-07-01")])
def test_a_month_or_year_alone_converts_at_its_middle(published: str, day: str) -> None:
    conv = to_usd(1.0, "EUR", published)
    assert conv is not None and conv.rate_date == day  # 15 October 2016 was a Saturday
    assert conv.rate != to_usd(1.0, "EUR", None).rate  # type: ignore[union-attr]


def test_unknown_currency() -> None:
    assert to_usd(1.0, "XYZ", "2020-01-01") is None


def test_replacement_table(tmp_path: Path) -> None:
    table = tmp_path / "rates.csv"
    table.write_text(
        "date,currency,per_usd,source\n2024-01-01,KZT,500,TEST\n2024-02-01,KZT,400,TEST2\n"
    )
    rates = Rates(table)
    conv = rates.to_usd(1000.0, "KZT", "2024-01-31")
    assert conv is not None and (conv.usd, conv.rate_date, conv.rate_source) == (
        2.0,
        "2024-01-01",
        "TEST",
    )


def test_rates_setting_reaches_the_pipeline(tmp_path: Path) -> None:
    from silkgraph.extract.registry import Extractor

    table = tmp_path / "rates.csv"
    table.write_text("date,currency,per_usd,source\n2024-01-01,KZT,500,TEST\n")
    try:
        # An extractor built with the ``rates`` setting makes it the process's table: the
        # conversions of every pipeline (English, Russian, Chinese) name no table.
        Extractor(rates=table)
        conv = to_usd(1000.0, "KZT", "2024-01-31")
        assert conv is not None and (conv.usd, conv.rate_source) == (2.0, "TEST")
    finally:
        Extractor(rates=None)
    conv = to_usd(1000.0, "KZT", "2024-01-31")
    assert conv is not None and conv.rate_source != "TEST"
