using Coopdir.Core.Data;
using Coopdir.Core.Relationships;
using Coopdir.Core.Sources;

namespace Coopdir.Core.Organizations;

public sealed partial class OrganizationWriter
{
    /// <summary>
    /// Folds a duplicate into the organization that survives: the survivor gains the duplicate's names,
    /// identifiers, classifications, types, locations and relationships (and any field it lacks), relationships
    /// naming the duplicate name the survivor, and the duplicate's id leads to the survivor.
    /// </summary>
    public async Task<WriteResult> MergeAsync(WriteSession session, long duplicateId, long survivorId, ChangeNote note)
    {
        if (duplicateId == survivorId) return new WriteResult(WriteOutcome.NotFound, survivorId, 0);
        var (duplicateRow, survivorRow) = await CurrentPairAsync(session, duplicateId, survivorId);
        if (duplicateRow is null || survivorRow is null)
            return new WriteResult(WriteOutcome.NotFound, duplicateRow is null ? duplicateId : survivorId, 0);

        var combined = Combine(Snapshots.FromJson(survivorRow.After!), Snapshots.FromJson(duplicateRow.After!), duplicateId, survivorId);
        // The duplicate's sources now speak for the survivor, whose values are merged again from all of
        // them; what only the duplicate had, and people's edits of the survivor, stay.
        await SourceRecords.MoveAsync(session, duplicateId, survivorId);
        await FieldEdits.CarryOverAsync(session, duplicateId, survivorId);
        var claims = await SourceRecords.OfOrganizationAsync(session, survivorId);
        var merged = claims.Count == 0 ? combined : FieldMerge.Merge(claims, await FieldEdits.OfOrganizationAsync(session, survivorId),
            combined, await PrecedenceSettings.LoadAsync(await session.ReadingAsync())).Content;
        if (OrganizationValidator.Validate(merged).Count > 0) merged = combined;
        var updated = await UpdateAsync(session, survivorId, merged, note, null, byPerson: false);
        await RepointRelationshipsAsync(session, duplicateId, survivorId, note);
        await RemoveAsync(session, duplicateId, (await CurrentAsync(session, duplicateId, removing: true))!, "merged", survivorId, note);
        return new WriteResult(WriteOutcome.Merged, survivorId, updated.Revision);
    }

    /// <summary>
    /// The last step of a merge on its own: the duplicate goes, leading to the survivor. A mirror replays
    /// a source's merge this way, because the survivor's combined content and its members' new links
    /// arrive as revisions of their own.
    /// </summary>
    public async Task<WriteResult> RemoveMergedAsync(WriteSession session, long duplicateId, long survivorId,
        ChangeNote note, int? expectedRevision = null)
    {
        var (current, survivor) = await CurrentPairAsync(session, duplicateId, survivorId);
        if (current is null || survivor is null) return new WriteResult(WriteOutcome.NotFound, duplicateId, 0);
        if (expectedRevision is not null && expectedRevision != current.Revision) return new WriteResult(WriteOutcome.Conflict, duplicateId, current.Revision);
        await RepointRelationshipsAsync(session, duplicateId, survivorId, note);
        await RemoveAsync(session, duplicateId, current, "merged", survivorId, note);
        return new WriteResult(WriteOutcome.Merged, survivorId, current.Revision + 1);
    }

    // Both records, locked in id order: two merges of one pair, either way round, never wait on each other.
    private static async Task<(CurrentRow? Duplicate, CurrentRow? Survivor)> CurrentPairAsync(WriteSession session, long duplicateId, long survivorId)
    {
        var first = await CurrentAsync(session, Math.Min(duplicateId, survivorId), removing: duplicateId < survivorId);
        var second = await CurrentAsync(session, Math.Max(duplicateId, survivorId), removing: duplicateId > survivorId);
        return duplicateId < survivorId ? (first, second) : (second, first);
    }

    public static OrganizationContent Combine(OrganizationContent survivor, OrganizationContent duplicate, long duplicateId, long survivorId)
    {
        var survivorKey = TextKey.Of(survivor.Name);
        var alternateNames = survivor.AlternateNames.Concat([duplicate.Name]).Concat(duplicate.AlternateNames)
            .Where(n => TextKey.Of(n) != survivorKey)
            .DistinctBy(TextKey.Of).ToList();
        return survivor with
        {
            AlternateNames = alternateNames,
            Types = survivor.Types.Union(duplicate.Types).ToList(),
            Sector = survivor.Sector ?? duplicate.Sector,
            Description = survivor.Description ?? duplicate.Description,
            FoundedOn = survivor.FoundedOn ?? duplicate.FoundedOn,
            DissolvedOn = survivor.DissolvedOn ?? duplicate.DissolvedOn,
            Website = survivor.Website ?? duplicate.Website,
            Email = survivor.Email ?? duplicate.Email,
            Phone = survivor.Phone ?? duplicate.Phone,
            Counts = survivor.Counts ?? duplicate.Counts,
            Locations = survivor.Locations.Union(duplicate.Locations).ToList(),
            Identifiers = survivor.Identifiers.Union(duplicate.Identifiers).ToList(),
            Classifications = survivor.Classifications.Union(duplicate.Classifications).ToList(),
            // The duplicate's relationships take new ids: its own rows go only when it does, after this.
            Relationships = Relationship.Fold(survivor.Relationships.Concat(duplicate.Relationships.Select(r => r with { Id = 0 }))
                .Where(r => r.ObjectId != duplicateId && r.ObjectId != survivorId)),
        };
    }
}
