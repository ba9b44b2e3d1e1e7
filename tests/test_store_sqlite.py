"""The SQLite store on a real file: idempotent adds, atomic replacement, errors, search."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from silkgraph.errors import InputError, StoreError
from silkgraph.model import Document, Entity, Event, Extraction, Mention
from silkgraph.store.sqlite import SQLiteStore, migrations


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    s = SQLiteStore(tmp_path / "s.db")
    yield s
    s.close()


def doc(i: int, text: str | None = None) -> Document:
    return Document(
        id=f"d{i}",
        text=text or f"Kazakhstan and China signed deal number {i}.",
        outlet="Kazinform",
        published="2024-05-06",
        title=f"Deal {i}",
    )


def extraction(doc_id: str, version: str, names: list[str]) -> Extraction:
    ents = [Entity(f"k{j}", n, "GPE", [Mention(n, 0, len(n))]) for j, n in enumerate(names)]
    evs = [Event(f"ev{j}", "AGREEMENT", "signed", 0, 10, "signed") for j in range(len(names))]
    return Extraction(doc_id, version, entities=ents, events=evs)


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return list(con.execute(sql))
    finally:
        con.close()


def test_add_is_idempotent_by_id_and_by_content(store: SQLiteStore) -> None:
    assert store.add_document(doc(1)) is True
    before = store.counts()
    assert store.add_document(doc(1)) is False
    assert store.add_document(Document(id="other", text=doc(1).text)) is False
    assert store.counts() == before == {**before, "documents": 1}
    assert store.get_document("d1") == doc(1)


def test_pending_follows_the_pipeline_version(store: SQLiteStore) -> None:
    for i in range(3):
        store.add_document(doc(i))
    assert store.pending_documents("v1") == ["d0", "d1", "d2"]
    store.save_extraction(extraction("d1", "v1", ["China"]))
    assert store.pending_documents("v1") == ["d0", "d2"]
    assert store.pending_documents("v2") == ["d0", "d1", "d2"]


def test_save_extraction_replaces_a_document_facts(store: SQLiteStore) -> None:
    store.add_document(doc(1))
    store.save_extraction(extraction("d1", "v1", ["China", "Kazakhstan", "Astana"]))
    assert store.counts()["doc_entities"] == 3 and store.counts()["doc_events"] == 3
    new = extraction("d1", "v2", ["Russia"])
    store.save_extraction(new)
    assert store.get_extraction("d1") == new
    assert rows(Path(store.path), "SELECT key, name FROM doc_entities") == [("k0", "Russia")]
    assert store.counts()["extractions"] == 1 and store.counts()["doc_events"] == 1


def test_save_extraction_is_atomic(store: SQLiteStore) -> None:
    """A failure on the last write of a replacement leaves the old facts whole."""
    store.add_document(doc(1))
    old = extraction("d1", "v1", ["China", "Kazakhstan"])
    store.save_extraction(old)
    before = store.counts()
    # fault injection: the database refuses the last statement of the transaction
    store.conn.execute(
        "CREATE TRIGGER refuse AFTER INSERT ON doc_events "
        "WHEN NEW.type = 'TRADE' BEGIN SELECT RAISE(ABORT, 'disk says no'); END"
    )
    new = extraction("d1", "v2", ["Russia", "Uzbekistan", "Tajikistan"])
    new.events[-1].type = "TRADE"
    with pytest.raises(sqlite3.IntegrityError, match="disk says no"):
        store.save_extraction(new)
    assert store.get_extraction("d1") == old
    assert store.counts() == before
    assert sorted(rows(Path(store.path), "SELECT name FROM doc_entities")) == [
        ("China",),
        ("Kazakhstan",),
    ]
    assert store.pending_documents("v2") == ["d1"]
    # the store is still usable after the rollback
    store.conn.execute("DROP TRIGGER refuse")
    store.save_extraction(new)
    assert store.get_extraction("d1") == new


def test_add_document_is_atomic(store: SQLiteStore) -> None:
    """A document is stored with its search row or not at all; the refusal fails that item only."""
    store.conn.execute(
        "CREATE TRIGGER refuse AFTER INSERT ON documents "
        "WHEN NEW.id = 'd2' BEGIN SELECT RAISE(ABORT, 'no room'); END"
    )
    store.add_document(doc(1))
    with pytest.raises(InputError, match="d2: the store refused it"):
        store.add_document(doc(2))
    assert store.counts()["documents"] == 1
    assert rows(Path(store.path), "SELECT id FROM documents_fts") == [("d1",)]


def test_reopen_keeps_data_and_schema(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    first = SQLiteStore(path)
    first.add_document(doc(1))
    version = first.schema_version
    first.close()
    assert version == max(v for v, _ in migrations())
    again = SQLiteStore(path)
    assert again.schema_version == version and again.counts()["documents"] == 1
    again.close()


def test_unopenable_and_corrupt_files(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(tmp_path / "missing" / "x.db")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"\x00garbage" * 1000)
    with pytest.raises(StoreError, match="not a silkgraph database"):
        SQLiteStore(bad)


def test_search_documents(store: SQLiteStore) -> None:
    store.add_document(doc(1, "Wheat exports from Kazakhstan to China grew."))
    store.add_document(doc(2, "Rail freight through Khorgos doubled."))
    assert [r[0] for r in store.search_documents("wheat")] == ["d1"]
    assert [r[0] for r in store.search_documents("khorg")] == ["d2"]
    assert store.search_documents("") == []


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60))
def test_search_never_raises(store: SQLiteStore, query: str) -> None:
    if not store.counts()["documents"]:
        store.add_document(doc(1, 'Trade "grew" AND fell OR NEAR(x) * ^ - : ( ) {} [].'))
    assert isinstance(store.search_documents(query), list)
    assert isinstance(store.search_entities(query), list)
