-- Summaries the workbench pages read instead of every event's versions (see the SQLite
-- migration 007 for the why): made empty and marked unbuilt; the next command that opens
-- the store builds them, and every resolution rewrites them.
CREATE TABLE event_rows (
    event_id TEXT COLLATE "C" PRIMARY KEY,
    type TEXT COLLATE "C" NOT NULL,
    sort_date TEXT COLLATE "C" NOT NULL,
    filter_date TEXT COLLATE "C",
    summary TEXT NOT NULL,
    words TEXT NOT NULL
);
CREATE INDEX event_rows_order ON event_rows(sort_date DESC, event_id);
CREATE INDEX event_rows_type_order ON event_rows(type, sort_date DESC, event_id);
CREATE TABLE event_keys (
    event_id TEXT COLLATE "C" NOT NULL,
    facet TEXT COLLATE "C" NOT NULL CHECK (facet IN ('country', 'outlet')),
    value TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (facet, value, event_id)
);
CREATE TABLE trade_rows (
    list TEXT COLLATE "C" NOT NULL CHECK (list IN ('flow', 'turnover')),
    rank INTEGER NOT NULL,
    event_id TEXT COLLATE "C" NOT NULL,
    usd DOUBLE PRECISION,
    row TEXT NOT NULL,
    PRIMARY KEY (list, rank)
);
CREATE INDEX trade_rows_event ON trade_rows(event_id);
CREATE TABLE place_rows (
    rank INTEGER NOT NULL PRIMARY KEY,
    entity_id TEXT COLLATE "C" NOT NULL UNIQUE,
    country TEXT COLLATE "C",
    kind TEXT COLLATE "C",
    name TEXT NOT NULL,
    row TEXT NOT NULL
);
CREATE TABLE entity_pairs (
    a TEXT COLLATE "C" NOT NULL,
    b TEXT COLLATE "C" NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX entity_pairs_n ON entity_pairs(n DESC, a, b);
CREATE TABLE entity_network (
    entity_id TEXT COLLATE "C" NOT NULL,
    rank INTEGER NOT NULL,
    other_id TEXT COLLATE "C" NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (entity_id, rank)
);
INSERT INTO store_state (key, value) VALUES ('summaries_built', 0);
-- The review queue reads its pending merges a page at a time, oldest first; an entity's
-- page reads its first articles in order without visiting every link it has.
CREATE INDEX judgements_queue ON judgements(kind, judgement, author, created_at, left_id, right_id);
CREATE INDEX doc_entities_entity_doc ON doc_entities(entity_id, doc_id, key);
