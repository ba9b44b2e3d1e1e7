"""Document versions, the resolution serial and the v2 -> v3 migration, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from test_store import extraction

from silkgraph.errors import InputError
from silkgraph.model import Document
from silkgraph.store import Store
from silkgraph.store.sqlite import SQLiteStore
from silkgraph.store.sqlite import migrations as sqlite_migrations


def test_same_id_other_text_is_a_new_version(store: Store) -> None:
    first = Document("d1", "Wheat exports to China grew.", title="Wheat", outlet="TASS")
    assert store.put_document(first) == "added"
    store.save_extraction(extraction("d1", ["China"]))
    assert store.pending_documents("p1") == []
    second = Document("d1", "Wheat exports to China grew by 5 percent.", title="Wheat 2")
    assert store.put_document(second) == "updated"
    assert store.get_document("d1") == second
    assert store.counts()["documents"] == 1
    # the new version waits for extraction; the old one stays readable
    assert store.pending_documents("p1") == ["d1"] and store.get_extraction("d1") is None
    versions = store.document_versions("d1")
    assert [(v.version, v.hash) for v in versions] == [(1, first.hash), (2, second.hash)]
    assert versions[0].superseded_at and versions[1].superseded_at is None
    assert store.get_document_version("d1", 1) == first
    assert store.get_document_version("d1", 2) == second
    assert store.get_document_version("d1", 3) is None
    assert [d for d, _, _ in store.search_documents("percent")] == ["d1"]
    # going back to the first text is a third version, not a duplicate
    assert store.put_document(first) == "updated"
    assert [v.version for v in store.document_versions("d1")] == [1, 2, 3]
    assert store.get_document("d1") == first
    # the same text again, under this id or another, changes nothing
    assert store.put_document(first) == "unchanged"
    assert store.put_document(Document("d2", first.text)) == "unchanged"
    assert store.document_versions("d2") == []


def test_resolution_serial_follows_extractions(store: Store) -> None:
    serial, resolved = store.resolution_state()
    assert serial == resolved
    store.put_document(Document("d1", "Trade in Almaty grew."))
    store.save_extraction(extraction("d1", ["Almaty"]))
    after, resolved_after = store.resolution_state()
    assert after > serial and resolved_after == resolved
    store.mark_resolved(after)
    assert store.resolution_state() == (after, after)
    # a new version drops the extraction: resolution is behind again
    store.put_document(Document("d1", "Trade in Almaty grew fast."))
    assert store.resolution_state()[0] > after


@pytest.mark.parametrize("field", ["id", "title", "outlet", "url", "text"])
def test_refused_values_are_one_item_errors(store: Store, field: str) -> None:
    """A value the back-end cannot hold fails that document only, with a one-line reason."""
    store.put_document(Document("ok", "Good text about trade."))
    values: dict[str, Any] = {"id": "d1", "text": "Some text about trade.", "source": "in.jsonl:3"}
    values[field] = values.get(field, "x") + "\ud800"
    with pytest.raises(InputError, match=r"in\.jsonl:3: the store refused it") as info:
        store.put_document(Document(**values))
    assert "\n" not in str(info.value)
    assert store.counts()["documents"] == 1
    assert store.put_document(Document("d2", "More text about trade.")) == "added"


@pytest.mark.postgres
@pytest.mark.parametrize("field", ["id", "title", "outlet", "url"])
def test_postgres_refuses_nul_in_one_document_only(pg_url: str, field: str) -> None:
    from silkgraph.store.postgres import PostgresStore

    store = PostgresStore(pg_url)
    try:
        values: dict[str, Any] = {"id": "d1", "text": "Some text.", "source": "in.jsonl:2"}
        values[field] = values.get(field, "x") + "\x00y"
        with pytest.raises(InputError, match=r"in\.jsonl:2: the store refused it"):
            store.put_document(Document(**values))
        assert store.put_document(Document("d2", "Other text.")) == "added"
        assert store.counts()["documents"] == 1
    finally:
        store.close()


# migration from the current release (schema v2) ----------------------------------------

V2_DOCS = [
    ("d1", "Kazakhstan and China signed a grain deal in Astana.", "Grain"),
    ("d2", "Russia ships oil to China by pipeline.", None),
]


def _fill_v2(execute: Any, mark: str) -> None:
    """Two documents, one extraction with an entity linked to a corpus entity, as v2 wrote them."""
    from silkgraph.model import content_hash

    for doc_id, text, title in V2_DOCS:
        execute(
            "INSERT INTO documents (id, hash, text, title, language, ingested_at)"
            f" VALUES ({mark}, {mark}, {mark}, {mark}, 'en', '2025-01-01T00:00:00+00:00')",
            (doc_id, content_hash(text), text, title),
        )
    execute(
        "INSERT INTO extractions (doc_id, pipeline, data, extracted_at)"
        f" VALUES ('d1', 'p1', {mark}, '2025-01-01')",
        ('{"doc_id": "d1", "pipeline": "p1"}',),
    )
    execute(
        "INSERT INTO entities (id, name, type, tsv) VALUES ('e1', 'China', 'GPE', '')"
        if mark == "%s"
        else "INSERT INTO entities (id, name, type) VALUES ('e1', 'China', 'GPE')",
        (),
    )
    execute(
        "INSERT INTO doc_entities (doc_id, key, name, type, n_mentions, entity_id)"
        " VALUES ('d1', 'k0', 'China', 'GPE', 1, 'e1')",
        (),
    )


def _check_migrated(store: Store) -> None:
    assert [(d.id, d.text, d.title) for d in store.iter_documents()] == V2_DOCS
    assert [v.version for v in store.document_versions("d1")] == [1]
    assert store.get_extraction("d1") is not None
    serial, resolved = store.resolution_state()
    assert serial == resolved  # its resolution was finished
    assert store.put_document(Document("d1", "A new text for d1.")) == "updated"
    assert store.get_document_version("d1", 1).text == V2_DOCS[0][1]  # type: ignore[union-attr]


def test_sqlite_store_of_schema_v2_opens_and_keeps_its_documents(tmp_path: Path) -> None:
    db = tmp_path / "v2.db"
    con = sqlite3.connect(db)
    for version, sql in sqlite_migrations():
        if version <= 2:
            con.executescript(sql)
    con.execute("PRAGMA user_version=2")
    _fill_v2(con.execute, "?")
    con.commit()
    con.close()
    store = SQLiteStore(db)
    try:
        assert store.schema_version == max(v for v, _ in sqlite_migrations()) >= 3
        _check_migrated(store)
    finally:
        store.close()


def test_sqlite_v2_store_stopped_before_resolution_is_behind(tmp_path: Path) -> None:
    db = tmp_path / "v2.db"
    con = sqlite3.connect(db)
    for version, sql in sqlite_migrations():
        if version <= 2:
            con.executescript(sql)
    con.execute("PRAGMA user_version=2")
    _fill_v2(con.execute, "?")
    con.execute("UPDATE doc_entities SET entity_id = NULL")
    con.execute("DELETE FROM entities")
    con.commit()
    con.close()
    store = SQLiteStore(db)
    try:
        serial, resolved = store.resolution_state()
        assert serial != resolved
    finally:
        store.close()


@pytest.mark.postgres
def test_postgres_store_of_schema_v2_opens_and_keeps_its_documents(pg_url: str) -> None:
    import psycopg

    from silkgraph.store.postgres import PostgresStore, migrations

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        for version, sql in migrations():
            if version <= 2:
                conn.execute(sql.encode("utf-8"))
                conn.execute("INSERT INTO schema_migrations VALUES (%s, '2025-01-01')", (version,))
        _fill_v2(conn.execute, "%s")
    store = PostgresStore(pg_url)
    try:
        assert store.schema_version == max(v for v, _ in migrations()) >= 3
        _check_migrated(store)
    finally:
        store.close()
