-- Search reads its facet counts by SQL aggregates (see the SQLite migration 006 for the
-- why): doc_facets, rewritten by resolution, and entities.country.
ALTER TABLE entities ADD COLUMN country TEXT COLLATE "C";
CREATE INDEX entities_country ON entities(country, n_docs DESC, name, id);
CREATE TABLE doc_facets (
    doc_id TEXT COLLATE "C" NOT NULL,
    facet TEXT COLLATE "C" NOT NULL CHECK (facet IN ('entity_type', 'country', 'event_type')),
    value TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (facet, value, doc_id)
);
CREATE INDEX doc_facets_doc ON doc_facets(doc_id, facet, value);
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
