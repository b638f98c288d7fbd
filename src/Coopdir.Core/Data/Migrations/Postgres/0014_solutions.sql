-- What a shared solution says beyond what every record says (SolutionFacts): a JSON object, NULL for
-- every record that is not a solution, so existing rows need no rewrite. TEXT like
-- descriptions_by_language, so both stores read and write it the same way.
ALTER TABLE organizations ADD COLUMN solution TEXT;
