"""PostgreSQL store: the same statements as SQLiteStore, for corpora and teams beyond one file.

This module holds what is PostgreSQL's own: the connection, nested transactions, migrations
recorded in ``schema_migrations`` under an advisory lock,
tsvector columns with GIN indexes for full-text search, JSON columns the driver parses,
bulk loads through COPY (so that 100k documents stay cheap), and NUL bytes, which
PostgreSQL text cannot hold.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from silkgraph.errors import StoreError
from silkgraph.model import Document
from silkgraph.store.base import TextMatch
from silkgraph.store.sql import Cursor, SQLStore, fold, now, read_migrations, words

try:
    import psycopg
    from psycopg.rows import dict_row
except ImportError:  # pragma: no cover - the extra is optional
    psycopg = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

# Any constant works: it only has to be the same for every silkgraph process.
MIGRATION_LOCK = 0x51_1C_6A_4F

# ts_headline's options for a snippet like SQLite's: the matches in brackets, about 16 words.
HEADLINE = "'StartSel=[, StopSel=], MaxWords=16, MinWords=6, MaxFragments=1'"

__all__ = ["PostgresStore", "migrations", "now", "ts_query"]


def migrations() -> list[tuple[int, str]]:
    """(version, SQL) for every migration as PostgreSQL runs it, in order."""
    return read_migrations(PostgresStore.DIALECT, PostgresStore.WORDS)


def ts_query(query: str, spellings: Mapping[str, Iterable[str]] | None = None) -> str:
    """Turn user text into a safe tsquery: every word required, the last one as a prefix.

    Each word may be any of its forms: as typed, lowered, without accents, and the other
    spellings ``spellings`` gives for its folded form ("Ürümqi" for "urumqi"). PostgreSQL
    lowers only ASCII letters in a database without a locale, so an accented capital is
    kept in a lexeme; the forms cover the spellings as they are written.
    """
    found = words(query)
    parts = []
    for i, w in enumerate(found):
        forms = [w, w.lower(), w[:1].upper() + w[1:].lower(), fold(w)]
        forms += [f for s in (spellings or {}).get(fold(w), ()) for f in (s, s.lower())]
        suffix = ":*" if i == len(found) - 1 else ""
        alts = [f + suffix for f in dict.fromkeys(forms) if re.fullmatch(r"\w+", f)]
        parts.append(alts[0] if len(alts) == 1 else "(" + " | ".join(alts) + ")")
    return " & ".join(parts)


# Entities whose names give a search's words their accented spellings, at most.
SPELLING_ENTITIES = 50


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database named by a ``postgresql://`` URL."""

    PARAM = "%s"
    DIALECT = "postgresql"
    # Text sorts by code point (COLLATE "C") as SQLite's does; JSON columns the driver parses.
    TEXT = 'TEXT COLLATE "C"'
    WORDS = {"text": TEXT, "json": "JSON", "real": "DOUBLE PRECISION", "without_rowid": ""}
    LOCK_ROW = " FOR UPDATE"
    REFUSED = (psycopg.DataError,) if psycopg else ()
    # entities.tsv is NOT NULL: loaded empty, then filled by _index_entities.
    LOAD_EXTRA = {"entities": {"tsv": ""}}

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

    @property
    def where(self) -> str:
        return _redact(self.url)

    @property
    def schema_version(self) -> int:
        row = self.conn.execute(
            "SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations"
        ).fetchone()
        return int(row["v"]) if row else 0

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        # Inside another transaction (the migrations' lock) this is a savepoint.
        with self.conn.transaction(), self.conn.cursor() as c:
            yield c

    @contextmanager
    def _migrating(self) -> Iterator[None]:
        """One transaction holding an advisory lock: concurrent starts migrate once."""
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            self.conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            yield

    def _apply_migration(self, c: Cursor, version: int, sql: str) -> None:
        c.raw.execute(sql.encode("utf-8"))
        c.execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", (version, now())
        )

    def _load(self, c: Cursor, table: str, columns: Sequence[str], rows: Iterable[Any]) -> None:
        # One COPY at a time on a connection: the rows are written as they come.
        with c.raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _link(self, c: Cursor, target: str, rows: Iterable[Any], is_json: bool = False) -> None:
        # COPY into a temporary table and one UPDATE ... FROM: row by row is far slower.
        table, column = target.split(".")
        kind = "JSON" if is_json else self.TEXT
        c.execute(
            f"CREATE TEMP TABLE links (doc_id {self.TEXT}, key {self.TEXT}, value {kind})"
            " ON COMMIT DROP"
        )
        self._load(c, "links", ("doc_id", "key", "value"), rows)
        c.execute(
            f"UPDATE {table} t SET {column} = l.value FROM links l"
            " WHERE t.doc_id = l.doc_id AND t.key = l.key"
        )
        c.execute("DROP TABLE links")

    def _clean(self, text: str) -> str:
        # PostgreSQL text cannot hold NUL; one replacement character keeps every span offset.
        return text.replace("\x00", "\ufffd")

    def _json(self, value: Any) -> Any:
        return value

    def _json_items(self, expr: str, key: str, alias: str) -> str:
        return f"json_array_elements_text({expr} -> '{key}') {alias}(value)"

    def _json_text(self, expr: str, key: str) -> str:
        return f"({expr} ->> '{key}')"

    # full-text search: tsvector columns ('simple': no stemming, as SQLite's unicode61) --

    def _index_document(self, c: Cursor, doc: Document, replaced: bool) -> None:
        """Nothing to do: documents.tsv is a generated column."""

    def _index_entities(self, c: Cursor) -> None:
        # Each name and alias also without its accents (as SQLite's index removes them),
        # folded by the function migration 010 defines.
        names = (
            "name || ' ' || coalesce((SELECT string_agg(a, ' ')"
            " FROM json_array_elements_text(aliases) a), '')"
        )
        c.execute(
            f"UPDATE entities SET tsv = to_tsvector('simple', {names} || ' ' ||"
            f" silkgraph_fold({names}))"
        )

    def text_match(self, query: str) -> TextMatch | None:
        q = ts_query(query, self._spellings(query))
        if not q:
            return None
        return TextMatch(
            "documents d, to_tsquery('simple', ?) query",
            "d.tsv @@ query",
            [q],
            "ts_rank(d.tsv, query) DESC, d.id",
            f"ts_headline('simple', d.text, query, {HEADLINE})",
            "SELECT COUNT(*) AS n FROM documents d WHERE d.tsv @@ to_tsquery('simple', ?)",
        )

    def _spellings(self, query: str) -> dict[str, list[str]]:
        """The accented spellings of the query's words among the entities' names and
        aliases, by folded word ("urumqi": ["Ürümqi"]).

        The documents' index holds their words folded (migration 010), so a search finds
        them by the folded form alone; the spellings let an article's snippet, which is cut
        from the text as written, mark the word as the article writes it.
        """
        found = [f for w in words(query) if re.fullmatch(r"\w+", f := fold(w))]
        if not found:
            return {}
        q = " | ".join(f"{w}:*" if i == len(found) - 1 else w for i, w in enumerate(found))
        rows = self._read.all(
            "SELECT name, aliases FROM entities WHERE tsv @@ to_tsquery('simple', ?)"
            " ORDER BY n_docs DESC, id LIMIT ?",
            (q, SPELLING_ENTITIES),
        )
        out: dict[str, list[str]] = {}
        last = found[-1]
        for r in rows:
            for name in [r["name"], *(r["aliases"] or [])]:
                for token in words(name):
                    plain = fold(token)
                    if token.isascii() or plain == token.lower():
                        continue
                    for w in found:
                        if plain == w or (w == last and plain.startswith(w)):
                            out.setdefault(w, []).append(token if plain == w else token[: len(w)])
        return {w: list(dict.fromkeys(v)) for w, v in out.items()}

    def _entity_match(self, query: str) -> TextMatch | None:
        q = ts_query(query)
        if not q:
            return None
        return TextMatch(
            "entities e, to_tsquery('simple', ?) query",
            "e.tsv @@ query",
            [q],
            "ts_rank(e.tsv, query) DESC, e.id",
            "",
        )


def _redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
