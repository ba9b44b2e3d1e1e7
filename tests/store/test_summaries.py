"""Page summaries (store/summaries.py) on SQLite and PostgreSQL: written by every resolution,
right after a second resolution and after a person splits or merges two event reports.

A hand-made corpus, stored and resolved for real: two outlets report one wheat shipment
from Kazakhstan to China with different values (one event, a doubtful merge), and a third
article reports a separate tea export from Kazakhstan to Mongolia.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from silkgraph import query
from silkgraph.model import Document, Entity, Event, Extraction, Mention, TradeFlow
from silkgraph.query import entities
from silkgraph.query.base import Corpus, event_summaries
from silkgraph.resolve import resolve_store
from silkgraph.resolve.judgements import judge, undo
from silkgraph.store import summaries
from silkgraph.store.base import Judgement, Store
from silkgraph.store.sqlite import SQLiteStore

TEXTS = {
    "d1": "Kazakhstan exported wheat worth $100 million to China in May.",
    "d2": "Kazakhstan shipped wheat worth $120 million to China in May.",
    "d3": "Kazakhstan will export tea worth $5 million to Mongolia next year.",
}
META = {
    "d1": ("Xinhua", "2025-06-01"),
    "d2": ("Kazinform", "2025-06-02"),
    "d3": ("Montsame", "2025-07-01"),
}
PLACES = {
    "kz": ("Kazakhstan", "KZ", 48.0, 67.0),
    "cn": ("China", "CN", 35.0, 103.0),
    "mn": ("Mongolia", "MN", 46.8, 103.8),
}


def _ents(text: str) -> list[Entity]:
    out = []
    for key, (name, code, lat, lon) in PLACES.items():
        if name in text:
            s = text.index(name)
            attrs = {"code": code, "country": code, "place_kind": "country", "lat": lat, "lon": lon}
            out.append(Entity(key, name, "GPE", [Mention(name, s, s + len(name))], attrs=attrs))
    return out


def _event(doc_id: str) -> Event:
    text = TEXTS[doc_id]
    other, goods, usd = {"d1": ("cn", "wheat", 100e6), "d2": ("cn", "wheat", 120e6)}.get(
        doc_id, ("mn", "tea", 5e6)
    )
    end = text.index(" in May") if " in May" in text else len(text) - 1
    return Event(
        "ev1",
        "TRADE",
        text.split()[1],
        0,
        end,
        text[:end],
        date="2025-05" if doc_id != "d3" else "2026",
        location=other,
        participants=["kz", other],
        amount_usd=usd,
        commodities=[goods],
        exporter="kz",
        importer=other,
        flows=[TradeFlow("export", "export", 11, 19, "kz", other, [], [goods], usd)],
    )


def build(store: Store) -> None:
    for doc_id, text in TEXTS.items():
        outlet, published = META[doc_id]
        store.add_document(Document(doc_id, text, outlet=outlet, published=published))
        store.save_extraction(
            Extraction(doc_id, "test", entities=_ents(text), events=[_event(doc_id)])
        )
    resolve_store(store)


def _stored(store: Store, table: str, order: str) -> list[dict[str, Any]]:
    return store.select(f"SELECT * FROM {table} ORDER BY {order}")


def assert_fresh(store: Store) -> None:
    """Every summary equals what the resolved corpus gives when computed again now."""
    assert summaries.built(store)
    events = store.select_events("ORDER BY id")
    want = {s["id"]: s for s in event_summaries(Corpus.lazy(store), events)}
    rows = _stored(store, "event_rows", "event_id")
    assert {r["event_id"]: json.loads(r["summary"]) for r in rows} == want
    trade = [json.loads(r["row"]) for r in _stored(store, "trade_rows", "list, rank")]
    fresh = summaries.trade_rows(store)
    fresh = [r for r in fresh if r["kind"] != "turnover"] + [
        r for r in fresh if r["kind"] == "turnover"
    ]
    assert trade == fresh
    n_events = {
        r["entity_id"]: int(r["n"])
        for r in store.select(
            "SELECT entity_id, COUNT(*) AS n FROM events v JOIN event_entities x"
            " ON x.event_id = v.id WHERE x.role = 'place' GROUP BY entity_id"
        )
    }
    places = [json.loads(r["row"]) for r in _stored(store, "place_rows", "rank")]
    assert {p["id"]: p["n_events"] for p in places if p["n_events"]} == n_events


def _flows(store: Store) -> list[tuple[str, str, list[str], float | None]]:
    return sorted(
        (
            f["exporter"]["name"],
            f["importer"]["name"],
            [c["name"] for c in f["commodities"]],
            f["usd"],
        )
        for f in query.trade_flows(store)["flows"]
    )


def test_resolution_writes_the_summaries_the_pages_read(store: Store) -> None:
    build(store)
    assert_fresh(store)
    # The two wheat reports are one event: one flow, the larger value, counted once.
    assert _flows(store) == [
        ("Kazakhstan", "China", ["wheat"], 120e6),
        ("Kazakhstan", "Mongolia", ["tea"], 5e6),
    ]
    assert query.trade_flows(store)["totals"]["directed_usd"] == 125e6
    places = {p["name"]: p for p in query.places(store)["places"]}
    assert places["China"]["n_events"] == 1 and places["Mongolia"]["n_events"] == 1
    assert [e["id"] for e in places["China"]["events"]] == [
        r["event_id"]
        for r in store.select(
            "SELECT event_id FROM event_entities WHERE entity_id = 'e:cn' AND role = 'place'"
        )
    ]
    assert query.country_choices(store) == [
        ("CN", "China"),
        ("KZ", "Kazakhstan"),
        ("MN", "Mongolia"),
    ]
    # The outlet and country filters read event_keys; the date filter the inferred year.
    tl = query.timeline(store, query.Filters(outlet="Montsame"))
    assert [e["commodities"] for m in tl["months"] for e in m["events"]] == [["tea"]]
    tl = query.timeline(store, query.Filters(country="CN"))
    assert [e["commodities"] for m in tl["months"] for e in m["events"]] == [["wheat"]]
    tl = query.timeline(store, query.Filters(date_from="2026-01-01"))
    assert [e["commodities"] for m in tl["months"] for e in m["events"]] == [["tea"]]


def test_summaries_stay_right_after_resolving_again_and_judging(store: Store) -> None:
    build(store)
    merged = _stored(store, "event_rows", "event_id")
    resolve_store(store)
    assert_fresh(store)
    assert _stored(store, "event_rows", "event_id") == merged
    # A person splits the two wheat reports: two events, two flows with their own values.
    judge(store, "event", "d1#ev1", "d2#ev1", "negative")
    resolve_store(store)
    assert_fresh(store)
    assert len(_stored(store, "event_rows", "event_id")) == 3
    assert _flows(store) == [
        ("Kazakhstan", "China", ["wheat"], 100e6),
        ("Kazakhstan", "China", ["wheat"], 120e6),
        ("Kazakhstan", "Mongolia", ["tea"], 5e6),
    ]
    assert query.places(store)["places"][0]["n_events"] == 2
    # Undone and confirmed as one: back to a single wheat event and flow.
    assert undo(store, "event", "d1#ev1", "d2#ev1") == 1
    judge(store, "event", "d1#ev1", "d2#ev1", "positive")
    resolve_store(store)
    assert_fresh(store)
    assert len(_stored(store, "event_rows", "event_id")) == 2
    assert [f[3] for f in _flows(store)] == [120e6, 5e6]


def test_trade_flows_page_by_cursor(store: Store) -> None:
    build(store)
    first = query.trade_flows(store, limit=1)
    assert first["total"] == 2 and len(first["flows"]) == 1 and first["next_cursor"]
    second = query.trade_flows(store, limit=1, cursor=first["next_cursor"])
    assert second["next_cursor"] is None
    assert [f["usd"] for f in first["flows"] + second["flows"]] == [120e6, 5e6]
    # Totals are over every row, not the page's.
    assert second["totals"]["directed_usd"] == 125e6


def test_a_store_from_before_the_summaries_builds_them(store: Store) -> None:
    build(store)
    for table in summaries.TABLES:
        store.select(f"SELECT COUNT(*) AS n FROM {table}")  # the tables exist
    want = query.trade_flows(store)
    _unbuild(store)
    assert not summaries.built(store) and query.trade_flows(store)["flows"] == []
    assert summaries.ensure(store) is True
    assert summaries.ensure(store) is False
    assert query.trade_flows(store) == want
    assert_fresh(store)


def test_network_of_an_entity_in_many_articles_is_read_from_the_summary(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Lowered so that a three-article corpus has entities past the threshold.
    monkeypatch.setattr(entities, "NETWORK_DOCS", 1)
    build(store)
    for again in (False, True):
        if again:
            judge(store, "event", "d1#ev1", "d2#ev1", "negative")
            resolve_store(store)
        big = [r["id"] for r in store.select("SELECT id FROM entities WHERE n_docs > 1")]
        assert sorted(big) == ["e:cn", "e:kz"]
        for entity_id in big:
            rows = store.select(
                "SELECT other_id, n FROM entity_network WHERE entity_id = ? ORDER BY rank",
                [entity_id],
            )
            assert [(r["other_id"], r["n"]) for r in rows] == entities.neighbour_weights(
                store, entity_id, 50
            )
        net = entities.network(store, Corpus.lazy(store), "e:kz")
        # Kazakhstan shares d1 and d2 with China and d3 with Mongolia; events add theirs.
        weights = {e["target"]: e["weight"] for e in net["edges"]}
        n_cn = 2 + (2 if again else 1)
        assert weights == {"e:cn": n_cn, "e:mn": 2}


def test_review_queue_pages_by_cursor(store: Store) -> None:
    build(store)
    pairs = [("d1#kz", "d3#kz"), ("d1#cn", "d2#cn"), ("d2#kz", "d3#kz")]
    for i, (left, right) in enumerate(pairs):
        j = Judgement("entity", left, right, "unsure", 0.5 + i / 10, {"name": 1.0})
        j.created_at = f"2026-01-0{3 - i}T00:00:00"
        store.save_judgement(j)
    first = query.review_queue(store, limit=2)
    assert first["total"] == 3 and first["next_cursor"]
    second = query.review_queue(store, limit=2, cursor=first["next_cursor"])
    assert second["next_cursor"] is None and second["total"] == 3
    shown = [(it["left_id"], it["right_id"]) for it in first["items"] + second["items"]]
    # Oldest first: the last pair saved has the earliest date.
    assert shown == pairs[::-1]
    assert first["items"][0]["left"]["name"] == "Kazakhstan"
    assert second["events"]["total"] == first["events"]["total"]


def _unbuild(store: Store) -> None:
    """Empty the summaries and mark them unbuilt, as migration 007 leaves an older store."""
    with summaries._transaction(store) as (cur, dialect):
        c = summaries.PgCursor(cur) if dialect == "postgres" else cur
        for table in summaries.TABLES:
            c.execute(f"DELETE FROM {table}")
        c.execute("UPDATE store_state SET value = 0 WHERE key = 'summaries_built'")


def test_any_command_builds_the_summaries_of_an_older_store(tmp_path: Path, run_cli: Any) -> None:
    db = tmp_path / "old.db"
    store = SQLiteStore(db)
    build(store)
    store.mark_resolved(store.resolution_state()[0])  # as Engine.resolve records it
    want = query.trade_flows(store)
    _unbuild(store)
    store.close()
    res = run_cli("stats", "--db", db)
    assert res.returncode == 0, res.stderr
    assert "built the page summaries" in res.stderr
    store = SQLiteStore(db)
    try:
        assert summaries.built(store) and query.trade_flows(store) == want
    finally:
        store.close()
