-- The newest records a source gave, for its page.
CREATE INDEX ix_source_records_seen ON source_records(source_id, seen_at);
