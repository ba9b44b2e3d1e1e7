"""The analyst's walk through the UI in real headless Chromium, with screenshots."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser


def _ok(page: Any) -> None:
    assert page.errors == [], page.errors
    assert page.foreign == [], f"requests left the server: {page.foreign}"


def test_walk_search_to_review(page: Any, server: str, shots: Path) -> None:
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator(".figures dd").first.inner_text() != "0"
    page.screenshot(path=str(shots / "home.png"))

    page.fill("#quick-q", "Kazan")
    page.press("#quick-q", "Enter")
    page.wait_for_url("**/search?q=Kazan")
    hits = page.locator("ol.hits li a")
    assert hits.count() >= 1
    page.screenshot(path=str(shots / "search.png"))
    hits.first.click()

    page.wait_for_url("**/articles/**")
    marks = page.locator("article.text mark.hl")
    assert marks.count() >= 10
    assert page.locator("article.text mark.k-entity").first.get_attribute("title")
    n_facts = int(page.locator(".facts h2 .count").last.inner_text())
    assert page.locator(".facts-table tbody tr").count() == n_facts > 0
    page.screenshot(path=str(shots / "article.png"))
    link = page.locator(".facts-table a", has_text="Kazan").first
    link.click()

    page.wait_for_url("**/entities/**")
    assert "Kazan" in page.locator("h1").inner_text()
    page.wait_for_selector("#network[data-ready]")
    assert int(page.locator("#network").get_attribute("data-ready")) >= 2
    assert page.locator("ul.mentions li").count() >= 1
    page.screenshot(path=str(shots / "entity.png"), full_page=True)

    page.goto(server + "/events?type=TRADE")
    page.locator("tr.event-row a.headline").last.click()
    page.wait_for_url("**/events/**")
    page.screenshot(path=str(shots / "event.png"), full_page=True)
    _ok(page)


def test_event_sources_side_by_side(page: Any, server: str, shots: Path) -> None:
    page.goto(server + "/search?q=wheat")
    page.locator("ul.events a.ev-type").first.click()
    page.wait_for_url("**/events/**")
    headers = page.locator("table.compare thead th").all_inner_texts()
    assert any("Xinhua" in h for h in headers) and any("Kazinform" in h for h in headers)
    differ = page.locator("table.compare tr.st-differ")
    assert differ.count() == 1
    assert "value" in differ.first.inner_text()
    assert "USD 100,000,000" in differ.first.inner_text()
    # Every field is compared, and a discrepancy names the outlets, not document ids.
    agree = page.locator("table.compare tr.st-agree th").all_inner_texts()
    assert any(t.startswith("participants") for t in agree), agree
    assert any(t.startswith("commodities") for t in agree), agree
    disc = page.locator("ul.discrepancies li").first.inner_text()
    assert "Xinhua" in disc and "Kazinform" in disc and "d1" not in disc, disc
    page.screenshot(path=str(shots / "event-sources.png"), full_page=True)
    _ok(page)


def test_graph_map_trade_render(page: Any, server: str, shots: Path) -> None:
    page.goto(server + "/graph")
    page.wait_for_selector("#graph[data-ready]")
    assert int(page.locator("#graph").get_attribute("data-ready")) > 10
    page.screenshot(path=str(shots / "graph.png"))
    page.select_option("select[name=entity_type]", "PERSON")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/graph?entity_type=PERSON**")
    page.wait_for_selector("#graph[data-ready]")

    page.goto(server + "/map")
    page.wait_for_selector("#map[data-ready]")
    assert int(page.locator("#map").get_attribute("data-ready")) >= 3
    assert page.locator("#map path.leaflet-interactive").count() > 100
    page.screenshot(path=str(shots / "map.png"))

    page.goto(server + "/trade")
    page.wait_for_selector("#sankey[data-ready]")
    assert page.locator("#sankey svg path").count() >= 2
    wheat = page.locator("table.trade-flows tr.flow", has_text="wheat")
    assert wheat.locator("td.exporter").inner_text() == "Kazakhstan"
    assert page.locator('#sankey path.flow-link[data-from="Kazakhstan"]').count() >= 1
    page.screenshot(path=str(shots / "trade.png"))

    page.goto(server + "/timeline")
    assert page.locator("section.month h2").count() >= 1
    page.screenshot(path=str(shots / "timeline.png"))
    _ok(page)


def test_review_queue_split(page: Any, server: str, shots: Path, token: str) -> None:
    page.goto(server + "/review")
    pairs = page.locator("ol.review li.pair")
    before = pairs.count()
    assert before >= 1
    assert "Rustam Minikhanov" in page.locator("ol.review").inner_text()
    page.screenshot(path=str(shots / "review.png"))
    page.fill("#token", token)
    page.press("#token", "Enter")  # must not submit the token in the URL
    assert "token" not in page.url
    pair = pairs.filter(has_text="Rustam Minikhanov")
    pair.locator("button.split").click()
    # Redrawn in place, not reloaded (a string predicate would need 'unsafe-eval' under the CSP).
    page.locator("#review-status", has_text="Saved.").wait_for(timeout=60_000)
    assert page.locator("ol.review li.pair").count() == before - 1
    assert "different" in page.locator("main").inner_text()
    # The token lives in the page's memory: nothing stored, gone after a reload.
    stored = page.evaluate("sessionStorage.length + localStorage.length + document.cookie.length")
    assert stored == 0
    assert page.input_value("#token") == token
    page.reload()
    assert page.input_value("#token") == ""
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    _ok(page)


def test_keyboard_focus_and_docs_offline(page: Any, server: str, shots: Path) -> None:
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "silkgraph"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "silkgraph" in page.locator(".swagger-ui .info .title").inner_text()
    page.screenshot(path=str(shots / "api-docs.png"))
    _ok(page)


def test_script_in_an_article_is_text(page: Any, server: str, token: str) -> None:
    text = (
        "ALMATY, May 5. Kazakhstan and China agreed to expand trade. "
        "<script>window.__pwned=1</script> The talks went on."
    )
    body = json.dumps(
        {"documents": [{"id": "pwn-1", "text": text, "title": "<script>window.__pwned=2</script>"}]}
    )
    req = urllib.request.Request(
        server + "/api/documents",
        data=body.encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(req, timeout=120) as res:
        assert json.loads(res.read())["added"] == 1
    page.goto(server + "/articles/pwn-1")
    assert "<script>window.__pwned=1</script>" in page.locator("article.text").inner_text()
    assert "<script>window.__pwned=2</script>" in page.locator("h1").inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _ok(page)


def test_only_http_urls_are_links_and_foreign_hosts_are_refused(
    page: Any, server: str, token: str, rebind_host: str
) -> None:
    docs = [
        {
            "id": "url-js",
            "text": "ALMATY, May 6. Kazakhstan and China signed a transit deal.",
            "url": "javascript:window.__pwned=3",
        },
        {
            "id": "url-https",
            "text": "ALMATY, May 7. Kazakhstan and Uzbekistan opened a border market.",
            "url": "https://example.org/news/7",
        },
    ]
    req = urllib.request.Request(
        server + "/api/documents",
        data=json.dumps({"documents": docs}).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(req, timeout=120) as res:
        assert json.loads(res.read())["added"] == 2
    page.goto(server + "/articles/url-js")
    assert page.locator("main a[href^='javascript:' i]").count() == 0
    assert page.locator("main a.source-url").count() == 0
    assert "javascript:window.__pwned=3" in page.locator("span.source-url").inner_text()
    page.goto(server + "/articles/url-https")
    assert page.locator("main a.source-url").get_attribute("href") == docs[1]["url"]
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _ok(page)

    # A DNS-rebinding page: the attacker's name resolves to this server, so the browser
    # sends `Host: rebind.attacker.test`; the server refuses to answer it.
    port = server.rsplit(":", 1)[1]
    res = page.goto(f"http://{rebind_host}:{port}/api/documents")
    assert res is not None and res.status == 400
    assert "not served here" in page.locator("body").inner_text()
    page.goto(server + "/")
    fetched = page.evaluate("fetch('/api/health').then(r => r.status)")
    assert fetched == 200
