using Coopdir.Core.Data.Sqlite;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Microsoft.Data.Sqlite;

namespace Coopdir.Bench;

/// <summary>
/// Writes generated organizations straight into a migrated, empty SQLite store: the rows matching reads
/// (<see cref="Coopdir.Core.Sources.Matching.MatchIndex.LoadAsync"/>: organizations, their first location,
/// identifiers, and one source record each), by prepared inserts in one transaction. Not the write path
/// (no revisions, no search index): the importer makes a million a load of over half an hour here, and
/// what is measured is matching. Each organization gets its row id as an identifier of <c>scheme</c>.
/// </summary>
public static class DirectoryLoad
{
    private const string Now = "2026-12-01T00:00:00.0000000+00:00";

    public static async Task SqliteAsync(string path, IEnumerable<ImportRecord> records, string scheme)
    {
        (await new SqliteStore(path).MigrateAsync()).Dispose();
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, "PRAGMA synchronous = OFF");
        using var transaction = connection.BeginTransaction();
        Execute(connection, $"INSERT INTO sources (id, name, licence, created_at) VALUES (1, 'bench directory', 'CC0-1.0', '{Now}')");
        var organization = Insert(connection, """
            INSERT INTO organizations (id, slug, name, name_key, kind, sector, status, website, created_at, updated_at, revision)
            VALUES ($id, $slug, $name, $key, $kind, $sector, $status, $website, $now, $now, 1)
            """, "$id", "$slug", "$name", "$key", "$kind", "$sector", "$status", "$website", "$now");
        var location = Insert(connection, """
            INSERT INTO locations (organization_id, position, locality, region, postcode, country, latitude, longitude)
            VALUES ($id, 0, $locality, $region, $postcode, $country, $lat, $lon)
            """, "$id", "$locality", "$region", "$postcode", "$country", "$lat", "$lon");
        var identifier = Insert(connection, "INSERT INTO identifiers (organization_id, scheme, value) VALUES ($id, $scheme, $value)", "$id", "$scheme", "$value");
        var claim = Insert(connection, "INSERT INTO source_records (source_id, record_id, organization_id, content, seen_at) VALUES (1, $record, $id, '{}', $now)",
            "$record", "$id", "$now");
        foreach (var record in records)
        {
            var (id, o) = ((long)record.Line, record.Content);
            Run(organization, id, $"b{id}", o.Name, o.Name.ToLowerInvariant(), o.Kind, o.Sector, o.Status, o.Website, Now);
            if (o.Locations.FirstOrDefault() is { } l) Run(location, id, l.Locality, l.Region, l.Postcode, l.Country, l.Latitude, l.Longitude);
            Run(identifier, id, scheme, record.SourceRecordId);
            foreach (var other in o.Identifiers.Distinct()) Run(identifier, id, other.Scheme, other.Value);
            Run(claim, record.SourceRecordId, id, Now);
        }
        transaction.Commit();
        Execute(connection, "ANALYZE");
    }

    private static SqliteCommand Insert(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
