-- [postgresql] Articles are indexed without their accents, as SQLite's FTS5 index
-- (unicode61 remove_diacritics 2) has always indexed them: "Urumqi" finds an article that
-- writes "Ürümqi" even where no entity's name spells it, and an accented capital folds
-- to its plain small letter ("ÜRÜMQI" is "urumqi"). The letters fold as Python's fold() folds
-- them (store/sql.py); a search's words are folded the same way (postgres.ts_query). The
-- fold is a function of its own, immutable, as a generated column requires; this migration
-- rewrites every article's index entry.
CREATE OR REPLACE FUNCTION silkgraph_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$SELECT translate(value, 'àáâãäåāăąçćčďđèéêëēėęěğìíîïīįıłñńňòóôõöøōőřśşšťùúûüūůűųýÿźżžÀÁÂÃÄÅĀĂĄÇĆČĎĐÈÉÊËĒĖĘĚĞÌÍÎÏĪĮŁÑŃŇÒÓÔÕÖØŌŐŘŚŞŠŤÙÚÛÜŪŮŰŲÝŸŹŻŽ', 'aaaaaaaaacccddeeeeeeeegiiiiiiilnnnoooooooorssstuuuuuuuuyyzzzaaaaaaaaacccddeeeeeeeegiiiiiilnnnoooooooorssstuuuuuuuuyyzzz')$$;
-- [postgresql]
ALTER TABLE documents DROP COLUMN tsv;
-- [postgresql]
ALTER TABLE documents ADD COLUMN tsv TSVECTOR GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', silkgraph_fold(coalesce(title, ''))), 'A') ||
    setweight(to_tsvector('simple', silkgraph_fold(left(text, 200000))), 'B')) STORED;
-- [postgresql]
CREATE INDEX documents_tsv ON documents USING GIN (tsv);
