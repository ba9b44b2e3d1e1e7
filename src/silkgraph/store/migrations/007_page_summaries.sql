-- Summaries the workbench pages read instead of every event's versions (see
-- store/summaries.py), rewritten at the end of every resolution: each event's list row
-- with the keys its filters compare (countries, outlets, the date with its inferred year),
-- the trade-flow rows per event and direction in page order, each place's row with its
-- event count, co-occurrence counts among the best-connected entities, and the network of
-- each entity named in very many articles. Their rows are made in Python (headlines, trade
-- directions), so this migration makes the tables empty and marks them unbuilt; the next
-- command that opens the store builds them.
CREATE TABLE event_rows (
    event_id {text} PRIMARY KEY,
    type {text} NOT NULL,
    sort_date {text} NOT NULL,
    filter_date {text},
    summary TEXT NOT NULL,
    words TEXT NOT NULL
){without_rowid};
CREATE INDEX event_rows_order ON event_rows(sort_date DESC, event_id);
CREATE INDEX event_rows_type_order ON event_rows(type, sort_date DESC, event_id);
CREATE TABLE event_keys (
    event_id {text} NOT NULL,
    facet {text} NOT NULL CHECK (facet IN ('country', 'outlet')),
    value {text} NOT NULL,
    PRIMARY KEY (facet, value, event_id)
){without_rowid};
CREATE TABLE trade_rows (
    list {text} NOT NULL CHECK (list IN ('flow', 'turnover')),
    rank INTEGER NOT NULL,
    event_id {text} NOT NULL,
    usd {real},
    row TEXT NOT NULL,
    PRIMARY KEY (list, rank)
){without_rowid};
CREATE INDEX trade_rows_event ON trade_rows(event_id);
CREATE TABLE place_rows (
    rank INTEGER NOT NULL PRIMARY KEY,
    entity_id {text} NOT NULL UNIQUE,
    country {text},
    kind {text},
    name TEXT NOT NULL,
    row TEXT NOT NULL
);
CREATE TABLE entity_pairs (
    a {text} NOT NULL,
    b {text} NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (a, b)
){without_rowid};
CREATE INDEX entity_pairs_n ON entity_pairs(n DESC, a, b);
CREATE TABLE entity_network (
    entity_id {text} NOT NULL,
    rank INTEGER NOT NULL,
    other_id {text} NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (entity_id, rank)
){without_rowid};
INSERT INTO store_state (key, value) VALUES ('summaries_built', 0);
-- The review queue reads its pending merges a page at a time, oldest first; an entity's
-- page reads its first articles in order without visiting every link it has.
CREATE INDEX judgements_queue ON judgements(kind, judgement, author, created_at, left_id, right_id);
CREATE INDEX doc_entities_entity_doc ON doc_entities(entity_id, doc_id, key);
