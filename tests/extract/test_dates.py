from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from silkgraph.extract.dates import DatesComponent, complete_years, find_dates, resolve

REF = dt.date(2025, 8, 18)


@pytest.mark.parametrize(
    ("text", "value", "end"),
    [
        ("held on August 18-19.", "2025-08-18", "2025-08-19"),
        ("on August 18 and 19,", "2025-08-18", "2025-08-19"),
        ("from June 26 to 30", "2025-06-26", "2025-06-30"),
        ("on June 25, they met", "2025-06-25", None),
        ("In 2024, trade grew", "2024", None),
        ("last year", "2024", None),
        ("yesterday", "2025-08-17", None),
        ("on Monday", "2025-08-18", None),
        ("on Friday", "2025-08-15", None),
        ("18 August 2025", "2025-08-18", None),
        ("in the first quarter of 2025", "2025-Q1", None),
        ("China’s 2023 two-way trade with Russia", "2023", None),  # a possessive's year
        ("the forum and its 2022 edition", "2022", None),
        ("From 5 to 7 February 2025", "2025-02-05", "2025-02-07"),
        # Spans of years and of months are one expression each.
        ("From 2007 to 2023, investments", "2007", "2023"),
        ("totaling $4 billion from 2007 through 2023", "2007", "2023"),
        ("an exchange programme for 2022-2025.", "2022", "2025"),
        ("in 2021–2025", "2021", "2025"),
        ("between 2007 and 2023", "2007", "2023"),
        ("from January to September 2025", "2025-01", "2025-09"),
        ("in January-November 2024, trade", "2024-01", "2024-11"),
        ("between January and June", "2025-01", "2025-06"),
        ("from November to February 2025", "2024-11", "2025-02"),
        # Numeric dates, day first; a weekday before a date is part of it.
        ("signed on 21.03.2024 in Astana", "2024-03-21", None),
        ("signed on 21/03/2024", "2024-03-21", None),
        ("signed on 03/21/2024", "2024-03-21", None),  # only month first is a date
        ("on Thursday, March 21, they met", "2025-03-21", None),
        ("on Thursday 21 March they met", "2025-03-21", None),
        # Halves and the first months of a year.
        ("reached $31.5 billion in H1 2023", "2023-H1", None),
        ("in 1H2023", "2023-H1", None),
        ("in the first eleven months of 2023", "2023-01", "2023-11"),
        ("in the first 10 months of this year", "2025-01", "2025-10"),
        ("in the first three months of last year", "2024-01", "2024-03"),
    ],
)
def test_examples(text: str, value: str, end: str | None) -> None:
    [expr] = find_dates(text, REF)
    assert (expr.value, expr.end_value) == (value, end)


def test_a_number_before_a_noun_is_not_a_year() -> None:
    assert find_dates("the 2000 tonnes and 2023 shares", REF) == []


def test_undated_never_invents_a_year() -> None:
    [expr] = find_dates("on August 18", None)
    assert expr.value == "--08-18"
    assert find_dates("last year", None) == []


def test_same_day_is_previous_date() -> None:
    first, same = find_dates("On June 25 they met. On the same day they signed.", REF)
    assert same.value == first.value == "2025-06-25"


def test_bare_month_resolves_to_recent_past() -> None:
    expr = resolve("early December", dt.date(2013, 3, 22))
    assert expr is not None and expr.value == "2012-12"


def test_a_deadline_month_looks_forward() -> None:
    """ "by June" written in March is the coming June; "in June" (news looks back) the last."""
    ref = dt.date(2023, 3, 21)
    [by] = find_dates("They will finish by June.", ref)
    assert by.value == "2023-06"
    [until] = find_dates("It runs until February.", ref)
    assert until.value == "2024-02"
    [past] = find_dates("They met in June.", ref)
    assert past.value == "2022-06"


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # "last July": the most recent July before the month of writing.
        (
            "Following our meeting in Ufa last July, they approved it.",
            dt.date(2016, 6, 27),
            "2015-07",
        ),
        ("The leaders met last March.", dt.date(2016, 6, 27), "2016-03"),
        ("The fair opened last June.", dt.date(2016, 6, 27), "2015-06"),
        # "next July": the coming one; "next June" written in June is a year on.
        ("The forum will be held next July.", dt.date(2016, 6, 27), "2016-07"),
        ("The forum will be held next June.", dt.date(2016, 6, 27), "2017-06"),
        ("The talks resume next February.", dt.date(2016, 6, 27), "2017-02"),
        ("The plant opens this September.", dt.date(2016, 6, 27), "2016-09"),
    ],
)
def test_last_next_this_month(text: str, published: dt.date, value: str) -> None:
    [expr] = find_dates(text, published)
    assert expr.value == value and expr.precision == "month"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Xi said that in September last year, they announced it.", "2022-09"),
        ("The plant was launched in January of this year.", "2023-01"),
        ("The forum will be held in May next year.", "2024-05"),
    ],
)
def test_a_month_of_a_year_named_relative_to_publication(text: str, value: str) -> None:
    [expr] = find_dates(text, dt.date(2023, 3, 1))
    assert (expr.value, expr.precision) == (value, "month")
    # With no publication date the month stands alone.
    [alone] = find_dates(text, None)
    assert alone.value == "--" + value[5:]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Since March 1 last year, the republic has sent its cargo by rail.", "2022-03-01"),
        ("On January 25 this year, the president visited the plant.", "2023-01-25"),
        ("On 5 March last year the two ministers met.", "2022-03-05"),
        ("The line opens on June 1 next year.", "2024-06-01"),
    ],
)
def test_a_day_of_a_year_named_relative_to_publication(text: str, value: str) -> None:
    [expr] = find_dates(text, dt.date(2023, 2, 4))
    assert (expr.value, expr.precision) == (value, "day")
    assert "year" in expr.text  # the whole phrase is read, not "last year" apart
    # With no publication date the day stands alone.
    [alone] = find_dates(text, None)
    assert alone.value == "--" + value[5:]


def test_a_day_of_that_year_is_of_the_year_named_before() -> None:
    found = find_dates("He came in 2016, and again on May 3 that year.", dt.date(2018, 10, 19))
    assert [x.value for x in found] == ["2016", "2016-05-03"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a month of "that year": the year the text named last, not the publication's
        (
            "He first came in 2016. He came again in September that year.",
            [("2016", "year"), ("2016-09", "month")],
        ),
        ("The plant opened in March 2019 and later that year it doubled output.",
         [("2019-03", "month"), ("2019", "year")]),
        ("The forum met in 2015; in the same year the bank opened.",
         [("2015", "year"), ("2015", "year")]),
        # no year named before: the month stands alone, and "that year" alone is nothing
        ("He came in September that year.", [("--09", "month")]),
        ("Output doubled that year.", []),
    ],
)  # fmt: skip
def test_that_year_is_the_year_named_before(text: str, values: list[tuple[str, str]]) -> None:
    found = find_dates(text, dt.date(2018, 10, 19))
    assert [(x.value, x.precision) for x in found] == values


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a quarter or half of a year named relative to publication: a period, not the year
        ("Trade grew 9% in the first half of this year.", [("2024-H1", "half")]),
        ("Exports fell in the third quarter of last year.", [("2023-Q3", "quarter")]),
        ("in the second half of the previous year", [("2023-H2", "half")]),
        # a day told from the day named before, else from publication
        (
            "They met on May 10. The following day they signed a deal.",
            [("2024-05-10", "day"), ("2024-05-11", "day")],
        ),
        ("The talks took place the day before.", [("2024-05-15", "day")]),
        (
            "They met on May 10. A day earlier the forum opened.",
            [("2024-05-10", "day"), ("2024-05-09", "day")],
        ),
        ("The deal was signed two days ago.", [("2024-05-14", "day")]),
        ("A plant opened a week ago.", [("2024-05-09", "day")]),
        # years, months and decades ago, as precise as the writer was
        ("Six years ago he also made a state visit.", [("2018", "year")]),
        ("The deal, signed a year ago, was renewed.", [("2023", "year")]),
        ("Three months ago the sides met.", [("2024-02", "month")]),
        ("A decade ago the plant was built.", [("2014", "year")]),
        # early, mid and late
        ("The plant opens in mid-March.", [("2024-03", "month")]),
        ("Trade grew in late 2023 and again in mid-2017.", [("2023", "year"), ("2017", "year")]),
    ],
)
def test_periods_and_days_told_relative(text: str, values: list[tuple[str, str]]) -> None:
    found = find_dates(text, dt.date(2024, 5, 16))
    assert [(x.value, x.precision) for x in found] == values
    # Without a publication date, what counts from it is not read.
    if "ago" in text or "this year" in text or "last year" in text:
        assert find_dates(text, None) == []


def test_a_month_of_that_year_keeps_no_year_from_a_month_only_publication() -> None:
    [expr] = find_dates("He came in September that year.", None)
    complete_years([expr], "2018-10")
    assert expr.value == "--09"


def test_this_may_is_the_verb() -> None:
    assert find_dates("This may help trade, and next may too.", dt.date(2016, 6, 27)) == []
    [may] = find_dates("They will meet next May.", dt.date(2016, 6, 27))
    assert may.value == "2017-05"


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        # Published on the Thursday of a visit from Tuesday to Friday: it ends after.
        ("a state visit from Tuesday to Friday", dt.date(2025, 2, 6), "2025-02-04", "2025-02-07"),
        # Over by the Saturday it was published.
        ("talks from Monday to Wednesday", dt.date(2025, 2, 8), "2025-02-03", "2025-02-05"),
        # A range over the weekend.
        ("the fair runs Friday through Monday", dt.date(2025, 2, 8), "2025-02-07", "2025-02-10"),
    ],
)
def test_a_range_of_weekdays(text: str, published: dt.date, start: str, end: str) -> None:
    [expr] = find_dates(text, published)
    assert (expr.value, expr.end_value) == (start, end)
    assert find_dates(text, None) == []  # no publication day, no days


def test_component(analyse) -> None:  # type: ignore[no-untyped-def]
    result = analyse("The forum is held in Kazan on August 18-19.", "2025-08-18", DatesComponent())
    assert result.dates[0].end_value == "2025-08-19"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # Written on a Wednesday about a visit still to come: the coming days.
        ("The president will visit China from Thursday to Friday.", "2023-01-05", "2023-01-06"),
        # Told as past: last week's.
        ("The president visited China from Thursday to Friday.", "2022-12-29", "2022-12-30"),
        # Under way: the days around the publication day.
        ("The president will be in China from Monday to Friday.", "2023-01-02", "2023-01-06"),
    ],
)
def test_a_range_of_weekdays_still_to_come(analyse, text: str, start: str, end: str) -> None:  # type: ignore[no-untyped-def]
    result = analyse(text, "2023-01-04", DatesComponent())
    assert [(d.value, d.end_value) for d in result.dates] == [(start, end)]


@pytest.mark.parametrize(
    ("published", "values"),
    [
        # A month of publication: dates without a year are of its year; a month more than
        # two after it is last year's.
        ("2016-10", ["2016-10-05", "2016-12", "2016-06"]),
        ("2016-03", ["2015-10-05", "2015-12", "2016-06"]),
        ("2016", ["2016-10-05", "2016-12", "2016-06"]),
        # A full day of publication resolves them itself.
        ("2016-10-06", ["2016-10-05", "2016-12", "2016-06"]),
    ],
)
def test_a_month_or_year_of_publication_gives_the_year(
    analyse, published: str, values: list[str]
) -> None:  # type: ignore[no-untyped-def]
    text = "On October 5, they signed. In December they met. In June this year he visited."
    result = analyse(text, published, DatesComponent())
    assert [d.value for d in result.dates] == values


def test_a_date_of_a_relative_year_keeps_no_year_from_a_month_of_publication(analyse) -> None:  # type: ignore[no-untyped-def]
    result = analyse("In September last year they met.", "2016-10", DatesComponent())
    assert [d.value for d in result.dates] == ["--09"]


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.dates()))
def test_never_raises(text: str, ref: dt.date | None) -> None:
    find_dates(text, ref)


def test_a_span_of_months_without_a_year_is_read_from_its_first_month() -> None:
    """ "from April to November" written in April: this April on, not last year's."""
    [expr] = find_dates("open from April to November", dt.date(2023, 4, 3))
    assert (expr.value, expr.end_value) == ("2023-04", "2023-11")


def test_years_that_are_not_a_span_stay_apart() -> None:
    assert [x.value for x in find_dates("in 2024, up from 2023", REF)] == ["2024", "2023"]
    assert find_dates("from 2023 to 2019", REF) == []


def test_an_impossible_numeric_date_is_none() -> None:
    assert find_dates("on 31.02.2024 and 13/13/2024", REF) == []
