"""SQLite store: one file, WAL, FTS5 search, versioned migrations, one writer.

Every write happens in a transaction, so a crash leaves either the whole document
(or extraction, or resolution) or none of it.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from silkgraph.errors import InputError, StoreError
from silkgraph.model import Document, Extraction
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


# Statements of document versions both stores run, with "?" placeholders (the PostgreSQL
# store turns them into its own, see ``postgres.pg``).
ARCHIVE_VERSION = (
    "INSERT INTO document_versions (id, version, hash, text, url, outlet, published,"
    " title, dateline_place, language, source, ingested_at, superseded_at, extraction)"
    " SELECT d.id, d.version, d.hash, d.text, d.url, d.outlet, d.published, d.title,"
    " d.dateline_place, d.language, d.source, d.ingested_at, ?, e.data"
    " FROM documents d LEFT JOIN extractions e ON e.doc_id = d.id WHERE d.id = ?"
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
BUMP_EXTRACTION_SERIAL = "UPDATE store_state SET value = value + 1 WHERE key = 'extraction_serial'"
OLD_VERSIONS = (
    "SELECT version, hash, ingested_at, superseded_at FROM document_versions"
    " WHERE id = ? ORDER BY version"
)
CURRENT_VERSION = "SELECT version, hash, ingested_at FROM documents WHERE id = ?"
# A document's version: the current one, else an archived one.
VERSION_OF = (
    "SELECT * FROM documents WHERE id = ? AND version = ?",
    "SELECT * FROM document_versions WHERE id = ? AND version = ?",
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

# The summary the query layer reads (migrations 005 and 006), rewritten by every resolution: which
# entities take part in or host each event, and each entity's degree (articles + events).
REFRESH_SUMMARY = (
    "DELETE FROM event_entities",
    "INSERT INTO event_entities (event_id, entity_id, role)"
    " SELECT d.event_id, p.value, 'participant'"
    " FROM doc_events d, json_each(d.version, '$.participants') p"
    " WHERE d.event_id IS NOT NULL AND d.version IS NOT NULL ON CONFLICT DO NOTHING",
    "INSERT INTO event_entities (event_id, entity_id, role)"
    " SELECT id, location, 'place' FROM events WHERE location IS NOT NULL ON CONFLICT DO NOTHING",
    "UPDATE entities SET degree = n_docs + (SELECT COUNT(*) FROM event_entities x"
    " WHERE x.entity_id = entities.id AND x.role = 'participant')",
    "UPDATE entities SET country = NULLIF(CAST(COALESCE(json_extract(attrs, '$.country'),"
    " CASE WHEN type = 'GPE' THEN json_extract(attrs, '$.code') END) AS TEXT), '')",
    *FACETS,
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) for every migration shipped with the package, in order."""
    out = []
    for item in resources.files("silkgraph.store.migrations").iterdir():
        m = re.match(r"^(\d+)_.*\.sql$", item.name)
        if m:
            out.append((int(m.group(1)), item.read_text(encoding="utf-8")))
    return sorted(out)


def fts_query(query: str) -> str:
    """Turn user text into a safe FTS5 query: each word quoted, all words required."""
    words = re.findall(r"\w+", query)
    return " ".join(f'"{w}"*' if i == len(words) - 1 else f'"{w}"' for i, w in enumerate(words))


class SQLiteStore:
    """The default store: a single SQLite file."""

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

    def migrate(self) -> None:
        """Apply the migrations newer than the file's schema version."""
        current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for version, sql in migrations():
            if version <= current:
                continue
            log.info("migrating %s to schema v%d", self.path, version)
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for stmt in _split_sql(sql):
                    self.conn.execute(stmt)
                self.conn.execute(f"PRAGMA user_version={version}")
                self.conn.execute("COMMIT")
            except Exception:
                self.conn.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self.conn.close()

    def _tx(self) -> _Tx:
        return _Tx(self.conn)

    # documents -------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        return self.put_document(doc) != "unchanged"

    def put_document(self, doc: Document) -> Stored:
        try:
            with self._tx() as c:
                return self._put(c, doc)
        except (UnicodeError, ValueError, sqlite3.IntegrityError) as err:
            raise InputError(f"{doc.source or doc.id}: the store refused it ({err})") from None

    def _put(self, c: sqlite3.Connection, doc: Document) -> Stored:
        digest = doc.hash
        row = c.execute("SELECT hash FROM documents WHERE id = ?", (doc.id,)).fetchone()
        if row and row[0] == digest:
            return "unchanged"
        if c.execute("SELECT 1 FROM documents WHERE hash = ?", (digest,)).fetchone():
            return "unchanged"
        values = (
            digest,
            doc.text,
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
            c.execute("DELETE FROM documents_fts WHERE id = ?", (doc.id,))
        else:
            c.execute(
                "INSERT INTO documents (hash, text, url, outlet, published, title,"
                " dateline_place, language, source, ingested_at, id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
        c.execute(
            "INSERT INTO documents_fts (id, title, text) VALUES (?, ?, ?)",
            (doc.id, doc.title or "", doc.text),
        )
        return "updated" if row else "added"

    def _drop_extraction(self, c: sqlite3.Connection, doc_id: str) -> None:
        for sql in DROP_EXTRACTION:
            c.execute(sql, (doc_id,))
        c.execute(BUMP_EXTRACTION_SERIAL)

    def document_versions(self, doc_id: str) -> list[DocumentVersion]:
        out = [DocumentVersion(*r) for r in self.conn.execute(OLD_VERSIONS, (doc_id,))]
        row = self.conn.execute(CURRENT_VERSION, (doc_id,)).fetchone()
        return out + ([DocumentVersion(*row)] if row else [])

    def get_document_version(self, doc_id: str, version: int) -> Document | None:
        for sql in VERSION_OF:
            row = self.conn.execute(sql, (doc_id, version)).fetchone()
            if row:
                return self._doc(row)
        return None

    def _doc(self, row: sqlite3.Row) -> Document:
        return Document(**{k: row[k] for k in DOC_COLUMNS})

    def get_document(self, doc_id: str, text: bool = True) -> Document | None:
        cols = "*" if text else META_COLUMNS
        row = self.conn.execute(f"SELECT {cols} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._doc(row) if row else None

    def list_documents(self, limit: int = 50, offset: int = 0) -> list[Document]:
        rows = self.conn.execute(
            "SELECT * FROM documents ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [self._doc(r) for r in rows]

    def iter_documents(self) -> Iterator[Document]:
        ids = [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]
        for doc_id in ids:
            doc = self.get_document(doc_id)
            if doc:
                yield doc

    def pending_documents(self, pipeline: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN extractions e ON e.doc_id = d.id"
            " WHERE e.doc_id IS NULL OR e.pipeline != ? ORDER BY d.id",
            (pipeline,),
        )
        return [r[0] for r in rows]

    # extractions -----------------------------------------------------------

    def save_extraction(self, ext: Extraction) -> None:
        data = json.dumps(ext.to_dict(), ensure_ascii=False)
        with self._tx() as c:
            self._drop_extraction(c, ext.doc_id)
            c.execute(
                "INSERT INTO extractions (doc_id, pipeline, data, n_errors, extracted_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (ext.doc_id, ext.pipeline, data, len(ext.errors), now()),
            )
            c.executemany(
                "INSERT INTO doc_entities (doc_id, key, name, type, n_mentions)"
                " VALUES (?, ?, ?, ?, ?)",
                [(ext.doc_id, e.key, e.name, e.type, len(e.mentions)) for e in ext.entities],
            )
            c.executemany(
                "INSERT INTO doc_events (doc_id, key, type) VALUES (?, ?, ?)",
                [(ext.doc_id, e.key, e.type) for e in ext.events],
            )

    def get_extraction(self, doc_id: str) -> Extraction | None:
        row = self.conn.execute(
            "SELECT data FROM extractions WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        return Extraction.from_dict(json.loads(row[0])) if row else None

    def iter_extractions(self) -> Iterator[Extraction]:
        cur = self.conn.execute("SELECT data FROM extractions ORDER BY doc_id")
        while rows := cur.fetchmany(256):
            for row in rows:
                yield Extraction.from_dict(json.loads(row[0]))

    # resolution ------------------------------------------------------------

    def save_resolution(
        self,
        entities: Iterable[CorpusEntity],
        events: Iterable[CorpusEvent],
        memberships: Iterable[tuple[str, str, str]] = (),
        versions: Iterable[tuple[str, str, dict[str, Any]]] = (),
        redirects: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        with self._tx() as c:
            c.execute("DELETE FROM entities")
            c.execute("DELETE FROM entities_fts")
            c.execute("DELETE FROM events")
            c.execute("UPDATE doc_entities SET entity_id = NULL WHERE entity_id IS NOT NULL")
            c.execute(
                "UPDATE doc_events SET event_id = NULL, version = NULL"
                " WHERE event_id IS NOT NULL OR version IS NOT NULL"
            )
            for ent in entities:
                c.execute(
                    "INSERT INTO entities (id, name, type, aliases, attrs) VALUES (?, ?, ?, ?, ?)",
                    (
                        ent.id,
                        ent.name,
                        ent.type,
                        json.dumps(ent.aliases, ensure_ascii=False),
                        json.dumps(ent.attrs, ensure_ascii=False),
                    ),
                )
                c.execute(
                    "INSERT INTO entities_fts (id, name, aliases) VALUES (?, ?, ?)",
                    (ent.id, ent.name, " ".join(ent.aliases)),
                )
                c.executemany(
                    "UPDATE doc_entities SET entity_id = ? WHERE doc_id = ? AND key = ?",
                    [(ent.id, d, k) for d, k in ent.members],
                )
            c.executemany(
                "UPDATE doc_entities SET entity_id = ? WHERE doc_id = ? AND key = ?", memberships
            )
            c.execute(
                "UPDATE entities SET (n_docs, n_mentions) = (SELECT COUNT(DISTINCT doc_id),"
                " COALESCE(SUM(n_mentions), 0) FROM doc_entities WHERE entity_id = entities.id)"
            )
            for ev in events:
                c.execute(
                    "INSERT INTO events (id, type, date, end_date, location, data)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        ev.id,
                        ev.type,
                        ev.date,
                        ev.end_date,
                        ev.location,
                        json.dumps(ev.data, ensure_ascii=False),
                    ),
                )
                c.executemany(
                    "UPDATE doc_events SET event_id = ? WHERE doc_id = ? AND key = ?",
                    [(ev.id, d, k) for d, k in ev.members],
                )
            c.executemany(
                "UPDATE doc_events SET version = ? WHERE doc_id = ? AND key = ?",
                ((json.dumps(v, ensure_ascii=False), d, k) for d, k, v in versions),
            )
            c.execute(
                "UPDATE events SET n_sources = (SELECT COUNT(DISTINCT doc_id)"
                " FROM doc_events WHERE event_id = events.id)"
            )
            for kind, table, column in IDENTITY:
                c.execute(
                    "INSERT INTO member_ids (kind, doc_id, key, item_id, origin)"
                    f" SELECT ?, doc_id, key, {column}, {column} FROM {table}"
                    f" WHERE {column} IS NOT NULL ON CONFLICT (kind, doc_id, key)"
                    " DO UPDATE SET item_id = excluded.item_id"
                    " WHERE member_ids.item_id != excluded.item_id",
                    (kind,),
                )
            for kind, moved in (redirects or {}).items():
                c.execute("DELETE FROM redirects WHERE kind = ?", (kind,))
                c.executemany(
                    "INSERT INTO redirects (kind, old_id, new_id, created_at) VALUES (?, ?, ?, ?)",
                    [(kind, old, new, now()) for old, new in sorted(moved.items())],
                )
            for sql in REFRESH_SUMMARY:
                c.execute(sql)
            summaries.refresh(self, c)

    def iter_member_ids(self, kind: str) -> Iterator[tuple[str, str, str, str]]:
        cur = self.conn.execute(
            "SELECT doc_id, key, item_id, origin FROM member_ids WHERE kind = ?"
            " ORDER BY doc_id, key",
            (kind,),
        )
        while rows := cur.fetchmany(1024):
            for r in rows:
                yield r[0], r[1], r[2], r[3]

    def live_ids(self, kind: str) -> set[str]:
        table = "entities" if kind == "entity" else "events"
        return {r[0] for r in self.conn.execute(f"SELECT id FROM {table}")}

    def redirects(self, kind: str) -> dict[str, str]:
        rows = self.conn.execute("SELECT old_id, new_id FROM redirects WHERE kind = ?", (kind,))
        return {r[0]: r[1] for r in rows}

    def get_redirect(self, kind: str, old_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT new_id FROM redirects WHERE kind = ? AND old_id = ?", (kind, old_id)
        ).fetchone()
        return str(row[0]) if row else None

    def resolution_state(self) -> tuple[int, int]:
        rows = dict(self.conn.execute("SELECT key, value FROM store_state").fetchall())
        return int(rows["extraction_serial"]), int(rows["resolved_serial"])

    def mark_resolved(self, serial: int) -> None:
        with self._tx() as c:
            c.execute("UPDATE store_state SET value = ? WHERE key = 'resolved_serial'", (serial,))

    def _entity(self, row: sqlite3.Row, members: bool = False) -> CorpusEntity:
        ent = CorpusEntity(
            row["id"],
            row["name"],
            row["type"],
            json.loads(row["aliases"]),
            json.loads(row["attrs"]),
        )
        if members:
            ent.members = [
                (r[0], r[1])
                for r in self.conn.execute(
                    "SELECT doc_id, key FROM doc_entities WHERE entity_id = ? ORDER BY doc_id",
                    (row["id"],),
                )
            ]
        return ent

    def get_entity(self, entity_id: str) -> CorpusEntity | None:
        row = self.conn.execute("SELECT * FROM entities WHERE id = ?", (entity_id,)).fetchone()
        return self._entity(row, members=True) if row else None

    def list_entities(
        self, limit: int = 50, offset: int = 0, type_: str | None = None
    ) -> list[CorpusEntity]:
        sql, args = "SELECT * FROM entities", []
        if type_:
            sql, args = sql + " WHERE type = ?", [type_]
        sql += " ORDER BY n_docs DESC, n_mentions DESC, name LIMIT ? OFFSET ?"
        return [self._entity(r) for r in self.conn.execute(sql, (*args, limit, offset))]

    def _event(self, row: sqlite3.Row, members: bool = False) -> CorpusEvent:
        ev = CorpusEvent(
            row["id"],
            row["type"],
            row["date"],
            row["end_date"],
            row["location"],
            json.loads(row["data"]),
        )
        if members:
            ev.members = [
                (r[0], r[1])
                for r in self.conn.execute(
                    "SELECT doc_id, key FROM doc_events WHERE event_id = ? ORDER BY doc_id",
                    (row["id"],),
                )
            ]
        return ev

    def _with_versions(self, events: list[CorpusEvent]) -> list[CorpusEvent]:
        """Attach each source's version, kept on the document event rows, to its event."""
        by_id = {ev.id: ev for ev in events}
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            rows = self.conn.execute(
                "SELECT event_id, version FROM doc_events WHERE version IS NOT NULL AND"
                f" event_id IN ({','.join('?' * len(part))}) ORDER BY event_id, doc_id, key",
                part,
            )
            for event_id, version in rows:
                data = by_id[event_id].data
                if data.get("versions") is None:
                    data["versions"] = []
                data["versions"].append(json.loads(version))
        return events

    def get_event(self, event_id: str) -> CorpusEvent | None:
        row = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,)).fetchone()
        return self._with_versions([self._event(row, members=True)])[0] if row else None

    def list_events(
        self, limit: int = 50, offset: int = 0, type_: str | None = None
    ) -> list[CorpusEvent]:
        sql, args = "SELECT * FROM events", []
        if type_:
            sql, args = sql + " WHERE type = ?", [type_]
        sql += " ORDER BY date DESC NULLS LAST, id LIMIT ? OFFSET ?"
        return self._with_versions(
            [self._event(r) for r in self.conn.execute(sql, (*args, limit, offset))]
        )

    # reads for the query layer --------------------------------------------

    def select(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, tuple(args))]

    def select_entities(self, where: str, args: Sequence[Any] = ()) -> list[CorpusEntity]:
        rows = self.conn.execute(f"SELECT * FROM entities {where}", tuple(args))
        return [self._entity(r) for r in rows]

    def select_events(self, where: str, args: Sequence[Any] = ()) -> list[CorpusEvent]:
        rows = self.conn.execute(f"SELECT * FROM events {where}", tuple(args))
        return self._with_versions([self._event(r) for r in rows])

    def entity_links(self) -> dict[tuple[str, str], str]:
        rows = self.conn.execute(
            "SELECT doc_id, key, entity_id FROM doc_entities WHERE entity_id IS NOT NULL"
        )
        return {(r[0], r[1]): r[2] for r in rows}

    def event_links(self) -> dict[tuple[str, str], str]:
        rows = self.conn.execute(
            "SELECT doc_id, key, event_id FROM doc_events WHERE event_id IS NOT NULL"
        )
        return {(r[0], r[1]): r[2] for r in rows}

    def entity_documents(self, entity_id: str) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT doc_id FROM doc_entities WHERE entity_id = ? ORDER BY doc_id",
                (entity_id,),
            )
        ]

    # search ----------------------------------------------------------------

    def search_documents(self, query: str, limit: int = 20) -> list[tuple[str, str, str]]:
        q = fts_query(query)
        if not q:
            return []
        rows = self.conn.execute(
            "SELECT id, title, snippet(documents_fts, 2, '[', ']', ' … ', 16) FROM documents_fts"
            " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
            (q, limit),
        )
        return [(r[0], r[1] or "", r[2]) for r in rows]

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
        )

    def search_entities(self, query: str, limit: int = 20) -> list[CorpusEntity]:
        q = fts_query(query)
        if not q:
            return []
        rows = self.conn.execute(
            "SELECT e.* FROM entities_fts f JOIN entities e ON e.id = f.id"
            " WHERE entities_fts MATCH ? ORDER BY e.n_docs DESC, rank LIMIT ?",
            (q, limit),
        )
        return [self._entity(r) for r in rows]

    # judgements ------------------------------------------------------------

    def save_judgement(self, j: Judgement) -> None:
        left, right = sorted((j.left_id, j.right_id))
        with self._tx() as c:
            c.execute(
                "INSERT OR REPLACE INTO judgements (left_id, right_id, kind, judgement,"
                " score, features, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
        sql, args = "SELECT * FROM judgements", []
        if kind:
            sql, args = sql + " WHERE kind = ?", [kind]
        rows = self.conn.execute(sql + " ORDER BY created_at, left_id, right_id", args)
        return [
            Judgement(
                r["kind"],
                r["left_id"],
                r["right_id"],
                r["judgement"],
                r["score"],
                json.loads(r["features"]),
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
            return cur.rowcount > 0

    def counts(self) -> dict[str, int]:
        tables = (
            "documents",
            "extractions",
            "doc_entities",
            "entities",
            "doc_events",
            "events",
            "judgements",
        )
        return {
            t: int(self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]) for t in tables
        }

    def stats(self) -> dict[str, Any]:
        return {"path": self.path, "schema": self.schema_version, **self.counts()}


class _Tx:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def _split_sql(sql: str) -> list[str]:
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
