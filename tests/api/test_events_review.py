"""Events across sources, trade flows and the review queue over a hand-made corpus."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_event_versions_side_by_side(trade_client: TestClient) -> None:
    events = trade_client.get("/api/events").json()["items"]
    assert len(events) == 1 and events[0]["n_sources"] == 2
    body = trade_client.get(f"/api/events/{events[0]['id']}").json()
    assert [v["outlet"] for v in body["versions"]] == ["Xinhua", "Kazinform"]
    rows = {r["field"]: r for r in body["rows"]}
    assert rows["amount_usd"]["status"] == "differ"
    assert rows["amount_usd"]["values"] == ["$100 M (USD 100,000,000)", "$120 M (USD 120,000,000)"]
    assert rows["date"]["status"] == "agree"
    html = trade_client.get(f"/events/{events[0]['id']}").text
    assert 'class="st-differ"' in html and "Kazinform" in html and "Xinhua" in html


def test_trade_flows_from_trade_events(trade_client: TestClient) -> None:
    body = trade_client.get("/api/trade-flows").json()
    (flow,) = body["flows"]
    assert flow["exporter"] == {"code": "KZ", "name": "Kazakhstan"}
    assert flow["importer"] == {"code": "CN", "name": "China"}
    assert flow["commodities"] == [{"name": "wheat", "hs": None}]
    # Two sources of one shipment: one row, the larger value, not the sum.
    assert flow["usd"] == 120e6 and body["totals"]["directed_usd"] == 120e6
    assert flow["year"] == "2025" and flow["evidence"].startswith("Kazakhstan")
    assert body["turnover"] == []
    assert "wheat" in trade_client.get("/trade").text


def test_timeline_and_map_show_the_event(trade_client: TestClient) -> None:
    months = trade_client.get("/api/timeline").json()["months"]
    assert [m["month"] for m in months] == ["2025-05"]
    none = trade_client.get("/api/timeline", params={"date_to": "2024-12-31"}).json()
    assert none["months"] == []
    places = {p["id"]: p for p in trade_client.get("/api/places").json()["places"]}
    assert places["e:cn"]["lat"] == 39.9 and places["e:kz"]["country_numeric"] == "398"


def test_review_split_and_confirm(trade_client: TestClient, auth: dict[str, str]) -> None:
    queue = trade_client.get("/api/review").json()
    assert queue["total"] == 1
    item = queue["items"][0]
    assert {item["left"]["name"], item["right"]["name"]} == {
        "Rustem Minnikhanov",
        "Rustam Minikhanov",
    }
    before = trade_client.get("/api/entities?type=PERSON").json()["total"]
    pair = {"left_id": item["left_id"], "right_id": item["right_id"]}
    res = trade_client.post("/api/judgements", json={**pair, "judgement": "negative"}, headers=auth)
    assert res.status_code == 200, res.text
    assert trade_client.get("/api/entities?type=PERSON").json()["total"] == before + 1
    after = trade_client.get("/api/review").json()
    assert after["total"] == 0 and after["decided"][0]["judgement"] == "negative"
    res = trade_client.post("/api/judgements", json={**pair, "judgement": "positive"}, headers=auth)
    assert res.status_code == 200
    assert trade_client.get("/api/entities?type=PERSON").json()["total"] == before


def test_judgement_on_unknown_entities_is_404(
    trade_client: TestClient, auth: dict[str, str]
) -> None:
    res = trade_client.post(
        "/api/judgements",
        headers=auth,
        json={"left_id": "d1#p", "right_id": "nope#x", "judgement": "positive"},
    )
    assert res.status_code == 404
