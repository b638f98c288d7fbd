using System.Data.Common;
using System.Diagnostics;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Core.Search;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coopdir.Bench;

/// <summary>
/// Writes a <see cref="GraphShape"/> straight into a migrated, empty store: the rows the search
/// columns and the graph read (organizations with their ranking columns, one type and one place each,
/// relationships with a status) and one revision, by prepared inserts on SQLite and binary COPY on
/// PostgreSQL. Not the write path: a million organizations and five million relationships through
/// it would take hours here, and what is measured is reading. Every relationship carries the same
/// one assertion; its status column is the shape's (only the graph and search read it).
/// </summary>
public static class GraphLoad
{
    private static readonly string Assertions = Snapshots.AssertionsToJson(
        [new Assertion(Party.Third, Voice.Dataset, Stance.Asserts, DateTimeOffset.Parse("2026-11-30T00:00:00Z"), "bench")]);

    private const string Now = "2026-11-30T00:00:00.0000000+00:00";

    public static TimeSpan Sqlite(string path, GraphShape shape, IReadOnlyList<GraphRelationship> relationships)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, "PRAGMA synchronous = OFF");
        using var transaction = connection.BeginTransaction();
        var organization = Insert(connection, """
            INSERT INTO organizations (id, slug, name, name_key, kind, sector, status, created_at, updated_at, revision, search_name, search_head, completeness)
            VALUES ($id, $slug, $name, $key, $kind, $sector, 'active', $now, $now, 1, $words, $words, 3)
            """, "$id", "$slug", "$name", "$key", "$kind", "$sector", "$now", "$words");
        var type = Insert(connection, "INSERT INTO organization_types (organization_id, type) VALUES ($id, $type)", "$id", "$type");
        var location = Insert(connection, "INSERT INTO locations (organization_id, position, country) VALUES ($id, 0, $country)", "$id", "$country");
        foreach (var o in shape.Organizations())
        {
            Run(organization, o.Id, $"o{o.Id}", o.Name, o.Name.ToLowerInvariant(), o.Kind, o.Sector, Now, SearchWords(o.Name));
            if (o.Type is not null) Run(type, o.Id, o.Type);
            Run(location, o.Id, o.Country);
        }
        var relationship = Insert(connection, """
            INSERT INTO relationships (id, subject_id, object_id, type, status, assertions, position)
            VALUES ($id, $subject, $object, $type, $status, $assertions, $position)
            """, "$id", "$subject", "$object", "$type", "$status", "$assertions", "$position");
        foreach (var (r, id, position) in Numbered(relationships))
            Run(relationship, id, r.Subject, r.Objekt, r.Type, RelationshipText.Of(r.Status), Assertions, position);
        Execute(connection, $"INSERT INTO revisions (organization_id, revision, action, author, summary, created_at) VALUES (1, 1, 'created', 'bench', 'graph bench', '{Now}')");
        transaction.Commit();
        Execute(connection, "ANALYZE");
        return clock.Elapsed;
    }

    public static TimeSpan Postgres(string connectionString, GraphShape shape, IReadOnlyList<GraphRelationship> relationships)
    {
        var clock = Stopwatch.StartNew();
        // Finishing a COPY of millions of rows (foreign keys, indexes) takes minutes.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        connection.Open();
        using (var copy = connection.BeginBinaryImport("""
            COPY organizations (id, slug, name, name_key, kind, sector, status, created_at, updated_at, revision, search_name, search_head, completeness)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var o in shape.Organizations())
            {
                copy.StartRow();
                copy.Write((long)o.Id);
                copy.Write($"o{o.Id}");
                copy.Write(o.Name);
                copy.Write(o.Name.ToLowerInvariant());
                copy.Write(o.Kind);
                if (o.Sector is null) copy.WriteNull(); else copy.Write(o.Sector);
                copy.Write("active");
                copy.Write(Now);
                copy.Write(Now);
                copy.Write(1);
                copy.Write(SearchWords(o.Name));
                copy.Write(SearchWords(o.Name));
                copy.Write(3);
            }
            copy.Complete();
        }
        using (var copy = connection.BeginBinaryImport("COPY organization_types (organization_id, type) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var o in shape.Organizations().Where(o => o.Type is not null)) copy.WriteRow((long)o.Id, o.Type!);
            copy.Complete();
        }
        using (var copy = connection.BeginBinaryImport("COPY locations (organization_id, position, country) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var o in shape.Organizations()) copy.WriteRow((long)o.Id, 0, o.Country);
            copy.Complete();
        }
        using (var copy = connection.BeginBinaryImport("COPY relationships (id, subject_id, object_id, type, status, assertions, position) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (r, id, position) in Numbered(relationships))
                copy.WriteRow((long)id, (long)r.Subject, (long)r.Objekt, r.Type, RelationshipText.Of(r.Status), Assertions, position);
            copy.Complete();
        }
        Execute(connection, $"INSERT INTO revisions (organization_id, revision, action, author, summary, created_at) VALUES (1, 1, 'created', 'bench', 'graph bench', '{Now}')");
        Execute(connection, "ANALYZE");
        return clock.Elapsed;
    }

    // Each relationship's id, and its position among its subject's (the list is in subject order).
    private static IEnumerable<(GraphRelationship, int Id, int Position)> Numbered(IReadOnlyList<GraphRelationship> relationships)
    {
        var position = 0;
        for (var i = 0; i < relationships.Count; i++)
        {
            position = i > 0 && relationships[i - 1].Subject == relationships[i].Subject ? position + 1 : 0;
            yield return (relationships[i], i + 1, position);
        }
    }

    private static string SearchWords(string name) => string.Join(' ', Coopdir.Core.Search.SearchWords.Of(name));

    private static SqliteCommand Insert(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
