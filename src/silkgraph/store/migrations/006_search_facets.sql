-- Search reads its facet counts by SQL aggregates instead of loading the corpus: each
-- article's entity types, countries and event types are kept in doc_facets, a summary that
-- resolution rewrites with event_entities; entities.country (attrs.country, or a GPE's
-- code) lets the country facet and filter be plain column reads.
ALTER TABLE entities ADD COLUMN country {text};
CREATE INDEX entities_country ON entities(country, n_docs DESC, name, id);
CREATE TABLE doc_facets (
    doc_id {text} NOT NULL,
    facet {text} NOT NULL CHECK (facet IN ('entity_type', 'country', 'event_type')),
    value {text} NOT NULL,
    PRIMARY KEY (facet, value, doc_id)
){without_rowid};
CREATE INDEX doc_facets_doc ON doc_facets(doc_id, facet, value);
-- [sqlite] A JSON field as text: json_extract gives numbers as numbers, ->> gives text.
UPDATE entities SET country = NULLIF(CAST(COALESCE(json_extract(attrs, '$.country'),
    CASE WHEN type = 'GPE' THEN json_extract(attrs, '$.code') END) AS TEXT), '');
-- [postgresql]
UPDATE entities SET country = NULLIF(COALESCE(attrs ->> 'country',
    CASE WHEN type = 'GPE' THEN attrs ->> 'code' END), '');
INSERT INTO doc_facets (doc_id, facet, value)
    SELECT l.doc_id, 'entity_type', e.type FROM doc_entities l JOIN entities e ON e.id = l.entity_id
    ON CONFLICT DO NOTHING;
INSERT INTO doc_facets (doc_id, facet, value)
    SELECT l.doc_id, 'country', e.country FROM doc_entities l JOIN entities e ON e.id = l.entity_id
    WHERE e.country IS NOT NULL ON CONFLICT DO NOTHING;
INSERT INTO doc_facets (doc_id, facet, value)
    SELECT d.doc_id, 'event_type', e.type FROM doc_events d JOIN events e ON e.id = d.event_id
    ON CONFLICT DO NOTHING;
