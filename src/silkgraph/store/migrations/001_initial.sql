-- silkgraph schema v1: documents, per-document extractions, the resolved corpus view,
-- judgements (merge decisions), and full-text search.
--
-- One script per step for both databases, rendered by store/sql.py (render): {text} is
-- text that sorts by code point on both (PostgreSQL: COLLATE "C", as SQLite sorts), so
-- both stores list in one order; {json} a JSON value (PostgreSQL: a JSON column the driver
-- parses; SQLite: text); {real} a double; {without_rowid} a table SQLite clusters by its
-- primary key. A column of plain TEXT takes the database's own collation (these columns
-- order no list). A statement after a "-- [sqlite]" or "-- [postgresql]" line runs on that
-- database only.
CREATE TABLE documents (
    id {text} PRIMARY KEY,
    hash {text} NOT NULL UNIQUE,
    text {text} NOT NULL,
    url {text},
    outlet {text},
    published {text},
    title {text},
    dateline_place {text},
    language {text} NOT NULL DEFAULT 'en',
    source {text},
    ingested_at {text} NOT NULL
);
-- [postgresql] Documents are found by a tsvector column with a GIN index (SQLite: the FTS5
-- table below). The 'simple' configuration (no stemming) matches SQLite's unicode61
-- tokenizer, so both stores find the same documents. Only the first 200,000 characters of
-- a text are indexed: a tsvector holds at most 1 MB, and a huge article must still be
-- stored (and extracted) rather than rejected.
ALTER TABLE documents ADD COLUMN tsv TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('simple', left(text, 200000)), 'B')) STORED;
-- [postgresql]
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
CREATE TABLE extractions (
    doc_id {text} PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    pipeline {text} NOT NULL,
    data {json} NOT NULL,
    n_errors INTEGER NOT NULL DEFAULT 0,
    extracted_at {text} NOT NULL
);
-- One row per entity of one document, linked to its corpus-wide entity.
CREATE TABLE doc_entities (
    doc_id {text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key {text} NOT NULL,
    name {text} NOT NULL,
    type {text} NOT NULL,
    n_mentions INTEGER NOT NULL,
    entity_id {text},
    PRIMARY KEY (doc_id, key)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id);
CREATE TABLE entities (
    id {text} PRIMARY KEY,
    name {text} NOT NULL,
    type {text} NOT NULL,
    aliases {json} NOT NULL DEFAULT '[]',
    attrs {json} NOT NULL DEFAULT '{}',
    n_docs INTEGER NOT NULL DEFAULT 0,
    n_mentions INTEGER NOT NULL DEFAULT 0
);
-- [postgresql] Entities are found by their names and aliases (filled by resolution).
ALTER TABLE entities ADD COLUMN tsv TSVECTOR NOT NULL;
-- [postgresql]
CREATE INDEX entities_tsv ON entities USING GIN (tsv);
CREATE TABLE doc_events (
    doc_id {text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key {text} NOT NULL,
    type {text} NOT NULL,
    event_id {text},
    PRIMARY KEY (doc_id, key)
);
CREATE INDEX doc_events_event ON doc_events(event_id);
CREATE TABLE events (
    id {text} PRIMARY KEY,
    type {text} NOT NULL,
    date {text},
    end_date {text},
    location {text},
    data {json} NOT NULL,
    n_sources INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_date ON events(date);
CREATE TABLE judgements (
    left_id {text} NOT NULL,
    right_id {text} NOT NULL,
    kind {text} NOT NULL,
    judgement {text} NOT NULL CHECK (judgement IN ('positive', 'negative', 'unsure')),
    score {real},
    features {json} NOT NULL DEFAULT '{}',
    author {text} NOT NULL,
    created_at {text} NOT NULL,
    PRIMARY KEY (kind, left_id, right_id)
);
-- [sqlite]
CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2');
-- [sqlite]
CREATE VIRTUAL TABLE entities_fts USING fts5(id UNINDEXED, name, aliases, tokenize='unicode61 remove_diacritics 2');
