using System.Data.Common;
using Coopdir.Core.Data;
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

    public static async Task<SourceInfo?> GetAsync(DbConnection connection, long id) =>
        (await connection.QuerySingleOrDefaultAsync<SourceRow>($"{Columns} WHERE id = @id", new { id }))?.ToInfo();

    /// <summary>Finds the source by name, creating it or refreshing its licence and attribution.</summary>
    public static async Task<SourceInfo> UpsertAsync(WriteSession session,
        string name, string licence, string? attribution, string? url, DateTimeOffset now)
    {
        await session.ExecuteAsync("""
            INSERT INTO sources (name, licence, attribution, url, created_at)
            VALUES (@name, @licence, @attribution, @url, @now)
            ON CONFLICT (name) DO UPDATE SET licence = excluded.licence,
                attribution = coalesce(excluded.attribution, sources.attribution),
                url = coalesce(excluded.url, sources.url)
            """, new { name, licence, attribution, url, now = now.ToString("O") });
        return (await session.QuerySingleOrDefaultAsync<SourceRow>($"{Columns} WHERE name = @name", new { name }))!.ToInfo();
    }

    /// <summary>Creates or refreshes the source with this id (a mirror keeps its source's ids).</summary>
    public static async Task PutAsync(WriteSession session, SourceInfo source, DateTimeOffset now)
    {
        await session.ExecuteAsync("""
            INSERT INTO sources (id, name, licence, attribution, url, created_at)
            VALUES (@Id, @Name, @Licence, @Attribution, @Url, @now)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, licence = excluded.licence,
                attribution = excluded.attribution, url = excluded.url
            """, new { source.Id, source.Name, source.Licence, source.Attribution, source.Url, now = now.ToString("O") });
        await session.KeepIdsAboveAsync("sources", source.Id);
    }

    public static async Task<IReadOnlyList<SourceInfo>> WithIdsAsync(DbConnection connection, IEnumerable<long> ids)
    {
        var parameters = new DynamicParameters();
        var condition = SqlList.In("id", "id", ids.Distinct(), parameters);
        return (await connection.QueryAsync<SourceRow>($"{Columns} WHERE {condition}", parameters)).Select(r => r.ToInfo()).ToList();
    }

    public static async Task<IReadOnlyList<SourceInfo>> AllAsync(DbConnection connection) =>
        (await connection.QueryAsync<SourceRow>($"{Columns} ORDER BY name")).Select(r => r.ToInfo()).ToList();
}
