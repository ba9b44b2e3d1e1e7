"""The HTTP API over the ingested examples: reads, pagination, docs, health."""

from __future__ import annotations

import importlib

import pytest
from fastapi.testclient import TestClient

from silkgraph.config import Settings


def test_health_reports_counts_and_read_only(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["writes"] is False
    assert body["counts"]["documents"] == 3


def test_docs_are_served_offline(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
    js = client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    spec = client.get("/api/openapi.json").json()
    for path in (
        "/api/documents",
        "/api/entities",
        "/api/events",
        "/api/search",
        "/api/graph",
        "/api/places",
        "/api/trade-flows",
        "/api/judgements",
    ):
        assert path in spec["paths"], path


def test_every_page_renders(client: TestClient) -> None:
    for path in (
        "/",
        "/search",
        "/search?q=forum",
        "/entities",
        "/events",
        "/graph",
        "/timeline",
        "/map",
        "/trade",
        "/review",
    ):
        res = client.get(path)
        assert res.status_code == 200, path
        assert "<nav" in res.text
        assert "http://" not in res.text.split("<main", 1)[0], "no foreign assets in <head>"


def test_entities_paginate_with_total(client: TestClient) -> None:
    first = client.get("/api/entities?limit=5&offset=0").json()
    second = client.get("/api/entities?limit=5&offset=5").json()
    assert first["total"] == client.get("/api/health").json()["counts"]["entities"]
    assert len(first["items"]) == 5
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    assert client.get("/api/entities?limit=0").status_code == 422


def test_documents_paginate(client: TestClient) -> None:
    page = client.get("/api/documents?limit=2").json()
    assert page["total"] == 3 and len(page["items"]) == 2
    rest = client.get("/api/documents?limit=2&offset=2").json()
    assert len(rest["items"]) == 1


def test_search_finds_articles_and_entities(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Kazan"}).json()
    assert body["documents"]["total"] >= 1
    assert any(e["name"] == "Kazan" for e in body["entities"])
    assert all(
        "Kazan" in d["snippet"] or "KAZAN" in d["snippet"] for d in body["documents"]["items"]
    )


def test_search_facets_narrow_results(client: TestClient) -> None:
    everything = client.get("/api/search").json()
    assert everything["documents"]["total"] == 3
    outlets = dict(everything["facets"]["outlet"])
    assert outlets, "the examples name at least one outlet"
    outlet, n = next(iter(outlets.items()))
    narrowed = client.get("/api/search", params={"outlet": outlet}).json()
    assert narrowed["documents"]["total"] == n < 3
    dated = client.get("/api/search", params={"date_from": "2030-01-01"}).json()
    assert dated["documents"]["total"] == 0
    by_type = client.get("/api/search", params={"entity_type": "PERSON"}).json()
    assert all(e["type"] == "PERSON" for e in by_type["entities"])
    assert client.get("/api/search", params={"date_from": "soon"}).status_code == 422
    # How far the search counted is part of the answer (issue 17).
    assert everything["documents"]["capped"] is False and everything["facets_complete"] is True
    assert everything["facets_counted"] == 3 and everything["documents"]["ranked"] is False
    two = client.get("/api/search", params=[("outlet", o) for o in outlets]).json()
    assert two["documents"]["total"] == sum(outlets.values()) and two["filters"]["outlet"]


def test_article_has_facts_and_segments_cover_text(client: TestClient) -> None:
    doc_id = client.get("/api/documents?limit=50").json()["items"][0]["id"]
    body = client.get(f"/api/documents/{doc_id}").json()
    assert "".join(s["text"] for s in body["segments"]) == body["text"]
    kinds = {f["kind"] for f in body["facts"]}
    assert "entity" in kinds and "date" in kinds
    for f in body["facts"]:
        assert body["text"][f["start"] : f["end"]] == f["text"]
    page = client.get(f"/articles/{doc_id}").text
    assert 'class="hl k-entity' in page and "title=" in page


def test_amount_is_shown_with_its_usd_value(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "yuan"}).json()["documents"]["items"]
    assert hits
    body = client.get(f"/api/documents/{hits[0]['id']}").json()
    amounts = [f for f in body["facts"] if f["kind"] == "amount" and "CNY" in f["value"]]
    assert amounts and "USD" in amounts[0]["value"]


def test_entity_page_and_twin(client: TestClient) -> None:
    top = client.get("/api/entities?limit=1").json()["items"][0]
    body = client.get(f"/api/entities/{top['id']}").json()
    assert body["name"] == top["name"]
    assert body["mentions"] and all(m["match"] for m in body["mentions"])
    assert body["network"]["nodes"][0]["id"] == top["id"]
    html = client.get(f"/entities/{top['id']}").text
    assert top["name"] in html and 'id="network"' in html


def test_events_and_graph_are_consistent(client: TestClient) -> None:
    events = client.get("/api/events?limit=500").json()
    graph = client.get("/api/graph").json()
    event_nodes = {n["id"] for n in graph["nodes"] if n["kind"] == "event"}
    assert event_nodes == {e["id"] for e in events["items"]}
    node_ids = {n["id"] for n in graph["nodes"]}
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in graph["edges"])
    persons = client.get("/api/graph", params={"entity_type": "PERSON"}).json()
    assert all(n["type"] == "PERSON" for n in persons["nodes"] if n["kind"] == "entity")


def test_places_have_coordinates_or_country(client: TestClient) -> None:
    places = client.get("/api/places").json()["places"]
    assert places
    assert all(p["lat"] is not None or p["country"] for p in places)
    codes = {p["country"] for p in places}
    assert "CN" in codes


def test_missing_things_are_404(client: TestClient) -> None:
    assert client.get("/api/entities/e:nothing_here").status_code == 404
    assert client.get("/api/events/ev:0000").status_code == 404
    res = client.get("/articles/no-such-doc")
    assert res.status_code == 404 and "Not found" in res.text


def test_server_binds_loopback_by_default() -> None:
    assert Settings().host == "127.0.0.1"


def test_search_page_says_where_it_stopped_counting(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past its caps the search page says so: counts of a part, the newest checked."""
    search_module = importlib.import_module("silkgraph.query.search")
    everything = client.get("/api/search", params={"q": "the"}).json()
    assert everything["documents"]["total"] >= 2
    monkeypatch.setattr(search_module, "FACET_CAP", 1)
    page = client.get("/search", params={"q": "the"}).text
    assert 'class="facets-part">Counted over the first 2 matching articles' in page
    outlet = everything["facets"]["outlet"][0][0]
    monkeypatch.setattr(search_module, "SCAN_CAP", 1)
    body = client.get("/api/search", params={"q": "the", "outlet": outlet}).json()
    assert body["documents"]["scanned"] == 1 and body["documents"]["total"] <= 1
    page = client.get("/search", params={"q": "the", "outlet": outlet}).text
    assert 'class="muted scanned-note">These words are in more than 1 articles' in page
