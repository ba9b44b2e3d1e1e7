"""One SQL store for SQLite and PostgreSQL: every statement of the Store protocol, written once.

``SQLStore`` holds the tables' reads and writes with "?" placeholders; a dialect is a
subclass (``SQLiteStore``, ``PostgresStore``) that supplies only what the two databases do
differently: connecting and transactions, the schema version and migration scripts,
full-text search, bulk loads, JSON columns and NUL bytes in text. Every write happens in
one transaction, so a crash leaves a document, an extraction or a resolution whole or absent.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime
from importlib import resources
from typing import Any, ClassVar

from silkgraph.errors import InputError
from silkgraph.model import Document, Extraction, Statement
from silkgraph.statements import (
    STATEMENT_SELECT,
    StatementRow,
    extraction,
    from_row,
    statement_rows,
)
from silkgraph.store import summaries
from silkgraph.store.base import (
    CorpusEntity,
    CorpusEvent,
    DocumentVersion,
    Judgement,
    Stored,
    TextMatch,
)

log = logging.getLogger(__name__)

# A row as the driver hands it back (sqlite3.Row or psycopg's dict row): read by column name.
Row = Any

PAGE = 256

# The migration that made statements the stored fact; its backfill runs in Python.
STATEMENTS_SCHEMA = 8

DOC_COLUMNS = (
    "id",
    "text",
    "url",
    "outlet",
    "published",
    "title",
    "dateline_place",
    "language",
    "source",
)

# Every column but the text, which is read back as empty: for readers that need the
# outlet and dates of many documents.
META_COLUMNS = ", ".join(c if c != "text" else "'' AS text" for c in DOC_COLUMNS)

# Where resolution links each kind of member to its item: (kind, table, column).
IDENTITY = (("entity", "doc_entities", "entity_id"), ("event", "doc_events", "event_id"))

COUNTED = (
    "documents",
    "extractions",
    "doc_entities",
    "entities",
    "doc_events",
    "events",
    "judgements",
)

INSERT_DOCUMENT = (
    "INSERT INTO documents (hash, text, url, outlet, published, title,"
    " dateline_place, language, source, ingested_at, id)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
)
# The replaced version's extraction stays as its statements (under its version number);
# document_versions.extraction keeps only the blobs of stores made before migration 008.
ARCHIVE_VERSION = (
    "INSERT INTO document_versions (id, version, hash, text, url, outlet, published,"
    " title, dateline_place, language, source, ingested_at, superseded_at)"
    " SELECT id, version, hash, text, url, outlet, published, title,"
    " dateline_place, language, source, ingested_at, ? FROM documents WHERE id = ?"
)
REPLACE_DOCUMENT = (
    "UPDATE documents SET hash = ?, text = ?, url = ?, outlet = ?, published = ?,"
    " title = ?, dateline_place = ?, language = ?, source = ?, ingested_at = ?,"
    " version = version + 1 WHERE id = ?"
)
DROP_EXTRACTION = (
    "DELETE FROM extractions WHERE doc_id = ?",
    "DELETE FROM doc_entities WHERE doc_id = ?",
    "DELETE FROM doc_events WHERE doc_id = ?",
    "DELETE FROM doc_facets WHERE doc_id = ?",
)
NUL = "\x00"
# What ``extractions.data`` holds since statements (NOT NULL, JSON on PostgreSQL).
EMPTY_BLOB = "{}"
BUMP_EXTRACTION_SERIAL = "UPDATE store_state SET value = value + 1 WHERE key = 'extraction_serial'"
# In the order of a statement row (silkgraph.statements.StatementRow).
STATEMENT_COLUMNS = (
    "id",
    "doc_id",
    "doc_version",
    "seq",
    "schema",
    "subject",
    "prop",
    "value",
    "span_start",
    "span_end",
    "extractor",
    "pipeline",
)
# The extraction rows the statements complete: the current version's, and (migration 008's
# backfill) the archived versions' blobs.
# Keyset pages by (document, version): a document may have several archived versions.
CURRENT_EXTRACTIONS = (
    "SELECT e.doc_id AS doc_id, d.version AS version, e.data AS data FROM extractions e"
    " JOIN documents d ON d.id = e.doc_id WHERE (e.doc_id, d.version) > (?, ?)"
    " ORDER BY e.doc_id, d.version LIMIT ?"
)
ARCHIVED_EXTRACTIONS = (
    "SELECT id AS doc_id, version, extraction AS data FROM document_versions"
    " WHERE extraction IS NOT NULL AND (id, version) > (?, ?) ORDER BY id, version LIMIT ?"
)
# What an extraction keeps beside its statements.
EXTRACTION_HEADS = (
    "SELECT e.doc_id AS doc_id, e.pipeline AS pipeline, e.errors AS errors, e.terms AS terms,"
    " d.version AS version FROM extractions e JOIN documents d ON d.id = e.doc_id"
)
# A document's version: the current one, else an archived one.
VERSION_OF = (
    "SELECT * FROM documents WHERE id = ? AND version = ?",
    "SELECT * FROM document_versions WHERE id = ? AND version = ?",
)

# What a resolution replaces: the corpus view and the document rows' links to it.
CLEAR_RESOLUTION = (
    "DELETE FROM entities",
    "DELETE FROM events",
    "UPDATE doc_entities SET entity_id = NULL WHERE entity_id IS NOT NULL",
    "UPDATE doc_events SET event_id = NULL, version = NULL"
    " WHERE event_id IS NOT NULL OR version IS NOT NULL",
)
ENTITY_COLUMNS = ("id", "name", "type", "aliases", "attrs")
# n_sources is loaded as 0 so that an event no document joined counts none.
EVENT_COLUMNS = ("id", "type", "date", "end_date", "location", "data", "n_sources")
COUNT_MEMBERS = (
    "UPDATE entities SET n_mentions = s.n, n_docs = s.docs FROM (SELECT entity_id,"
    " SUM(n_mentions) AS n, COUNT(DISTINCT doc_id) AS docs FROM doc_entities"
    " WHERE entity_id IS NOT NULL GROUP BY entity_id) s WHERE s.entity_id = entities.id",
    "UPDATE events SET n_sources = s.n FROM (SELECT event_id, COUNT(DISTINCT doc_id) AS n"
    " FROM doc_events WHERE event_id IS NOT NULL GROUP BY event_id) s"
    " WHERE s.event_id = events.id",
)

# Each article's search facets (migration 006): entity types, countries, event types.
FACETS = (
    "DELETE FROM doc_facets",
    "INSERT INTO doc_facets (doc_id, facet, value) SELECT l.doc_id, 'entity_type', e.type"
    " FROM doc_entities l JOIN entities e ON e.id = l.entity_id ON CONFLICT DO NOTHING",
    "INSERT INTO doc_facets (doc_id, facet, value) SELECT l.doc_id, 'country', e.country"
    " FROM doc_entities l JOIN entities e ON e.id = l.entity_id WHERE e.country IS NOT NULL"
    " ON CONFLICT DO NOTHING",
    "INSERT INTO doc_facets (doc_id, facet, value) SELECT d.doc_id, 'event_type', e.type"
    " FROM doc_events d JOIN events e ON e.id = d.event_id ON CONFLICT DO NOTHING",
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# The one migration set: a script per step, shared by every dialect (see ``render``).
MIGRATIONS = "silkgraph.store.migrations"
DIALECTS = ("sqlite", "postgresql")
# "-- [sqlite]" or "-- [postgresql]" at the start of a line: the next statement is that
# database's only. "{name}": a word of the dialect's (a column type, a table option).
ONLY = re.compile(r"^-- \[(\w+)\]")
TOKEN = re.compile(r"\{(\w+)\}")


def render(script: str, dialect: str, vocab: Mapping[str, str]) -> str:
    """A migration script as one database runs it.

    The statements marked for another database are left out, and every ``{name}`` outside
    a comment becomes the dialect's word for it. The scripts are shared so that a table is
    declared once; what each database does its own way is marked where it happens.
    """
    out: list[str] = []
    only: str | None = None
    for line in script.splitlines():
        comment = line.lstrip().startswith("--")
        marked = ONLY.match(line)
        if marked:
            only = marked.group(1)
            if only not in DIALECTS:
                raise ValueError(f"unknown database in a migration: {line!r}")
        if only in (None, dialect):
            out.append(line if comment else TOKEN.sub(lambda m: vocab[m.group(1)], line))
        if not comment and line.rstrip().endswith(";"):
            only = None
    return "\n".join(out) + "\n"


def read_migrations(dialect: str, vocab: Mapping[str, str]) -> list[tuple[int, str]]:
    """(version, SQL) for every ``NNN_name.sql`` migration as ``dialect`` runs it, in order."""
    out = []
    for item in resources.files(MIGRATIONS).iterdir():
        m = re.match(r"^(\d+)_.*\.sql$", item.name)
        if m:
            out.append((int(m.group(1)), render(item.read_text("utf-8"), dialect, vocab)))
    return sorted(out)


def fold(text: str) -> str:
    """Lower case without accents: "Ürümqi" and "Urumqi" fold to the same "urumqi"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.translate(UNDECOMPOSED)


# Letters that carry their accent in the letter itself (no combining mark to drop).
UNDECOMPOSED = str.maketrans({"đ": "d", "ı": "i", "ł": "l", "ø": "o"})


def words(query: str) -> list[str]:
    """The words of a user's search text; every dialect quotes them its own way."""
    return re.findall(r"\w+", query)


class Cursor:
    """A driver's connection or cursor taking statements with "?" placeholders.

    The drivers keep their own placeholder styles (sqlite3 "?", psycopg "%s"), so the
    statements are written once and translated here.
    """

    __slots__ = ("param", "raw")

    def __init__(self, raw: Any, param: str) -> None:
        self.raw = raw
        self.param = param

    def sql(self, sql: str) -> str:
        return sql if self.param == "?" else sql.replace("?", self.param)

    def execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self.raw.execute(self.sql(sql), tuple(args))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.raw.executemany(self.sql(sql), rows)

    def one(self, sql: str, args: Sequence[Any] = ()) -> Row | None:
        return self.execute(sql, args).fetchone()

    def all(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        return list(self.execute(sql, args))


class SQLStore(ABC):
    """The Store protocol over SQL; a subclass is one dialect (see the module's docstring)."""

    # Class attributes a dialect sets: the driver's placeholder, its name and words in the
    # migration scripts (``render``), the clause that locks a row read before an update,
    # the driver's errors for a value it refuses, and columns a bulk load of a table must
    # fill (with their value) beyond the shared ones.
    PARAM: ClassVar[str] = "?"
    DIALECT: ClassVar[str]
    WORDS: ClassVar[Mapping[str, str]]
    LOCK_ROW: ClassVar[str] = ""
    REFUSED: ClassVar[tuple[type[Exception], ...]] = ()
    LOAD_EXTRA: ClassVar[Mapping[str, Mapping[str, Any]]] = {}

    conn: Any

    # the dialect ----------------------------------------------------------------

    @property
    @abstractmethod
    def where(self) -> str:
        """The store's path or URL (without a password), for messages and stats."""

    @property
    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """One transaction on the connection, giving the driver's object to run statements."""

    @abstractmethod
    def _apply_migration(self, c: Cursor, version: int, sql: str) -> None:
        """Run one migration script and record its version, inside the caller's transaction."""

    @abstractmethod
    def _load(self, c: Cursor, table: str, columns: Sequence[str], rows: Iterable[Any]) -> None:
        """Insert many rows into a table, the fastest way the database has."""

    @abstractmethod
    def _link(self, c: Cursor, target: str, rows: Iterable[Any], is_json: bool = False) -> None:
        """Set a column (``target``: "table.column"; JSON or text) of many document rows.

        Each row is (document id, key, value). A caller names a document row at most once
        per call; a later call overrides an earlier one.
        """

    @abstractmethod
    def _index_document(self, c: Cursor, doc: Document, replaced: bool) -> None:
        """Make a stored document (new, or replacing an older version) findable by its words."""

    @abstractmethod
    def _index_entities(self, c: Cursor) -> None:
        """Make the entities resolution just wrote findable by their names and aliases."""

    @abstractmethod
    def _json(self, value: Any) -> Any:
        """A JSON column's value as Python data (one driver parses JSON, the other not)."""

    @abstractmethod
    def _json_items(self, expr: str, key: str, alias: str) -> str:
        """A FROM item with one row (column ``<alias>.value``) per text of an array field."""

    @abstractmethod
    def _json_text(self, expr: str, key: str) -> str:
        """An expression for a JSON object's field as text."""

    @abstractmethod
    def text_match(self, query: str) -> TextMatch | None:
        """SQL fragments for documents matching a full-text query; None for no words."""

    @abstractmethod
    def _entity_match(self, query: str) -> TextMatch | None:
        """The same fragments over the entities ``e`` (names and aliases; no snippet)."""

    def _clean(self, text: str) -> str:
        """Text as the database can hold it."""
        return text

    def _migrating(self) -> AbstractContextManager[Any]:
        """Held while migrations run: where several processes may migrate at once, a lock."""
        return nullcontext()

    # connection, schema ---------------------------------------------------------

    @property
    def _read(self) -> Cursor:
        return Cursor(self.conn, self.PARAM)

    @contextmanager
    def _tx(self) -> Iterator[Cursor]:
        with self._transaction() as raw:
            yield Cursor(raw, self.PARAM)

    def migrations(self) -> list[tuple[int, str]]:
        """(version, SQL) of every migration as this database runs it, in order."""
        return read_migrations(self.DIALECT, self.WORDS)

    def migrate(self) -> None:
        """Apply the migrations newer than the store's schema version, one transaction each."""
        with self._migrating():
            current = self.schema_version
            for version, sql in self.migrations():
                if version <= current:
                    continue
                log.info("migrating %s to schema v%d", self.where, version)
                with self._tx() as c:
                    self._apply_migration(c, version, sql)
                    if version == STATEMENTS_SCHEMA:
                        self._backfill_statements(c)

    def close(self) -> None:
        self.conn.close()

    # documents ------------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        return self.put_document(doc) != "unchanged"

    def put_document(self, doc: Document) -> Stored:
        refused: tuple[type[Exception], ...] = (UnicodeError, ValueError, *self.REFUSED)
        try:
            for _ in range(3):  # a concurrent writer may take the id or hash first: look again
                with self._tx() as c:
                    stored = self._put(c, doc)
                if stored is not None:
                    return stored
            return "unchanged"
        except refused as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise InputError(f"{doc.source or doc.id}: the store refused it ({reason})") from None

    def _put(self, c: Cursor, doc: Document) -> Stored | None:
        digest = doc.hash
        row = c.one(f"SELECT hash FROM documents WHERE id = ?{self.LOCK_ROW}", (doc.id,))
        if row and row["hash"] == digest:
            return "unchanged"
        if c.one("SELECT 1 AS found FROM documents WHERE hash = ?", (digest,)):
            return "unchanged"
        values = (
            digest,
            self._clean(doc.text),
            doc.url,
            doc.outlet,
            doc.published,
            doc.title,
            doc.dateline_place,
            doc.language,
            doc.source,
            now(),
            doc.id,
        )
        if row:
            c.execute(ARCHIVE_VERSION, (now(), doc.id))
            self._drop_extraction(c, doc.id)
            c.execute(REPLACE_DOCUMENT, values)
        elif c.execute(INSERT_DOCUMENT, values).rowcount != 1:
            return None
        self._index_document(c, doc, replaced=bool(row))
        return "updated" if row else "added"

    def _drop_extraction(self, c: Cursor, doc_id: str) -> None:
        for sql in DROP_EXTRACTION:
            c.execute(sql, (doc_id,))
        c.execute(BUMP_EXTRACTION_SERIAL)

    def document_versions(self, doc_id: str) -> list[DocumentVersion]:
        old = self._read.all(
            "SELECT version, hash, ingested_at, superseded_at FROM document_versions"
            " WHERE id = ? ORDER BY version",
            (doc_id,),
        )
        out = [
            DocumentVersion(r["version"], r["hash"], r["ingested_at"], r["superseded_at"])
            for r in old
        ]
        row = self._read.one(
            "SELECT version, hash, ingested_at FROM documents WHERE id = ?", (doc_id,)
        )
        if row:
            out.append(DocumentVersion(row["version"], row["hash"], row["ingested_at"]))
        return out

    def get_document_version(self, doc_id: str, version: int) -> Document | None:
        for sql in VERSION_OF:
            row = self._read.one(sql, (doc_id, version))
            if row:
                return self._doc(row)
        return None

    def _doc(self, row: Row) -> Document:
        return Document(**{k: row[k] for k in DOC_COLUMNS})

    def get_document(self, doc_id: str, text: bool = True) -> Document | None:
        cols = "*" if text else META_COLUMNS
        row = self._read.one(f"SELECT {cols} FROM documents WHERE id = ?", (doc_id,))
        return self._doc(row) if row else None

    def list_documents(self, limit: int = 50, offset: int = 0) -> list[Document]:
        rows = self._read.all(
            "SELECT * FROM documents ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [self._doc(r) for r in rows]

    def iter_documents(self) -> Iterator[Document]:
        # Keyset pages, not one cursor: memory stays flat and writes may interleave.
        last = ""
        while rows := self._read.all(
            "SELECT * FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, PAGE)
        ):
            for row in rows:
                yield self._doc(row)
            last = rows[-1]["id"]

    def pending_documents(self, pipeline: str) -> list[str]:
        rows = self._read.all(
            "SELECT d.id FROM documents d LEFT JOIN extractions e ON e.doc_id = d.id"
            " WHERE e.doc_id IS NULL OR e.pipeline != ? ORDER BY d.id",
            (pipeline,),
        )
        return [r["id"] for r in rows]

    # extractions ----------------------------------------------------------------

    def save_extraction(self, ext: Extraction) -> None:
        with self._tx() as c:
            self._drop_extraction(c, ext.doc_id)
            row = c.one("SELECT version FROM documents WHERE id = ?", (ext.doc_id,))
            version = int(row["version"]) if row else 1
            c.execute(
                "DELETE FROM statements WHERE doc_id = ? AND doc_version = ?",
                (ext.doc_id, version),
            )
            # The record is its statements; ``data`` (the whole extraction as JSON before
            # migration 008, read only by its backfill) is written empty.
            c.execute(
                "INSERT INTO extractions (doc_id, pipeline, data, n_errors, extracted_at,"
                " errors, terms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    ext.doc_id,
                    ext.pipeline,
                    EMPTY_BLOB,
                    len(ext.errors),
                    now(),
                    self._clean(json.dumps(ext.errors, ensure_ascii=False)),
                    self._clean(json.dumps(ext.terms, ensure_ascii=False)),
                ),
            )
            self._save_statements(c, statement_rows(ext, version))
            if ext.entities:
                c.executemany(
                    "INSERT INTO doc_entities (doc_id, key, name, type, n_mentions)"
                    " VALUES (?, ?, ?, ?, ?)",
                    [
                        (ext.doc_id, e.key, self._clean(e.name), e.type, len(e.mentions))
                        for e in ext.entities
                    ],
                )
            if ext.events:
                c.executemany(
                    "INSERT INTO doc_events (doc_id, key, type) VALUES (?, ?, ?)",
                    [(ext.doc_id, e.key, e.type) for e in ext.events],
                )

    def _save_statements(self, c: Cursor, rows: list[StatementRow]) -> None:
        clean = self._clean
        if clean(NUL) != NUL:  # only the text a database cannot hold costs a copy of each row
            rows = [(*r[:5], clean(r[5]), r[6], clean(r[7]), *r[8:]) for r in rows]
        self._load(c, "statements", STATEMENT_COLUMNS, rows)

    def _backfill_statements(self, c: Cursor) -> None:
        """Migration 008: the statements, errors and terms of every stored extraction blob
        (the current versions' and the archived ones'), written as a fresh save writes them."""
        n = 0
        for sql in (CURRENT_EXTRACTIONS, ARCHIVED_EXTRACTIONS):
            last: tuple[str, int] = ("", 0)
            while rows := c.all(sql, (*last, PAGE)):
                for row in rows:
                    ext = Extraction.from_dict(self._json(row["data"]))
                    self._save_statements(c, statement_rows(ext, int(row["version"])))
                    n += 1
                    if sql is CURRENT_EXTRACTIONS:
                        c.execute(
                            "UPDATE extractions SET errors = ?, terms = ? WHERE doc_id = ?",
                            (
                                self._clean(json.dumps(ext.errors, ensure_ascii=False)),
                                self._clean(json.dumps(ext.terms, ensure_ascii=False)),
                                row["doc_id"],
                            ),
                        )
                last = (rows[-1]["doc_id"], int(rows[-1]["version"]))
        log.info("wrote the statements of %d stored extractions", n)

    def get_statements(self, doc_id: str, version: int | None = None) -> list[Statement]:
        if version is None:
            row = self._read.one("SELECT version FROM documents WHERE id = ?", (doc_id,))
            if row is None:
                return []
            version = int(row["version"])
        rows = self._read.all(
            f"SELECT {STATEMENT_SELECT} FROM statements s WHERE doc_id = ? AND doc_version = ?"
            " ORDER BY seq",
            (doc_id, version),
        )
        return [from_row(r) for r in rows]

    def _extractions(self, heads: list[Row]) -> list[Extraction]:
        """The extractions of some extraction rows (with their document's version), each
        rebuilt from its statements: one read for all of them."""
        found: dict[str, list[Statement]] = {h["doc_id"]: [] for h in heads}
        for i in range(0, len(heads), 500):
            part = heads[i : i + 500]
            pairs = " OR ".join("(doc_id = ? AND doc_version = ?)" for _ in part)
            args = [v for h in part for v in (h["doc_id"], h["version"])]
            for r in self._read.all(
                f"SELECT {STATEMENT_SELECT} FROM statements s WHERE {pairs}", args
            ):
                found[r["doc_id"]].append(from_row(r))
        return [
            extraction(
                h["doc_id"],
                h["pipeline"],
                found[h["doc_id"]],
                self._json(h["errors"]),
                self._json(h["terms"]),
            )
            for h in heads
        ]

    def get_extraction(self, doc_id: str) -> Extraction | None:
        row = self._read.one(f"{EXTRACTION_HEADS} WHERE e.doc_id = ?", (doc_id,))
        return self._extractions([row])[0] if row else None

    def iter_extractions(self) -> Iterator[Extraction]:
        last = ""
        while rows := self._read.all(
            f"{EXTRACTION_HEADS} WHERE e.doc_id > ? ORDER BY e.doc_id LIMIT ?", (last, PAGE)
        ):
            yield from self._extractions(rows)
            last = rows[-1]["doc_id"]

    # resolution -----------------------------------------------------------------

    def save_resolution(
        self,
        entities: Iterable[CorpusEntity],
        events: Iterable[CorpusEvent],
        memberships: Iterable[tuple[str, str, str]] = (),
        versions: Iterable[tuple[str, str, dict[str, Any]]] = (),
        redirects: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        # Entities and events are lists in memory (the corpus-level view), read twice;
        # the big per-document streams (memberships, versions) are read once.
        entities, events = list(entities), list(events)
        with self._tx() as c:
            for sql in CLEAR_RESOLUTION:
                c.execute(sql)
            self._load_rows(c, "entities", ENTITY_COLUMNS, map(self._entity_values, entities))
            self._index_entities(c)
            members = ((d, k, ent.id) for ent in entities for d, k in ent.members)
            self._link(c, "doc_entities.entity_id", members)
            # Streamed memberships come second: where both name a member, they win.
            self._link(c, "doc_entities.entity_id", ((d, k, i) for i, d, k in memberships))
            self._load_rows(c, "events", EVENT_COLUMNS, map(self._event_values, events))
            members = ((d, k, ev.id) for ev in events for d, k in ev.members)
            self._link(c, "doc_events.event_id", members)
            dumped = (
                (d, k, self._clean(json.dumps(v, ensure_ascii=False))) for d, k, v in versions
            )
            self._link(c, "doc_events.version", dumped, is_json=True)
            for sql in COUNT_MEMBERS:
                c.execute(sql)
            self._remember_members(c)
            for kind, moved in (redirects or {}).items():
                c.execute("DELETE FROM redirects WHERE kind = ?", (kind,))
                if moved:
                    c.executemany(
                        "INSERT INTO redirects (kind, old_id, new_id, created_at)"
                        " VALUES (?, ?, ?, ?)",
                        [(kind, old, new, now()) for old, new in sorted(moved.items())],
                    )
            for sql in self._summary_statements():
                c.execute(sql)
            # The pages' summaries (store.summaries): ``c`` already takes "?" placeholders.
            summaries.refresh(self, c)

    def _entity_values(self, ent: CorpusEntity) -> tuple[Any, ...]:
        aliases = json.dumps(ent.aliases, ensure_ascii=False)
        attrs = json.dumps(ent.attrs, ensure_ascii=False)
        return (ent.id, self._clean(ent.name), ent.type, self._clean(aliases), self._clean(attrs))

    def _event_values(self, ev: CorpusEvent) -> tuple[Any, ...]:
        data = self._clean(json.dumps(ev.data, ensure_ascii=False))
        return (ev.id, ev.type, ev.date, ev.end_date, ev.location, data, 0)

    def _load_rows(
        self, c: Cursor, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
    ) -> None:
        extra = self.LOAD_EXTRA.get(table, {})
        if extra:
            columns = (*columns, *extra)
            rows = ((*row, *extra.values()) for row in rows)
        self._load(c, table, columns, rows)

    def _remember_members(self, c: Cursor) -> None:
        """Keep every member's last id, and the first it had (``member_ids``)."""
        for kind, table, column in IDENTITY:
            c.execute(
                "INSERT INTO member_ids (kind, doc_id, key, item_id, origin)"
                f" SELECT ?, doc_id, key, {column}, {column} FROM {table}"
                f" WHERE {column} IS NOT NULL ON CONFLICT (kind, doc_id, key)"
                " DO UPDATE SET item_id = excluded.item_id"
                " WHERE member_ids.item_id != excluded.item_id",
                (kind,),
            )

    def _summary_statements(self) -> tuple[str, ...]:
        """The statements that rewrite the summaries the query layer reads.

        Which entities take part in or host each event (migration 005), each entity's
        degree (articles + events) and country, and each article's facets (migration 006).
        """
        participants = self._json_items("d.version", "participants", "p")
        country = (
            f"COALESCE({self._json_text('attrs', 'country')},"
            f" CASE WHEN type = 'GPE' THEN {self._json_text('attrs', 'code')} END)"
        )
        return (
            "DELETE FROM event_entities",
            "INSERT INTO event_entities (event_id, entity_id, role)"
            f" SELECT d.event_id, p.value, 'participant' FROM doc_events d, {participants}"
            " WHERE d.event_id IS NOT NULL AND d.version IS NOT NULL ON CONFLICT DO NOTHING",
            "INSERT INTO event_entities (event_id, entity_id, role) SELECT id, location,"
            " 'place' FROM events WHERE location IS NOT NULL ON CONFLICT DO NOTHING",
            "UPDATE entities SET degree = n_docs + (SELECT COUNT(*) FROM event_entities x"
            " WHERE x.entity_id = entities.id AND x.role = 'participant')",
            f"UPDATE entities SET country = NULLIF({country}, '')",
            *FACETS,
        )

    def iter_member_ids(self, kind: str) -> Iterator[tuple[str, str, str, str]]:
        # Keyset pages by (document, key): memory stays flat over millions of members.
        last = ("", "")
        while rows := self._read.all(
            "SELECT doc_id, key, item_id, origin FROM member_ids WHERE kind = ?"
            " AND (doc_id, key) > (?, ?) ORDER BY doc_id, key LIMIT ?",
            (kind, *last, PAGE * 16),
        ):
            for r in rows:
                yield r["doc_id"], r["key"], r["item_id"], r["origin"]
            last = (rows[-1]["doc_id"], rows[-1]["key"])

    def live_ids(self, kind: str) -> set[str]:
        table = "entities" if kind == "entity" else "events"
        return {r["id"] for r in self._read.all(f"SELECT id FROM {table}")}

    def redirects(self, kind: str) -> dict[str, str]:
        rows = self._read.all("SELECT old_id, new_id FROM redirects WHERE kind = ?", (kind,))
        return {r["old_id"]: r["new_id"] for r in rows}

    def get_redirect(self, kind: str, old_id: str) -> str | None:
        row = self._read.one(
            "SELECT new_id FROM redirects WHERE kind = ? AND old_id = ?", (kind, old_id)
        )
        return str(row["new_id"]) if row else None

    def resolution_state(self) -> tuple[int, int]:
        rows = self._read.all("SELECT key, value FROM store_state")
        values = {r["key"]: int(r["value"]) for r in rows}
        return values["extraction_serial"], values["resolved_serial"]

    def mark_resolved(self, serial: int) -> None:
        with self._tx() as c:
            c.execute("UPDATE store_state SET value = ? WHERE key = 'resolved_serial'", (serial,))

    # corpus entities and events -------------------------------------------------

    def _members(self, table: str, column: str, item_id: str) -> list[tuple[str, str]]:
        rows = self._read.all(
            f"SELECT doc_id, key FROM {table} WHERE {column} = ? ORDER BY doc_id", (item_id,)
        )
        return [(r["doc_id"], r["key"]) for r in rows]

    def _entity(self, row: Row, members: bool = False) -> CorpusEntity:
        aliases, attrs = self._json(row["aliases"]), self._json(row["attrs"])
        ent = CorpusEntity(row["id"], row["name"], row["type"], aliases, attrs)
        if members:
            ent.members = self._members("doc_entities", "entity_id", row["id"])
        return ent

    def get_entity(self, entity_id: str) -> CorpusEntity | None:
        row = self._read.one("SELECT * FROM entities WHERE id = ?", (entity_id,))
        return self._entity(row, members=True) if row else None

    def list_entities(
        self, limit: int = 50, offset: int = 0, type_: str | None = None
    ) -> list[CorpusEntity]:
        where, args = ("WHERE type = ?", [type_]) if type_ else ("", [])
        order = "ORDER BY n_docs DESC, n_mentions DESC, name LIMIT ? OFFSET ?"
        return self.select_entities(f"{where} {order}", (*args, limit, offset))

    def _event(self, row: Row, members: bool = False) -> CorpusEvent:
        data = self._json(row["data"])
        ev = CorpusEvent(
            row["id"], row["type"], row["date"], row["end_date"], row["location"], data
        )
        if members:
            ev.members = self._members("doc_events", "event_id", row["id"])
        return ev

    def _with_versions(self, events: list[CorpusEvent]) -> list[CorpusEvent]:
        """Attach each source's version, kept on the document event rows, to its event."""
        by_id = {ev.id: ev for ev in events}
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            rows = self._read.all(
                "SELECT event_id, version FROM doc_events WHERE version IS NOT NULL AND"
                f" event_id IN ({', '.join('?' * len(part))}) ORDER BY event_id, doc_id, key",
                part,
            )
            for row in rows:
                data = by_id[row["event_id"]].data
                if data.get("versions") is None:
                    data["versions"] = []
                data["versions"].append(self._json(row["version"]))
        return events

    def get_event(self, event_id: str) -> CorpusEvent | None:
        row = self._read.one("SELECT * FROM events WHERE id = ?", (event_id,))
        return self._with_versions([self._event(row, members=True)])[0] if row else None

    def list_events(
        self, limit: int = 50, offset: int = 0, type_: str | None = None
    ) -> list[CorpusEvent]:
        where, args = ("WHERE type = ?", [type_]) if type_ else ("", [])
        order = "ORDER BY date DESC NULLS LAST, id LIMIT ? OFFSET ?"
        return self.select_events(f"{where} {order}", (*args, limit, offset))

    # reads for the query layer --------------------------------------------------

    def select(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self._read.all(sql, args)]

    def select_entities(self, where: str, args: Sequence[Any] = ()) -> list[CorpusEntity]:
        rows = self._read.all(f"SELECT * FROM entities {where}", args)
        return [self._entity(r) for r in rows]

    def select_events(self, where: str, args: Sequence[Any] = ()) -> list[CorpusEvent]:
        rows = self._read.all(f"SELECT * FROM events {where}", args)
        return self._with_versions([self._event(r) for r in rows])

    def _links(self, table: str, column: str) -> dict[tuple[str, str], str]:
        rows = self._read.all(
            f"SELECT doc_id, key, {column} AS item FROM {table} WHERE {column} IS NOT NULL"
        )
        return {(r["doc_id"], r["key"]): r["item"] for r in rows}

    def entity_links(self) -> dict[tuple[str, str], str]:
        return self._links("doc_entities", "entity_id")

    def event_links(self) -> dict[tuple[str, str], str]:
        return self._links("doc_events", "event_id")

    def entity_documents(self, entity_id: str) -> list[str]:
        rows = self._read.all(
            "SELECT DISTINCT doc_id FROM doc_entities WHERE entity_id = ? ORDER BY doc_id",
            (entity_id,),
        )
        return [r["doc_id"] for r in rows]

    # search ---------------------------------------------------------------------

    def search_documents(self, query: str, limit: int = 20) -> list[tuple[str, str, str]]:
        m = self.text_match(query)
        if m is None:
            return []
        rows = self._read.all(
            f"SELECT d.id AS id, d.title AS title, {m.snippet} AS snippet FROM {m.source}"
            f" WHERE {m.where} ORDER BY {m.order} LIMIT ?",
            (*m.args, limit),
        )
        return [(r["id"], r["title"] or "", r["snippet"]) for r in rows]

    def search_entities(self, query: str, limit: int = 20) -> list[CorpusEntity]:
        m = self._entity_match(query)
        if m is None:
            return []
        rows = self._read.all(
            f"SELECT e.* FROM {m.source} WHERE {m.where} ORDER BY e.n_docs DESC, {m.order} LIMIT ?",
            (*m.args, limit),
        )
        return [self._entity(r) for r in rows]

    # judgements -----------------------------------------------------------------

    def save_judgement(self, j: Judgement) -> None:
        left, right = sorted((j.left_id, j.right_id))
        with self._tx() as c:
            c.execute(
                "INSERT INTO judgements (left_id, right_id, kind, judgement, score, features,"
                " author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (kind, left_id, right_id) DO UPDATE SET"
                " judgement = excluded.judgement, score = excluded.score,"
                " features = excluded.features, author = excluded.author,"
                " created_at = excluded.created_at",
                (
                    left,
                    right,
                    j.kind,
                    j.judgement,
                    j.score,
                    json.dumps(j.features),
                    j.author,
                    j.created_at or now(),
                ),
            )

    def list_judgements(self, kind: str | None = None) -> list[Judgement]:
        where, args = (" WHERE kind = ?", [kind]) if kind else ("", [])
        rows = self._read.all(
            f"SELECT * FROM judgements{where} ORDER BY created_at, left_id, right_id", args
        )
        return [
            Judgement(
                r["kind"],
                r["left_id"],
                r["right_id"],
                r["judgement"],
                r["score"],
                self._json(r["features"]),
                r["author"],
                r["created_at"],
            )
            for r in rows
        ]

    def delete_judgement(self, kind: str, left_id: str, right_id: str) -> bool:
        left, right = sorted((left_id, right_id))
        with self._tx() as c:
            cur = c.execute(
                "DELETE FROM judgements WHERE kind = ? AND left_id = ? AND right_id = ?",
                (kind, left, right),
            )
            return bool(cur.rowcount > 0)

    def counts(self) -> dict[str, int]:
        out = {}
        for table in COUNTED:
            row = self._read.one(f"SELECT COUNT(*) AS n FROM {table}")
            out[table] = int(row["n"]) if row else 0
        return out

    def stats(self) -> dict[str, Any]:
        return {"path": self.where, "schema": self.schema_version, **self.counts()}
