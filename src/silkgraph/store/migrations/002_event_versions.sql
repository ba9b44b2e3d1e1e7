-- Each source's version of a corpus event lives on its document event row, so that
-- resolution writes versions as it streams them instead of holding every one in memory.
ALTER TABLE doc_events ADD COLUMN version {json};
