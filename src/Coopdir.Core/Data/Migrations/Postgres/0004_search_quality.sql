-- Search that matches and ranks the same on both stores: every store indexes the words Coopdir
-- computes (Search/SearchDocument.cs: normalized words, co-op spellings as one, English stems),
-- never its own analysis. Store.Migrate re-indexes existing organizations after this runs.
-- search_document now holds to_tsvector('simple', document), unweighted.

ALTER TABLE organizations ADD COLUMN search_name text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN search_head text NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN completeness integer NOT NULL DEFAULT 0;
CREATE INDEX ix_organizations_search_name ON organizations(search_name);

-- Ties are broken by name_key in code-point order, as SQLite compares text, whatever the database's locale.
ALTER TABLE organizations ALTER COLUMN name_key TYPE text COLLATE "C";

-- Words of names and places, for typo correction; "C" so that a first-letter range reads as on SQLite.
CREATE TABLE search_terms (
    term  text COLLATE "C" PRIMARY KEY
);

-- Slugs compare byte-wise too: finding the free "name-N" slug reads an index range.
ALTER TABLE organizations ALTER COLUMN slug TYPE text COLLATE "C";
