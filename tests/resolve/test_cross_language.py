"""A Russian and an English report of one event: their entities resolve together."""

from __future__ import annotations

from pathlib import Path

from silkgraph.engine import Engine
from silkgraph.knowledge.gazetteer import get_gazetteer

ENGLISH = (
    "BEIJING, March 5 (Xinhua) -- Chinese President Xi Jinping held talks with Kyrgyz "
    "President Sadyr Japarov in Beijing on Wednesday. The two sides signed seven "
    "cooperation agreements worth $2.5 billion, and Gazprom said it would supply more gas.\n"
)
RUSSIAN = (
    "ПЕКИН, 5 марта — Новости. Председатель КНР Си Цзиньпин провел переговоры с президентом "
    "Киргизии Садыром Жапаровым в Пекине. Стороны подписали семь соглашений о сотрудничестве "
    "на сумму 2,5 млрд долларов, а «Газпром» сообщил об увеличении поставок газа.\n"
)


def test_russian_and_english_mentions_share_entity_ids(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    with Engine(str(tmp_path / "x.db")) as engine:
        report = engine.ingest([tmp_path / "en.txt", tmp_path / "ru.txt"])
        assert (report.extracted, report.not_extracted) == (2, {})
        records = {r["id"]: r for r in engine.records()}

    def ids(doc: str) -> dict[str, str]:
        out = {}
        for ent in records[doc]["entities"]:
            for m in ent["mentions"]:
                out[m["text"]] = ent["id"]
        return out

    en, ru = ids("en"), ids("ru")
    assert en["Xi Jinping"] == ru["Си Цзиньпин"]
    assert en["Sadyr Japarov"] == ru["Садыром Жапаровым"]
    assert en["Beijing"] == ru["Пекине"]
    assert en["Gazprom"] == ru["Газпром"]
    # Different people stay apart across the languages.
    assert en["Xi Jinping"] != ru["Садыром Жапаровым"]
    assert len({en["Xi Jinping"], en["Sadyr Japarov"], en["Beijing"], en["Gazprom"]}) == 4


CHINESE = (
    "新华社北京3月5日电 国家主席习近平5日在北京同吉尔吉斯斯坦总统扎帕罗夫（Sadyr Japarov）"
    "举行会谈。会谈后，双方签署了7项合作协议，总金额25亿美元。俄罗斯天然气工业股份公司"
    "（Gazprom）表示将增加供气。\n"
)


def test_a_chinese_and_an_english_report_of_one_meeting_are_one_event(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "zh.txt").write_text(CHINESE, encoding="utf-8")
    with Engine(str(tmp_path / "x.db")) as engine:
        report = engine.ingest([tmp_path / "en.txt", tmp_path / "zh.txt"])
        assert (report.extracted, report.not_extracted) == (2, {})
        engine.resolve()
        records = {r["id"]: r for r in engine.records()}
    ids = {
        m["text"]: ent["id"]
        for doc in ("en", "zh")
        for ent in records[doc]["entities"]
        for m in ent["mentions"]
    }
    # Places by the gazetteer's code, a Chinese name by its pinyin, a foreign one by the
    # Latin name written after it.
    assert ids["Beijing"] == ids["北京"]
    assert ids["Xi Jinping"] == ids["习近平"]
    assert ids["Sadyr Japarov"] == ids["扎帕罗夫"]
    assert ids["Gazprom"] == ids["俄罗斯天然气工业股份公司"]
    assert ids["Xi Jinping"] != ids["扎帕罗夫"]

    def event(doc: str, etype: str) -> str:
        (found,) = [ev["id"] for ev in records[doc]["events"] if ev["type"] == etype]
        return str(found)

    assert event("en", "MEETING") == event("zh", "MEETING")
    assert event("en", "AGREEMENT") == event("zh", "AGREEMENT")
    assert event("en", "MEETING") != event("en", "AGREEMENT")


TRADE_EN = (
    "ASTANA, March 3 -- Trade between Kazakhstan and China grew 5% in 2023 to $41 billion, "
    "according to the General Administration of Customs.\n"
)
TRADE_RU = (
    "АСТАНА, 3 марта — Товарооборот Казахстана и Китая по итогам 2023 года вырос на 5% и "
    "составил 41 миллиард долларов, сообщило Главное таможенное управление КНР.\n"
)


def test_a_russian_and_an_english_trade_figure_are_one_event(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(TRADE_EN, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(TRADE_RU, encoding="utf-8")
    with Engine(str(tmp_path / "x.db")) as engine:
        report = engine.ingest([tmp_path / "en.txt", tmp_path / "ru.txt"])
        assert (report.extracted, report.not_extracted) == (2, {})
        engine.resolve()
        records = {r["id"]: r for r in engine.records()}
    ids = {
        m["text"]: ent["id"]
        for doc in ("en", "ru")
        for ent in records[doc]["entities"]
        for m in ent["mentions"]
    }
    # A Russian name translated word by word into English is one organisation.
    assert ids["General Administration of Customs"] == ids["Главное таможенное управление"]
    assert ids["General Administration of Customs"] != ids["Kazakhstan"]
    # The Latin-script name names the merged entity.
    assert ids["Главное таможенное управление"] == "e:general_administration_of_customs"
    (ru_trade,) = [ev for ev in records["ru"]["events"] if ev["type"] == "TRADE"]
    (en_trade,) = [ev for ev in records["en"]["events"] if ev["type"] == "TRADE"]
    assert ru_trade["id"] == en_trade["id"]


FORUM_EN = (
    "BISHKEK, October 7 -- The second Gorizont Forum opened in Bishkek on Tuesday, bringing "
    "together officials and businesses of Russia and Kyrgyzstan.\n"
)
FORUM_RU = (
    "БИШКЕК, 7 октября — Во вторник в Бишкеке открылся II российско-киргизский форум "
    "«Горизонт» и выставка «Алатоо Экспо».\n"
)


def test_a_russian_and_an_english_report_of_one_forum_are_one_event(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text(FORUM_EN, encoding="utf-8")
    (tmp_path / "ru.txt").write_text(FORUM_RU, encoding="utf-8")
    with Engine(str(tmp_path / "x.db")) as engine:
        report = engine.ingest([tmp_path / "en.txt", tmp_path / "ru.txt"])
        assert (report.extracted, report.not_extracted) == (2, {})
        engine.resolve()
        records = {r["id"]: r for r in engine.records()}
    en = [ev for ev in records["en"]["events"] if ev["type"] == "FORUM"]
    ru = [ev for ev in records["ru"]["events"] if ev["type"] == "FORUM"]
    # The Russian sentence names two gatherings: a forum and an expo, one event each.
    assert len(en) == 1 and len(ru) == 2
    assert en[0]["id"] in {ev["id"] for ev in ru}
    assert ru[0]["id"] != ru[1]["id"]
    # The compound adjective gives the forum its two countries (named in words: no entity
    # of the Russian article is either country).
    forum = next(ev for ev in ru if ev["id"] == en[0]["id"])
    gaz = get_gazetteer()

    def code(ref: str) -> str:
        place = gaz.lookup(ref)
        return ref if ref.startswith("e:") or place is None else f"e:{place.code.lower()}"

    codes = {code(p) for p in forum["participants"]}
    assert {"e:ru", "e:kg"} <= codes
