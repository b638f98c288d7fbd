-- Memberships become relationships: typed, dated links kept in the subject's record, each with the
-- assertions made about it (Relationships/). The assertions are JSON: they are read and written whole,
-- with the relationship. Status and ended_at are computed from them when the record is written.
CREATE TABLE relationships (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    subject_id       INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    object_id        INTEGER NOT NULL REFERENCES organizations(id),
    type             TEXT NOT NULL,
    start_date       TEXT,
    end_date         TEXT,
    note             TEXT,
    status           TEXT NOT NULL,
    ended_at         TEXT,
    assertions       TEXT NOT NULL,
    position         INTEGER NOT NULL
);
CREATE INDEX ix_relationships_subject ON relationships(subject_id, position);
CREATE INDEX ix_relationships_object ON relationships(object_id, type);

-- Today's memberships, as a dataset's assertions: a third party said so, neither side has yet.
INSERT INTO relationships (subject_id, object_id, type, start_date, end_date, note, status, assertions, position)
SELECT m.member_id, m.network_id, 'member_of', m.start_date, m.end_date, m.role, 'proposed',
    json_array(json_object('party', 'third', 'voice', 'dataset', 'stance', 'asserts', 'at', o.updated_at,
        'speaker', coalesce(s.name, 'Coopdir membership list'))),
    row_number() OVER (PARTITION BY m.member_id ORDER BY m.id) - 1
FROM memberships m
JOIN organizations o ON o.id = m.member_id
LEFT JOIN sources s ON s.id = o.source_id
ORDER BY m.id;

-- Each record's latest snapshot names its relationships too, as a write would have left it: writes
-- start from that snapshot, so one without them would drop them at the record's next change.
UPDATE revisions SET after_json = json_set(json_remove(after_json, '$.member_of'), '$.relationships', (
    SELECT json_group_array(json(x.relationship)) FROM (
        SELECT json_object('id', r.id, 'type', r.type, 'object_id', r.object_id, 'assertions', json(r.assertions),
            'start_date', r.start_date, 'end_date', r.end_date, 'note', r.note) AS relationship
        FROM relationships r WHERE r.subject_id = revisions.organization_id ORDER BY r.position) x))
WHERE after_json IS NOT NULL
  AND organization_id IN (SELECT subject_id FROM relationships)
  AND revision = (SELECT o.revision FROM organizations o WHERE o.id = revisions.organization_id);

DROP TABLE memberships;
