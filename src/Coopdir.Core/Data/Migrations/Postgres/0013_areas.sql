-- Places as their own entities: Open Civic Data divisions (and the few areas Coopdir adds where OCD
-- lists none), each with its parent; organizations' locations resolve to them by name (AreaGazetteer).
CREATE TABLE areas (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    parent_id TEXT NULL,
    source TEXT NOT NULL,
    valid_from TEXT NULL,
    valid_through TEXT NULL,
    loaded_at TEXT NOT NULL
);
CREATE INDEX ix_areas_parent ON areas(parent_id);

-- Other ids of the same division (OCD's sameAs), and other names it goes by.
CREATE TABLE area_aliases (
    alias_id TEXT PRIMARY KEY,
    area_id TEXT NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
    note TEXT NULL
);
CREATE TABLE area_names (
    area_id TEXT NOT NULL REFERENCES areas(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (area_id, name)
);
