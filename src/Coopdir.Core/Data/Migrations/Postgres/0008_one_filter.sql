-- Every place and geo filter now runs over the search columns in memory (Search/Columns/ColumnFilter),
-- for search, statistics, map points and exports alike; nothing reads the point index any more.
DROP INDEX IF EXISTS ix_locations_point;
