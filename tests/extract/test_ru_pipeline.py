"""The Russian pipeline over invented articles in the style of the sources (real natasha)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from silkgraph.extract.lang import has_pipeline, make_language_pipeline
from silkgraph.extract.pipeline import Pipeline
from silkgraph.model import Document, Extraction

TEXT = (
    "ПЕКИН, 5 мар — Новости. Президент Киргизии Садыр Жапаров провел переговоры с "
    "председателем КНР Си Цзиньпином. После переговоров стороны подписали 7 соглашений "
    "на сумму $2,5 млрд. Компания «Северсталь» намерена построить газопровод «Восточный "
    "поток» до 2030 года. Си отметил, что товарооборот между странами в 2024 году составил "
    "20 млрд долларов. Торгово-экономический форум «Горизонт» пройдет в Бишкеке с 18 по "
    "19 августа 2025 года."
)


@pytest.fixture(scope="module")
def ru() -> Pipeline:
    pipeline: Pipeline = make_language_pipeline("ru")
    return pipeline


@pytest.fixture(scope="module")
def ext(ru: Pipeline) -> Extraction:
    return ru(Document("ru-1", TEXT, published="2025-03-05", language="ru"))


def _by_name(ext: Extraction) -> dict[str, tuple[str, list[str], dict[str, object]]]:
    return {e.name: (e.type, [m.text for m in e.mentions], e.attrs) for e in ext.entities}


def test_russian_and_chinese_have_a_pipeline() -> None:
    assert has_pipeline("ru") and has_pipeline("zh")
    assert not has_pipeline("en") and not has_pipeline("kk")


def test_entities_are_base_forms_with_places_coded(ext: Extraction) -> None:
    ents = _by_name(ext)
    assert ext.errors == []
    assert ents["Садыр Жапаров"][0] == "PERSON"
    # "Си" alone later in the text is the same person as "Си Цзиньпином".
    assert ents["Си Цзиньпин"][0] == "PERSON" and "Си" in ents["Си Цзиньпин"][1]
    assert ents["Киргизия"][2]["code"] == "KG"
    assert ents["КНР"][2]["code"] == "CN"
    assert ents["Пекин"][2]["place_kind"] == "city"  # the dateline, title-cased
    assert ents["Бишкек"][0] == "GPE" and ents["Бишкек"][2]["place_kind"] == "city"
    assert ents["Восточный поток"][0] == "FAC"
    assert ents["Горизонт"][0] == "EVENT"
    assert ents["Северсталь"][0] == "ORG"
    xi = next(e for e in ext.entities if e.name == "Си Цзиньпин")
    assert "Xi Jinping" in xi.aliases
    for ent in ext.entities:
        for m in ent.mentions:
            assert TEXT[m.start : m.end] == m.text


def test_dates_and_amounts(ext: Extraction) -> None:
    assert ("5 мар", "2025-03-05") in [(d.text, d.value) for d in ext.dates]
    assert ("2025-08-18", "2025-08-19") in [(d.value, d.end_value) for d in ext.dates]
    assert [(a.currency, a.value) for a in ext.amounts] == [("USD", 2.5e9), ("USD", 2e10)]
    assert [(q.text, q.value, q.unit) for q in ext.quantities] == [
        ("7 соглашений", 7.0, "agreement")
    ]


def test_events_and_their_arguments(ext: Extraction) -> None:
    names = {e.key: e.name for e in ext.entities}
    by_type = {ev.type: ev for ev in ext.events}
    meeting = by_type["MEETING"]
    # What the sentence names; the article's two countries are added apart, from context.
    own = [p for p in meeting.participants if p not in meeting.context_participants]
    assert {names[p] for p in own} == {"Садыр Жапаров", "Си Цзиньпин"}
    assert {names[p] for p in meeting.context_participants} == {"Киргизия", "КНР"}
    assert meeting.date == "2025-03-05" and meeting.modality == "realized"
    agreement = by_type["AGREEMENT"]
    assert agreement.count == 7 and agreement.amount_usd == 2.5e9
    assert {"Киргизия", "КНР"} <= {names[p] for p in agreement.participants}
    assert names[agreement.location or ""] == "Пекин"
    # "После переговоров" refers back to the talks: one meeting, not two.
    assert [ev.type for ev in ext.events].count("MEETING") == 1
    assert by_type["INVESTMENT"].modality == "planned"
    trade = by_type["TRADE"]
    assert trade.amount_usd == 2e10 and trade.date == "2024"
    forum = by_type["FORUM"]
    assert (forum.date, forum.end_date) == ("2025-08-18", "2025-08-19")
    assert names[forum.location or ""] == "Бишкек" and forum.modality == "planned"


def test_natasha_runs_without_pkg_resources_or_pymorphy2() -> None:
    """natasha gets pymorphy3 under pymorphy2's name; pkg_resources is never needed."""
    code = (
        "import sys; sys.modules['pkg_resources'] = None\n"
        "from silkgraph.extract.lang.ru.parser import NatashaParser\n"
        "doc = NatashaParser()('Делегация Монголии прибыла в Москву.')\n"
        "import pymorphy3; assert sys.modules['pymorphy2'] is pymorphy3\n"
        "print(sorted(s.normal for s in doc.spans))\n"
    )
    src = Path(__file__).resolve().parents[2] / "src"
    res = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "['Монголия', 'Москва']"


ROLES = (
    "Глава «Северстали» Иван Петров заявил, что посол Монголии в Китае Батбаяр Ганболд "
    "встретится с министром иностранных дел Киргизии Асылбеком Каримовым."
)


def test_roles_from_posts_before_names(ru: Pipeline) -> None:
    ext = ru(Document("ru-2", ROLES, published="2025-03-05", language="ru"))
    names = {e.key: e.name for e in ext.entities}
    roles = {(names[r.person], r.title, names.get(r.org or "")) for r in ext.roles}
    assert roles == {
        ("Иван Петров", "глава", "Северсталь"),
        ("Батбаяр Ганболд", "посол", "Монголия"),
        ("Асылбек Каримов", "министр иностранных дел", "Киргизия"),
    }


def test_the_outlet_credited_is_not_a_party(ru: Pipeline) -> None:
    text = (
        "Россия и Монголия подписали соглашение о поставках зерна — Интерфакс.\n"
        "Монголия и Россия подписали соглашение о поставках, сообщает «Интерфакс».\n"
    )
    ext = ru(Document("ru-3", text, outlet="Интерфакс", language="ru"))
    names = {e.key: e.name for e in ext.entities}
    (agreement,) = [ev for ev in ext.events if ev.type == "AGREEMENT"]
    assert {names[p] for p in agreement.participants} == {"Россия", "Монголия"}
    assert "Интерфакс" in names.values()


def test_commodities_come_with_their_hs_codes(ru: Pipeline) -> None:
    ext = ru(
        Document(
            "ru-2",
            "Экспорт пшеницы и подсолнечного масла в Китай вырос на 12%. "
            "Компания «Газпром нефть» открыла офис.",
            published="2025-03-05",
            language="ru",
        )
    )
    got = {(c.name, c.hs) for c in ext.commodities}
    assert got == {("wheat", "1001"), ("sunflower oil", "1512")}
    # The trade event carries the goods its sentence names.
    [trade] = [e for e in ext.events if e.type == "TRADE"]
    assert trade.commodities == ["wheat", "sunflower oil"]


def test_post_words_written_together_are_one_title(ru: Pipeline) -> None:
    text = "Как отметил заместитель премьер-министра Казахстана Серик Жумангаров, условия созданы."
    ext = ru(Document("ru-3", text, published="2025-03-05", language="ru"))
    names = {e.key: e.name for e in ext.entities}
    [role] = ext.roles
    assert (names[role.person], names.get(role.org or ""), role.title) == (
        "Серик Жумангаров",
        "Казахстан",
        "заместитель премьер-министра",
    )
    assert text[role.start : role.start + 11] == "заместитель"


@pytest.mark.parametrize(
    ("text", "org", "code"),
    [
        # Two capitals stand for the one place of those initials the article names.
        (
            "Казахстан и Китай расширяют торговлю. Как отметил заместитель премьер-министра "
            "РК Серик Жумангаров, условия созданы.",
            "Казахстан",
            "KZ",
        ),
        (
            "Кыргызстан и Китай расширяют торговлю. Как отметил министр экономики РК "
            "Данияр Амангелдиев, условия созданы.",
            "Кыргызстан",
            "KG",
        ),
    ],
)
def test_two_capitals_are_the_place_the_article_names(
    ru: Pipeline, text: str, org: str, code: str
) -> None:
    ext = ru(Document("ru-4", text, published="2025-03-05", language="ru"))
    by_key = {e.key: e for e in ext.entities}
    [role] = ext.roles
    place = by_key[role.org or ""]
    assert (place.name, place.attrs.get("code")) == (org, code)
    assert "РК" in [m.text for m in place.mentions]


def test_two_capitals_of_no_place_named_stay_unknown(ru: Pipeline) -> None:
    # Neither Kazakhstan, Kyrgyzstan nor Korea is named: "РК" is left alone.
    text = "Как отметил заместитель премьер-министра РК Серик Жумангаров, условия созданы."
    ext = ru(Document("ru-5", text, published="2025-03-05", language="ru"))
    assert not [e for e in ext.entities if e.attrs.get("code") in ("KZ", "KG", "KR")]


def test_a_post_read_into_a_place_name_is_split_off(ru: Pipeline) -> None:
    # The tagger reads "Раис Татарстана" as one place; the post is not part of it.
    text = "Сегодня Раис Татарстана Рустам Минниханов открыл форум в Казани."
    ext = ru(Document("ru-6", text, published="2025-03-05", language="ru"))
    names = {e.key: e.name for e in ext.entities}
    [role] = ext.roles
    assert (names[role.person], role.title, names.get(role.org or "")) == (
        "Рустам Минниханов",
        "раис",
        "Татарстан",
    )
    assert "Раис Татарстан" not in names.values()


def test_a_forums_short_name_is_the_forum_and_its_session_no_meeting(ru: Pipeline) -> None:
    text = (
        "В Казани открылся форум «Горизонт: Россия и Китай – партнёрство регионов». "
        "Форум «Горизонт» укрепляет наши отношения, заявил губернатор на пленарном "
        "заседании мероприятия."
    )
    ext = ru(Document("ru-7", text, published="2025-03-05", language="ru"))
    forums = [e for e in ext.entities if e.type == "EVENT"]
    # The short name is a second mention of the full one, not another gathering.
    assert [len(e.mentions) for e in forums] == [2]
    assert forums[0].name.startswith("Горизонт: Россия и Китай")
    # The plenary session is the forum's, one FORUM event and no MEETING.
    assert [e.type for e in ext.events] == ["FORUM"]


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Мы решили провести форум в Казани в августе.", "planned"),
        ("Форум запланирован на август в Казани.", "planned"),
        ("Форум прошёл в Казани в августе.", "realized"),
    ],
)
def test_a_gathering_decided_on_is_planned(ru: Pipeline, text: str, modality: str) -> None:
    ext = ru(Document("ru-8", text, published="2025-03-05", language="ru"))
    [forum] = [e for e in ext.events if e.type == "FORUM"]
    assert forum.modality == modality


def test_a_link_to_another_story_makes_no_event(ru: Pipeline) -> None:
    text = (
        "Казахстан и Китай подписали соглашение о поставках зерна.\n"
        "Читайте также: В Казани пройдет форум «Горизонт»\n"
        "Подробнее о программе форума читайте в нашем материале.\n"
    )
    ext = ru(Document("ru-9", text, published="2025-03-05", language="ru"))
    assert "FORUM" not in {e.type for e in ext.events}
    assert "AGREEMENT" in {e.type for e in ext.events}
    # Without the two link lines' markers the forum is the article's own.
    plain = text.replace("Читайте также: ", "").replace(" читайте в нашем материале", "")
    ext = ru(Document("ru-9", plain, published="2025-03-05", language="ru"))
    assert "FORUM" in {e.type for e in ext.events}


def test_agreed_to_do_is_the_deed_planned_not_an_agreement(ru: Pipeline) -> None:
    text = "Компании договорились увеличить поставки газа в Китай до 44 миллиардов кубометров."
    ext = ru(Document("ru-10", text, published="2025-03-05", language="ru"))
    assert [(e.type, e.modality) for e in ext.events] == [("TRADE", "planned")]
    # An agreement on something, with no deed of its own, stays an agreement.
    text = "Россия и Китай договорились о сотрудничестве в энергетике."
    ext = ru(Document("ru-11", text, published="2025-03-05", language="ru"))
    assert "AGREEMENT" in {e.type for e in ext.events}


def test_an_opening_ceremony_is_no_investment(ru: Pipeline) -> None:
    text = "В церемонии открытия форума в Казани приняли участие гости из Китая."
    ext = ru(Document("ru-12", text, published="2025-03-05", language="ru"))
    assert "INVESTMENT" not in {e.type for e in ext.events}
    text = "Состоялось открытие завода в Казани с участием гостей из Китая."
    ext = ru(Document("ru-13", text, published="2025-03-05", language="ru"))
    assert "INVESTMENT" in {e.type for e in ext.events}


@pytest.mark.parametrize(
    ("text", "etype", "edition"),
    [
        ("Сегодня в Казани стартовал II Международный форум «Горизонт».", "FORUM", 2),
        ("В Харбине открылось 8-е Российско-Китайское ЭКСПО.", "FORUM", 8),
        ("Лидеры провели третью трёхстороннюю встречу в Ташкенте.", "MEETING", 3),
        ("Форум пройдет в Казани в августе.", "FORUM", None),
        # The ordinal of another word: "Первый вице-премьер" is no first meeting.
        ("Первый вице-премьер провел встречу с послом Китая.", "MEETING", None),
    ],
)
def test_a_gathering_knows_its_edition(
    ru: Pipeline, text: str, etype: str, edition: int | None
) -> None:
    ext = ru(Document("ru-14", text, published="2024-05-17", language="ru"))
    [ev] = [e for e in ext.events if e.type == etype]
    assert ev.edition == edition
