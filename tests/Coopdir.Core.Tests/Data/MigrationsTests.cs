using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Dapper;

namespace Coopdir.Core.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public async Task Migrating_twice_applies_each_version_once()
    {
        var path = Path.Combine(Path.GetTempPath(), $"coopdir-migrations-{Guid.NewGuid():N}.db");
        var database = await (await Store.For(path).MigrateAsync()).MigrateAsync();

        await using var connection = await database.OpenAsync();
        var versions = connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version").ToList();
        Assert.Equal(Migrations.Available(StoreKind.Sqlite).Select(m => m.Version), versions);
        Assert.Equal("wal", connection.ExecuteScalar<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Memberships_become_member_of_relationships_that_their_source_asserts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"coopdir-migrations-{Guid.NewGuid():N}.db");
        var store = Store.For(path);
        await using (var connection = await store.OpenAsync())
        {
            await Migrations.ApplyAsync(connection, StoreKind.Sqlite, upTo: 8);
            await connection.ExecuteAsync("""
                INSERT INTO sources (id, name, licence, created_at) VALUES (1, 'Co-ops register', 'CC0-1.0', '2026-01-01');
                INSERT INTO organizations (id, slug, name, name_key, alternate_names, kind, status, source_id, created_at, updated_at, revision)
                VALUES (1, 'federation', 'Federation', 'federation', '[]', 'network', 'active', NULL, '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00', 1),
                       (2, 'bakery', 'Bakery', 'bakery', '[]', 'cooperative', 'active', 1, '2026-02-01T00:00:00.0000000+00:00', '2026-02-01T00:00:00.0000000+00:00', 1);
                INSERT INTO organizations (id, slug, name, name_key, alternate_names, kind, status, created_at, updated_at, revision)
                VALUES (3, 'league', 'League', 'league', '[]', 'network', 'active', '2026-01-01T00:00:00.0000000+00:00', '2026-01-01T00:00:00.0000000+00:00', 1);
                INSERT INTO memberships (member_id, network_id, role, start_date, end_date) VALUES (2, 1, 'founder', '2012', NULL), (2, 3, NULL, NULL, NULL);
                INSERT INTO revisions (organization_id, revision, action, author, summary, created_at, before_json, after_json)
                VALUES (2, 1, 'created', 'import', 'register', '2026-02-01T00:00:00.0000000+00:00', NULL,
                    '{"name":"Bakery","kind":"cooperative","status":"active","member_of":[{"network_id":1,"role":"founder","start_date":"2012"},{"network_id":3}],"source_id":1}');
                """);
        }

        await store.MigrateAsync();

        await using var migrated = await store.OpenAsync();
        var bakery = (await OrganizationQueries.GetAsync(migrated, 2))!;
        Assert.Equal(2, bakery.Content.Relationships.Count);
        var relationship = bakery.Content.Relationships[0];
        Assert.Equal(("member_of", 1L, "2012", "founder"), (relationship.Type, relationship.ObjectId, relationship.StartDate, relationship.Note));
        var assertion = Assert.Single(relationship.Assertions);
        Assert.Equal((Party.Third, Voice.Dataset, Stance.Asserts, "Co-ops register"),
            (assertion.Party, assertion.Voice, assertion.Stance, assertion.Speaker));
        Assert.Equal(RelationshipStatusCode.Proposed, relationship.State.Status);
        Assert.Equal("Bakery", Assert.Single((await OrganizationQueries.GetAsync(migrated, 1))!.Members).SubjectName);

        // Writes start from the latest snapshot: removing one network must leave the other membership.
        await using (var session = await store.BeginWriteAsync())
        {
            await new OrganizationWriter(TimeProvider.System).DeleteAsync(session, 1, new ChangeNote("editor", "closed"));
            await session.CommitAsync();
        }
        Assert.Equal(3, Assert.Single((await OrganizationQueries.GetAsync(migrated, 2))!.Content.Relationships).ObjectId);
    }
}
