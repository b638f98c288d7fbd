-- Descriptions in the languages a source tags them with: a JSON array of {"language", "text"},
-- NULL when there are none (most records), so existing rows need no rewrite.
ALTER TABLE organizations ADD COLUMN descriptions_by_language TEXT;
