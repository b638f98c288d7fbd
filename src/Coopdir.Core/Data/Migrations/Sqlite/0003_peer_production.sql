-- Peer production: accounts and their API tokens, proposals and their review, claims of listings,
-- the data-protection key ring (shared by every app instance), and who made each revision.

CREATE TABLE users (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    email            TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL,
    failed_sign_ins  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT,
    created_at       TEXT NOT NULL
);

-- Only a SHA-256 of each token is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL UNIQUE,
    label         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    revoked_at    TEXT
);
CREATE INDEX ix_api_tokens_user ON api_tokens(user_id);

CREATE TABLE proposals (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    action           TEXT NOT NULL,
    organization_id  INTEGER,
    merge_into       INTEGER,
    base_revision    INTEGER,
    patch_json       TEXT NOT NULL,
    summary          TEXT NOT NULL,
    author_id        INTEGER NOT NULL REFERENCES users(id),
    status           TEXT NOT NULL,
    held_because     TEXT,
    reason           TEXT,
    reviewer_id      INTEGER REFERENCES users(id),
    applied_revision INTEGER,
    created_at       TEXT NOT NULL,
    reviewed_at      TEXT
);
CREATE INDEX ix_proposals_status ON proposals(status, id);
CREATE INDEX ix_proposals_author ON proposals(author_id, id);

CREATE TABLE claims (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token            TEXT NOT NULL UNIQUE,
    status           TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    verified_at      TEXT
);
CREATE INDEX ix_claims_organization ON claims(organization_id, user_id);

CREATE TABLE data_protection_keys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    friendly_name  TEXT NOT NULL UNIQUE,
    xml            TEXT NOT NULL
);

ALTER TABLE revisions ADD COLUMN user_id INTEGER;
CREATE INDEX ix_revisions_user ON revisions(user_id, id);
