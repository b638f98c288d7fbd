-- One row per load of areas, so that a cached gazetteer sees a change by reading one number (the
-- newest load's id) instead of counting the areas tables on every request.
CREATE TABLE area_loads (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    loaded_at TEXT NOT NULL
);
