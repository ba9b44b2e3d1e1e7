"""PostgreSQL specifics: migrations, connection errors, NUL bytes, and a whole ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from silkgraph.errors import StoreError
from silkgraph.model import Document

pytestmark = pytest.mark.postgres


def test_migrations_are_versioned_and_idempotent(pg_url: str) -> None:
    from silkgraph.store.postgres import PostgresStore, migrations

    first = PostgresStore(pg_url)
    version = first.schema_version
    assert version == max(v for v, _ in migrations()) >= 1
    first.add_document(Document("d1", "Text in Almaty."))
    first.close()
    again = PostgresStore(pg_url)  # re-opening applies nothing and keeps the data
    assert again.schema_version == version
    assert again.counts()["documents"] == 1
    again.close()


def test_unreachable_server_is_one_line_store_error() -> None:
    from silkgraph.store.postgres import PostgresStore

    with pytest.raises(StoreError) as info:
        PostgresStore("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "\n" not in str(info.value)
    assert "secret" not in str(info.value)


def test_nul_bytes_keep_offsets(pg_url: str) -> None:
    from silkgraph.store.postgres import PostgresStore

    store = PostgresStore(pg_url)
    text = "Astana\x00 hosts the forum."
    assert store.add_document(Document("d1", text))
    got = store.get_document("d1")
    assert got is not None and len(got.text) == len(text) and got.text.startswith("Astana")
    assert not store.add_document(Document("d2", text))  # same content, by its original hash
    store.close()


@pytest.mark.slow
def test_cli_ingest_into_postgres_matches_sqlite(
    pg_url: str,
    run_cli,
    examples_db: Path,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    res = run_cli("ingest", "examples", "--db", pg_url)
    assert res.returncode == 0, res.stderr
    pg_out = run_cli("export", "--db", pg_url, "-f", "jsonl")
    lite_out = run_cli("export", "--db", examples_db, "-f", "jsonl")
    assert pg_out.returncode == 0, pg_out.stderr
    pg_records = [json.loads(line) for line in pg_out.stdout.splitlines()]
    lite_records = [json.loads(line) for line in lite_out.stdout.splitlines()]
    assert len(pg_records) == 3
    assert pg_records == lite_records
    from silkgraph.store.postgres import PostgresStore

    store = PostgresStore(pg_url)
    assert store.search_documents("Kazakhstan")
    assert store.counts()["entities"] > 0
    store.close()
