using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Sources;
using Dapper;

namespace Coopdir.Core.Organizations;

/// <summary>A dataset records came from, and the licence they keep.</summary>
/// <param name="Vintage">The date the source's latest imported file describes.</param>
/// <param name="RetiredAt">When the source was retired: its values no longer count.</param>
public sealed record SourceInfo(long Id, string Name, string Licence, string? Attribution, string? Url, string? RecordId = null,
    string? Publisher = null, string? Vintage = null, string? ImportedAt = null, string? RetiredAt = null)
{
    public Licence LicenceInfo => Licences.Find(Licence) ?? new Licence(Licence, Licence, null);
}

public static class SourceRegistry
{
    private sealed class SourceRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string Licence { get; set; } = "";
        public string? Attribution { get; set; }
        public string? Url { get; set; }
        public string? Publisher { get; set; }
        public string? Vintage { get; set; }
        public string? ImportedAt { get; set; }
        public string? RetiredAt { get; set; }
        public SourceInfo ToInfo() => new(Id, Name, Licence, Attribution, Url, null, Publisher, Vintage, ImportedAt, RetiredAt);
    }

    // Aliased: Dapper does not match snake_case columns to properties.
    private const string Columns = "SELECT id, name, licence, attribution, url, publisher, vintage, imported_at AS ImportedAt, retired_at AS RetiredAt FROM sources";

    public static async Task<SourceInfo?> GetAsync(DbConnection connection, long id) =>
        (await connection.QuerySingleOrDefaultAsync<SourceRow>($"{Columns} WHERE id = @id", new { id }))?.ToInfo();

    /// <summary>
    /// Finds the source by name, creating it or refreshing its licence, attribution, publisher and vintage
    /// (the newest one imported); importing it again brings a retired source back, and merges its records again
    /// with its values counted (rows the file repeats unchanged would otherwise leave them as retiring made them).
    /// </summary>
    /// <param name="bringBack">Whether this import brings a retired source back: an import of the source's own file does;
    /// a JSON Lines restore, whose records merely cite the source, does not.</param>
    public static async Task<SourceInfo> UpsertAsync(WriteSession session,
        string name, string licence, string? attribution, string? url, DateTimeOffset now, string? publisher = null, string? vintage = null,
        bool bringBack = true)
    {
        var wasRetired = await session.ScalarAsync<string?>("SELECT retired_at FROM sources WHERE name = @name", new { name }) is not null;
        await session.ExecuteAsync("""
            INSERT INTO sources (name, licence, attribution, url, created_at, publisher, vintage, imported_at)
            VALUES (@name, @licence, @attribution, @url, @now, @publisher, @vintage, @now)
            ON CONFLICT (name) DO UPDATE SET licence = excluded.licence,
                attribution = coalesce(excluded.attribution, sources.attribution),
                url = coalesce(excluded.url, sources.url),
                publisher = coalesce(excluded.publisher, sources.publisher),
                vintage = CASE WHEN sources.vintage IS NULL OR excluded.vintage > sources.vintage THEN excluded.vintage ELSE sources.vintage END,
                imported_at = excluded.imported_at, retired_at = CASE WHEN @bringBack THEN NULL ELSE sources.retired_at END
            """, new { name, licence, attribution, url, now = now.ToString("O"), publisher, vintage, bringBack });
        var source = (await session.QuerySingleOrDefaultAsync<SourceRow>($"{Columns} WHERE name = @name", new { name }))!.ToInfo();
        // The note's time is given, so the writer's clock is not read.
        if (wasRetired && bringBack)
            await Remerge.RunAsync(session, new OrganizationWriter(TimeProvider.System), await Remerge.OrganizationsOfAsync(session, source.Id),
                new ChangeNote($"source:{name}", $"Source {name} brought back", now));
        return source;
    }

    /// <summary>The vintage of the newest file imported from the source with this name, if any.</summary>
    public static async Task<string?> VintageOfAsync(Store store, string name)
    {
        await using var connection = await store.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string?>("SELECT vintage FROM sources WHERE name = @name", new { name });
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
