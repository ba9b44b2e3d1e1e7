"""Dates in words and event headlines: example tables, invented facts."""

from __future__ import annotations

import pytest

from silkgraph.display import (
    EventDate,
    count_words,
    date_words,
    event_date,
    headline,
    money_words,
    plural,
)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2025-06-26", "26 June 2025"),
        ("2025-06", "June 2025"),
        ("2025", "2025"),
        ("--06-26", "26 June"),
        ("2025-Q3", "third quarter of 2025"),
        ("2024-H1", "first half of 2024"),
        ("2025-W07", "week 7 of 2025"),
        ("sometime", "sometime"),
        ("--13-01", "--13-01"),
    ],
)
def test_date_words(value: str, words: str) -> None:
    assert date_words(value) == words


@pytest.mark.parametrize(
    ("date", "words"),
    [
        (EventDate("2025-08-18", "2025-08-19", "2025", "stated"), "18–19 August 2025"),
        (EventDate("2025-08-18", "--08-19", "2025", "stated"), "18–19 August 2025"),
        (EventDate("2025-06-30", "2025-07-02", "2025", "stated"), "30 June – 2 July 2025"),
        (EventDate("--06-26"), "26 June (year not stated)"),
        (
            EventDate("--06-26", None, "2024", "publication date"),
            "26 June 2024 (year inferred from the publication date)",
        ),
        (EventDate("2025-05", None, "2025", "other report"), "May 2025 (year from another report)"),
        (EventDate(None), "undated"),
    ],
)
def test_event_date_words(date: EventDate, words: str) -> None:
    assert date.words() == words


def test_a_year_less_date_takes_the_earliest_publication_year() -> None:
    when = event_date("--06-26", published=["2024-07-01", None, "2023-12-30"])
    assert (when.year, when.year_source) == ("2023", "publication date")
    assert when.filter_value() == "2023-06-26"
    unknown = event_date("--06-26", published=[None])
    assert unknown.year is None and unknown.filter_value() is None
    assert "year not stated" in unknown.words()


def test_year_less_dates_sort_in_their_year_and_unknown_years_last() -> None:
    dates = [
        event_date("--06-26"),
        event_date("2024-12-01"),
        event_date("--03-01", published=["2025-03-02"]),
        event_date(None),
        event_date("2025-01"),
        event_date("2024-Q3"),
    ]
    ordered = [d.value for d in sorted(dates, key=lambda d: d.sort_key)]
    assert ordered == ["2024-Q3", "2024-12-01", "2025-01", "--03-01", "--06-26", None]


def test_quarters_filter_by_their_year() -> None:
    assert event_date("2025-Q3").filter_value() == "2025"
    assert event_date("2025-06-01", inferred=True).year_source == "other report"


@pytest.mark.parametrize(
    ("usd", "words"),
    [(629e6, "$629 M"), (12.5e9, "$12.5 bn"), (40_000, "$40,000"), (None, None)],
)
def test_money_words(usd: float | None, words: str | None) -> None:
    assert money_words(usd) == words


def test_count_words_name_the_thing_counted() -> None:
    assert count_words(17.0, plural("agreement"), "AGREEMENT") == "17 agreements"
    assert count_words(3.0, plural("company"), "INVESTMENT") == "3 companies"
    assert count_words(5.0, None, "INVESTMENT") == "5 projects"
    assert count_words(1.0, "agreements", "AGREEMENT") == "1 agreement"
    assert count_words(None, "agreements", "AGREEMENT") is None


def test_headline_from_the_facts() -> None:
    when = EventDate("--06-26")
    text = headline(
        "AGREEMENT", ["Freedonia", "Sylvania"], "Springfield", when, 629e6, "17 agreements"
    )
    assert (
        text == "Freedonia-Sylvania: 17 agreements, $629 M, Springfield, 26 Jun (year not stated)"
    )


def test_headline_without_count_says_what_happened() -> None:
    when = EventDate("2025-05-01", None, "2025", "stated")
    text = headline("TRADE", ["Freedonia"], None, when, None, None, ["wheat", "barley", "rice"])
    assert text == "Freedonia: trade, wheat, barley …, 1 May 2025"
    assert headline("MEETING", [], None, EventDate(None)) == "Unnamed parties: meeting"
