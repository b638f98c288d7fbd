using System.Diagnostics;
using System.Globalization;
using System.Text;
using Coopdir.Core.Imports;
using Microsoft.Data.Sqlite;

namespace Coopdir.Bench;

/// <summary>
/// The floor for this engine, in a SQLite file of its own: the same rows inserted raw with one
/// prepared statement in one transaction (what sqlite3's .import does), then a plain FTS5 index
/// (unicode61, diacritics removed) and an R*Tree built over them; text queries straight through
/// FTS5 (count plus the first page by bm25); CSV written straight from a SELECT, as sqlite3 -csv does.
/// </summary>
public sealed class Floor(string path) : IDisposable
{
    private readonly SqliteConnection connection = Open(path);

    private static SqliteConnection Open(string path)
    {
        File.Delete(path);
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
        return connection;
    }

    public TimeSpan Import(IEnumerable<ImportRecord> records)
    {
        var clock = Stopwatch.StartNew();
        Execute(connection, """
            CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT, description TEXT, locality TEXT, region TEXT, country TEXT, latitude REAL, longitude REAL);
            """);
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO orgs VALUES ($id, $name, $description, $locality, $region, $country, $lat, $lon)";
            var parameters = new[] { "$id", "$name", "$description", "$locality", "$region", "$country", "$lat", "$lon" }
                .Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
            foreach (var record in records)
            {
                var c = record.Content;
                var l = c.Locations.FirstOrDefault();
                object?[] values = [record.Line, c.Name, c.Description, l?.Locality, l?.Region, l?.Country, l?.Latitude, l?.Longitude];
                for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        BuildIndexes();
        return clock.Elapsed;
    }

    /// <summary>The plain FTS5 and R*Tree indexes over the floor table.</summary>
    public void BuildIndexes() =>
        Execute(connection, """
            CREATE VIRTUAL TABLE fts USING fts5(name, description, place, tokenize = 'unicode61 remove_diacritics 2');
            INSERT INTO fts (rowid, name, description, place) SELECT id, name, coalesce(description, ''), coalesce(locality, '') || ' ' || coalesce(country, '') FROM orgs;
            CREATE VIRTUAL TABLE rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);
            INSERT INTO rtree SELECT id, longitude, longitude, latitude, latitude FROM orgs WHERE latitude IS NOT NULL;
            """);

    /// <summary>
    /// The same floor table filled from an existing Coopdir directory (its first location per
    /// organization), for runs over a directory that was not generated here.
    /// </summary>
    public void CopyFrom(string coopdirPath)
    {
        using var attach = connection.CreateCommand();
        attach.CommandText = "ATTACH DATABASE $path AS coopdir";
        attach.Parameters.AddWithValue("$path", coopdirPath);
        attach.ExecuteNonQuery();
        Execute(connection, """
            CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT, description TEXT, locality TEXT, region TEXT, country TEXT, latitude REAL, longitude REAL);
            INSERT INTO orgs SELECT o.id, o.name, o.description, l.locality, l.region, l.country, l.latitude, l.longitude
            FROM coopdir.organizations o LEFT JOIN coopdir.locations l ON l.organization_id = o.id AND l.position = 0;
            DETACH DATABASE coopdir;
            """);
    }

    public long Count
    {
        get
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM orgs";
            return (long)command.ExecuteScalar()!;
        }
    }

    /// <summary>Count and first page of a plain FTS5 query for the same words ("w1" "w2"*).</summary>
    public void Text(string text)
    {
        var words = Core.Organizations.TextKey.Of(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return;
        var match = string.Join(' ', words.Select((w, i) => $"\"{w}\"" + (i == words.Length - 1 ? "*" : "")));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM fts WHERE fts MATCH $m; SELECT rowid FROM fts WHERE fts MATCH $m ORDER BY rank LIMIT 20;";
        command.Parameters.AddWithValue("$m", match);
        using var reader = command.ExecuteReader();
        do { while (reader.Read()) { } } while (reader.NextResult());
    }

    public TimeSpan ExportCsv(string file)
    {
        var clock = Stopwatch.StartNew();
        using var output = new StreamWriter(file, false, new UTF8Encoding(false));
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, description, locality, region, country, latitude, longitude FROM orgs ORDER BY id";
        using var reader = command.ExecuteReader();
        var line = new StringBuilder();
        while (reader.Read())
        {
            line.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0) line.Append(',');
                if (reader.IsDBNull(i)) continue;
                var value = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
                line.Append(value.IndexOfAny(['"', ',', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value);
            }
            output.WriteLine(line);
        }
        return clock.Elapsed;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();
}
