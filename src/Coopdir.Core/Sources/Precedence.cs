namespace Coopdir.Core.Sources;

/// <summary>
/// Which value a field shows when its sources and people disagree. The whole policy:
/// <list type="number">
/// <item>A person's edit (an editor's, a verified claimer's, an approved proposal) stands against any
/// source whose vintage is not newer than the edit; a source with no vintage never overrides it.</item>
/// <item>Between sources, the field's configured order decides (<c>coopdir sources precedence</c>);
/// sources it does not name come after, newest vintage first, then by name. A source holds one claim
/// per record, so a newer vintage of the same source simply replaces the older one.</item>
/// <item>A source that says nothing (a blank cell, status "unknown") does not count for that field.</item>
/// <item>Names, identifiers and classifications are joined: the winner's first, then the others';
/// a name that lost is kept as an alternate (former) name.</item>
/// </list>
/// </summary>
public sealed class Precedence(IReadOnlyDictionary<(string Field, long SourceId), int> ranks)
{
    public static readonly Precedence Default = new(new Dictionary<(string, long), int>());

    public IReadOnlyDictionary<(string Field, long SourceId), int> Ranks => ranks;

    /// <summary>Orders the claims for one field, the one that wins first.</summary>
    public IEnumerable<SourceClaim> Order(string field, IEnumerable<SourceClaim> claims) =>
        claims.OrderBy(c => ranks.TryGetValue((field, c.SourceId), out var rank) ? rank : int.MaxValue)
            .ThenByDescending(c => c.Vintage ?? "", StringComparer.Ordinal)
            .ThenBy(c => c.SourceName, StringComparer.Ordinal)
            .ThenBy(c => c.RecordId, StringComparer.Ordinal);

    /// <summary>A source's claim outranks a person's edit only when the source describes a later time than the edit.</summary>
    public static bool Overrides(SourceClaim claim, FieldEdit edit) =>
        claim.Vintage is { } vintage && string.CompareOrdinal(vintage, edit.At.UtcDateTime.ToString("yyyy-MM-dd")) > 0;
}

/// <summary>The configured orders of sources per field (the <c>source_precedence</c> table).</summary>
public static class PrecedenceSettings
{
    public static async Task<Precedence> LoadAsync(System.Data.Common.DbConnection connection) =>
        new((await Dapper.SqlMapper.QueryAsync<(string Field, long SourceId, int Rank)>(connection,
            "SELECT field, source_id, rank FROM source_precedence")).ToDictionary(r => (r.Field, r.SourceId), r => r.Rank));

    /// <summary>Sets one field's order: the sources named, first to last; the others follow by vintage.</summary>
    public static async Task SetAsync(Data.WriteSession session, string field, IReadOnlyList<long> sourceIds)
    {
        await session.ExecuteAsync("DELETE FROM source_precedence WHERE field = @field", new { field });
        for (var rank = 0; rank < sourceIds.Count; rank++)
            await session.ExecuteAsync("INSERT INTO source_precedence (field, source_id, rank) VALUES (@field, @source, @rank)",
                new { field, source = sourceIds[rank], rank });
    }
}
