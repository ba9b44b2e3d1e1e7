"""The Chinese pipeline over invented articles in the style of the sources (real jieba)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from silkgraph.engine import Engine
from silkgraph.extract.lang import make_language_pipeline
from silkgraph.extract.lang.zh.script import simplified
from silkgraph.extract.pipeline import Pipeline
from silkgraph.model import Document, Extraction

TEXT = (
    "新华社北京3月5日电 吉尔吉斯斯坦总统扎帕罗夫（Sadyr Japarov）3月5日在北京同国家主席会谈。"
    "会谈后，双方签署了7项合作协议，总金额25亿美元。\n"
    "中国石油天然气集团公司将投资建设一座炼油厂。"
    "中国外交部发言人王晓明表示，今年中吉贸易额达到200亿美元。\n"
    "第五届中国-中亚合作论坛将于8月18日至19日在乌鲁木齐举行。论坛期间将举办展览。"
)


@pytest.fixture(scope="module")
def zh() -> Pipeline:
    pipeline: Pipeline = make_language_pipeline("zh")
    return pipeline


@pytest.fixture(scope="module")
def ext(zh: Pipeline) -> Extraction:
    return zh(Document("zh-1", TEXT, published="2025-03-05", language="zh"))


def _entities(ext: Extraction) -> dict[str, tuple[str, list[str], list[str], dict[str, object]]]:
    return {
        e.name: (e.type, [m.text for m in e.mentions], e.aliases, e.attrs) for e in ext.entities
    }


def test_entities_with_places_coded_and_latin_aliases(ext: Extraction) -> None:
    ents = _entities(ext)
    assert ext.errors == []
    assert ents["吉尔吉斯斯坦"][3]["code"] == "KG"
    assert "吉" in ents["吉尔吉斯斯坦"][1]  # "中吉贸易额": the abbreviation is a mention
    assert ents["China"][3]["code"] == "CN"
    assert ents["北京"][0] == "GPE" and ents["北京"][3]["place_kind"] == "city"
    assert ents["乌鲁木齐"][2] == ["Ürümqi"]
    assert ents["扎帕罗夫"][0] == "PERSON" and "Sadyr Japarov" in ents["扎帕罗夫"][2]
    assert ents["王晓明"][0] == "PERSON" and "Wang Xiaoming" in ents["王晓明"][2]
    assert ents["中国石油天然气集团公司"][0] == "ORG"
    assert ents["中国外交部"][0] == "ORG"
    forum = ents["第五届中国-中亚合作论坛"]
    assert forum[0] == "EVENT" and "论坛" in forum[1]  # the bare head refers back to it
    for ent in ext.entities:
        for m in ent.mentions:
            assert TEXT[m.start : m.end] == m.text


def test_values_and_roles(ext: Extraction) -> None:
    names = {e.key: e.name for e in ext.entities}
    assert [(a.currency, a.value) for a in ext.amounts] == [("USD", 2.5e9), ("USD", 2e10)]
    assert [(q.value, q.unit) for q in ext.quantities] == [(7.0, "agreement")]
    # "将于8月18日": a coming date, so this year although August is after March.
    assert ("2025-08-18", "2025-08-19") in [(d.value, d.end_value) for d in ext.dates]
    roles = {(names[r.person], r.title) for r in ext.roles}
    assert roles == {("扎帕罗夫", "总统"), ("王晓明", "发言人")}
    assert {names.get(r.org or "") for r in ext.roles} == {"吉尔吉斯斯坦", "中国外交部"}


def test_events_and_their_arguments(ext: Extraction) -> None:
    names = {e.key: e.name for e in ext.entities}
    by_type = {ev.type: ev for ev in ext.events}
    assert set(by_type) == {"MEETING", "AGREEMENT", "INVESTMENT", "TRADE", "FORUM"}
    meeting = by_type["MEETING"]
    assert {"扎帕罗夫", "吉尔吉斯斯坦"} <= {names[p] for p in meeting.participants}
    assert meeting.date == "2025-03-05" and names[meeting.location or ""] == "北京"
    assert [ev.type for ev in ext.events].count("MEETING") == 1  # "会谈后" refers back
    agreement = by_type["AGREEMENT"]
    assert (agreement.count, agreement.amount_usd, agreement.modality) == (7, 2.5e9, "realized")
    investment = by_type["INVESTMENT"]
    assert investment.modality == "planned"
    own = [p for p in investment.participants if p not in investment.context_participants]
    assert [names[p] for p in own] == ["中国石油天然气集团公司"]
    trade = by_type["TRADE"]
    assert trade.amount_usd == 2e10 and trade.date == "2025"
    # The spokesperson's ministry speaks; the two countries trade.
    assert {names[p] for p in trade.participants} == {"吉尔吉斯斯坦", "China"}
    forum = by_type["FORUM"]
    assert (forum.date, forum.end_date, forum.modality) == ("2025-08-18", "2025-08-19", "planned")
    assert names[forum.location or ""] == "乌鲁木齐"
    assert [ev.type for ev in ext.events].count("FORUM") == 1


TRADITIONAL = (
    "俄羅斯天然氣公司與中國石油公司今天簽署供氣協議。"
    "同時，俄羅斯對中國的供氣量將增至每年440億立方公尺。"
)


def test_traditional_script_reads_as_simplified(zh: Pipeline) -> None:
    ext = zh(Document("zh-2", TRADITIONAL, published="2025-09-02", language="zh"))
    names = {e.key: e.name for e in ext.entities}
    orgs = {e.name: e for e in ext.entities if e.type == "ORG"}
    assert set(orgs) == {"俄羅斯天然氣公司", "中國石油公司"}
    assert "俄罗斯天然气公司" in orgs["俄羅斯天然氣公司"].aliases
    assert [(q.value, q.unit) for q in ext.quantities] == [(4.4e10, "m3")]
    by_type = {ev.type: ev for ev in ext.events}
    agreement = by_type["AGREEMENT"]
    assert agreement.date == "2025-09-02" and agreement.modality == "realized"
    assert {"俄羅斯天然氣公司", "中國石油公司"} <= {names[p] for p in agreement.participants}
    assert by_type["TRADE"].modality == "planned"
    assert len(simplified(TRADITIONAL)) == len(TRADITIONAL)


def test_commodities_come_with_their_hs_codes(zh: Pipeline) -> None:
    ext = zh(
        Document(
            "zh-c",
            "中俄贸易中，中国自俄罗斯进口原油和液化天然气，向俄罗斯出口汽车。",
            published="2025-03-05",
            language="zh",
        )
    )
    got = {(c.name, c.hs) for c in ext.commodities}
    assert got == {("crude oil", "2709"), ("natural gas", "2711"), ("cars", "8703")}
    trade = [e for e in ext.events if e.type == "TRADE"]
    assert trade and {"crude oil", "natural gas", "cars"} <= {
        c for e in trade for c in e.commodities
    }


def test_words_inside_names_trigger_nothing(zh: Pipeline) -> None:
    ext = zh(Document("zh-3", "上海合作组织秘书处发布年度报告。", language="zh"))
    assert [e.type for e in ext.entities if e.name == "上海合作组织"] == ["ORG"]
    assert ext.events == []


def test_engine_detects_chinese_and_extracts_its_events(tmp_path: Path) -> None:
    path = tmp_path / "zh.txt"
    path.write_text(TEXT, encoding="utf-8")
    with Engine(str(tmp_path / "zh.db")) as engine:
        report = engine.ingest([path])
        assert (report.added, report.extracted, report.not_extracted) == (1, 1, {})
        doc = engine.store.get_document("zh")
        assert doc is not None and doc.language == "zh"
        stored = engine.store.get_extraction("zh")
        assert stored is not None and stored.errors == []
        assert {"MEETING", "AGREEMENT", "FORUM"} <= {ev.type for ev in stored.events}
        assert ("扎帕罗夫", "PERSON") in {(e.name, e.type) for e in stored.entities}


_ALPHABET = st.sampled_from(
    list(
        "中国俄罗斯哈萨克斯坦公司部论坛签署协议合作贸易投资将已于年月日亿万元美元吨%，。、“”「」（）"
    )
    + list("0123456789 \n-—")
) | st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=_ALPHABET, max_size=120))
def test_every_component_reads_any_text(zh: Pipeline, text: str) -> None:
    ext = zh(Document("zh-fuzz", text, published="2025-03-05", language="zh"))
    assert ext.errors == []
    for ent in ext.entities:
        for m in ent.mentions:
            assert text[m.start : m.end] == m.text
    for ev in ext.events:
        assert 0 <= ev.start <= ev.end <= len(text)


SUMMIT = (
    "新华社阿斯塔纳6月17日电（记者李明）国家主席习近平16日在阿斯塔纳同哈萨克斯坦总统托卡耶夫"
    "举行会谈。托卡耶夫表示，哈方愿同中方深化能源合作。双方商定力争到2030年将双边贸易额提升至"
    "800亿美元。\n"
    "第十六届俄中博览会14日在喀山开幕。俄罗斯总统普京出席。\n"
    "俄方与中方2日签署了备忘录。根据备忘录，双方计划建设一座工厂。"
)


@pytest.fixture(scope="module")
def summit(zh: Pipeline) -> Extraction:
    return zh(Document("zh-4", SUMMIT, published="2025-06-17", language="zh"))


def test_names_jieba_tags_otherwise(summit: Extraction) -> None:
    ents = _entities(summit)
    # A Chinese name takes its pinyin; a name after a post is a person whatever its tag.
    assert ents["习近平"][0] == "PERSON" and "Xi Jinping" in ents["习近平"][2]
    assert ents["普京"][0] == "PERSON"
    # "中方", "哈方": the sides are their countries.
    assert "中方" in ents["China"][1] and ents["China"][3]["code"] == "CN"
    assert "哈方" in ents["哈萨克斯坦"][1]
    # "国家主席": China's own state, as its media write it without the country.
    assert "国家" in ents["China"][1]
    names = {e.key: e.name for e in summit.entities}
    assert ("习近平", "主席", "China") in {
        (names[r.person], r.title, names.get(r.org or "")) for r in summit.roles
    }


def test_summit_events(summit: Extraction) -> None:
    names = {e.key: e.name for e in summit.entities}
    by_type: dict[str, list[object]] = {}
    for ev in summit.events:
        by_type.setdefault(ev.type, []).append(ev)
    (meeting,) = [ev for ev in summit.events if ev.type == "MEETING"]
    # "16日": a day of the publication's month; the reporter of the byline is no party.
    assert meeting.date == "2025-06-16"
    assert {names.get(p) for p in meeting.participants} >= {"习近平", "托卡耶夫"}
    assert "李明" not in {names.get(p) for p in meeting.participants}
    # A goal of trade is one TARGET event, not a TRADE one as well.
    (target,) = [ev for ev in summit.events if ev.type == "TARGET"]
    assert (target.date, target.amount_usd, target.modality) == ("2030", 8e10, "target")
    assert "TRADE" not in by_type
    # The countries in the forum's name take part.
    (forum,) = [ev for ev in summit.events if ev.type == "FORUM"]
    codes = {e.key: e.attrs.get("code") for e in summit.entities}
    assert {codes.get(p, p) for p in forum.participants} == {"RU", "CN"}
    assert forum.date == "2025-06-14"
    # "根据备忘录" refers back to the memorandum signed: one agreement, realized.
    (agreement,) = [ev for ev in summit.events if ev.type == "AGREEMENT"]
    assert (agreement.date, agreement.modality) == ("2025-06-02", "realized")
    (investment,) = [ev for ev in summit.events if ev.type == "INVESTMENT"]
    assert investment.modality == "planned"


def test_a_country_only_in_a_forum_name_takes_part_by_its_english_name(zh: Pipeline) -> None:
    ext = zh(Document("zh-5", "第十六届俄中博览会14日在喀山开幕。", published="2025-06-17"))
    (forum,) = ext.events
    assert set(forum.participants) == {"Russia", "China"}


def test_posts_of_one_person_listed_before_the_name(zh: Pipeline) -> None:
    text = "甘肃省委副书记，兰州市委书记、市长王建国表示，两地将扩大合作。"
    ext = zh(Document("zh-6", text, published="2025-06-17", language="zh"))
    names = {e.key: e.name for e in ext.entities}
    roles = {(names[r.person], r.title, names.get(r.org or "")) for r in ext.roles}
    assert roles == {("王建国", "市委书记、市长", "兰州"), ("王建国", "副书记", "甘肃省委")}


def test_dotted_foreign_names_regions_and_credited_agencies(zh: Pipeline) -> None:
    text = (
        "（哈萨克国际通讯社讯）据州政府消息，州长阿斯兰·别克穆拉托夫同省委书记王建国举行会谈。"
        "双方将在阿特劳州建设一座工厂。"
    )
    ext = zh(Document("zh-7", text, published="2025-08-30", language="zh"))
    ents = _entities(ext)
    names = {e.key: e.name for e in ext.entities}
    # The parts of a foreign name joined by "·" are one name; "阿特劳州" names a region.
    assert ents["阿斯兰·别克穆拉托夫"][0] == "PERSON"
    assert not [n for n, (t, *_) in ents.items() if t == "PERSON" and n.startswith("阿特")]
    # The agency credited for the report is not at the table.
    (meeting,) = [ev for ev in ext.events if ev.type == "MEETING"]
    assert "哈萨克国际通讯社" in ents
    assert "哈萨克国际通讯社" not in {names.get(p) for p in meeting.participants}
    assert {"阿斯兰·别克穆拉托夫", "王建国"} <= {names.get(p) for p in meeting.participants}


def test_a_link_to_another_story_makes_no_event() -> None:
    from silkgraph.extract.lang import make_language_pipeline

    zh = make_language_pipeline("zh")
    text = "中国和哈萨克斯坦签署了粮食出口协议。\n延伸阅读：第八届中俄博览会将在哈尔滨举行\n"
    ext = zh(Document("zh-9", text, published="2025-03-05", language="zh"))
    assert "FORUM" not in {e.type for e in ext.events}
    plain = zh(
        Document("zh-9", text.replace("延伸阅读：", ""), published="2025-03-05", language="zh")
    )
    assert "FORUM" in {e.type for e in plain.events}


@pytest.mark.parametrize(
    ("text", "etype", "edition"),
    [
        ("第八届中俄博览会5月17日在哈尔滨开幕。", "FORUM", 8),
        ("中蒙俄三国元首举行第三次会晤。", "MEETING", 3),
        ("中俄博览会在哈尔滨开幕。", "FORUM", None),
    ],
)
def test_a_gathering_knows_its_edition(text: str, etype: str, edition: int | None) -> None:
    from silkgraph.extract.lang import make_language_pipeline

    zh = make_language_pipeline("zh")
    ext = zh(Document("zh-10", text, published="2024-05-17", language="zh"))
    [ev] = [e for e in ext.events if e.type == etype]
    assert ev.edition == edition
