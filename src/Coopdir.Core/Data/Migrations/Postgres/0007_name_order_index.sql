-- The search columns place a renamed organization after the one preceding it with
-- `(name_key, id) < (@nameKey, @id)` (NameOrder): a row comparison that the text_pattern_ops
-- index cannot serve, so without this every change scanned the table.
CREATE INDEX ix_organizations_name_key_id ON organizations(name_key, id);
