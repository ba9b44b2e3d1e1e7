-- Indexed reads for the query layer: every list is read in its own order with a LIMIT and
-- a keyset cursor (the order's columns, then the id), so each needs an index in that order.
-- Which entities take part in or host each event is kept in event_entities, a summary that
-- resolution rewrites, so that an entity's events and the graph around it are index reads
-- instead of a scan of every event's versions; entities.degree (articles + events) ranks
-- the home page's most connected entities.
CREATE INDEX entities_rank ON entities(n_docs DESC, name, id);
CREATE INDEX entities_type_rank ON entities(type, n_docs DESC, name, id);
CREATE INDEX events_order ON events(COALESCE(date, '') DESC, id);
CREATE INDEX events_type_order ON events(type, COALESCE(date, '') DESC, id);
CREATE INDEX events_location ON events(location);
CREATE INDEX documents_order ON documents(COALESCE(published, '') DESC, id);
CREATE TABLE event_entities (
    event_id {text} NOT NULL,
    entity_id {text} NOT NULL,
    role {text} NOT NULL CHECK (role IN ('participant', 'place')),
    PRIMARY KEY (event_id, role, entity_id)
){without_rowid};
CREATE INDEX event_entities_entity ON event_entities(entity_id, role, event_id);
ALTER TABLE entities ADD COLUMN degree INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entities_degree ON entities(degree DESC, id);
-- [sqlite] Each version's participants: a JSON array read by the database's own functions.
INSERT OR IGNORE INTO event_entities (event_id, entity_id, role)
    SELECT d.event_id, p.value, 'participant' FROM doc_events d, json_each(d.version, '$.participants') p
    WHERE d.event_id IS NOT NULL AND d.version IS NOT NULL;
-- [postgresql]
INSERT INTO event_entities (event_id, entity_id, role)
    SELECT d.event_id, p.value, 'participant'
    FROM doc_events d, json_array_elements_text(d.version -> 'participants') p(value)
    WHERE d.event_id IS NOT NULL AND d.version IS NOT NULL
    ON CONFLICT DO NOTHING;
INSERT INTO event_entities (event_id, entity_id, role)
    SELECT id, location, 'place' FROM events WHERE location IS NOT NULL
    ON CONFLICT DO NOTHING;
UPDATE entities SET degree = n_docs + (SELECT COUNT(*) FROM event_entities x
    WHERE x.entity_id = entities.id AND x.role = 'participant');
