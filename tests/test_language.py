"""Language detection at ingest: py3langid's shipped model, script counts for short texts."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from silkgraph import language
from silkgraph.language import by_script, detect_language

# Invented news paragraphs in the style of the sources.
PARAGRAPHS = [
    (
        "The two countries signed an agreement on a new railway line on Tuesday, and the "
        "ministry said freight volumes would double within three years.",
        "en",
    ),
    (
        "Стороны подписали соглашение о строительстве новой железной дороги, а министерство "
        "сообщило, что объем грузоперевозок удвоится в течение трех лет.",
        "ru",
    ),
    (
        "双方周二签署了关于修建新铁路线的协议，该部表示货运量将在三年内翻一番。",
        "zh",
    ),
    (
        "雙方週二簽署了關於修建新鐵路線的協議，該部表示貨運量將在三年內翻一番。",
        "zh",
    ),
    (
        "Екі ел сейсенбі күні жаңа темір жол желісін салу туралы келісімге қол қойды, ал "
        "министрлік жүк тасымалы үш жыл ішінде екі есе артатынын мәлімдеді.",
        "kk",
    ),
    (
        "Die beiden Länder unterzeichneten am Dienstag ein Abkommen über eine neue "
        "Eisenbahnlinie, und das Ministerium erklärte, das Frachtvolumen werde sich verdoppeln.",
        "de",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPHS)
def test_news_paragraphs(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Astana, June 3.", "en"),
        ("Москва, 3 июня.", "ru"),
        ("北京6月3日电", "zh"),
        ("12345 !!!", "en"),
    ],
)
def test_short_texts_fall_back_to_script_counts(text: str, expected: str) -> None:
    assert detect_language(text) == expected == by_script(text)


def test_every_english_article_of_the_fixtures_stays_english() -> None:
    root = Path(__file__).resolve().parent.parent
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "examples").glob("*.txt"))]
    rows = (root / "tests" / "fixtures" / "eval" / "dev_articles.jsonl").read_text("utf-8")
    texts += [json.loads(line)["text"] for line in rows.splitlines() if line.strip()]
    assert len(texts) >= 27
    assert [t[:40] for t in texts if detect_language(t) != "en"] == []


def test_model_ships_in_the_wheel_and_loads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network refused in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    language._identifier.cache_clear()
    assert detect_language(PARAGRAPHS[1][0]) == "ru"
