"""Browsable lists over the examples: facet counts, several values, name filter, sorting,
exports that hold the rows the list shows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fastapi.testclient import TestClient

from silkgraph.api.app import create_app
from silkgraph.config import Settings
from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.query.lists import ListQuery, browse_events
from silkgraph.resolve import resolve_store
from silkgraph.store import open_store


def _facet(body: dict, name: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in body["facets"][name]}


def test_each_facet_count_is_the_total_of_its_filter(client: TestClient) -> None:
    body = client.get("/api/events").json()
    for name in ("type", "pair", "country", "modality", "amount", "year"):
        counts = _facet(body, name)
        assert counts, name
        for value, n in counts.items():
            got = client.get("/api/events", params={name: value, "limit": 1}).json()["total"]
            assert got == n, (name, value, got, n)


def test_values_of_one_facet_are_alternatives_and_facets_combine(client: TestClient) -> None:
    types = _facet(client.get("/api/events").json(), "type")
    a, b = sorted(types)[:2]
    both = client.get("/api/events", params={"type": [a, b], "limit": 500}).json()
    assert both["total"] == types[a] + types[b]
    assert {e["type"] for e in both["items"]} == {a, b}
    # A facet's own counts ignore its own filter, so a third value can be added by count.
    assert _facet(both, "type") == types
    pair = next(iter(_facet(both, "pair")))
    narrowed = client.get("/api/events", params={"type": [a, b], "pair": pair}).json()
    assert narrowed["total"] == _facet(both, "pair")[pair] <= both["total"]


def test_country_by_name_or_code_and_a_wrong_name_is_a_one_line_400(client: TestClient) -> None:
    by_code = client.get("/api/events?country=KZ").json()
    by_name = client.get("/api/events?country=Kazakhstan").json()
    assert by_code["total"] == by_name["total"] > 0
    assert [e["id"] for e in by_code["items"]] == [e["id"] for e in by_name["items"]]
    res = client.get("/api/events?country=Narnia")
    assert res.status_code == 400
    assert res.json()["detail"] == "country: no country is called 'Narnia'"


def test_name_filter_finds_a_name_with_or_without_its_accents(client: TestClient) -> None:
    accented = client.get("/api/events", params={"q": "Ürümqi"}).json()
    plain = client.get("/api/events", params={"q": "urumqi"}).json()
    assert accented["total"] == plain["total"] > 0
    assert all(
        "Ürümqi" in e["headline"]
        or any("Ürümqi" in (p or {}).get("name", "") for p in e["participants"])
        or (e["location"] or {}).get("name") == "Ürümqi"
        for e in plain["items"]
    )
    names = [e["name"] for e in client.get("/api/entities?q=urumq").json()["items"]]
    assert names == ["Ürümqi"]
    assert client.get("/api/entities?q=zzzqqq").json()["total"] == 0


def test_sorting_by_value_and_by_name(client: TestClient) -> None:
    values = [
        e["amount_usd"]
        for e in client.get("/api/events?sort=-value&limit=500").json()["items"]
        if e["amount_usd"] is not None
    ]
    assert len(values) >= 2 and values == sorted(values, reverse=True)
    names = [e["name"] for e in client.get("/api/entities?sort=name&limit=500").json()["items"]]
    assert names == sorted(names)
    res = client.get("/api/events?sort=headline")
    assert res.status_code == 400 and res.json()["detail"].startswith("sort: one of date")


def test_csv_and_json_exports_hold_the_filtered_list(client: TestClient) -> None:
    params = {"country": "KZ", "type": ["FORUM", "MEETING", "TRADE"], "sort": "type"}
    listed = client.get("/api/events", params={**params, "limit": 500}).json()
    res = client.get("/events.csv", params=params)
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert [r["id"] for r in rows] == [e["id"] for e in listed["items"]]
    assert [r["headline"] for r in rows] == [e["headline"] for e in listed["items"]]
    assert len(rows) == listed["total"] > 0
    assert res.headers["x-total-count"] == res.headers["x-rows"] == str(listed["total"])
    exported = client.get("/api/events.json", params=params).json()
    assert [r["id"] for r in exported] == [e["id"] for e in listed["items"]]
    ents = client.get("/entities.csv?type=GPE").text
    assert (
        len(list(csv.DictReader(io.StringIO(ents))))
        == (client.get("/api/entities?type=GPE").json()["total"])
    )


def test_the_list_page_shows_chips_that_remove_a_filter(client: TestClient) -> None:
    page = client.get("/events?type=FORUM&type=MEETING").text
    assert 'class="filter-chip" data-facet="type" href="/events?type=MEETING"' in page
    assert 'class="filter-chip" data-facet="type" href="/events?type=FORUM"' in page
    assert 'href="/events.csv?type=FORUM&amp;type=MEETING"' in page


def test_every_json_read_route_declares_its_answer(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        get = ops.get("get")
        if not get or path.endswith((".csv", ".json")):
            continue
        schema = get["responses"]["200"]["content"]["application/json"]["schema"]
        assert "$ref" in schema, path


TEXT = "Freedonia and Sylvania signed 4 agreements on March 5, the ministry said."


def _add_yearless(db: Path) -> None:
    """An article of 2024 whose agreement is dated "March 5", the year not stated."""
    text = TEXT
    store = open_store(str(db))
    store.add_document(Document("y", text, outlet="Gazette", published="2024-03-10"))
    ents = [
        Entity(
            k,
            n,
            "GPE",
            [Mention(n, text.index(n), text.index(n) + len(n))],
            attrs={"code": c, "country": c, "place_kind": "country"},
        )
        for k, n, c in (("fr", "Freedonia", "FR"), ("sy", "Sylvania", "SE"))
    ]
    ev = Event(
        "a1", "AGREEMENT", "signed", 0, len(text), text, date="--03-05", participants=["fr", "sy"]
    )
    store.save_extraction(Extraction("y", "test", entities=ents, events=[ev]))
    resolve_store(store)
    store.close()


def test_a_year_filter_keeps_a_yearless_event_under_its_inferred_year(tmp_path: Path) -> None:
    db = tmp_path / "y.db"
    _add_yearless(db)
    with TestClient(create_app(Settings(db=str(db)))) as c:
        body = c.get("/api/events").json()
        assert _facet(body, "year") == {"2024": 1}
        kept = c.get("/api/events?year=2024").json()["items"]
        assert [e["year_source"] for e in kept] == ["publication date"]
        assert c.get("/api/events?year=2023").json()["total"] == 0
        assert c.get("/api/events?year=unknown").json()["total"] == 0


def test_articles_list_facets_words_and_export(trade_client: TestClient) -> None:
    body = trade_client.get("/api/documents").json()
    assert _facet(body, "outlet") == {"Kazinform": 1, "Xinhua": 1}
    assert _facet(body, "year") == {"2025": 2}
    one = trade_client.get("/api/documents?outlet=Xinhua").json()
    assert [d["outlet"] for d in one["items"]] == ["Xinhua"] and one["total"] == 1
    assert trade_client.get("/api/documents?q=wheat").json()["total"] == 2
    assert trade_client.get("/api/documents?q=zzzqqq").json()["total"] == 0
    rows = list(
        csv.DictReader(io.StringIO(trade_client.get("/articles.csv?outlet=Kazinform").text))
    )
    assert [(r["id"], r["outlet"]) for r in rows] == [("d2", "Kazinform")]
    page = trade_client.get("/articles?outlet=Kazinform").text
    assert page.count('class="article-row"') == 1 and 'class="filter-chip"' in page


def test_modality_and_outlet_filters_list_what_their_counts_say(trade_client: TestClient) -> None:
    """The modality and outlet facets (read from ``event_facets``): each count is the
    total of its filter, in the JSON and on the page, and the page lists those events."""
    body = trade_client.get("/api/events").json()
    assert _facet(body, "outlet") == {"Kazinform": 1, "Xinhua": 1}
    assert sum(_facet(body, "modality").values()) >= body["total"] > 0
    for name in ("modality", "outlet"):
        for value, n in _facet(body, name).items():
            got = trade_client.get("/api/events", params={name: value, "limit": 500}).json()
            assert got["total"] == n == len(got["items"]), (name, value)
            chosen = next(v for v in got["facets"][name] if v["value"] == value)
            assert chosen["selected"] and chosen["count"] == n
            page = trade_client.get("/events", params={name: value}).text
            assert page.count('class="event-row"') == n, (name, value)
            assert all(f'data-id="{e["id"]}"' in page for e in got["items"])
            assert f'class="filter-chip" data-facet="{name}"' in page


def test_facet_counts_follow_the_store_as_it_changes(writable_db: Path) -> None:
    store = open_store(str(writable_db))
    try:
        before = browse_events(store, ListQuery())
        assert browse_events(store, ListQuery())["facets"] == before["facets"]
        _add_yearless(writable_db)
        after = browse_events(store, ListQuery())
        years = {v["value"]: v["count"] for v in after["facets"]["year"]}
        assert years.get("2024") == 1 and after["total"] == before["total"] + 1
        assert "2024" not in {v["value"] for v in before["facets"]["year"]}
    finally:
        store.close()


def test_views_take_a_country_by_name(client: TestClient) -> None:
    by_code = client.get("/api/search?country=KZ").json()
    by_name = client.get("/api/search?country=kazakhstan").json()
    assert by_name["documents"]["total"] == by_code["documents"]["total"] > 0
    assert by_name["filters"]["country"] == ["KZ"]
    res = client.get("/api/timeline?country=Narnia")
    assert res.status_code == 422
    assert res.json()["detail"][0]["msg"] == "no country is called 'Narnia'"


def test_an_entity_page_leads_to_its_events_as_a_list(client: TestClient) -> None:
    ent = client.get("/api/entities?q=urumqi").json()["items"][0]
    body = client.get(f"/api/entities/{ent['id']}").json()
    listed = client.get("/api/events", params={"entity": ent["id"], "limit": 500}).json()
    assert listed["total"] == body["n_events"] > 0
    assert {e["id"] for e in listed["items"]} >= {e["id"] for e in body["events"]}
    assert listed["filter_labels"] == {"entity": {ent["id"]: "Ürümqi"}}
    page = client.get(f"/entities/{ent['id']}").text
    assert 'class="browse-events" href="/events?entity=' in page
    chips = client.get("/events", params={"entity": ent["id"]}).text
    assert "With: Ürümqi" in chips
