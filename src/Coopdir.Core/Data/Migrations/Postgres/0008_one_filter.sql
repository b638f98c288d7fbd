-- Every place and geo filter now runs over the search columns in memory (Search/Columns/ColumnFilter),
-- for search, statistics, map points and exports alike; nothing reads these indexes any more, and
-- every location written paid for them.
DROP INDEX IF EXISTS ix_locations_point;
DROP INDEX IF EXISTS ix_locations_country;
DROP INDEX IF EXISTS ix_locations_region;
DROP INDEX IF EXISTS ix_locations_locality;
