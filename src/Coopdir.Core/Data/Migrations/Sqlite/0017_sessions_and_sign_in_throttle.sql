-- security_stamp: copied into every session cookie and compared on each request; changing it (sign-out,
-- a new password, a disabled account) ends every session of the account at once.
ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN disabled_at TEXT;
UPDATE users SET security_stamp = lower(hex(randomblob(16)));

-- Failed sign-ins counted per key: a client address, an e-mail address (whether it has an account or
-- not, so the answers say nothing about which do), and the pair of both. See SignInThrottle.
CREATE TABLE sign_in_failures (
    key              TEXT PRIMARY KEY,
    failures         INTEGER NOT NULL,
    last_failed_at   TEXT NOT NULL,
    blocked_until    TEXT
);
