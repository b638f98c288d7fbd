-- Transaction fees and demurrage an operator sets per currency (rates in basis points), paid into its fee account;
-- each demurrage period charged once; accounts' public ledger pseudonyms, apart from the ids people are shown.
ALTER TABLE pay_currencies ADD COLUMN fee_rate INTEGER NOT NULL DEFAULT 0;        -- basis points of each payment, paid by the payer
ALTER TABLE pay_currencies ADD COLUMN fee_fixed INTEGER NOT NULL DEFAULT 0;       -- minor units added to each payment's fee
ALTER TABLE pay_currencies ADD COLUMN demurrage_rate INTEGER NOT NULL DEFAULT 0;  -- basis points of a positive balance, per calendar month

-- The pseudonym an account has in the public ledger: random, never derived from its id. Accounts opened before
-- this migration keep the id their entries already carry (a published log cannot be rewritten).
ALTER TABLE pay_accounts ADD COLUMN ledger_id TEXT NOT NULL DEFAULT '';
UPDATE pay_accounts SET ledger_id = public_id;
CREATE UNIQUE INDEX ux_pay_accounts_ledger ON pay_accounts(ledger_id);

-- A fee row names the payment it was charged on.
ALTER TABLE pay_transfers ADD COLUMN fee_of INTEGER NULL REFERENCES pay_transfers(id);
CREATE INDEX ix_pay_transfers_fee_of ON pay_transfers(fee_of);

-- One row per demurrage period charged: a second run for the same period charges nothing.
CREATE TABLE pay_demurrage_runs (
    currency_id     INTEGER NOT NULL REFERENCES pay_currencies(id),
    period          TEXT NOT NULL,             -- the calendar month, UTC: 2026-12
    rate            INTEGER NOT NULL,
    accounts        INTEGER NOT NULL,
    charged         INTEGER NOT NULL,
    user_id         INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (currency_id, period)
);
