"""Statements in the store (migration 008), on SQLite and PostgreSQL: written with every
extraction, kept per document version, read back as the same extraction, and backfilled
from the extraction blobs of a store made before them."""

from __future__ import annotations

import gzip
import itertools
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from silkgraph.export.jsonl import document_record
from silkgraph.model import (
    Amount,
    Commodity,
    Document,
    Entity,
    Event,
    Extraction,
    Mention,
    Quantity,
    Role,
    TimeExpr,
    TradeFlow,
)
from silkgraph.statements import statements
from silkgraph.store import Store, open_store, sql
from silkgraph.store.sql import SQLStore
from silkgraph.store.sqlite import SQLiteStore

STORES = Path(__file__).resolve().parent.parent / "fixtures" / "stores"
RELEASE_STORE = STORES / "release-0.1.sqlite"
# A PostgreSQL store made by the release before statements (commit 21b9ecb, schema 6):
# ``silkgraph ingest examples/*.txt`` into a fresh database, then the first article again
# with one sentence added, dumped by ``pg_dump --inserts --no-owner --no-privileges``.
RELEASE_PG = STORES / "release-schema6-pg.sql.gz"
BEFORE_STATEMENTS = 6  # the schema of the release before migration 008 (007 is another's)

TEXT = (
    "MOSCOW, Aug 18 (TASS) - Acme Grain exported 90 bln yuan of wheat to Beijing, "
    "its director Ivan Petrov said; 17 documents and 5 tonnes followed."
)


def full_extraction(doc_id: str, pipeline: str = "0.2.0+abc|model-1|entities=1") -> Extraction:
    """One value of every kind, with the shapes that are easy to lose: an int amount, a
    float, attrs, repeated list values, trade clauses, None and non-default fields."""

    def span(s: str) -> tuple[int, int]:
        i = TEXT.index(s)
        return i, i + len(s)

    return Extraction(
        doc_id,
        pipeline,
        entities=[
            Entity("acme", "Acme Grain", "ORG", [Mention("Acme Grain", *span("Acme Grain"))]),
            Entity(
                "bj",
                "Beijing",
                "GPE",
                [Mention("Beijing", *span("Beijing"))],
                aliases=["Peking"],
                attrs={"country": "CN", "lat": 39.9, "ids": [1, 2]},
            ),
            Entity("ip", "Ivan Petrov", "PERSON", [Mention("Ivan Petrov", *span("Ivan Petrov"))]),
        ],
        dates=[TimeExpr("Aug 18", *span("Aug 18"), "--08-18", precision="day")],
        amounts=[
            Amount(
                "90 bln yuan", *span("90 bln yuan"), 90000000000, "CNY", usd=1.25e10, approx=True
            )
        ],
        quantities=[
            Quantity("17 documents", *span("17 documents"), 17.0, "document"),
            Quantity("5 tonnes", *span("5 tonnes"), 5, "t"),
        ],
        commodities=[Commodity("wheat", *span("wheat"), "wheat", "1001")],
        roles=[Role("ip", "director", "acme", *span("director Ivan Petrov"))],
        events=[
            Event(
                "e1",
                "TRADE",
                "exported",
                0,
                len(TEXT),
                TEXT,
                participants=["acme", "bj", "acme"],
                amount_usd=1.25e10,
                commodities=["wheat"],
                modality="realized",
                speaker="ip",
                outlet="TASS",
                exporter="acme",
                flows=[TradeFlow("export", "exported", *span("exported"), exporter="acme")],
                context_participants=["bj"],
                period="2025",
            ),
            Event(
                "e2",
                "AGREEMENT",
                "documents",
                *span("17 documents"),
                TEXT,
                count=17,
                count_unit="document",
            ),
        ],
        errors=["roles: ValueError: x"],
        terms={"wheat": 2, "grain": 1},
    )


def n_statements(store: Store) -> int:
    assert isinstance(store, SQLStore)
    return int(store.select("SELECT COUNT(*) AS n FROM statements")[0]["n"])


def test_save_writes_statements_and_reads_the_extraction_back(store: Store) -> None:
    store.add_document(Document("d1", TEXT))
    ext = full_extraction("d1")
    store.save_extraction(ext)
    assert store.get_statements("d1") == statements(ext, 1)
    assert store.get_extraction("d1") == ext
    assert list(store.iter_extractions()) == [ext]
    assert n_statements(store) == len(statements(ext))
    # saving again replaces the version's statements, it does not add to them
    smaller = Extraction("d1", "p2", entities=ext.entities[:1])
    store.save_extraction(smaller)
    assert store.get_extraction("d1") == smaller
    assert n_statements(store) == len(statements(smaller))


def test_a_replaced_version_keeps_its_statements(store: Store) -> None:
    store.add_document(Document("d1", TEXT))
    first = full_extraction("d1")
    store.save_extraction(first)
    assert store.put_document(Document("d1", TEXT + " More.")) == "updated"
    assert store.get_extraction("d1") is None and store.get_statements("d1") == []
    assert store.get_statements("d1", 1) == statements(first, 1)
    second = Extraction("d1", "p2", entities=first.entities[:2])
    store.save_extraction(second)
    assert store.get_statements("d1") == statements(second, 2)
    assert {s.doc_version for s in store.get_statements("d1")} == {2}
    assert store.get_statements("d1", 1) == statements(first, 1)
    assert store.get_extraction("d1") == second


def test_the_record_is_kept_as_statements_only(store: Store) -> None:
    """No copy of the extraction as one JSON value: not on the extraction row, not on a
    replaced version; both read back whole from their statements."""
    assert isinstance(store, SQLStore)
    store.add_document(Document("d1", TEXT))
    first = full_extraction("d1")
    store.save_extraction(first)
    [row] = store.select("SELECT data FROM extractions")
    assert row["data"] in ("{}", {})  # text on SQLite, parsed JSON on PostgreSQL
    store.put_document(Document("d1", TEXT + " More."))
    [old] = store.select("SELECT version, extraction FROM document_versions")
    assert old == {"version": 1, "extraction": None}
    assert store.get_statements("d1", 1) == statements(first, 1)


def test_a_value_with_a_nul_byte_keeps_its_length(store: Store) -> None:
    """PostgreSQL text cannot hold NUL: a value with one is stored with a replacement
    character, so spans and lengths still hold; SQLite keeps it as it is."""
    assert isinstance(store, SQLStore)
    name = "Acme\x00 Grain"
    store.add_document(Document("d1", name + " sells wheat."))
    mention = Mention(name, 0, len(name))
    store.save_extraction(Extraction("d1", "p", entities=[Entity("k1", name, "ORG", [mention])]))
    got = store.get_extraction("d1")
    assert got is not None
    held = name.replace("\x00", "\ufffd") if store.DIALECT == "postgresql" else name
    [ent] = got.entities
    assert (ent.key, ent.name, ent.mentions[0].text) == ("k1", held, held)
    assert len(ent.mentions[0].text) == ent.mentions[0].end


def open_old(kind: str, where: str) -> SQLStore:
    """A store with the schema of the release before statements, as that release left it."""
    if kind == "sqlite":
        base: type[SQLStore] = SQLiteStore
    else:
        from silkgraph.store.postgres import PostgresStore

        base = PostgresStore

    class OldStore(base):  # type: ignore[valid-type,misc]
        def migrations(self) -> list[tuple[int, str]]:
            return [m for m in super().migrations() if m[0] <= BEFORE_STATEMENTS]

    return OldStore(where)  # type: ignore[no-any-return]


def save_as_before(old: SQLStore, ext: Extraction) -> None:
    """What save_extraction wrote before statements: the blob and the per-document rows."""
    with old._tx() as c:
        c.execute("DELETE FROM extractions WHERE doc_id = ?", (ext.doc_id,))
        c.execute(
            "INSERT INTO extractions (doc_id, pipeline, data, n_errors, extracted_at)"
            " VALUES (?, ?, ?, ?, '2026-01-01')",
            (ext.doc_id, ext.pipeline, json.dumps(ext.to_dict()), len(ext.errors)),
        )


def put_as_before(old: SQLStore, doc: Document) -> None:
    """What put_document did before statements: a replaced version kept its blob."""
    blob = old.select(
        "SELECT CAST(data AS TEXT) AS data FROM extractions WHERE doc_id = ?", (doc.id,)
    )
    old.put_document(doc)
    if blob:
        with old._tx() as c:
            c.execute(
                "UPDATE document_versions SET extraction = ? WHERE id = ? AND version ="
                " (SELECT MAX(version) FROM document_versions WHERE id = ?)",
                (blob[0]["data"], doc.id, doc.id),
            )


_places = itertools.count()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], tuple[str, str]]:
    """A factory of empty store locations of one kind: (kind, path or URL)."""

    def make() -> tuple[str, str]:
        n = next(_places)
        if request.param == "sqlite":
            return "sqlite", str(tmp_path / f"s{n}.db")
        return "postgres", str(request.getfixturevalue("pg_server").create_database(f"st{n}"))

    return make


def test_migration_backfills_the_statements_a_fresh_save_writes(
    place: Callable[[], tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = [Document("d1", TEXT), Document("d2", TEXT + " Two."), Document("d3", "Nothing.")]
    exts = [full_extraction("d1"), full_extraction("d2", "p-other"), Extraction("d3", "p")]
    # d2 had two earlier versions, archived with their blobs
    earlier = [
        (Document("d2", "An earlier text."), full_extraction("d2", "p-first")),
        (Document("d2", "A second text."), full_extraction("d2", "p-second")),
    ]

    kind, where = place()
    old = open_old(kind, where)
    assert old.schema_version == BEFORE_STATEMENTS
    for doc, ext in earlier:
        put_as_before(old, doc)
        save_as_before(old, ext)
    for doc, ext in zip(docs, exts, strict=True):
        put_as_before(old, doc)  # d2 becomes version 3
        save_as_before(old, ext)
    old.close()

    # Pages of one row: the backfill's keyset pages must not skip a version.
    monkeypatch.setattr(sql, "PAGE", 1)
    migrated = open_store(where)
    monkeypatch.undo()
    kind, where = place()
    fresh = open_store(where)
    for doc, ext in earlier:
        fresh.put_document(doc)
        fresh.save_extraction(ext)
    for doc, ext in zip(docs, exts, strict=True):
        fresh.put_document(doc)
        fresh.save_extraction(ext)
    try:
        assert migrated.schema_version >= 8  # type: ignore[attr-defined]
        for doc, ext in zip(docs, exts, strict=True):
            assert migrated.get_statements(doc.id) == fresh.get_statements(doc.id)
            assert migrated.get_extraction(doc.id) == ext == fresh.get_extraction(doc.id)
        for version, (_doc, ext) in enumerate(earlier, 1):
            assert migrated.get_statements("d2", version) == statements(ext, version)
            assert migrated.get_statements("d2", version) == fresh.get_statements("d2", version)
        assert [v.version for v in migrated.document_versions("d2")] == [1, 2, 3]
        assert n_statements(migrated) == n_statements(fresh) > 0
    finally:
        migrated.close()
        fresh.close()


def test_a_store_made_by_release_0_1_migrates_and_exports_the_same_records(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    shutil.copyfile(RELEASE_STORE, db)
    store = open_store(str(db))
    assert isinstance(store, SQLiteStore)
    blobs = {
        r["doc_id"]: Extraction.from_dict(json.loads(r["data"]))
        for r in store.select("SELECT doc_id, data FROM extractions")
    }
    assert len(blobs) > 10
    ent_ids, ev_ids = store.entity_links(), store.event_links()
    for doc_id, blob in blobs.items():
        doc = store.get_document(doc_id)
        assert doc is not None
        assert store.get_statements(doc_id) == statements(blob, 1)
        rebuilt = store.get_extraction(doc_id)
        assert rebuilt is not None
        assert document_record(doc, rebuilt, ent_ids, ev_ids) == document_record(
            doc, blob, ent_ids, ev_ids
        )
    store.close()


@pytest.mark.postgres
def test_a_postgres_store_made_by_the_previous_release_migrates_and_exports_the_same_records(
    pg_url: str,
) -> None:
    """A PostgreSQL store as the release before statements left it (schema 6, made by its
    own migration scripts): the seed articles ingested, extracted and resolved, then one
    of them ingested again with other text. It migrates to the schema a new store has, and
    its statements give the records its blobs gave, the archived version's included."""
    import psycopg
    from test_migrations import SCHEMAS, pg_schema

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(gzip.decompress(RELEASE_PG.read_bytes()))
    store = open_store(pg_url)
    assert isinstance(store, SQLStore)
    try:
        assert store.schema_version == max(v for v, _ in store.migrations())
        recorded = json.loads(SCHEMAS.read_text(encoding="utf-8"))["postgresql"]
        now = pg_schema(pg_url)
        for part in ("columns", "indexes", "constraints"):
            assert now[part] == recorded[str(store.schema_version)][part], part
        blobs = {
            r["doc_id"]: Extraction.from_dict(r["data"])
            for r in store.select("SELECT doc_id, data FROM extractions")
        }
        assert len(blobs) == 3
        ent_ids, ev_ids = store.entity_links(), store.event_links()
        for doc_id, blob in blobs.items():
            doc = store.get_document(doc_id)
            assert doc is not None and blob.entities and blob.events
            [version] = [v.version for v in store.document_versions(doc_id)][-1:]
            assert store.get_statements(doc_id) == statements(blob, version)
            rebuilt = store.get_extraction(doc_id)
            assert rebuilt == blob
            assert document_record(doc, rebuilt, ent_ids, ev_ids) == document_record(
                doc, blob, ent_ids, ev_ids
            )
        [archived] = store.select("SELECT id, version, extraction FROM document_versions")
        assert archived["version"] == 1
        old = Extraction.from_dict(archived["extraction"])
        assert store.get_statements(archived["id"], 1) == statements(old, 1) != []
    finally:
        store.close()
