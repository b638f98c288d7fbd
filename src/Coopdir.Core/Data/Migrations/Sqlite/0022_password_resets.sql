-- A password reset link: 256 random bits, of which only the SHA-256 is kept (see PasswordResets).
-- A link works once (used_at) and until expires_at; a new password ends every other link of the account.
CREATE TABLE password_resets (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    used_at       TEXT
);
CREATE INDEX ix_password_resets_user ON password_resets(user_id, created_at);

-- The organization page says when an edit to it waits for review.
CREATE INDEX ix_proposals_pending_organization ON proposals(organization_id) WHERE status = 'pending';
