"""The event page compares every field of its reports, with names and outlets."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _two_source_event(client: TestClient) -> dict:
    items = client.get("/api/events?limit=500").json()["items"]
    ev = next(e for e in items if e["n_sources"] == 2)
    return client.get(f"/api/events/{ev['id']}").json()


def test_every_field_is_compared_in_words(trade_client: TestClient) -> None:
    ev = _two_source_event(trade_client)
    rows = {r["field"]: r for r in ev["rows"]}
    assert rows["amount_usd"]["status"] == "differ"
    assert rows["amount_usd"]["values"] == ["$100 M (USD 100,000,000)", "$120 M (USD 120,000,000)"]
    for field in ("participants", "commodities", "exporter", "importer", "date", "modality"):
        assert rows[field]["status"] == "agree", field
    assert rows["participants"]["values"][0] == "China, Kazakhstan"
    assert rows["exporter"]["values"] == ["Kazakhstan", "Kazakhstan"]
    assert rows["date"]["values"][0] == "May 2025"
    assert [s["outlet"] for s in rows["amount_usd"]["sources"]] == ["Xinhua", "Kazinform"]


def test_the_page_names_outlets_in_discrepancies(trade_client: TestClient) -> None:
    ev = _two_source_event(trade_client)
    page = trade_client.get(f"/events/{ev['id']}").text
    disc = page[page.index('class="plain discrepancies"') :]
    assert "Xinhua" in disc and "Kazinform" in disc
    assert "(d1)" not in disc and "--" not in page[page.index("<h1>") : page.index("</h1>")]
