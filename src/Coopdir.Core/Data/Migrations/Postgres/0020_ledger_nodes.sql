-- The hashes of every perfect subtree of each currency's ledger (RFC 9162 Merkle log), written in the same write as
-- the entry that completes them: level 0 is a leaf hash, level L index i covers leaves i·2^L to (i+1)·2^L − 1.
-- Inclusion and consistency proofs and any tree head then read O(log n) of them instead of every leaf.
-- A store that already has ledger entries gets their nodes computed from the leaves when it migrates.
CREATE TABLE pay_ledger_nodes (
    currency_id     bigint NOT NULL REFERENCES pay_currencies(id),
    level           integer NOT NULL,
    idx             bigint NOT NULL,
    hash            bytea NOT NULL,            -- SHA-256, 32 bytes
    PRIMARY KEY (currency_id, level, idx)
);
