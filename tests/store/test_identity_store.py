"""The memory of ids and the redirects, on SQLite and a real PostgreSQL server alike."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_store import doc, extraction

from silkgraph.store import Store
from silkgraph.store.base import CorpusEntity, CorpusEvent


def _save(store: Store, event_id: str, redirects: dict[str, dict[str, str]] | None = None) -> None:
    ents = [CorpusEntity("e:almaty", "Almaty", "GPE", members=[("d001", "k0"), ("d002", "k0")])]
    evs = [CorpusEvent(event_id, "TRADE", None, None, None, {}, [("d001", "v0"), ("d002", "v0")])]
    store.save_resolution(ents, evs, redirects=redirects)


def test_members_remember_their_ids_and_where_they_began(store: Store) -> None:
    for i in (1, 2):
        store.add_document(doc(i))
        store.save_extraction(extraction(f"d00{i}", ["Almaty"]))
    _save(store, "v:1")
    assert list(store.iter_member_ids("event")) == [
        ("d001", "v0", "v:1", "v:1"),
        ("d002", "v0", "v:1", "v:1"),
    ]
    assert store.live_ids("event") == {"v:1"} and store.live_ids("entity") == {"e:almaty"}
    _save(store, "v:2", {"event": {"v:1": "v:2"}})
    # The last id changes, the first stays; a re-extracted document's memory is kept.
    store.save_extraction(extraction("d002", ["Almaty"]))
    assert list(store.iter_member_ids("event")) == [
        ("d001", "v0", "v:2", "v:1"),
        ("d002", "v0", "v:2", "v:1"),
    ]
    assert [m[2] for m in store.iter_member_ids("entity")] == ["e:almaty", "e:almaty"]
    assert store.redirects("event") == {"v:1": "v:2"} and store.redirects("entity") == {}
    assert store.get_redirect("event", "v:1") == "v:2"
    assert store.get_redirect("entity", "v:1") is None
    # Redirects of a kind are replaced as a whole; a kind not named keeps its own.
    _save(store, "v:3", {"event": {"v:1": "v:3", "v:2": "v:3"}})
    _save(store, "v:3", {"entity": {}})
    assert store.redirects("event") == {"v:1": "v:3", "v:2": "v:3"}


def test_member_ids_page_past_one_page(store: Store) -> None:
    docs = [f"d{i:03d}" for i in range(1, 6)]
    for i, d in enumerate(docs, 1):
        store.add_document(doc(i))
        store.save_extraction(extraction(d, [f"Place {j}" for j in range(900)]))
    store.save_resolution([], [], ((f"e:{k}", d, f"k{k}") for d in docs for k in range(900)), ())
    rows = list(store.iter_member_ids("entity"))
    assert len(rows) == 4500 and rows == sorted(rows)
    assert rows[-1] == ("d005", "k99", "e:99", "e:99")


@pytest.mark.postgres
def test_a_postgres_store_of_the_earlier_schema_is_seeded(pg_url: str) -> None:
    """A database left at schema 2 by release 0.1 gets the memory of its current links."""
    import psycopg

    from silkgraph.store.postgres import PostgresStore, migrations, now

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        for version, sql in migrations():
            if version <= 2:
                conn.execute(sql.encode())
                conn.execute("INSERT INTO schema_migrations VALUES (%s, %s)", (version, now()))
        conn.execute(
            "INSERT INTO documents (id, hash, text, ingested_at) VALUES ('d1', 'h', 't', 'now')"
        )
        conn.execute(
            "INSERT INTO doc_events (doc_id, key, type, event_id) VALUES"
            " ('d1', 'v0', 'TRADE', 'ev:old')"
        )
        conn.execute(
            "INSERT INTO doc_entities (doc_id, key, name, type, n_mentions, entity_id)"
            " VALUES ('d1', 'k0', 'Almaty', 'GPE', 1, 'e:almaty')"
        )
    store = PostgresStore(pg_url)
    try:
        assert store.schema_version >= 3
        assert list(store.iter_member_ids("event")) == [("d1", "v0", "ev:old", "ev:old")]
        assert list(store.iter_member_ids("entity")) == [("d1", "k0", "e:almaty", "e:almaty")]
    finally:
        store.close()


def test_ids_survive_added_copies_and_a_split_on_both_stores(store: Store) -> None:
    """The whole round through resolve_store: copies join, a person splits, ids stay."""
    from silkgraph.resolve import resolve_store
    from silkgraph.resolve.judgements import judge

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "resolve"))
    from test_resolve_store import WIRE, _agreement, _doc

    retold = "Beta Rail and Acme Mining agreed a rail freight deal, the companies said."
    for i in range(4):
        _doc(store, f"w{i}", f"Outlet {i}", WIRE, [_agreement("e1")])
    _doc(store, "r1", "Daily", retold, [_agreement("e1", retold)])
    resolve_store(store)
    before = store.event_links()
    assert len(set(before.values())) == 1
    for i in range(3):
        _doc(store, f"a{i}", f"Copy {i}", WIRE, [_agreement("e1")])
    resolve_store(store)
    assert set(store.event_links().values()) == set(before.values())
    judge(store, "event", "r1#e1", "w0#e1", "negative")
    resolve_store(store)
    resolve_store(store)
    links = store.event_links()
    assert links[("r1", "e1")] != links[("w0", "e1")] == before[("w0", "e1")]
