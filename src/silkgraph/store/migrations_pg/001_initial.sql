-- silkgraph PostgreSQL schema v1: the same tables as the SQLite schema, with tsvector
-- columns and GIN indexes in place of FTS5. The 'simple' configuration (no stemming)
-- matches SQLite's unicode61 tokenizer, so both stores find the same documents; every text
-- column sorts by code point (COLLATE "C") as SQLite does, so both stores list in one order.
-- Only the first 200,000 characters of a text are indexed: a tsvector holds at most 1 MB,
-- and a huge article must still be stored (and extracted) rather than rejected.
CREATE TABLE documents (
    id TEXT COLLATE "C" PRIMARY KEY,
    hash TEXT COLLATE "C" NOT NULL UNIQUE,
    text TEXT COLLATE "C" NOT NULL,
    url TEXT COLLATE "C",
    outlet TEXT COLLATE "C",
    published TEXT COLLATE "C",
    title TEXT COLLATE "C",
    dateline_place TEXT COLLATE "C",
    language TEXT COLLATE "C" NOT NULL DEFAULT 'en',
    source TEXT COLLATE "C",
    ingested_at TEXT COLLATE "C" NOT NULL,
    tsv TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', left(text, 200000)), 'B')) STORED
);
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
CREATE TABLE extractions (
    doc_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    pipeline TEXT COLLATE "C" NOT NULL,
    data JSON NOT NULL,
    n_errors INTEGER NOT NULL DEFAULT 0,
    extracted_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE doc_entities (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    n_mentions INTEGER NOT NULL,
    entity_id TEXT COLLATE "C",
    PRIMARY KEY (doc_id, key)
);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id);
CREATE TABLE entities (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    aliases JSON NOT NULL DEFAULT '[]',
    attrs JSON NOT NULL DEFAULT '{}',
    n_docs INTEGER NOT NULL DEFAULT 0,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    tsv TSVECTOR NOT NULL
);
CREATE INDEX entities_tsv ON entities USING GIN (tsv);
CREATE TABLE doc_events (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    event_id TEXT COLLATE "C",
    PRIMARY KEY (doc_id, key)
);
CREATE INDEX doc_events_event ON doc_events(event_id);
CREATE TABLE events (
    id TEXT COLLATE "C" PRIMARY KEY,
    type TEXT COLLATE "C" NOT NULL,
    date TEXT COLLATE "C",
    end_date TEXT COLLATE "C",
    location TEXT COLLATE "C",
    data JSON NOT NULL,
    n_sources INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_date ON events(date);
CREATE TABLE judgements (
    left_id TEXT COLLATE "C" NOT NULL,
    right_id TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    judgement TEXT COLLATE "C" NOT NULL CHECK (judgement IN ('positive', 'negative', 'unsure')),
    score DOUBLE PRECISION,
    features JSON NOT NULL DEFAULT '{}',
    author TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, left_id, right_id)
);
