"""Splitting an event merge in real headless Chromium; the split holds when resolution re-runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browsing import open_page, serving
from trade_corpus import build_trade_corpus

from silkgraph.resolve import resolve_store
from silkgraph.store import open_store

pytestmark = pytest.mark.browser


@pytest.fixture()
def trade_db(tmp_path: Path) -> Path:
    """The two-source wheat corpus alone: its one event merge waits for review."""
    db = tmp_path / "trade.db"
    build_trade_corpus(db)
    return db


@pytest.fixture()
def trade_page(browser: object, trade_db: Path) -> Iterator[tuple[Any, str]]:
    with serving(trade_db) as url, open_page(browser, url) as pg:
        yield pg, url


def _links(db: Path) -> dict[tuple[str, str], str]:
    store = open_store(str(db))
    try:
        return store.event_links()
    finally:
        store.close()


def test_split_an_event_merge_and_re_resolve(
    trade_page: tuple[Any, str], trade_db: Path, shots: Path, token: str
) -> None:
    page, server = trade_page
    server_db = trade_db
    merged = _links(server_db)[("d1", "ev1")]
    page.goto(server + "/review")
    pair = page.locator("ol.events-review li.event-pair").filter(has_text="Kazinform")
    assert pair.count() == 1
    text = pair.inner_text()
    assert "Xinhua" in text and "Kazakhstan exported wheat" in text
    assert "Kazakhstan shipped wheat" in text and "pair probability" in text
    page.screenshot(path=str(shots / "review-events.png"), full_page=True)
    page.fill("#token", token)
    pair.locator("button.split").click()
    # The queue is redrawn in place (the token stays in the page's memory, no reload).
    page.wait_for_selector("#review-status:has-text('Saved.')")
    assert page.locator("ol.events-review li.event-pair").filter(has_text="Kazinform").count() == 0
    assert "event d1#ev1 ↔ d2#ev1: different" in page.locator("ul.decided").inner_text()
    split = _links(server_db)
    assert split[("d1", "ev1")] != split[("d2", "ev1")] and merged in split.values()

    # Resolution re-runs (as `silkgraph resolve` does): the split holds, the ids stay.
    store = open_store(str(server_db))
    resolve_store(store)
    store.close()
    assert _links(server_db) == split
    [gone] = {split[("d1", "ev1")], split[("d2", "ev1")]} - {merged}
    page.goto(f"{server}/events/{gone}")
    headers = page.locator("table.compare thead th").all_inner_texts()
    assert len(headers) == 2  # the field column and one source

    # Undone from the decisions list: one event again; the split-off id leads to it.
    page.goto(server + "/review")
    page.fill("#token", token)
    page.locator("ul.decided li", has_text="d1#ev1").locator("button.undo").click()
    page.wait_for_selector("#review-status:has-text('Saved.')")
    assert _links(server_db)[("d2", "ev1")] == merged
    page.goto(f"{server}/events/{gone}")
    assert page.url == f"{server}/events/{merged}"
    assert any("Kazinform" in h for h in page.locator("table.compare thead th").all_inner_texts())
    assert page.errors == [], page.errors
    assert page.foreign == [], page.foreign


def test_a_merged_entity_old_url_lands_on_the_survivor(browser: object, trade_db: Path) -> None:
    from urllib.parse import quote

    from silkgraph.resolve.judgements import judge

    store = open_store(str(trade_db))
    try:
        judge(store, "entity", "d1#p", "d2#p", "negative")
        resolve_store(store)
        before = {e.id for e in store.select_entities("WHERE type = 'PERSON'")}
        judge(store, "entity", "d1#p", "d2#p", "positive")
        resolve_store(store)
        [kept] = [e.id for e in store.select_entities("WHERE type = 'PERSON'")]
    finally:
        store.close()
    [gone] = before - {kept}
    with serving(trade_db) as url, open_page(browser, url) as pg:
        response = pg.goto(f"{url}/entities/{quote(gone, safe='')}")
        assert response.ok
        assert pg.url == f"{url}/entities/{quote(kept, safe=':')}"
        assert (
            "Minnikhanov" in pg.locator("h1").inner_text()
            or "Minikhanov" in pg.locator("h1").inner_text()
        )
        assert pg.errors == [] and pg.console_errors == []
