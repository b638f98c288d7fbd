using System.Diagnostics;
using Coopdir.Core.Imports;
using Npgsql;

namespace Coopdir.Bench;

/// <summary>
/// PostgreSQL's own floor, in a table of its own on the same server: the same rows loaded with
/// binary COPY, a stored tsvector ('simple' configuration, as plain as FTS5's unicode61) with a GIN
/// index; text queries straight through tsquery (count plus the first page by ts_rank), the
/// PostgreSQL counterpart of <see cref="Floor"/>.
/// </summary>
public sealed class PostgresFloor(string connectionString) : IDisposable
{
    private readonly NpgsqlConnection connection = Open(connectionString);

    private static NpgsqlConnection Open(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return connection;
    }

    public TimeSpan Import(IEnumerable<ImportRecord> records)
    {
        var clock = Stopwatch.StartNew();
        Execute("""
            DROP TABLE IF EXISTS bench_floor;
            CREATE TABLE bench_floor (id bigint PRIMARY KEY, name text, description text, locality text, region text, country text, latitude float8, longitude float8);
            """);
        using (var copy = connection.BeginBinaryImport("COPY bench_floor FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var record in records)
            {
                var c = record.Content;
                var l = c.Locations.FirstOrDefault();
                copy.StartRow();
                copy.Write((long)record.Line);
                copy.Write(c.Name);
                Nullable(copy, c.Description);
                Nullable(copy, l?.Locality);
                Nullable(copy, l?.Region);
                Nullable(copy, l?.Country);
                if (l?.Latitude is { } lat) copy.Write(lat); else copy.WriteNull();
                if (l?.Longitude is { } lon) copy.Write(lon); else copy.WriteNull();
            }
            copy.Complete();
        }
        Execute("""
            ALTER TABLE bench_floor ADD COLUMN document tsvector GENERATED ALWAYS AS (to_tsvector('simple',
                name || ' ' || coalesce(description, '') || ' ' || coalesce(locality, '') || ' ' || coalesce(country, ''))) STORED;
            CREATE INDEX ON bench_floor USING gin (document);
            ANALYZE bench_floor;
            """);
        return clock.Elapsed;
    }

    /// <summary>Count and first page of a plain tsquery for the same words (w1 &amp; w2:*).</summary>
    public void Text(string text)
    {
        var words = Core.Organizations.TextKey.Of(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return;
        var query = string.Join(" & ", words.Select((w, i) => $"'{w.Replace("'", "")}'" + (i == words.Length - 1 ? ":*" : "")));
        using var command = new NpgsqlCommand("""
            SELECT count(*) FROM bench_floor WHERE document @@ to_tsquery('simple', @q);
            SELECT id FROM bench_floor WHERE document @@ to_tsquery('simple', @q) ORDER BY ts_rank(document, to_tsquery('simple', @q)) DESC LIMIT 20;
            """, connection);
        command.Parameters.AddWithValue("q", query);
        using var reader = command.ExecuteReader();
        do { while (reader.Read()) { } } while (reader.NextResult());
    }

    private static void Nullable(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null) copy.WriteNull(); else copy.Write(value);
    }

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Execute("DROP TABLE IF EXISTS bench_floor");
        connection.Dispose();
    }
}
