using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Sources;

/// <param name="Changed">Records whose values changed, each with a revision.</param>
/// <param name="Unchanged">Records the merge left as they were.</param>
/// <param name="Unlisted">Records no counted source lists any more: left with the values they have.</param>
/// <param name="Invalid">Records the merge would have made invalid: left as they were.</param>
public sealed record RemergeCounts(int Changed, int Unchanged, int Unlisted, int Invalid);

/// <summary>
/// Merges records again from their sources' claims and people's edits (<see cref="FieldMerge"/>), after
/// something other than a row changed what counts: a source retired or back, a field's order of sources.
/// </summary>
public static class Remerge
{
    /// <summary>The organizations a source has records of, the directory's ids (deleted ones left out).</summary>
    public static async Task<List<long>> OrganizationsOfAsync(WriteSession session, long sourceId) =>
        await session.QueryAsync<long>("""
            SELECT DISTINCT organization_id FROM source_records
            WHERE source_id = @sourceId AND organization_id IS NOT NULL ORDER BY organization_id
            """, new { sourceId });

    /// <summary>The organizations two or more counted sources list: the ones a field's order of sources can change.</summary>
    public static async Task<List<long>> ListedByManyAsync(WriteSession session) =>
        await session.QueryAsync<long>("""
            SELECT r.organization_id FROM source_records r JOIN sources s ON s.id = r.source_id
            WHERE r.organization_id IS NOT NULL AND s.retired_at IS NULL
            GROUP BY r.organization_id HAVING count(DISTINCT r.source_id) > 1 ORDER BY r.organization_id
            """);

    /// <param name="keepUnclaimed">See <see cref="FieldMerge.Merge"/>.</param>
    public static async Task<RemergeCounts> RunAsync(WriteSession session, OrganizationWriter writer, IEnumerable<long> ids,
        ChangeNote note, bool keepUnclaimed = true)
    {
        var precedence = await PrecedenceSettings.LoadAsync(await session.ReadingAsync());
        int changed = 0, unchanged = 0, unlisted = 0, invalid = 0;
        foreach (var id in ids)
        {
            var current = await writer.ContentAsync(session, id);
            if (current is null) continue;
            var claims = await SourceRecords.OfOrganizationAsync(session, id);
            if (claims.Count == 0) { unlisted++; continue; }
            var edits = await FieldEdits.OfOrganizationAsync(session, id);
            var merged = FieldMerge.Merge(claims, edits, current, precedence, keepUnclaimed).Content;
            if (OrganizationValidator.Validate(merged).Count > 0) { invalid++; continue; }
            // The note has no account: what this changes was not set by a person, so it does not stand against sources.
            var written = await writer.UpdateAsync(session, id, merged, note with { UserId = null });
            if (written.Outcome == WriteOutcome.Updated) changed++;
            else unchanged++;
        }
        return new RemergeCounts(changed, unchanged, unlisted, invalid);
    }
}
