"""The workbench tells the truth: trade directions, dates and links, in real Chromium.

The store holds the seed articles (ingested through the CLI) and one invented article
whose event gives a day without a year; it is served by its own uvicorn server.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import serving

from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.resolve import resolve_store
from silkgraph.store import open_store

pytestmark = pytest.mark.browser

YEARLESS = (
    "SPRINGFIELD, March 10. Freedonia and Sylvania signed 4 agreements on March 5, "
    "the ministry said."
)


def _ent(key: str, name: str, code: str) -> Entity:
    start = YEARLESS.index(name)
    attrs = {"code": code, "country": code, "place_kind": "country"}
    return Entity(key, name, "GPE", [Mention(name, start, start + len(name))], attrs=attrs)


def add_yearless_article(db: Path) -> None:
    """An article published in 2024 that dates its agreement "March 5", year not stated."""
    store = open_store(str(db))
    store.add_document(
        Document("yearless", YEARLESS, outlet="Gazette", published="2024-03-10", title="Pact")
    )
    sent_start = YEARLESS.index("Freedonia")
    ev = Event(
        "a1",
        "AGREEMENT",
        "signed",
        sent_start,
        len(YEARLESS),
        YEARLESS[sent_start:],
        date="--03-05",
        participants=["fr", "sy"],
        count=4.0,
        count_unit="agreement",
    )
    ents = [_ent("fr", "Freedonia", "FR"), _ent("sy", "Sylvania", "SE")]
    store.save_extraction(Extraction("yearless", "test", entities=ents, events=[ev]))
    resolve_store(store)
    store.close()


@pytest.fixture(scope="module")
def server(examples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seeds plus the year-less article, served on a free loopback port."""
    db = tmp_path_factory.mktemp("workbench") / "workbench.db"
    shutil.copyfile(examples_db, db)
    add_yearless_article(db)
    with serving(db) as url:
        yield url


def _ok(page: Any) -> None:
    assert page.errors == [], page.errors
    assert page.foreign == [], f"requests left the server: {page.foreign}"


def _goods_row(page: Any, goods: str) -> Any:
    """The table row whose goods cell names ``goods`` (the evidence quotes the others too)."""
    return page.locator("table.trade-flows tr.flow", has=page.locator("td.goods", has_text=goods))


def _row(page: Any, goods: str) -> tuple[str, str]:
    row = _goods_row(page, goods)
    assert row.count() == 1, f"{row.count()} rows with {goods!r}"
    return row.locator("td.exporter").inner_text(), row.locator("td.importer").inner_text()


def test_seed_trade_flows_go_the_way_the_text_says(page: Any, server: str, shots: Path) -> None:
    page.goto(server + "/trade")
    page.wait_for_selector("#sankey[data-ready]")
    # "the Chinese side is ready ... to ramp up imports of rapeseed oil ... from Russia"
    assert _row(page, "rapeseed oil") == ("Russia", "China")
    assert _row(page, "mineral products") == ("Russia", "China")
    # "... to increase exports of amino acids, tomato paste ...": no destination given.
    assert _row(page, "amino acids") == ("China", "unspecified")
    # "Kazakhstan is ready to increase beef exports to 500,000 tons"
    assert _row(page, "beef") == ("Kazakhstan", "unspecified")
    assert "HS 1514" in _goods_row(page, "rapeseed oil").inner_text()
    # The diagram draws the table's rows, no more, no fewer.
    rows = page.locator("table.trade-flows tr.flow").count()
    assert int(page.locator("#sankey").get_attribute("data-ready")) == rows
    assert page.locator('#sankey path.flow-link[data-from="Russia"][data-to="China"]').count() == 1
    assert page.locator('#sankey path.flow-link[data-from="China"][data-to="Russia"]').count() == 0
    # Rows name countries, not codes, and link events by their headline.
    assert "RU" not in page.locator("table.trade-flows td.exporter").all_inner_texts()
    link = _goods_row(page, "rapeseed oil").locator("a").first.inner_text()
    assert link.startswith("China-Russia:"), link
    page.screenshot(path=str(shots / "trade.png"))
    _ok(page)


def test_year_filter_keeps_a_year_less_event_with_its_inferred_year(page: Any, server: str) -> None:
    page.goto(server + "/timeline?date_from=2024-01-01&date_to=2024-12-31")
    rows = page.locator("section.month li.event-row", has_text="Freedonia")
    assert rows.count() == 1
    text = rows.first.inner_text()
    assert "Freedonia-Sylvania: 4 agreements" in text, text
    assert "5 Mar 2024 (year inferred from the publication date)" in text, text
    assert "March 2024" in page.locator("section.month h2").all_inner_texts()
    assert "--03-05" not in page.locator("main").inner_text()
    # Another year's filter leaves it out; events whose year is unknown are counted apart.
    page.goto(server + "/timeline?date_from=2023-01-01&date_to=2023-12-31")
    assert page.locator("li.event-row", has_text="Freedonia").count() == 0
    assert "year is unknown" in page.locator(".year-unknown-note").inner_text()
    _ok(page)


def test_event_lists_show_headlines(page: Any, server: str) -> None:
    page.goto(server + "/events?limit=200")
    heads = page.locator("tr.event-row a.headline").all_inner_texts()
    assert heads and all(": " in h for h in heads), heads
    assert not any("--" in h for h in heads), heads
    assert any("(year not stated)" in h for h in heads), heads
    page.locator("tr.event-row a.headline", has_text="Freedonia").click()
    page.wait_for_url("**/events/**")
    assert "4 agreements" in page.locator("dl.facts-dl").inner_text()
    _ok(page)


def test_links_that_last(page: Any, server: str) -> None:
    page.goto(server + "/articles?limit=2")
    assert page.locator("h1").inner_text().startswith("Articles")
    assert page.locator("table.articles tbody tr").count() == 2
    page.click("nav.pager >> text=Next →")
    page.wait_for_url("**/articles?offset=2**")
    assert page.locator("table.articles tbody tr").count() == 2
    page.locator("table.articles tbody a").first.click()
    page.wait_for_url("**/articles/**")

    response = page.goto(server + "/openapi.json")
    assert response.status == 200
    spec = response.json()
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert spec["paths"]["/api/documents"]["post"]["security"] == [{"bearer": []}]
    assert "security" not in spec["paths"]["/api/documents"]["get"]

    page.goto(server + "/redoc")
    page.wait_for_url("**/docs")
    page.wait_for_selector(".swagger-ui .authorize")
    _ok(page)


def test_year_facet_keeps_a_year_less_event_under_its_inferred_year(page: Any, server: str) -> None:
    page.goto(server + "/events")
    page.locator('.facet[data-facet="year"] a.facet-value[data-value="2024"]').click()
    page.wait_for_function("location.search.includes('year=2024')")
    row = page.locator("tr.event-row", has_text="Freedonia")
    assert row.count() == 1
    assert "(year inferred from the publication date)" in row.inner_text()
    page.locator('.facet[data-facet="year"] a.facet-value[data-value="2024"]').click()
    page.locator('.facet[data-facet="year"] a.facet-value[data-value="unknown"]').click()
    page.wait_for_function("location.search.includes('year=unknown')")
    assert page.locator("tr.event-row", has_text="Freedonia").count() == 0
    _ok(page)
