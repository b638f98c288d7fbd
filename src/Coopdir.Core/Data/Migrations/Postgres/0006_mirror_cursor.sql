-- Where `coopdir mirror` has got to in its source's changes feed. Written in the same transaction
-- as the changes it applied, so a crash neither loses nor repeats one.
CREATE TABLE mirror_cursors (
    source_url  text PRIMARY KEY,
    cursor      text NOT NULL,
    updated_at  text NOT NULL
);
