-- Clearing between currencies (on this instance or another): each operator records its side of an agreement with a
-- peer currency, and each side has a clearing account per agreement. A cross-currency payment is two legs, one per
-- currency, settled by a two-phase protocol whose states are kept here so that a restarted server finishes it.
CREATE TABLE pay_clearing_agreements (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    currency_id     INTEGER NOT NULL REFERENCES pay_currencies(id),
    name            TEXT NOT NULL,             -- the agreement's id, the same on both sides
    peer_url        TEXT NULL,                 -- the peer instance's base URL; NULL: the peer currency runs here
    peer_currency   TEXT NOT NULL,
    rate_units      TEXT NOT NULL,             -- this many units of this currency ...
    rate_peer_units TEXT NOT NULL,             -- ... are worth this many units of the peer's (exact decimals)
    secret          TEXT NOT NULL,             -- shared by both operators: signs the protocol's calls; never served
    account_id      INTEGER NOT NULL REFERENCES pay_accounts(id),   -- this side's clearing account; its floor is minus the limit
    created_by      INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (currency_id, name)
);

-- One side of a cross-currency payment. role: coordinator (the payer's side) or participant (the payee's).
-- state: preparing (coordinator, before its decision), prepared (participant, credit reserved), committed, aborted.
-- amount is in this side's currency (minor units). peer_done: the coordinator's decision reached the peer.
CREATE TABLE pay_clearing_transfers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    agreement_id    INTEGER NOT NULL REFERENCES pay_clearing_agreements(id),
    transfer_id     TEXT NOT NULL,
    role            TEXT NOT NULL,
    state           TEXT NOT NULL,
    account_id      INTEGER NULL REFERENCES pay_accounts(id),
    peer_account    TEXT NOT NULL,
    amount          INTEGER NOT NULL,
    peer_amount     TEXT NULL,                 -- the other leg's amount as the peer wrote it (its precision), once known
    memo            TEXT NULL,
    user_id         INTEGER NULL,
    idempotency_key TEXT NULL,
    leg_id          INTEGER NULL REFERENCES pay_transfers(id),
    reason          TEXT NULL,
    peer_done       INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (agreement_id, transfer_id)
);
CREATE UNIQUE INDEX ux_pay_clearing_key ON pay_clearing_transfers(agreement_id, user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ix_pay_clearing_unfinished ON pay_clearing_transfers(state, peer_done);
