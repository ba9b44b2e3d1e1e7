"""A Russian and an English report of one event: their entities resolve together."""

from __future__ import annotations

from pathlib import Path

from silkgraph.engine import Engine

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
