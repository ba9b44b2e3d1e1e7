-- Document versions: an id stored again with other content becomes the new current row of
-- `documents` (its version number goes up); the row it replaces, with the extraction it
-- had, is kept here, so no input is ever dropped and every older version stays readable.
ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE document_versions (
    id {text} NOT NULL,
    version INTEGER NOT NULL,
    hash {text} NOT NULL,
    text {text} NOT NULL,
    url TEXT,
    outlet TEXT,
    published TEXT,
    title TEXT,
    dateline_place TEXT,
    language TEXT NOT NULL,
    source TEXT,
    ingested_at TEXT NOT NULL,
    superseded_at TEXT NOT NULL,
    extraction {json},
    PRIMARY KEY (id, version)
);
CREATE INDEX document_versions_hash ON document_versions(hash);
-- Counters that make resolution a tracked stage: every write that changes the extractions
-- bumps extraction_serial; a finished resolution records the serial it covered. A store
-- whose resolved_serial lags has a resolution to finish (an earlier run stopped before
-- its end). A store made before this migration counts as behind when it has extracted
-- entities and none of them is linked to a corpus entity.
CREATE TABLE store_state (
    key {text} PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO store_state (key, value) VALUES ('extraction_serial', 1);
INSERT INTO store_state (key, value) SELECT 'resolved_serial',
    CASE WHEN EXISTS (SELECT 1 FROM doc_entities)
          AND NOT EXISTS (SELECT 1 FROM doc_entities WHERE entity_id IS NOT NULL)
    THEN 0 ELSE 1 END;
