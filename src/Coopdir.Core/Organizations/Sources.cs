using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Organizations;

/// <summary>A dataset records came from, and the licence they keep.</summary>
public sealed record SourceInfo(long Id, string Name, string Licence, string? Attribution, string? Url, string? RecordId = null)
{
    public Licence LicenceInfo => Licences.Find(Licence) ?? new Licence(Licence, Licence, null);
}

public static class Sources
{
    private sealed class SourceRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Licence { get; set; } = "";
        public string? Attribution { get; set; }
        public string? Url { get; set; }
        public SourceInfo ToInfo() => new(Id, Name, Licence, Attribution, Url);
    }

    private const string Columns = "SELECT id, name, licence, attribution, url FROM sources";

    public static SourceInfo? FindByName(DbConnection connection, string name, DbTransaction? transaction = null) =>
        connection.QuerySingleOrDefault<SourceRow>($"{Columns} WHERE name = @name", new { name }, transaction)?.ToInfo();

    public static SourceInfo? Get(DbConnection connection, long id) =>
        connection.QuerySingleOrDefault<SourceRow>($"{Columns} WHERE id = @id", new { id })?.ToInfo();

    /// <summary>Finds the source by name, creating it or refreshing its licence and attribution.</summary>
    public static SourceInfo Upsert(DbConnection connection, DbTransaction transaction,
        string name, string licence, string? attribution, string? url, DateTimeOffset now)
    {
        connection.Execute("""
            INSERT INTO sources (name, licence, attribution, url, created_at)
            VALUES (@name, @licence, @attribution, @url, @now)
            ON CONFLICT (name) DO UPDATE SET licence = excluded.licence,
                attribution = coalesce(excluded.attribution, sources.attribution),
                url = coalesce(excluded.url, sources.url)
            """, new { name, licence, attribution, url, now = now.ToString("O") }, transaction);
        return FindByName(connection, name, transaction)!;
    }

    /// <summary>Creates or refreshes the source with this id (a mirror keeps its source's ids).</summary>
    public static void Put(DbConnection connection, DbTransaction transaction, SourceInfo source, DateTimeOffset now) =>
        connection.Execute("""
            INSERT INTO sources (id, name, licence, attribution, url, created_at)
            VALUES (@Id, @Name, @Licence, @Attribution, @Url, @now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, licence = excluded.licence,
                attribution = excluded.attribution, url = excluded.url
            """, new { source.Id, source.Name, source.Licence, source.Attribution, source.Url, now = now.ToString("O") }, transaction);

    public static IReadOnlyList<SourceInfo> WithIds(DbConnection connection, IEnumerable<long> ids)
    {
        var parameters = new DynamicParameters();
        var condition = Data.SqlList.In("id", "id", ids.Distinct(), parameters);
        return connection.Query<SourceRow>($"{Columns} WHERE {condition}", parameters).Select(r => r.ToInfo()).ToList();
    }

    public static IReadOnlyList<SourceInfo> All(DbConnection connection, DbTransaction? transaction = null) =>
        connection.Query<SourceRow>($"{Columns} ORDER BY name", transaction: transaction).Select(r => r.ToInfo()).ToList();
}
