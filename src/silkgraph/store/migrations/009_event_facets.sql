-- The event list's modality and outlet facets read a summary instead of every report:
-- event_facets holds, for each event, the modality of each of its reports' versions and
-- the outlet of each of its reports' articles (as the list has always counted them: the
-- article's own outlet, where event_keys keeps the outlet a version names), one row per
-- distinct value, so that a filter is an index probe and a count a range read. Resolution
-- rewrites it with the other summaries (store/summaries.py); an existing store gets its
-- rows from the same reports here.
CREATE TABLE event_facets (
    event_id {text} NOT NULL,
    facet {text} NOT NULL CHECK (facet IN ('modality', 'outlet')),
    value {text} NOT NULL,
    PRIMARY KEY (facet, value, event_id)
){without_rowid};
-- [sqlite] A version's modality as the list compared it: json_extract of the version.
INSERT INTO event_facets (event_id, facet, value)
    SELECT DISTINCT w.event_id, 'modality', json_extract(w.version, '$.modality')
    FROM doc_events w WHERE w.event_id IS NOT NULL AND w.version IS NOT NULL
    AND json_extract(w.version, '$.modality') IS NOT NULL;
-- [postgresql]
INSERT INTO event_facets (event_id, facet, value)
    SELECT DISTINCT w.event_id, 'modality', w.version ->> 'modality'
    FROM doc_events w WHERE w.event_id IS NOT NULL AND w.version IS NOT NULL
    AND w.version ->> 'modality' IS NOT NULL;
INSERT INTO event_facets (event_id, facet, value)
    SELECT DISTINCT w.event_id, 'outlet', o.outlet
    FROM doc_events w JOIN documents o ON o.id = w.doc_id
    WHERE w.event_id IS NOT NULL AND o.outlet IS NOT NULL AND o.outlet <> '';
