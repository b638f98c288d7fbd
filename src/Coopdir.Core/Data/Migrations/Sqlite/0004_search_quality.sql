-- Search that matches and ranks the same on both stores: every store indexes the words Coopdir
-- computes (Search/SearchDocument.cs: normalized words, co-op spellings as one, English stems),
-- never its own analysis. Store.Migrate re-indexes existing organizations after this runs.

-- One document per organization; detail=none because matching needs only which rows hold a word
-- (ranking uses the columns below), and prefix indexes keep short as-you-type prefixes fast.
DROP TABLE organizations_fts;
CREATE VIRTUAL TABLE organization_search USING fts5(
    document,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3',
    detail = none,
    content = '',
    contentless_delete = 1
);

ALTER TABLE organizations ADD COLUMN search_name TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN search_head TEXT NOT NULL DEFAULT '';
ALTER TABLE organizations ADD COLUMN completeness INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_organizations_search_name ON organizations(search_name);

-- Words of names and places, for typo correction.
CREATE TABLE search_terms (
    term  TEXT PRIMARY KEY
) WITHOUT ROWID;
