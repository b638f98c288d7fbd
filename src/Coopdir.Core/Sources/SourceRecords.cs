using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Sources;

/// <summary>A source's record as stored: the organization it is part of (null once the directory deleted it), its vintage and content.</summary>
public sealed record StoredClaim(long? OrganizationId, string? Vintage, string Content);

/// <summary>What sources say, record by record (the <c>source_records</c> table): the crosswalk from each source's ids to the directory's.</summary>
public static class SourceRecords
{
    private const string ClaimColumns = """
        SELECT r.organization_id, r.source_id, s.name, r.record_id, r.vintage, r.content
        FROM source_records r JOIN sources s ON s.id = r.source_id
        """;

    /// <summary>Every record of one source, by its id within the source.</summary>
    public static async Task<Dictionary<string, StoredClaim>> OfSourceAsync(WriteSession session, long sourceId) =>
        (await session.QueryAsync<(string RecordId, long? OrganizationId, string? Vintage, string Content)>(
            "SELECT record_id, organization_id, vintage, content FROM source_records WHERE source_id = @sourceId", new { sourceId }))
        .ToDictionary(r => r.RecordId, r => new StoredClaim(r.OrganizationId, r.Vintage, r.Content), StringComparer.Ordinal);

    public static Task PutAsync(WriteSession session, long sourceId, string recordId, long? organizationId, string? vintage, string content, string now) =>
        session.Command("""
            INSERT INTO source_records (source_id, record_id, organization_id, vintage, content, seen_at)
            VALUES (@source, @record, @organization, @vintage, @content, @now)
            ON CONFLICT (source_id, record_id) DO UPDATE SET organization_id = excluded.organization_id,
                vintage = excluded.vintage, content = excluded.content, seen_at = excluded.seen_at
            """, "@source", "@record", "@organization", "@vintage", "@content", "@now")
            .QueueAsync(sourceId, recordId, organizationId, vintage, content, now);

    /// <summary>The claims of sources still counted (not retired) about one organization, inside a write.</summary>
    public static async Task<List<SourceClaim>> OfOrganizationAsync(WriteSession session, long organizationId)
    {
        var claims = new List<SourceClaim>();
        await using var reader = await session.Command($"{ClaimColumns} WHERE r.organization_id = @id AND s.retired_at IS NULL", "@id")
            .ReadAsync(organizationId);
        while (await reader.ReadAsync()) claims.Add(ReadClaim(reader));
        return claims;
    }

    /// <summary>Every claim about these organizations, retired sources' included (a reader is told they no longer count).</summary>
    public static async Task<ILookup<long, (SourceClaim Claim, bool Retired)>> OfOrganizationsAsync(DbConnection connection, IReadOnlyCollection<long> ids)
    {
        var parameters = new DynamicParameters();
        var condition = SqlList.In("r.organization_id", "id", ids, parameters);
        var rows = new List<(long, SourceClaim, bool)>();
        await using var reader = await connection.ExecuteReaderAsync(
            $"{ClaimColumns.Replace("r.content", "r.content, s.retired_at")} WHERE {condition}", parameters);
        while (await reader.ReadAsync()) rows.Add((reader.GetInt64(0), ReadClaim(reader), !reader.IsDBNull(6)));
        return rows.ToLookup(r => r.Item1, r => (r.Item2, r.Item3));
    }

    /// <summary>When a record goes, its sources' records lead to where it went (a merge) or to nothing (a delete).</summary>
    public static Task MoveAsync(WriteSession session, long from, long? to) =>
        session.ExecuteAsync("UPDATE source_records SET organization_id = @to WHERE organization_id = @from", new { from, to });

    private static SourceClaim ReadClaim(DbDataReader r) =>
        new(r.GetInt64(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), Snapshots.FromJson(r.GetString(5)));
}
