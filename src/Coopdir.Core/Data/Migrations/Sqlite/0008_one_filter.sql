-- Every place and geo filter now runs over the search columns in memory (Search/Columns/ColumnFilter),
-- for search, statistics, map points and exports alike; nothing reads the R*Tree any more.
DROP TABLE IF EXISTS locations_rtree;
