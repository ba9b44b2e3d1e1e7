"""Russian events: the countries of a forum's name and of compound adjectives, trade periods."""

from __future__ import annotations

from silkgraph.extract.lang.reports import figure_period
from silkgraph.extract.lang.ru.events import adjective_countries
from silkgraph.model import TimeExpr


def test_compound_adjectives_name_their_countries() -> None:
    def names(text: str) -> list[str]:
        return [p.name for p in adjective_countries(text)]

    assert names("российско-китайского сотрудничества") == ["Russia", "China"]
    assert names("узбекско-казахстанский форум") == ["Uzbekistan", "Kazakhstan"]
    assert names("российско-монгольско-китайский") == ["Russia", "Mongolia", "China"]
    # Compounds of common words name no country.
    assert names("научно-технический совет") == []
    assert names("торгово-экономического сотрудничества") == []


def test_a_figure_counts_the_period_nearest_its_trigger_not_the_release_day() -> None:
    dates = [
        TimeExpr("13 января", 0, 10, "2025-01-13"),
        TimeExpr("2024 года", 40, 49, "2024", precision="year"),
        TimeExpr("2023 года", 90, 99, "2023", precision="year"),
    ]
    assert figure_period(dates, 30) == "2024"
    assert figure_period(dates, 95) == "2023"
    assert figure_period(dates[:1], 5) is None


def test_a_forum_takes_the_countries_of_its_name_and_adjectives_as_parties() -> None:
    from silkgraph.extract.lang import make_language_pipeline
    from silkgraph.knowledge.gazetteer import get_gazetteer
    from silkgraph.model import Document

    pipeline = make_language_pipeline("ru")
    text = (
        "Сегодня в Ташкенте открылся III форум «Узбекистан и Казахстан: новые горизонты». "
        "Узбекско-казахстанский форум продлится два дня."
    )
    ext = pipeline(Document("ru-forum", text, published="2025-04-02", language="ru"))
    ents = {e.key: e for e in ext.entities}
    forums = [ev for ev in ext.events if ev.type == "FORUM"]
    assert forums
    gaz = get_gazetteer()

    def code(ref: str) -> object:
        place = gaz.lookup(ref)
        return ents[ref].attrs.get("code") if ref in ents else place.code if place else ref

    for ev in forums:
        # A country named only inside the quoted name is given by its English name.
        assert {"UZ", "KZ"} <= {code(p) for p in ev.participants}, ev.participants


def test_a_sentence_end_left_without_its_space_still_ends_the_sentence() -> None:
    from silkgraph.extract.lang import make_language_pipeline
    from silkgraph.model import Document

    pipeline = make_language_pipeline("ru")
    text = (
        "ПЕКИН, 2 сен — Новости. Стороны подписали меморандум, сообщил глава компании Иван "
        'Петров."Сегодня подписан меморандум", — заявил он.Петров отметил, что проект '
        "потребует времени."
    )
    ext = pipeline(Document("ru-glued", text, published="2025-09-02", language="ru"))
    (agreement,) = [ev for ev in ext.events if ev.type == "AGREEMENT"]
    # The plan word of the next sentence ("проект") does not make the signing planned.
    assert agreement.modality == "realized"
    assert agreement.evidence.endswith("Иван Петров.")


def test_a_merged_report_keeps_the_figure_of_the_period_it_names() -> None:
    from silkgraph.extract.lang.reports import merge_report
    from silkgraph.model import Event

    headline = Event("a", "TRADE", "товарооборот", 0, 40, "", participants=["ru", "cn"])
    headline.amount_usd = 240e9  # "more than $240 billion", no period
    body = Event("b", "TRADE", "товарооборот", 50, 120, "", participants=["ru", "cn"])
    body.date, body.period, body.amount_usd = "2024", "2024", 244.8e9
    events = [headline]
    assert merge_report(events, body)
    assert (headline.period, headline.amount_usd) == ("2024", 244.8e9)
    # A figure of another period is another report.
    other = Event("c", "TRADE", "товарооборот", 130, 160, "", participants=["ru", "cn"])
    other.period = "2023"  # no date of its own: the period alone tells them apart
    assert not merge_report(events, other)
