"""Exports of the timeline and the graph: what the page shows, under its filters."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient


def _csv(client: TestClient, path: str) -> list[dict[str, str]]:
    got = client.get(path)
    assert got.status_code == 200, got.text
    assert got.headers["content-disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert int(got.headers["X-Rows"]) == len(rows)
    return rows


def test_timeline_export_holds_the_events_and_articles_shown(client: TestClient) -> None:
    for params in ("", "?event_type=AGREEMENT", "?date_from=2024-01-01"):
        body = client.get("/api/timeline" + params).json()
        events = [e["id"] for m in body["months"] for e in m["events"]]
        rows = _csv(client, "/timeline.csv" + params)
        assert [r["id"] for r in rows if r["kind"] == "event"] == events
        assert [r["id"] for r in rows if r["kind"] == "article"] == [
            d["id"] for d in body["documents"]
        ]
        as_json = client.get("/timeline.json" + params).json()
        assert [r["id"] for r in as_json] == [r["id"] for r in rows]
    narrowed = _csv(client, "/timeline.csv?event_type=AGREEMENT")
    assert {r["type"] for r in narrowed if r["kind"] == "event"} <= {"AGREEMENT"}
    assert len(narrowed) < len(_csv(client, "/timeline.csv"))


def test_graph_export_holds_the_edges_drawn(client: TestClient) -> None:
    for params in ("", "?entity_type=GPE"):
        body = client.get("/api/graph" + params).json()
        labels = {n["id"]: n["label"] for n in body["nodes"]}
        rows = _csv(client, "/graph.csv" + params)
        assert len(rows) == len(body["edges"]) > 0
        assert [(r["source"], r["target"], r["edge"]) for r in rows] == [
            (e["source"], e["target"], e["kind"]) for e in body["edges"]
        ]
        assert all(r["source_label"] == labels[r["source"]] for r in rows)
    assert client.get("/api/graph.json").json()[0].keys() >= {"source", "target", "weight"}
    assert client.get("/graph.csv?country=Narnia").status_code == 422
