"""Chinese dates, money amounts and quantities: example tables, and parsing never raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from silkgraph.errors import ConfigError
from silkgraph.extract.lang.zh import words as zh_words
from silkgraph.extract.lang.zh.amounts import find_amounts
from silkgraph.extract.lang.zh.dates import find_dates
from silkgraph.extract.lang.zh.quantities import find_quantities
from silkgraph.extract.lang.zh.script import simplified
from silkgraph.extract.lang.zh.words import parse_number

PUBLISHED = "2025-09-03"


def _dates(text: str, published: str | None = PUBLISHED) -> list[tuple[str, str, str | None, str]]:
    return [
        (d.text, d.value, d.end_value, d.precision)
        for d in find_dates(text, simplified(text), published)
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("会议于2024年6月26日在城市举行。", ("2024年6月26日", "2024-06-26", None, "day")),
        ("论坛8月18日开幕。", ("8月18日", "2025-08-18", None, "day")),
        ("展会于8月18日至19日举行。", ("8月18日至19日", "2025-08-18", "2025-08-19", "day")),
        # A coming date ("将于") earlier in the year than the publication: next year's.
        ("展会将于3月18日举行。", ("3月18日", "2026-03-18", None, "day")),
        ("双方于12月30日签约。", ("12月30日", "2024-12-30", None, "day")),
        ("2023年6月，贸易增长。", ("2023年6月", "2023-06", None, "month")),
        ("今年1月至5月的进出口增长。", ("今年1月至5月", "2025-01", "2025-05", "month")),
        ("去年12月双方会谈。", ("去年12月", "2024-12", None, "month")),
        ("2015年在北京签署。", ("2015年", "2015", None, "year")),
        ("二〇二四年六月二十六日", ("二〇二四年六月二十六日", "2024-06-26", None, "day")),
        ("兩國今天簽署協議。", ("今天", "2025-09-03", None, "day")),
        ("双方昨日举行会谈。", ("昨日", "2025-09-02", None, "day")),
        ("本月贸易额增长。", ("本月", "2025-09", None, "month")),
        ("两国元首2日在北京会谈。", ("2日", "2025-09-02", None, "day")),
        ("代表团28日抵达。", ("28日", "2025-08-28", None, "day")),
        ("今年贸易额增长。", ("今年", "2025", None, "year")),
    ],
)
def test_dates(text: str, found: tuple[str, str, str | None, str]) -> None:
    assert _dates(text) == [found]


@pytest.mark.parametrize(
    "text",
    ["第三届论坛", "20世纪90年代", "13月5日", "2月30日", "三国领导人", "100日元", "5日内完成"],
)
def test_not_dates(text: str) -> None:
    assert _dates(text) == []


def test_relative_day_needs_a_day_of_publication() -> None:
    # A publication known to the month: "今天" cannot be resolved, "今年" can.
    assert _dates("今天签署", "2024-06") == []
    assert _dates("今年增长", "2024-06") == [("今年", "2024", None, "year")]


def test_day_without_year_or_publication_keeps_month_and_day() -> None:
    (d,) = find_dates("6月26日举行", "6月26日举行", None)
    assert (d.value, d.inferred) == ("--06-26", True)


@pytest.mark.parametrize(
    ("text", "amount", "currency", "approx"),
    [
        ("进出口总额1439.4亿元，同比增长", "1439.4亿元", ("CNY", 1.4394e11), False),
        ("投资额达900亿元人民币。", "900亿元人民币", ("CNY", 9e10), False),
        ("项目投资50亿美元。", "50亿美元", ("USD", 5e9), False),
        ("合同金额两千万卢布。", "两千万卢布", ("RUB", 2e7), False),
        ("总投资三亿五千万元。", "三亿五千万元", ("CNY", 3.5e8), False),
        ("约$12.5亿的项目", "$12.5亿", ("USD", 1.25e9), True),
        ("吸引投资80多亿美元", "80多亿美元", ("USD", 8e9), True),
        ("貿易額達10億美元", "10億美元", ("USD", 1e9), False),
        ("贷款1,200万欧元", "1,200万欧元", ("EUR", 1.2e7), False),
        ("价值500亿坚戈", "500亿坚戈", ("KZT", 5e10), False),
    ],
)
def test_amounts(text: str, amount: str, currency: tuple[str, float], approx: bool) -> None:
    (found,) = find_amounts(text, simplified(text), PUBLISHED)
    assert (found.text, (found.currency, found.value), found.approx) == (amount, currency, approx)
    assert text[found.start : found.end] == found.text
    assert found.usd is not None and found.rate_date is not None


@pytest.mark.parametrize("text", ["增长70.8%", "380亿立方米", "2024年", "亿美元", "第三届"])
def test_not_amounts(text: str) -> None:
    assert find_amounts(text, simplified(text), PUBLISHED) == []


def test_yuan_is_converted_at_the_rate_of_the_publication() -> None:
    (june,) = find_amounts("1439.4亿元", "1439.4亿元", "2024-06")
    assert june.usd is not None and 1.95e10 <= june.usd <= 2.06e10


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("同比增长70.8%，", ("70.8%", 70.8, "%")),
        ("增长百分之五", ("百分之五", 5.0, "%")),
        ("從每年380億立方公尺增至", ("380億立方公尺", 3.8e10, "m3")),
        ("供应380亿立方米天然气", ("380亿立方米", 3.8e10, "m3")),
        ("出口100万吨小麦", ("100万吨", 1e6, "t")),
        ("签署了17项合作协议", ("17项合作协议", 17.0, "agreement")),
        ("十二份合作文件", ("十二份合作文件", 12.0, "document")),
        ("50多家企业参展", ("50多家企业", 50.0, "company")),
        ("每天100万桶石油", ("100万桶", 1e6, "barrel")),
    ],
)
def test_quantities(text: str, found: tuple[str, float, str]) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text, simplified(text), [])] == [
        found
    ]


@pytest.mark.parametrize(
    "text", ["三国领导人", "双方同意", "两国关系", "第三届论坛", "数十项合作文件"]
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text, simplified(text), []) == []


def test_quantities_leave_amounts_and_dates_alone() -> None:
    text = "2024年投资50亿美元"
    taken = [(a.start, a.end) for a in find_amounts(text, text, PUBLISHED)]
    taken += [(d.start, d.end) for d in find_dates(text, text, PUBLISHED)]
    assert find_quantities(text, text, taken) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三亿五千万", 3.5e8),
        ("两千五百万", 2.5e7),
        ("二〇二四", 2024),
        ("一百零五", 105),
        ("1,439.4", 1439.4),
    ],
)
def test_numbers(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_traditional_script_keeps_offsets() -> None:
    text = "俄羅斯天然氣公司與中國簽署備忘錄"
    assert simplified(text) == "俄罗斯天然气公司与中国签署备忘录"
    assert len(simplified(text)) == len(text)


@given(st.text(alphabet="0123456789.,亿万千百十元美卢布年月日至今%吨项协议两三一 ", max_size=40))
def test_parsers_never_raise(text: str) -> None:
    simple = simplified(text)
    amounts = find_amounts(text, simple, PUBLISHED)
    dates = find_dates(text, simple, PUBLISHED)
    quantities = find_quantities(text, simple, [])
    for item in [*amounts, *dates, *quantities]:
        assert text[item.start : item.end] == item.text


def test_a_broken_word_file_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "zh"
    folder.mkdir()
    data = json.loads((zh_words.ZH_DIR / "numbers.json").read_text(encoding="utf-8"))
    data["units"]["吨"] = ["t"]
    (folder / "numbers.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "places.json").write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(zh_words, "ZH_DIR", folder)
    zh_words.numbers.cache_clear()
    zh_words.place_words.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"numbers.json: 'units' entry '吨'") as err:
            zh_words.numbers()
        assert "\n" not in str(err.value)
        with pytest.raises(ConfigError, match=r"places.json: cannot read"):
            zh_words.place_words()
    finally:
        zh_words.numbers.cache_clear()
        zh_words.place_words.cache_clear()
