-- The event list's outlet facet means what every other page means by an event's outlet:
-- each report version's outlet (its article's, or the one the report cites where the
-- article names none), as event_keys holds it. Migration 009 filled it from the articles'
-- outlets alone; the rows are taken again from the versions (decision 121).
DELETE FROM event_facets WHERE facet = 'outlet';
-- [sqlite]
INSERT INTO event_facets (event_id, facet, value)
    SELECT DISTINCT w.event_id, 'outlet', json_extract(w.version, '$.outlet')
    FROM doc_events w WHERE w.event_id IS NOT NULL AND w.version IS NOT NULL
    AND json_extract(w.version, '$.outlet') IS NOT NULL
    AND json_extract(w.version, '$.outlet') <> '';
-- [postgresql]
INSERT INTO event_facets (event_id, facet, value)
    SELECT DISTINCT w.event_id, 'outlet', w.version ->> 'outlet'
    FROM doc_events w WHERE w.event_id IS NOT NULL AND w.version IS NOT NULL
    AND w.version ->> 'outlet' IS NOT NULL AND w.version ->> 'outlet' <> '';
