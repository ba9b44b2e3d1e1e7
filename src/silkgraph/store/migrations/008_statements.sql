-- Statements are the stored fact: every value an extraction read (an entity's mention, name
-- and type, an amount, a quantity, a commodity, a role, an event's arguments, modality and
-- attribution) is one row about one subject of one document version, with its span, the
-- component that read it and the pipeline release. Records are rebuilt from them
-- (silkgraph.statements.extraction). Rows of a replaced version stay, under its number.
-- The rows of existing stores are written from the extraction blobs after this script
-- (SQLStore's backfill for version 8); errors and terms, which are not facts, move to
-- columns of their own.
CREATE TABLE statements (
    doc_id {text} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc_version INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    id {text} NOT NULL,
    schema {text} NOT NULL,
    subject {text} NOT NULL,
    prop {text} NOT NULL,
    value {text} NOT NULL,
    span_start INTEGER,
    span_end INTEGER,
    extractor {text} NOT NULL,
    pipeline {text} NOT NULL,
    PRIMARY KEY (doc_id, doc_version, seq)
){without_rowid};
ALTER TABLE extractions ADD COLUMN errors {json} NOT NULL DEFAULT '[]';
ALTER TABLE extractions ADD COLUMN terms {json} NOT NULL DEFAULT '{}';
