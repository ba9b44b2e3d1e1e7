"""Reviewing event merges over HTTP, and old ids answering 301 with the surviving event."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from silkgraph.resolve import resolve_store
from silkgraph.store import open_store

PAIR = {"kind": "event", "left_id": "d1#ev1", "right_id": "d2#ev1"}


def _event_ids(client: TestClient) -> list[str]:
    return sorted(e["id"] for e in client.get("/api/events").json()["items"])


def test_a_doubtful_event_merge_is_queued_with_both_sides(trade_client: TestClient) -> None:
    queue = trade_client.get("/api/review").json()
    assert queue["events"]["total"] == 1 and queue["pending"] == queue["total"] + 1
    item = queue["events"]["items"][0]
    assert (item["left_id"], item["right_id"]) == ("d1#ev1", "d2#ev1")
    assert 0.2 <= item["probability"] < 0.8 and "bias" in item["features"]
    assert (item["left"]["outlet"], item["right"]["outlet"]) == ("Xinhua", "Kazinform")
    assert item["left"]["evidence"].startswith("Kazakhstan exported wheat")
    assert item["right"]["evidence"].startswith("Kazakhstan shipped wheat")
    assert item["event"]["n_sources"] == 2
    html = trade_client.get("/review").text
    assert "Kazakhstan shipped wheat" in html and "Xinhua" in html and "Event merges" in html
    # The event itself says that it is not confirmed.
    event = trade_client.get(f"/api/events/{item['event']['id']}").json()
    assert [m["left_id"] for m in event["under_review"]] == ["d1#ev1"]
    assert "Not confirmed" in trade_client.get(f"/events/{item['event']['id']}").text


def test_split_holds_and_a_merged_id_redirects(
    trade_client: TestClient, trade_db: Path, auth: dict[str, str]
) -> None:
    [merged] = _event_ids(trade_client)
    res = trade_client.post("/api/judgements", json={**PAIR, "judgement": "negative"}, headers=auth)
    assert res.status_code == 200, res.text
    assert res.json()["events"] == 2
    split = _event_ids(trade_client)
    assert merged in split and len(split) == 2
    assert trade_client.get("/api/review").json()["events"]["total"] == 0
    assert "Not confirmed" not in trade_client.get(f"/events/{merged}").text
    # Resolution run again, outside the API: the split holds, the ids stay.
    store = open_store(str(trade_db))
    resolve_store(store)
    store.close()
    assert _event_ids(trade_client) == split
    # Confirmed after all: one event again, and the split-off id answers 301.
    res = trade_client.post("/api/judgements", json={**PAIR, "judgement": "positive"}, headers=auth)
    assert res.status_code == 200 and res.json()["events"] == 1
    assert _event_ids(trade_client) == [merged]
    [gone] = [e for e in split if e != merged]
    page = trade_client.get(f"/events/{gone}", follow_redirects=False)
    assert page.status_code == 301 and page.headers["location"] == f"/events/{merged}"
    api = trade_client.get(f"/api/events/{gone}?x=1", follow_redirects=False)
    assert api.status_code == 301 and api.headers["location"] == f"/api/events/{merged}?x=1"
    followed = trade_client.get(f"/api/events/{gone}")
    assert followed.status_code == 200 and followed.json()["id"] == merged
    assert trade_client.get("/api/events/ev:nothing").status_code == 404


def test_undo_and_detach(trade_client: TestClient, auth: dict[str, str]) -> None:
    [merged] = _event_ids(trade_client)
    res = trade_client.post("/api/judgements/detach", json={"report_id": "d2#ev1"}, headers=auth)
    assert res.status_code == 200, res.text
    assert res.json() == {"removed": 1, "entities": res.json()["entities"], "events": 2}
    decided = trade_client.get("/api/review").json()["decided"]
    assert [(d["kind"], d["judgement"]) for d in decided] == [("event", "negative")]
    params = {"kind": "event", "left_id": "d2#ev1"}
    res = trade_client.delete("/api/judgements", params=params, headers=auth)
    assert res.status_code == 200 and res.json()["removed"] == 1 and res.json()["events"] == 1
    assert _event_ids(trade_client) == [merged]
    assert trade_client.delete("/api/judgements", params=params, headers=auth).status_code == 404


def test_event_judgements_are_checked(trade_client: TestClient, auth: dict[str, str]) -> None:
    bad = {**PAIR, "right_id": "d2#nope", "judgement": "negative"}
    assert trade_client.post("/api/judgements", json=bad, headers=auth).status_code == 404
    res = trade_client.post("/api/judgements/detach", json={"report_id": "zz"}, headers=auth)
    assert res.status_code == 404
    res = trade_client.post("/api/judgements", json={**PAIR, "judgement": "negative"})
    assert res.status_code == 401
    assert trade_client.get("/api/review").json()["decided"] == []


def test_a_merged_entity_id_redirects(trade_client: TestClient, auth: dict[str, str]) -> None:
    people = {"left_id": "d1#p", "right_id": "d2#p"}
    trade_client.post("/api/judgements", json={**people, "judgement": "negative"}, headers=auth)
    before = {e["id"] for e in trade_client.get("/api/entities?type=PERSON").json()["items"]}
    assert len(before) == 2
    trade_client.post("/api/judgements", json={**people, "judgement": "positive"}, headers=auth)
    [kept] = [e["id"] for e in trade_client.get("/api/entities?type=PERSON").json()["items"]]
    [gone] = before - {kept}
    res = trade_client.get(f"/entities/{gone}", follow_redirects=False)
    assert res.status_code == 301 and res.headers["location"] == f"/entities/{kept}"
    res = trade_client.get(f"/api/entities/{gone}", follow_redirects=False)
    assert res.status_code == 301 and res.headers["location"] == f"/api/entities/{kept}"
