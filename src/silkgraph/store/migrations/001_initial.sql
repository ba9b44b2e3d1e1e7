-- silkgraph schema v1: documents, per-document extractions, the resolved corpus view,
-- judgements (merge decisions), and full-text search.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    published TEXT,
    title TEXT,
    dateline_place TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    source TEXT,
    ingested_at TEXT NOT NULL
);
CREATE TABLE extractions (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    pipeline TEXT NOT NULL,
    data TEXT NOT NULL,
    n_errors INTEGER NOT NULL DEFAULT 0,
    extracted_at TEXT NOT NULL
);
-- One row per entity of one document, linked to its corpus-wide entity.
CREATE TABLE doc_entities (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    n_mentions INTEGER NOT NULL,
    entity_id TEXT,
    PRIMARY KEY (doc_id, key)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    attrs TEXT NOT NULL DEFAULT '{}',
    n_docs INTEGER NOT NULL DEFAULT 0,
    n_mentions INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE doc_events (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    event_id TEXT,
    PRIMARY KEY (doc_id, key)
);
CREATE INDEX doc_events_event ON doc_events(event_id);
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    date TEXT,
    end_date TEXT,
    location TEXT,
    data TEXT NOT NULL,
    n_sources INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_date ON events(date);
CREATE TABLE judgements (
    left_id TEXT NOT NULL,
    right_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    judgement TEXT NOT NULL CHECK (judgement IN ('positive', 'negative', 'unsure')),
    score REAL,
    features TEXT NOT NULL DEFAULT '{}',
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (kind, left_id, right_id)
);
CREATE VIRTUAL TABLE documents_fts USING fts5(id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE entities_fts USING fts5(id UNINDEXED, name, aliases, tokenize='unicode61 remove_diacritics 2');
