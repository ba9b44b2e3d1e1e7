"""The migration set: every step gives, on SQLite and on PostgreSQL, the schema that the
release's own scripts gave, so that a store made by any earlier release migrates the same.

``tests/fixtures/stores/schemas.json`` holds the schema after each migration as the
scripts of release 0.2 (two folders, one per database) left it. When a new migration is
added on purpose, record its step:

    .venv/bin/pytest tests/store/test_migrations.py --update-golden
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from silkgraph.store.sql import SQLStore, render
from silkgraph.store.sqlite import SQLiteStore

SCHEMAS = Path(__file__).resolve().parent.parent / "fixtures" / "stores" / "schemas.json"

# The tables a migration fills with rows of its own (the others start empty).
STATE = "SELECT key, value FROM store_state ORDER BY key"


def sqlite_schema(path: str) -> dict[str, Any]:
    """Every table, index and trigger as SQLite keeps it, the schema version, the state rows."""
    con = sqlite3.connect(path)
    try:
        objects = con.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        version = con.execute("PRAGMA user_version").fetchone()[0]
        names = {r[1] for r in objects}
        state = con.execute(STATE).fetchall() if "store_state" in names else []
    finally:
        con.close()
    return {
        "version": version,
        "objects": [list(r) for r in objects],
        "state": [list(r) for r in state],
    }


def pg_schema(url: str) -> dict[str, Any]:
    """Every column (type, collation, default, generation), index and constraint of the
    public tables as PostgreSQL describes them, the recorded versions, the state rows."""
    import psycopg

    with psycopg.connect(url) as conn:
        columns = conn.execute(
            "SELECT table_name, ordinal_position, column_name, data_type, collation_name,"
            " is_nullable, column_default, is_generated, generation_expression"
            " FROM information_schema.columns WHERE table_schema = 'public'"
            " ORDER BY table_name, ordinal_position"
        ).fetchall()
        indexes = conn.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes"
            " WHERE schemaname = 'public' ORDER BY tablename, indexname"
        ).fetchall()
        constraints = conn.execute(
            "SELECT t.relname, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c"
            " JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
            " WHERE n.nspname = 'public' ORDER BY t.relname, c.conname"
        ).fetchall()
        versions = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
        tables = {r[0] for r in columns}
        state = conn.execute(STATE).fetchall() if "store_state" in tables else []
    return {
        "versions": [r[0] for r in versions],
        "columns": [list(r) for r in columns],
        "indexes": [list(r) for r in indexes],
        "constraints": [list(r) for r in constraints],
        "state": [list(r) for r in state],
    }


def open_at(base: type[SQLStore], where: str, version: int) -> SQLStore:
    """A new store migrated only up to ``version``."""

    class Partial(base):  # type: ignore[valid-type,misc]
        def migrations(self) -> list[tuple[int, str]]:
            return [m for m in super().migrations() if m[0] <= version]

    return Partial(where)  # type: ignore[no-any-return]


def dump(value: Any, depth: int = 0) -> str:
    """JSON with one line per row (a list of plain values), for readable diffs."""
    pad = " " * (depth + 1)
    if isinstance(value, dict) and value:
        items = [f"{pad}{json.dumps(k)}: {dump(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}" + ("\n" if not depth else "")
    if isinstance(value, list) and any(isinstance(v, list | dict) for v in value):
        items = [pad + dump(v, depth + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * depth + "]"
    return json.dumps(value, ensure_ascii=False)


def check(kind: str, got: dict[str, Any], update: bool) -> None:
    recorded = json.loads(SCHEMAS.read_text(encoding="utf-8")) if SCHEMAS.exists() else {}
    if update:
        recorded[kind] = got
        SCHEMAS.write_text(dump(recorded), "utf-8")
        return
    assert set(got) == set(recorded[kind])  # a new migration is recorded with --update-golden
    for version, schema in recorded[kind].items():
        assert got[version] == schema, f"{kind} schema {version}"


def test_every_sqlite_step_gives_the_recorded_schema(tmp_path: Path, update_golden: bool) -> None:
    versions = [v for v, _ in SQLiteStore(tmp_path / "all.db").migrations()]
    got = {}
    for version in versions:
        path = str(tmp_path / f"v{version}.db")
        open_at(SQLiteStore, path, version).close()
        got[str(version)] = sqlite_schema(path)
    assert [got[str(v)]["version"] for v in versions] == versions
    check("sqlite", got, update_golden)


@pytest.mark.postgres
def test_every_postgres_step_gives_the_recorded_schema(pg_server: Any, update_golden: bool) -> None:
    from silkgraph.store.postgres import PostgresStore, migrations

    versions = [v for v, _ in migrations()]
    got = {}
    for version in versions:
        url = pg_server.create_database(f"schema{version}")
        open_at(PostgresStore, url, version).close()
        got[str(version)] = pg_schema(url)
    assert [got[str(v)]["versions"][-1] for v in versions] == versions
    check("postgresql", got, update_golden)


SCRIPT = """-- a comment keeps its {text}
CREATE TABLE t (
    a {text} NOT NULL,
    b TEXT
){without_rowid};
-- [sqlite] why: a line for SQLite only
CREATE VIRTUAL TABLE t_fts USING fts5(a);
-- [postgresql]
ALTER TABLE t ADD COLUMN tsv TSVECTOR;
CREATE INDEX t_a ON t(a);
"""


@pytest.mark.parametrize(
    ("dialect", "vocab", "expected"),
    [
        (
            "sqlite",
            {"text": "TEXT", "without_rowid": " WITHOUT ROWID"},
            "-- a comment keeps its {text}\nCREATE TABLE t (\n    a TEXT NOT NULL,\n    b TEXT\n)"
            " WITHOUT ROWID;\n-- [sqlite] why: a line for SQLite only\n"
            "CREATE VIRTUAL TABLE t_fts USING fts5(a);\nCREATE INDEX t_a ON t(a);\n",
        ),
        (
            "postgresql",
            {"text": 'TEXT COLLATE "C"', "without_rowid": ""},
            '-- a comment keeps its {text}\nCREATE TABLE t (\n    a TEXT COLLATE "C" NOT NULL,\n'
            "    b TEXT\n);\n-- [postgresql]\nALTER TABLE t ADD COLUMN tsv TSVECTOR;\n"
            "CREATE INDEX t_a ON t(a);\n",
        ),
    ],
)
def test_render_keeps_the_dialects_statements_and_words(
    dialect: str, vocab: dict[str, str], expected: str
) -> None:
    assert render(SCRIPT, dialect, vocab) == expected


def test_render_refuses_an_unknown_word_or_database() -> None:
    with pytest.raises(KeyError):
        render("CREATE TABLE t (a {blob});", "sqlite", {"text": "TEXT"})
    with pytest.raises(ValueError, match="unknown database"):
        render("-- [mysql]\nCREATE TABLE t (a INT);", "sqlite", {})


def test_every_shipped_migration_renders_for_both_databases() -> None:
    from silkgraph.store.postgres import migrations as pg
    from silkgraph.store.sqlite import migrations as lite

    def code(sql: str) -> str:
        return "\n".join(ln for ln in sql.splitlines() if not ln.lstrip().startswith("--"))

    for (v1, sqlite_sql), (v2, pg_sql) in zip(lite(), pg(), strict=True):
        assert v1 == v2
        for sql in (code(sqlite_sql), code(pg_sql)):
            assert "{" not in sql.replace("'{}'", "")
        assert "COLLATE" not in code(sqlite_sql) and "WITHOUT ROWID" not in code(pg_sql)
