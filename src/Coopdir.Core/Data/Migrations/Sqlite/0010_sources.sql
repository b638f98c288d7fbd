-- Many sources, one record (Sources/). A source names its publisher and the vintage of the file last
-- read from it, and may be retired. What each source says about each of its records is kept whole
-- (source_records.content, an OrganizationContent snapshot): the record's values are merged from these
-- and from people's edits (field_edits), field by field, by the written precedence policy.
ALTER TABLE sources ADD COLUMN publisher TEXT;
ALTER TABLE sources ADD COLUMN vintage TEXT;
ALTER TABLE sources ADD COLUMN imported_at TEXT;
ALTER TABLE sources ADD COLUMN retired_at TEXT;

-- organization_id is NULL once the directory deleted the record: a re-import does not bring it back.
CREATE TABLE source_records (
    source_id        INTEGER NOT NULL REFERENCES sources(id),
    record_id        TEXT NOT NULL,
    organization_id  INTEGER,
    vintage          TEXT,
    content          TEXT NOT NULL,
    seen_at          TEXT NOT NULL,
    PRIMARY KEY (source_id, record_id)
);
CREATE INDEX ix_source_records_organization ON source_records(organization_id);

INSERT INTO source_records (source_id, record_id, organization_id, vintage, content, seen_at)
SELECT o.source_id, o.source_record_id, o.id, NULL, r.after_json, o.updated_at
FROM organizations o
JOIN revisions r ON r.organization_id = o.id AND r.revision = o.revision
WHERE o.source_id IS NOT NULL AND o.source_record_id IS NOT NULL AND r.after_json IS NOT NULL;

-- The fields a person set (an account's edit, proposal or merge): an import of a source older than the
-- edit does not overwrite them.
CREATE TABLE field_edits (
    organization_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    field            TEXT NOT NULL,
    revision         INTEGER NOT NULL,
    author           TEXT NOT NULL,
    edited_at        TEXT NOT NULL,
    PRIMARY KEY (organization_id, field)
);

-- A field's order of sources, where the default (newest vintage first) is not wanted.
CREATE TABLE source_precedence (
    field      TEXT NOT NULL,
    source_id  INTEGER NOT NULL REFERENCES sources(id),
    rank       INTEGER NOT NULL,
    PRIMARY KEY (field, source_id)
);

-- When a record was last confirmed (a source's vintage, a claimer's "still correct", an editor) and by whom.
ALTER TABLE organizations ADD COLUMN confirmed_at TEXT;
ALTER TABLE organizations ADD COLUMN confirmed_by TEXT;
UPDATE organizations SET confirmed_at = updated_at, confirmed_by = 'import';

-- Pairs that may be one organization twice, for people to decide. first_id < second_id; a decided
-- pair stays, so "not the same" never comes back.
CREATE TABLE duplicate_pairs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    first_id    INTEGER NOT NULL,
    second_id   INTEGER NOT NULL,
    score       REAL NOT NULL,
    reasons     TEXT NOT NULL,
    found_by    TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open',
    decided_by  TEXT,
    decided_at  TEXT,
    created_at  TEXT NOT NULL,
    UNIQUE (first_id, second_id)
);
CREATE INDEX ix_duplicate_pairs_status ON duplicate_pairs(status, score);

-- "Report a problem": anyone's note on a record, open until someone handles it.
CREATE TABLE problem_reports (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    text             TEXT NOT NULL,
    contact          TEXT,
    status           TEXT NOT NULL DEFAULT 'open',
    created_at       TEXT NOT NULL,
    handled_by       TEXT,
    handled_at       TEXT
);
CREATE INDEX ix_problem_reports_organization ON problem_reports(organization_id, status);
CREATE INDEX ix_problem_reports_status ON problem_reports(status, id);
