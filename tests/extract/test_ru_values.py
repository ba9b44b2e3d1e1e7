"""Russian dates and money amounts: example tables, and parsing never raises."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from silkgraph.extract.lang.ru.amounts import find_amounts
from silkgraph.extract.lang.ru.dates import find_dates
from silkgraph.extract.lang.ru.quantities import find_quantities
from silkgraph.extract.lang.ru.words import numbers

REF = dt.date(2025, 9, 3)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Встреча прошла 18 августа 2025 года в столице.",
            ("18 августа 2025 года", "2025-08-18", None, "day"),
        ),
        (
            "Выставка пройдет с 18 по 19 августа.",
            ("с 18 по 19 августа", "2025-08-18", "2025-08-19", "day"),
        ),
        (
            "Форум прошел 12–14 ноября 2024 г. в городе.",
            ("12–14 ноября 2024 г.", "2024-11-12", "2024-11-14", "day"),
        ),
        ("МОСКВА, 2 сен — агентство.", ("2 сен", "2025-09-02", None, "day")),
        ("Итоги подвели 30 декабря.", ("30 декабря", "2024-12-30", None, "day")),
        ("В марте 2023 года объем вырос.", ("В марте 2023 года", "2023-03", None, "month")),
        ("В 2024 году торговля выросла.", ("В 2024 году", "2024", None, "year")),
    ],
)
def test_dates(text: str, found: tuple[str, str, str | None, str]) -> None:
    dates = find_dates(text, REF)
    assert [(d.text, d.value, d.end_value, d.precision) for d in dates] == [found]


@pytest.mark.parametrize("text", ["31 февраля", "5 мало", "в 12 часов", "17 областей"])
def test_not_dates(text: str) -> None:
    assert find_dates(text, REF) == []


def test_impossible_day_leaves_only_the_year() -> None:
    assert [d.value for d in find_dates("31 февраля 2025 года", REF)] == ["2025"]


def test_date_without_year_or_reference_keeps_month_and_day() -> None:
    (d,) = find_dates("Делегация прибыла 18 августа.", None)
    assert (d.value, d.inferred) == ("--08-18", True)


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("объем составил 90 млрд юаней", "90 млрд юаней", ("CNY", 9e10)),
        ("инвестиции в $12,5 млрд", "$12,5 млрд", ("USD", 1.25e10)),
        ("на 1,5 трлн рублей", "1,5 трлн рублей", ("RUB", 1.5e12)),
        ("около 12,5 млрд долларов США", "12,5 млрд долларов США", ("USD", 1.25e10)),
        ("свыше 134 миллиардов тенге", "134 миллиардов тенге", ("KZT", 1.34e11)),
        ("сделка на 300 млн $", "300 млн $", ("USD", 3e8)),
        ("за 1 500 000 рублей", "1 500 000 рублей", ("RUB", 1.5e6)),
        ("на 5 млн белорусских рублей", "5 млн белорусских рублей", ("BYN", 5e6)),
        ("кредит в 200 млн евро.", "200 млн евро", ("EUR", 2e8)),
        ("302,4 млрд сумов", "302,4 млрд сумов", ("UZS", 3.024e11)),
    ],
)
def test_amounts(text: str, amount: str, currency: tuple[str, float]) -> None:
    (a,) = find_amounts(text, "2025-09-02")
    assert a.text == amount and text[a.start : a.end] == amount
    assert (a.currency, a.value) == currency
    assert a.usd is not None and a.usd > 0 and a.rate_source


def test_amounts_in_usd_use_the_article_date() -> None:
    (a,) = find_amounts("90 млрд юаней", "2025-09-02")
    assert 1.1e10 < (a.usd or 0) < 1.4e10  # a yuan is worth 0.12-0.15 dollars in 2025
    (same,) = find_amounts("90 млрд долларов", "2025-09-02")
    assert same.usd == 9e10


@pytest.mark.parametrize(
    "text",
    [
        "с 38 до 44 миллиардов кубических метров",
        "около 5 млн человек",
        "в 2024 году",
        "17 областей",
    ],
)
def test_numbers_without_currency_are_not_amounts(text: str) -> None:
    assert find_amounts(text, None) == []


def test_approximate_amount_is_flagged() -> None:
    (a,) = find_amounts("более 300 млн $", None)
    assert a.approx


@given(st.text(max_size=200))
def test_parsers_never_raise(text: str) -> None:
    find_dates(text, REF)
    find_amounts(text, None)


def test_word_lists_cover_months_and_scales() -> None:
    words = numbers()
    assert [words.month(m) for m in ("января", "мая", "май", "сентября", "сент.", "декабре")] == [
        1,
        5,
        5,
        9,
        9,
        12,
    ]
    assert words.month("мало") is None and words.month("марка") is None
    assert words.scale("миллиардов") == 1e9 and words.scale("трлн") == 1e12
    assert words.currency("юаней") == "CNY" and words.currency("сумма") is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("стороны подписали 12 соглашений", [("12 соглашений", 12.0, "agreement")]),
        (
            "подписано 9 межправительственных и межведомственных документов.",
            [("9 межправительственных и межведомственных документов", 9.0, "document")],
        ),
        ("заключены три контракта", [("три контракта", 3.0, "contract")]),
        ("вырос на 4,5%", [("4,5%", 4.5, "%")]),
        ("снизился на 12 процентов", [("12 процентов", 12.0, "%")]),
        ("поставки 1,2 млн тонн угля", [("1,2 млн тонн", 1.2e6, "t")]),
        ("собрал 40 тыс. человек", [("40 тыс. человек", 4e4, "person")]),
        (
            "из 8 областей и 11 регионов",
            [("8 областей", 8.0, "region"), ("11 регионов", 11.0, "region")],
        ),
        ("модернизация 10 подстанций", [("10 подстанций", 10.0, "substation")]),
        ("построят два энергоблока", [("два энергоблока", 2.0, "power unit")]),
        ("закупят 50 грузовиков", [("50 грузовиков", 50.0, "truck")]),
    ],
)
def test_quantities(text: str, found: list[tuple[str, float, str]]) -> None:
    got = find_quantities(text, [])
    assert [(q.text, q.value, q.unit) for q in got] == found
    assert all(text[q.start : q.end] == q.text for q in got)


@pytest.mark.parametrize(
    "text", ["в 2024 году", "5 новых участков земли", "12 августа", "около 300 км дороги"]
)
def test_not_quantities(text: str) -> None:
    taken = [(d.start, d.end) for d in find_dates(text, REF)]
    assert find_quantities(text, taken) == []


def test_a_year_told_relative_to_the_publication() -> None:
    import datetime as dt

    from silkgraph.extract.lang.ru.dates import find_dates

    ref = dt.date(2025, 6, 17)

    def years(text: str) -> list[tuple[str, str]]:
        return [(d.value, d.precision) for d in find_dates(text, ref)]

    assert years("По итогам прошлого года товарооборот вырос") == [("2024", "year")]
    assert years("в позапрошлом году") == [("2023", "year")]
    assert years("до конца текущего года") == [("2025", "year")]
    assert years("в следующем году") == [("2026", "year")]
    # An ordinal or another adjective is no year; without a publication date nothing is read.
    assert years("первого года работы") == []
    assert find_dates("в прошлом году", None) == []
