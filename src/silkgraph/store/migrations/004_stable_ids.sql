-- Stable ids: which event or entity each document item (a member) last belonged to, and the
-- id it was first given, so that re-resolution hands ids on; and the ids that went away by
-- merging, each redirecting to the id that took its members. Seeded from the current links,
-- so that a store made by an earlier release keeps its ids.
CREATE TABLE member_ids (
    kind {text} NOT NULL CHECK (kind IN ('entity', 'event')),
    doc_id {text} NOT NULL,
    key {text} NOT NULL,
    item_id {text} NOT NULL,
    origin {text} NOT NULL,
    PRIMARY KEY (kind, doc_id, key)
){without_rowid};
CREATE TABLE redirects (
    kind {text} NOT NULL CHECK (kind IN ('entity', 'event')),
    old_id {text} NOT NULL,
    new_id {text} NOT NULL,
    created_at {text} NOT NULL,
    PRIMARY KEY (kind, old_id)
);
INSERT INTO member_ids (kind, doc_id, key, item_id, origin)
    SELECT 'entity', doc_id, key, entity_id, entity_id FROM doc_entities WHERE entity_id IS NOT NULL;
INSERT INTO member_ids (kind, doc_id, key, item_id, origin)
    SELECT 'event', doc_id, key, event_id, event_id FROM doc_events WHERE event_id IS NOT NULL;
