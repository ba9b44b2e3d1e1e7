"""PostgreSQL store: the same protocol as SQLiteStore, for corpora and teams beyond one file.

Full-text search uses tsvector columns with GIN indexes; schema changes are versioned
migrations (``store/migrations_pg``) recorded in ``schema_migrations``; every write runs
in one transaction, so a crash leaves a document, an extraction or a resolution whole or
absent. Bulk writes of a resolution go through COPY so that 100k documents stay cheap.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
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
from silkgraph.store.sqlite import (
    ARCHIVE_VERSION,
    BUMP_EXTRACTION_SERIAL,
    CURRENT_VERSION,
    DOC_COLUMNS,
    DROP_EXTRACTION,
    FACETS,
    IDENTITY,
    META_COLUMNS,
    OLD_VERSIONS,
    REPLACE_DOCUMENT,
    VERSION_OF,
    now,
)

try:
    import psycopg
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - the extra is optional
    psycopg = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

PAGE = 256
# Any constant works: it only has to be the same for every silkgraph process.
MIGRATION_LOCK = 0x51_1C_6A_4F


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) for every PostgreSQL migration shipped with the package, in order."""
    out = []
    for item in resources.files("silkgraph.store.migrations_pg").iterdir():
        m = re.match(r"^(\d+)_.*\.sql$", item.name)
        if m:
            out.append((int(m.group(1)), item.read_text(encoding="utf-8")))
    return sorted(out)


def ts_query(query: str) -> str:
    """Turn user text into a safe tsquery: every word required, the last one as a prefix."""
    words = [w.lower() for w in re.findall(r"\w+", query)]
    return " & ".join(f"{w}:*" if i == len(words) - 1 else w for i, w in enumerate(words))


# The summary the query layer reads (see ``sqlite.REFRESH_SUMMARY``), in PostgreSQL's form.
REFRESH_SUMMARY = (
    "DELETE FROM event_entities",
    "INSERT INTO event_entities (event_id, entity_id, role)"
    " SELECT d.event_id, p.value, 'participant'"
    " FROM doc_events d, json_array_elements_text(d.version -> 'participants') p(value)"
    " WHERE d.event_id IS NOT NULL AND d.version IS NOT NULL ON CONFLICT DO NOTHING",
    "INSERT INTO event_entities (event_id, entity_id, role)"
    " SELECT id, location, 'place' FROM events WHERE location IS NOT NULL ON CONFLICT DO NOTHING",
    "UPDATE entities SET degree = n_docs + (SELECT COUNT(*) FROM event_entities x"
    " WHERE x.entity_id = entities.id AND x.role = 'participant')",
    "UPDATE entities SET country = NULLIF(COALESCE(attrs ->> 'country',"
    " CASE WHEN type = 'GPE' THEN attrs ->> 'code' END), '')",
    *FACETS,
)


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL; one replacement character keeps every span offset.
    return text.replace("\x00", "\ufffd")


def pg(sql: str) -> str:
    """A statement written for SQLite ("?" placeholders) in PostgreSQL's form ("%s")."""
    return sql.replace("?", "%s")


class PostgresStore:
    """A store in a PostgreSQL database named by a ``postgresql://`` URL."""

    def __init__(self, url: str) -> None:
        if psycopg is None:
            raise StoreError("PostgreSQL support needs psycopg: pip install 'silkgraph[postgres]'")
        self.url = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        except psycopg.Error as err:
            raise StoreError(
                f"cannot connect to {_redact(url)}: {str(err).strip().splitlines()[0]}"
            ) from None
        try:
            self.migrate()
        except psycopg.Error as err:
            self.conn.close()
            raise StoreError(f"cannot prepare the schema in {_redact(url)}: {err}") from None

    def migrate(self) -> None:
        """Apply the migrations newer than the database's schema version, one transaction each."""
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            current = self.schema_version
            for version, sql in migrations():
                if version <= current:
                    continue
                log.info("migrating %s to schema v%d", _redact(self.url), version)
                with self.conn.transaction():
                    self.conn.execute(sql.encode("utf-8"))
                    self.conn.execute(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (%s, %s)",
                        (version, now()),
                    )

    @property
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations"
        ).fetchone()
        return int(row["v"]) if row else 0

    def close(self) -> None:
        self.conn.close()

    # documents -------------------------------------------------------------

    def add_document(self, doc: Document) -> bool:
        return self.put_document(doc) != "unchanged"

    def put_document(self, doc: Document) -> Stored:
        try:
            for _ in range(3):  # a concurrent writer may take the id or hash first: look again
                with self.conn.transaction(), self.conn.cursor() as c:
                    stored = self._put(c, doc)
                if stored is not None:
                    return stored
            return "unchanged"
        except (psycopg.DataError, UnicodeError, ValueError) as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise InputError(f"{doc.source or doc.id}: the store refused it ({reason})") from None

    def _put(self, c: Any, doc: Document) -> Stored | None:
        digest = doc.hash
        row = c.execute("SELECT hash FROM documents WHERE id = %s FOR UPDATE", (doc.id,)).fetchone()
        if row and row["hash"] == digest:
            return "unchanged"
        if c.execute("SELECT 1 FROM documents WHERE hash = %s", (digest,)).fetchone():
            return "unchanged"
        values = (
            digest,
            _clean(doc.text),
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
        if not row:
            c.execute(
                "INSERT INTO documents (hash, text, url, outlet, published, title,"
                " dateline_place, language, source, ingested_at, id)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                values,
            )
            return "added" if c.rowcount == 1 else None
        c.execute(pg(ARCHIVE_VERSION), (now(), doc.id))
        self._drop_extraction(c, doc.id)
        c.execute(pg(REPLACE_DOCUMENT), values)
        return "updated"

    def _drop_extraction(self, c: Any, doc_id: str) -> None:
        for sql in DROP_EXTRACTION:
            c.execute(pg(sql), (doc_id,))
        c.execute(BUMP_EXTRACTION_SERIAL)

    def document_versions(self, doc_id: str) -> list[DocumentVersion]:
        old = self.conn.execute(pg(OLD_VERSIONS), (doc_id,)).fetchall()
        out = [
            DocumentVersion(r["version"], r["hash"], r["ingested_at"], r["superseded_at"])
            for r in old
        ]
        row = self.conn.execute(pg(CURRENT_VERSION), (doc_id,)).fetchone()
        if row:
            out.append(DocumentVersion(row["version"], row["hash"], row["ingested_at"]))
        return out

    def get_document_version(self, doc_id: str, version: int) -> Document | None:
        for sql in VERSION_OF:
            row = self.conn.execute(pg(sql), (doc_id, version)).fetchone()
            if row:
                return self._doc(row)
        return None

    def _doc(self, row: dict[str, Any]) -> Document:
        return Document(**{k: row[k] for k in DOC_COLUMNS})

    def get_document(self, doc_id: str, text: bool = True) -> Document | None:
        cols = "*" if text else META_COLUMNS
        row = self.conn.execute(f"SELECT {cols} FROM documents WHERE id = %s", (doc_id,)).fetchone()
        return self._doc(row) if row else None

    def list_documents(self, limit: int = 50, offset: int = 0) -> list[Document]:
        rows = self.conn.execute(
            "SELECT * FROM documents ORDER BY published DESC NULLS LAST, id LIMIT %s OFFSET %s",
            (limit, offset),
        )
        return [self._doc(r) for r in rows]

    def iter_documents(self) -> Iterator[Document]:
        # Keyset pages, not one cursor: memory stays flat and writes may interleave.
        last = ""
        while rows := self.conn.execute(
            "SELECT * FROM documents WHERE id > %s ORDER BY id LIMIT %s", (last, PAGE)
        ).fetchall():
            for row in rows:
                yield self._doc(row)
            last = rows[-1]["id"]

    def pending_documents(self, pipeline: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN extractions e ON e.doc_id = d.id"
            " WHERE e.doc_id IS NULL OR e.pipeline != %s ORDER BY d.id",
            (pipeline,),
        )
        return [r["id"] for r in rows]

    # extractions -----------------------------------------------------------

    def save_extraction(self, ext: Extraction) -> None:
        data = _clean(json.dumps(ext.to_dict(), ensure_ascii=False))
        with self.conn.transaction(), self.conn.cursor() as c:
            self._drop_extraction(c, ext.doc_id)
            c.execute(
                "INSERT INTO extractions (doc_id, pipeline, data, n_errors, extracted_at)"
                " VALUES (%s, %s, %s, %s, %s)",
                (ext.doc_id, ext.pipeline, data, len(ext.errors), now()),
            )
            if ext.entities:
                c.executemany(
                    "INSERT INTO doc_entities (doc_id, key, name, type, n_mentions)"
                    " VALUES (%s, %s, %s, %s, %s)",
                    [
                        (ext.doc_id, e.key, _clean(e.name), e.type, len(e.mentions))
                        for e in ext.entities
                    ],
                )
            if ext.events:
                c.executemany(
                    "INSERT INTO doc_events (doc_id, key, type) VALUES (%s, %s, %s)",
                    [(ext.doc_id, e.key, e.type) for e in ext.events],
                )

    def get_extraction(self, doc_id: str) -> Extraction | None:
        row = self.conn.execute(
            "SELECT data FROM extractions WHERE doc_id = %s", (doc_id,)
        ).fetchone()
        return Extraction.from_dict(row["data"]) if row else None

    def iter_extractions(self) -> Iterator[Extraction]:
        last = ""
        while rows := self.conn.execute(
            "SELECT doc_id, data FROM extractions WHERE doc_id > %s ORDER BY doc_id LIMIT %s",
            (last, PAGE),
        ).fetchall():
            for row in rows:
                yield Extraction.from_dict(row["data"])
            last = rows[-1]["doc_id"]

    # resolution ------------------------------------------------------------

    def save_resolution(
        self,
        entities: Iterable[CorpusEntity],
        events: Iterable[CorpusEvent],
        memberships: Iterable[tuple[str, str, str]] = (),
        versions: Iterable[tuple[str, str, dict[str, Any]]] = (),
        redirects: Mapping[str, Mapping[str, str]] | None = None,
    ) -> None:
        with self.conn.transaction(), self.conn.cursor() as c:
            c.execute("DELETE FROM entities")
            c.execute("DELETE FROM events")
            c.execute("UPDATE doc_entities SET entity_id = NULL WHERE entity_id IS NOT NULL")
            c.execute(
                "UPDATE doc_events SET event_id = NULL, version = NULL"
                " WHERE event_id IS NOT NULL OR version IS NOT NULL"
            )
            c.execute(
                'CREATE TEMP TABLE links (doc_id TEXT COLLATE "C", key TEXT COLLATE'
                ' "C", item_id TEXT COLLATE "C") ON COMMIT DROP'
            )
            # One COPY at a time on a connection: entities and events are lists in memory
            # (the corpus-level view); the big per-document streams are not.
            entities, events = list(entities), list(events)
            with c.copy("COPY entities (id, name, type, aliases, attrs, tsv) FROM STDIN") as copy:
                for ent in entities:
                    copy.write_row(
                        (
                            ent.id,
                            _clean(ent.name),
                            ent.type,
                            _clean(json.dumps(ent.aliases, ensure_ascii=False)),
                            _clean(json.dumps(ent.attrs, ensure_ascii=False)),
                            "",
                        )
                    )
            with c.copy("COPY links (doc_id, key, item_id) FROM STDIN") as copy:
                for ent in entities:
                    for d, k in ent.members:
                        copy.write_row((d, k, ent.id))
                for entity_id, d, k in memberships:
                    copy.write_row((d, k, entity_id))
            c.execute(
                "UPDATE entities SET tsv = to_tsvector('simple', name || ' ' ||"
                " coalesce((SELECT string_agg(a, ' ') FROM json_array_elements_text(aliases)"
                " a), ''))"
            )
            c.execute(
                "UPDATE doc_entities d SET entity_id = l.item_id FROM links l"
                " WHERE d.doc_id = l.doc_id AND d.key = l.key"
            )
            c.execute(
                "UPDATE entities e SET n_mentions = s.n, n_docs = s.docs FROM (SELECT"
                " entity_id, SUM(n_mentions) AS n, COUNT(DISTINCT doc_id) AS docs"
                " FROM doc_entities WHERE entity_id IS NOT NULL GROUP BY entity_id) s"
                " WHERE s.entity_id = e.id"
            )
            c.execute("TRUNCATE links")
            with c.copy(
                "COPY events (id, type, date, end_date, location, data) FROM STDIN"
            ) as copy:
                for ev in events:
                    copy.write_row(
                        (
                            ev.id,
                            ev.type,
                            ev.date,
                            ev.end_date,
                            ev.location,
                            _clean(json.dumps(ev.data, ensure_ascii=False)),
                        )
                    )
            with c.copy("COPY links (doc_id, key, item_id) FROM STDIN") as copy:
                for ev in events:
                    for d, k in ev.members:
                        copy.write_row((d, k, ev.id))
            c.execute(
                "UPDATE doc_events d SET event_id = l.item_id FROM links l"
                " WHERE d.doc_id = l.doc_id AND d.key = l.key"
            )
            c.execute(
                'CREATE TEMP TABLE versions (doc_id TEXT COLLATE "C", key TEXT COLLATE "C",'
                " version JSON) ON COMMIT DROP"
            )
            with c.copy("COPY versions (doc_id, key, version) FROM STDIN") as copy:
                for d, k, v in versions:
                    copy.write_row((d, k, _clean(json.dumps(v, ensure_ascii=False))))
            c.execute(
                "UPDATE doc_events d SET version = v.version FROM versions v"
                " WHERE d.doc_id = v.doc_id AND d.key = v.key"
            )
            c.execute(
                "UPDATE events e SET n_sources = s.n FROM (SELECT event_id,"
                " COUNT(DISTINCT doc_id) AS n FROM doc_events WHERE event_id IS NOT NULL"
                " GROUP BY event_id) s WHERE s.event_id = e.id"
            )
            for kind, table, column in IDENTITY:
                c.execute(
                    "INSERT INTO member_ids (kind, doc_id, key, item_id, origin)"
                    f" SELECT %s, doc_id, key, {column}, {column} FROM {table}"
                    f" WHERE {column} IS NOT NULL ON CONFLICT (kind, doc_id, key)"
                    " DO UPDATE SET item_id = EXCLUDED.item_id"
                    " WHERE member_ids.item_id != EXCLUDED.item_id",
                    (kind,),
                )
            for kind, moved in (redirects or {}).items():
                c.execute("DELETE FROM redirects WHERE kind = %s", (kind,))
                if moved:
                    c.executemany(
                        "INSERT INTO redirects (kind, old_id, new_id, created_at)"
                        " VALUES (%s, %s, %s, %s)",
                        [(kind, old, new, now()) for old, new in sorted(moved.items())],
                    )
            for sql in REFRESH_SUMMARY:
                c.execute(sql)
            summaries.refresh(self, c, "postgres")

    def iter_member_ids(self, kind: str) -> Iterator[tuple[str, str, str, str]]:
        # Keyset pages by (document, key): memory stays flat over millions of members.
        last = ("", "")
        while rows := self.conn.execute(
            "SELECT doc_id, key, item_id, origin FROM member_ids WHERE kind = %s"
            " AND (doc_id, key) > (%s, %s) ORDER BY doc_id, key LIMIT %s",
            (kind, *last, PAGE * 16),
        ).fetchall():
            for r in rows:
                yield r["doc_id"], r["key"], r["item_id"], r["origin"]
            last = (rows[-1]["doc_id"], rows[-1]["key"])

    def live_ids(self, kind: str) -> set[str]:
        table = "entities" if kind == "entity" else "events"
        return {r["id"] for r in self.conn.execute(f"SELECT id FROM {table}")}

    def redirects(self, kind: str) -> dict[str, str]:
        rows = self.conn.execute("SELECT old_id, new_id FROM redirects WHERE kind = %s", (kind,))
        return {r["old_id"]: r["new_id"] for r in rows}

    def get_redirect(self, kind: str, old_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT new_id FROM redirects WHERE kind = %s AND old_id = %s", (kind, old_id)
        ).fetchone()
        return str(row["new_id"]) if row else None

    def resolution_state(self) -> tuple[int, int]:
        rows = self.conn.execute("SELECT key, value FROM store_state").fetchall()
        values = {r["key"]: int(r["value"]) for r in rows}
        return values["extraction_serial"], values["resolved_serial"]

    def mark_resolved(self, serial: int) -> None:
        self.conn.execute(
            "UPDATE store_state SET value = %s WHERE key = 'resolved_serial'", (serial,)
        )

    def _members(self, table: str, column: str, item_id: str) -> list[tuple[str, str]]:
        rows = self.conn.execute(
            f"SELECT doc_id, key FROM {table} WHERE {column} = %s ORDER BY doc_id", (item_id,)
        )
        return [(r["doc_id"], r["key"]) for r in rows]

    def _entity(self, row: dict[str, Any], members: bool = False) -> CorpusEntity:
        ent = CorpusEntity(row["id"], row["name"], row["type"], row["aliases"], row["attrs"])
        if members:
            ent.members = self._members("doc_entities", "entity_id", row["id"])
        return ent

    def get_entity(self, entity_id: str) -> CorpusEntity | None:
        row = self.conn.execute("SELECT * FROM entities WHERE id = %s", (entity_id,)).fetchone()
        return self._entity(row, members=True) if row else None

    def list_entities(
        self, limit: int = 50, offset: int = 0, type_: str | None = None
    ) -> list[CorpusEntity]:
        sql, args = "SELECT * FROM entities", []
        if type_:
            sql, args = sql + " WHERE type = %s", [type_]
        sql += " ORDER BY n_docs DESC, n_mentions DESC, name LIMIT %s OFFSET %s"
        return [self._entity(r) for r in self.conn.execute(sql, (*args, limit, offset))]

    def _event(self, row: dict[str, Any], members: bool = False) -> CorpusEvent:
        ev = CorpusEvent(
            row["id"], row["type"], row["date"], row["end_date"], row["location"], row["data"]
        )
        if members:
            ev.members = self._members("doc_events", "event_id", row["id"])
        return ev

    def _with_versions(self, events: list[CorpusEvent]) -> list[CorpusEvent]:
        """Attach each source's version, kept on the document event rows, to its event."""
        by_id = {ev.id: ev for ev in events}
        ids = list(by_id)
        for i in range(0, len(ids), 500):
            rows = self.conn.execute(
                "SELECT event_id, version FROM doc_events WHERE version IS NOT NULL AND"
                ' event_id = ANY(%s) ORDER BY event_id, doc_id COLLATE "C", key COLLATE "C"',
                (ids[i : i + 500],),
            )
            for row in rows:
                data = by_id[row["event_id"]].data
                if data.get("versions") is None:
                    data["versions"] = []
                data["versions"].append(row["version"])
        return events

    def get_event(self, event_id: str) -> CorpusEvent | None:
        row = self.conn.execute("SELECT * FROM events WHERE id = %s", (event_id,)).fetchone()
        return self._with_versions([self._event(row, members=True)])[0] if row else None

    def list_events(
        self, limit: int = 50, offset: int = 0, type_: str | None = None
    ) -> list[CorpusEvent]:
        sql, args = "SELECT * FROM events", []
        if type_:
            sql, args = sql + " WHERE type = %s", [type_]
        sql += " ORDER BY date DESC NULLS LAST, id LIMIT %s OFFSET %s"
        return self._with_versions(
            [self._event(r) for r in self.conn.execute(sql, (*args, limit, offset))]
        )

    # reads for the query layer --------------------------------------------

    def select(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return list(self.conn.execute(pg(sql), tuple(args)))

    def select_entities(self, where: str, args: Sequence[Any] = ()) -> list[CorpusEntity]:
        rows = self.conn.execute(pg(f"SELECT * FROM entities {where}"), tuple(args))
        return [self._entity(r) for r in rows]

    def select_events(self, where: str, args: Sequence[Any] = ()) -> list[CorpusEvent]:
        rows = self.conn.execute(pg(f"SELECT * FROM events {where}"), tuple(args))
        return self._with_versions([self._event(r) for r in rows])

    def entity_links(self) -> dict[tuple[str, str], str]:
        rows = self.conn.execute(
            "SELECT doc_id, key, entity_id FROM doc_entities WHERE entity_id IS NOT NULL"
        )
        return {(r["doc_id"], r["key"]): r["entity_id"] for r in rows}

    def event_links(self) -> dict[tuple[str, str], str]:
        rows = self.conn.execute(
            "SELECT doc_id, key, event_id FROM doc_events WHERE event_id IS NOT NULL"
        )
        return {(r["doc_id"], r["key"]): r["event_id"] for r in rows}

    def entity_documents(self, entity_id: str) -> list[str]:
        return [
            r["doc_id"]
            for r in self.conn.execute(
                "SELECT DISTINCT doc_id FROM doc_entities WHERE entity_id = %s ORDER BY doc_id",
                (entity_id,),
            )
        ]

    # search ----------------------------------------------------------------

    def search_documents(self, query: str, limit: int = 20) -> list[tuple[str, str, str]]:
        q = ts_query(query)
        if not q:
            return []
        rows = self.conn.execute(
            "SELECT id, title, ts_headline('simple', text, query, 'StartSel=[, StopSel=],"
            " MaxWords=16, MinWords=6, MaxFragments=1') AS snippet"
            " FROM documents, to_tsquery('simple', %s) query WHERE tsv @@ query"
            " ORDER BY ts_rank(tsv, query) DESC, id LIMIT %s",
            (q, limit),
        )
        return [(r["id"], r["title"] or "", r["snippet"]) for r in rows]

    def text_match(self, query: str) -> TextMatch | None:
        q = ts_query(query)
        if not q:
            return None
        return TextMatch(
            "documents d, to_tsquery('simple', ?) query",
            "d.tsv @@ query",
            [q],
            "ts_rank(d.tsv, query) DESC, d.id",
            "ts_headline('simple', d.text, query, 'StartSel=[, StopSel=],"
            " MaxWords=16, MinWords=6, MaxFragments=1')",
        )

    def search_entities(self, query: str, limit: int = 20) -> list[CorpusEntity]:
        q = ts_query(query)
        if not q:
            return []
        rows = self.conn.execute(
            "SELECT e.* FROM entities e, to_tsquery('simple', %s) query WHERE e.tsv @@ query"
            " ORDER BY e.n_docs DESC, ts_rank(e.tsv, query) DESC, e.id LIMIT %s",
            (q, limit),
        )
        return [self._entity(r) for r in rows]

    # judgements ------------------------------------------------------------

    def save_judgement(self, j: Judgement) -> None:
        left, right = sorted((j.left_id, j.right_id))
        with self.conn.transaction():
            self.conn.execute(
                "INSERT INTO judgements (left_id, right_id, kind, judgement, score, features,"
                " author, created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (kind, left_id, right_id) DO UPDATE SET"
                " judgement = EXCLUDED.judgement, score = EXCLUDED.score,"
                " features = EXCLUDED.features, author = EXCLUDED.author,"
                " created_at = EXCLUDED.created_at",
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
            sql, args = sql + " WHERE kind = %s", [kind]
        rows = self.conn.execute(sql + " ORDER BY created_at, left_id, right_id", args)
        return [
            Judgement(
                r["kind"],
                r["left_id"],
                r["right_id"],
                r["judgement"],
                r["score"],
                r["features"],
                r["author"],
                r["created_at"],
            )
            for r in rows
        ]

    def delete_judgement(self, kind: str, left_id: str, right_id: str) -> bool:
        left, right = sorted((left_id, right_id))
        with self.conn.transaction():
            cur = self.conn.execute(
                "DELETE FROM judgements WHERE kind = %s AND left_id = %s AND right_id = %s",
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
        out = {}
        for t in tables:
            row = self.conn.execute(f"SELECT COUNT(*) AS n FROM {t}").fetchone()
            out[t] = int(row["n"]) if row else 0
        return out

    def stats(self) -> dict[str, Any]:
        return {"path": _redact(self.url), "schema": self.schema_version, **self.counts()}


def _redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
