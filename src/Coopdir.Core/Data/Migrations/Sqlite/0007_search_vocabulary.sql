-- The terms of the full-text index, so that a typed prefix longer than the prefix indexes (1–3
-- letters) can be expanded into the terms it starts (SqliteOrganizationSearch.Match): FTS5 would
-- otherwise merge every such term's doclist. An fts5vocab table has no storage of its own; it
-- reads organization_search's. Deleted documents may leave terms behind; those match nothing.
CREATE VIRTUAL TABLE organization_search_vocab USING fts5vocab(organization_search, 'row');
