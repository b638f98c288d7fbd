-- Currencies an operator runs: accounts, payments and each currency's public ledger (an RFC 9162 Merkle log).
-- Amounts are integers in the currency's minor units (amount × 10^precision). Organizations and users are named
-- by id without a foreign key: money already moved stays on the books when a listing or an account goes.
CREATE TABLE pay_currencies (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    code            TEXT NOT NULL UNIQUE,
    currency_id     INTEGER NOT NULL UNIQUE,   -- the directory record (kind currency)
    operator_id     INTEGER NOT NULL,          -- the municipality, network or co-op that runs it
    name            TEXT NOT NULL,
    unit            TEXT NOT NULL,
    decimals        INTEGER NOT NULL,
    model           TEXT NOT NULL,             -- mutual_credit, reserve_backed, operator_issued
    credit_limit    INTEGER NOT NULL,          -- a new member account's credit limit (mutual credit)
    issuance_rule   TEXT NULL,
    payment_cap     INTEGER NULL,
    reserve         INTEGER NOT NULL DEFAULT 0,
    log_size        INTEGER NOT NULL DEFAULT 0,
    log_frontier    TEXT NOT NULL DEFAULT '',  -- the roots of the log's perfect subtrees, largest first
    public_key      TEXT NOT NULL,             -- ECDSA P-256, SubjectPublicKeyInfo, base64
    private_key     TEXT NOT NULL,             -- PKCS#8, base64; never served
    created_by      INTEGER NOT NULL,
    created_at      TEXT NOT NULL
);

-- role: member (held by a person or an organization) or issuer (the operator's: issuance draws on it).
-- floor: the lowest balance allowed (minus the credit limit; for a reserve-backed issuer minus the reserve); NULL: none.
CREATE TABLE pay_accounts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    currency_id     INTEGER NOT NULL REFERENCES pay_currencies(id),
    public_id       TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL,
    user_id         INTEGER NULL,
    organization_id INTEGER NULL,
    balance         INTEGER NOT NULL DEFAULT 0,
    floor           INTEGER NULL,
    frozen          INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_pay_accounts_person ON pay_accounts(currency_id, user_id) WHERE organization_id IS NULL AND role = 'member';
CREATE UNIQUE INDEX ux_pay_accounts_organization ON pay_accounts(currency_id, organization_id, role) WHERE organization_id IS NOT NULL;
CREATE INDEX ix_pay_accounts_user ON pay_accounts(user_id);
CREATE INDEX ix_pay_accounts_organization ON pay_accounts(organization_id);

-- Every movement: transfer, issuance, redemption (debit and credit accounts), reserve_deposit (neither).
-- The client's idempotency key makes a retry return the first answer instead of paying twice.
CREATE TABLE pay_transfers (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    currency_id     INTEGER NOT NULL REFERENCES pay_currencies(id),
    kind            TEXT NOT NULL,
    debit_id        INTEGER NULL REFERENCES pay_accounts(id),
    credit_id       INTEGER NULL REFERENCES pay_accounts(id),
    amount          INTEGER NOT NULL,
    memo            TEXT NULL,
    user_id         INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    fingerprint     TEXT NOT NULL,
    request_id      INTEGER NULL,
    ledger_index    INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    UNIQUE (currency_id, user_id, idempotency_key)
);
CREATE INDEX ix_pay_transfers_debit ON pay_transfers(debit_id, id);
CREATE INDEX ix_pay_transfers_credit ON pay_transfers(credit_id, id);

-- A payee's request for an amount, shown as a link and a QR code; paid once.
CREATE TABLE pay_requests (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    token           TEXT NOT NULL UNIQUE,
    currency_id     INTEGER NOT NULL REFERENCES pay_currencies(id),
    payee_id        INTEGER NOT NULL REFERENCES pay_accounts(id),
    amount          INTEGER NOT NULL,
    memo            TEXT NULL,
    created_by      INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    paid_transfer_id INTEGER NULL REFERENCES pay_transfers(id)
);

-- The public log: leaf i is the canonical JSON of one movement (pseudonymous account ids); each entry carries the
-- tree head signed when it was appended (the root of leaves 0..i, tree size i + 1).
CREATE TABLE pay_ledger (
    currency_id     INTEGER NOT NULL REFERENCES pay_currencies(id),
    idx             INTEGER NOT NULL,
    leaf            TEXT NOT NULL,
    root            TEXT NOT NULL,
    signed_at       TEXT NOT NULL,
    signature       TEXT NOT NULL,
    PRIMARY KEY (currency_id, idx)
);

-- Every operator action (currency made, limits, freezing, deposits, issuance, redemption).
CREATE TABLE pay_operator_actions (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    currency_id     INTEGER NOT NULL REFERENCES pay_currencies(id),
    user_id         INTEGER NOT NULL,
    action          TEXT NOT NULL,
    detail          TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX ix_pay_operator_actions ON pay_operator_actions(currency_id, id);
