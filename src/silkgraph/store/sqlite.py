"""SQLite store: one file, WAL, FTS5 search, one writer.

The statements are ``SQLStore``'s; this module holds what is SQLite's own: the connection
and its pragmas, ``BEGIN IMMEDIATE`` transactions, the schema version in ``user_version``,
FTS5 tables beside the documents and entities, and JSON kept as text.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from silkgraph.errors import StoreError
from silkgraph.model import Document
from silkgraph.store.base import TextMatch
from silkgraph.store.sql import Cursor, SQLStore, read_migrations, words

log = logging.getLogger(__name__)


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) for every migration as SQLite runs it, in order."""
    return read_migrations(SQLiteStore.DIALECT, SQLiteStore.WORDS)


def fts_query(query: str) -> str:
    """Turn user text into a safe FTS5 query: each word quoted, all words required."""
    found = words(query)
    return " ".join(f'"{w}"*' if i == len(found) - 1 else f'"{w}"' for i, w in enumerate(found))


class SQLiteStore(SQLStore):
    """The default store: a single SQLite file."""

    DIALECT = "sqlite"
    # Text and JSON are text; a table clustered by its primary key saves the rowid index.
    WORDS = {"text": "TEXT", "json": "TEXT", "real": "REAL", "without_rowid": " WITHOUT ROWID"}
    REFUSED = (sqlite3.IntegrityError,)

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.conn = sqlite3.connect(
                self.path, timeout=30, check_same_thread=False, isolation_level=None
            )
        except sqlite3.Error as err:
            raise StoreError(f"cannot open the database {self.path}: {err}") from None
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as err:
            self.conn.close()
            raise StoreError(f"{self.path} is not a silkgraph database: {err}") from None

    @property
    def where(self) -> str:
        return self.path

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _apply_migration(self, c: Cursor, version: int, sql: str) -> None:
        for stmt in _split_sql(sql):
            c.execute(stmt)
        c.execute(f"PRAGMA user_version={version}")

    def _load(self, c: Cursor, table: str, columns: Sequence[str], rows: Iterable[Any]) -> None:
        marks = ", ".join("?" * len(columns))
        c.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def _link(self, c: Cursor, target: str, rows: Iterable[Any], is_json: bool = False) -> None:
        # One UPDATE by primary key per row: faster here than a temporary table and a join.
        table, column = target.split(".")
        c.executemany(
            f"UPDATE {table} SET {column} = ? WHERE doc_id = ? AND key = ?",
            ((value, doc_id, key) for doc_id, key, value in rows),
        )

    def _json(self, value: Any) -> Any:
        return json.loads(value)

    def _json_items(self, expr: str, key: str, alias: str) -> str:
        return f"json_each({expr}, '$.{key}') {alias}"

    def _json_text(self, expr: str, key: str) -> str:
        # json_extract gives numbers as numbers; ->> in PostgreSQL gives text.
        return f"CAST(json_extract({expr}, '$.{key}') AS TEXT)"

    # full-text search: FTS5 tables beside the documents and the entities ---------

    def _index_document(self, c: Cursor, doc: Document, replaced: bool) -> None:
        if replaced:
            c.execute("DELETE FROM documents_fts WHERE id = ?", (doc.id,))
        c.execute(
            "INSERT INTO documents_fts (id, title, text) VALUES (?, ?, ?)",
            (doc.id, doc.title or "", doc.text),
        )

    def _index_entities(self, c: Cursor) -> None:
        c.execute("DELETE FROM entities_fts")
        c.execute(
            "INSERT INTO entities_fts (id, name, aliases) SELECT id, name,"
            " COALESCE((SELECT group_concat(a.value, ' ') FROM json_each(entities.aliases) a),"
            " '') FROM entities ORDER BY rowid"
        )

    def text_match(self, query: str) -> TextMatch | None:
        q = fts_query(query)
        if not q:
            return None
        return TextMatch(
            "documents_fts JOIN documents d ON d.id = documents_fts.id",
            "documents_fts MATCH ?",
            [q],
            "documents_fts.rank, d.id",
            "snippet(documents_fts, 2, '[', ']', ' … ', 16)",
            # Without the join: FTS5 counts from its doclists, not row by row.
            "SELECT COUNT(*) AS n FROM documents_fts WHERE documents_fts MATCH ?",
            "documents_fts.rowid DESC",
        )

    def _entity_match(self, query: str) -> TextMatch | None:
        q = fts_query(query)
        if not q:
            return None
        return TextMatch(
            "entities_fts f JOIN entities e ON e.id = f.id", "entities_fts MATCH ?", [q], "rank", ""
        )


def _split_sql(sql: str) -> list[str]:
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
