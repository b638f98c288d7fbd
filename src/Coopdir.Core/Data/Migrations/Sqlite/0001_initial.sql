-- The directory's first schema: organizations and everything hanging off them,
-- the sources they came from, every revision, and the search indexes.

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,
    licence       TEXT NOT NULL,
    attribution   TEXT,
    url           TEXT,
    created_at    TEXT NOT NULL
);

-- AUTOINCREMENT so that an id is never handed out twice, even after a delete.
CREATE TABLE organizations (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    slug              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    name_key          TEXT NOT NULL,
    alternate_names   TEXT NOT NULL DEFAULT '[]',
    kind              TEXT NOT NULL,
    sector            TEXT,
    description       TEXT,
    status            TEXT NOT NULL DEFAULT 'unknown',
    founded_on        TEXT,
    dissolved_on      TEXT,
    website           TEXT,
    email             TEXT,
    phone             TEXT,
    members_count     INTEGER,
    workers_count     INTEGER,
    employees_count   INTEGER,
    counts_year       INTEGER,
    source_id         INTEGER REFERENCES sources(id),
    source_record_id  TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    revision          INTEGER NOT NULL,
    UNIQUE (source_id, source_record_id)
);
CREATE INDEX ix_organizations_name_key ON organizations(name_key);
CREATE INDEX ix_organizations_kind ON organizations(kind);
CREATE INDEX ix_organizations_sector ON organizations(sector);

CREATE TABLE organization_types (
    organization_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    type             TEXT NOT NULL,
    PRIMARY KEY (organization_id, type)
) WITHOUT ROWID;
CREATE INDEX ix_organization_types_type ON organization_types(type, organization_id);

CREATE TABLE locations (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    street           TEXT,
    locality         TEXT,
    region           TEXT,
    postcode         TEXT,
    country          TEXT,
    latitude         REAL,
    longitude        REAL
);
CREATE INDEX ix_locations_organization ON locations(organization_id);
CREATE INDEX ix_locations_country ON locations(country, organization_id);
CREATE INDEX ix_locations_region ON locations(region COLLATE NOCASE, organization_id);
CREATE INDEX ix_locations_locality ON locations(locality COLLATE NOCASE, organization_id);

-- One box per located location; the id is locations.id.
CREATE VIRTUAL TABLE locations_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

CREATE TABLE identifiers (
    organization_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    scheme           TEXT NOT NULL,
    value            TEXT NOT NULL,
    PRIMARY KEY (organization_id, scheme, value)
) WITHOUT ROWID;
CREATE INDEX ix_identifiers_value ON identifiers(scheme, value);

-- Codes from outside vocabularies (ESSGlobal, UK SIC...) kept as the source gave them.
CREATE TABLE classifications (
    organization_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    scheme           TEXT NOT NULL,
    code             TEXT NOT NULL,
    PRIMARY KEY (organization_id, scheme, code)
) WITHOUT ROWID;

CREATE TABLE memberships (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id        INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    network_id       INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    role             TEXT,
    start_date       TEXT,
    end_date         TEXT
);
CREATE INDEX ix_memberships_member ON memberships(member_id);
CREATE INDEX ix_memberships_network ON memberships(network_id);

-- Every change to every organization; the id orders all changes in commit order.
CREATE TABLE revisions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL,
    revision         INTEGER NOT NULL,
    action           TEXT NOT NULL,
    author           TEXT NOT NULL,
    summary          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    before_json      TEXT,
    after_json       TEXT,
    merged_into      INTEGER,
    UNIQUE (organization_id, revision)
);

-- What is left of a deleted or merged organization: where its id now leads, and which source
-- record it was, so that re-importing the source does not bring it back.
CREATE TABLE organization_tombstones (
    id                INTEGER PRIMARY KEY,
    merged_into       INTEGER,
    source_id         INTEGER REFERENCES sources(id),
    source_record_id  TEXT,
    deleted_at        TEXT NOT NULL
);
CREATE INDEX ix_tombstones_source ON organization_tombstones(source_id, source_record_id);

-- rowid = organizations.id
CREATE VIRTUAL TABLE organizations_fts USING fts5(
    name, alternate_names, description, place,
    tokenize = 'unicode61 remove_diacritics 2'
);
