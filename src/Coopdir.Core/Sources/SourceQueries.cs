using System.Data.Common;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Sources;

/// <param name="Records">How many organizations it lists now (deleted ones no longer count).</param>
/// <param name="OnlyListed">How many of those no other counted source lists: retiring it leaves them listed by none.</param>
public sealed record SourceOverview(SourceInfo Source, int Records, int OnlyListed);

/// <summary>One of a source's records, and the organization it is part of.</summary>
public sealed record SourceRecordLink(string RecordId, long OrganizationId, string Name, string? Vintage, string SeenAt);

/// <summary>A field's configured order of sources, first to last.</summary>
public sealed record FieldOrder(string Field, IReadOnlyList<(long Id, string Name)> Sources);

/// <summary>The sources as readers see them: the one read path of the sources pages, the API and <c>coopdir sources list</c>.</summary>
public static class SourceQueries
{
    private const string Counts = """
        SELECT r.source_id, count(DISTINCT r.organization_id) AS records,
            count(DISTINCT CASE WHEN NOT EXISTS (
                SELECT 1 FROM source_records o JOIN sources s ON s.id = o.source_id
                WHERE o.organization_id = r.organization_id AND o.source_id <> r.source_id AND s.retired_at IS NULL)
            THEN r.organization_id END) AS only_listed
        FROM source_records r WHERE r.organization_id IS NOT NULL
        """;

    public static async Task<IReadOnlyList<SourceOverview>> AllAsync(DbConnection connection)
    {
        var counts = (await connection.QueryAsync<(long SourceId, long Records, long OnlyListed)>($"{Counts} GROUP BY r.source_id"))
            .ToDictionary(c => c.SourceId);
        return (await SourceRegistry.AllAsync(connection)).Select(s => counts.TryGetValue(s.Id, out var c)
            ? new SourceOverview(s, (int)c.Records, (int)c.OnlyListed) : new SourceOverview(s, 0, 0)).ToList();
    }

    public static async Task<SourceOverview?> GetAsync(DbConnection connection, long id)
    {
        if (await SourceRegistry.GetAsync(connection, id) is not { } source) return null;
        var c = await connection.QuerySingleOrDefaultAsync<(long SourceId, long Records, long OnlyListed)>(
            $"{Counts} AND r.source_id = @id GROUP BY r.source_id", new { id });
        return new SourceOverview(source, (int)c.Records, (int)c.OnlyListed);
    }

    /// <summary>The records the source gave most recently, newest first.</summary>
    public static async Task<IReadOnlyList<SourceRecordLink>> RecentRecordsAsync(DbConnection connection, long id, int limit = 20) =>
        (await connection.QueryAsync<(string RecordId, long OrganizationId, string Name, string? Vintage, string SeenAt)>("""
            SELECT r.record_id, r.organization_id, o.name, r.vintage, r.seen_at
            FROM source_records r JOIN organizations o ON o.id = r.organization_id
            WHERE r.source_id = @id ORDER BY r.seen_at DESC, r.organization_id DESC LIMIT @limit
            """, new { id, limit })).Select(r => new SourceRecordLink(r.RecordId, r.OrganizationId, r.Name, r.Vintage, r.SeenAt)).ToList();

    /// <summary>Every field's configured order (<c>coopdir sources precedence</c>); fields not named go newest vintage first.</summary>
    public static async Task<IReadOnlyList<FieldOrder>> PrecedenceAsync(DbConnection connection) =>
        (await connection.QueryAsync<(string Field, long SourceId, string Name)>("""
            SELECT p.field, p.source_id, s.name FROM source_precedence p JOIN sources s ON s.id = p.source_id ORDER BY p.field, p.rank
            """)).GroupBy(r => r.Field).Select(g => new FieldOrder(g.Key, g.Select(r => (r.SourceId, r.Name)).ToList())).ToList();
}
