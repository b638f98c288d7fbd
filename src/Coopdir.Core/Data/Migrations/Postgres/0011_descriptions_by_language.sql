-- Descriptions in the languages a source tags them with: a JSON array of {"language", "text"},
-- NULL when there are none (most records), so existing rows need no rewrite. TEXT like
-- alternate_names, so both stores read and write it the same way.
ALTER TABLE organizations ADD COLUMN descriptions_by_language TEXT;
