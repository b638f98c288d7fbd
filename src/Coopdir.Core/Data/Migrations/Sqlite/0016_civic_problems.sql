-- Problems a municipality or digital service team posts for co-ops and civic tech groups to solve,
-- with an optional bounty (money never moves through Coopdir), and the proposals that answer them.
-- moderation: published, pending (waits in the review queue) or rejected; only published ones are public.
CREATE TABLE civic_problems (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id  INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    posted_by        INTEGER NULL REFERENCES users(id) ON DELETE SET NULL,
    title            TEXT NOT NULL,
    description      TEXT NOT NULL,
    area_id          TEXT NOT NULL,
    category         TEXT NOT NULL,
    bounty_amount    TEXT NULL,
    bounty_currency  TEXT NULL,
    bounty_currency_id INTEGER NULL REFERENCES organizations(id) ON DELETE SET NULL,
    deadline         TEXT NULL,
    status           TEXT NOT NULL,
    accepted_response_id INTEGER NULL,
    solution_id      INTEGER NULL REFERENCES organizations(id) ON DELETE SET NULL,
    moderation       TEXT NOT NULL,
    held_because     TEXT NULL,
    revision         INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_civic_problems_list ON civic_problems(moderation, status, id);
CREATE INDEX ix_civic_problems_organization ON civic_problems(organization_id);
CREATE INDEX ix_civic_problems_solution ON civic_problems(solution_id);

-- A proposal in answer to a problem, by a person, for an organization when they are its verified claimer.
CREATE TABLE problem_responses (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    problem_id       INTEGER NOT NULL REFERENCES civic_problems(id) ON DELETE CASCADE,
    organization_id  INTEGER NULL REFERENCES organizations(id) ON DELETE SET NULL,
    user_id          INTEGER NULL REFERENCES users(id) ON DELETE SET NULL,
    author           TEXT NOT NULL,
    text             TEXT NOT NULL,
    links_json       TEXT NOT NULL,
    moderation       TEXT NOT NULL,
    held_because     TEXT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX ix_problem_responses_problem ON problem_responses(problem_id, id);
CREATE INDEX ix_problem_responses_organization ON problem_responses(organization_id);
CREATE INDEX ix_problem_responses_moderation ON problem_responses(moderation, id);

-- Every published change of a problem (its responses included), with author, time, before and after.
-- The id is the cursor of the problems' changes feed, handed out in commit order as revisions' ids are.
CREATE TABLE problem_revisions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    problem_id       INTEGER NOT NULL REFERENCES civic_problems(id) ON DELETE CASCADE,
    revision         INTEGER NOT NULL,
    action           TEXT NOT NULL,
    author           TEXT NOT NULL,
    user_id          INTEGER NULL,
    summary          TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    before_json      TEXT NULL,
    after_json       TEXT NOT NULL,
    UNIQUE (problem_id, revision)
);
