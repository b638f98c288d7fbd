using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Changes;

/// <summary>
/// Applies one page of a source's changes to the mirror through <see cref="OrganizationWriter"/>, so the
/// mirror records the same revisions (same organization ids, revision numbers, authors, summaries and
/// times) and keeps its search indexes as any write does. Each change must follow from the mirror's
/// copy (the revision it replaces is the one the mirror has); anything else stops the page.
/// Relationships keep their source's ids too, so ids the mirror hands out itself come after every one
/// a page wrote (or that a later change of the page removed again).
/// </summary>
public sealed class MirrorApply(Store store, TimeProvider clock)
{
    private readonly OrganizationWriter writer = new(clock);

    /// <returns>Null when the whole page and the new cursor were committed; otherwise why nothing was.</returns>
    public async Task<string?> PageAsync(string key, string expectedCursor, ChangePage page)
    {
        await using var session = await store.BeginWriteAsync();
        var stored = await MirrorCursors.ClaimAsync(session, key, clock.GetUtcNow()) ?? "0";
        if (stored != expectedCursor) return $"another mirror process moved this directory's cursor from {expectedCursor} to {stored}";
        var highestRelationship = 0L;
        foreach (var change in page.Changes)
        {
            var content = change.Record is { } record ? Snapshots.FromJson(record.GetRawText()) : null;
            if (await ApplyAsync(session, change, content) is { } error)
                return $"change {change.Cursor} ({change.Action} organization {change.OrganizationId}, revision {change.Revision}): {error}";
            highestRelationship = content?.Relationships.Select(r => r.Id).Append(highestRelationship).Max() ?? highestRelationship;
        }
        if (highestRelationship > 0) await session.KeepIdsAboveAsync("relationships", highestRelationship);
        await MirrorCursors.SaveAsync(session, key, page.Next, clock.GetUtcNow());
        await session.CommitAsync();
        return null;
    }

    private async Task<string?> ApplyAsync(WriteSession session, Change change, OrganizationContent? content)
    {
        var note = new ChangeNote(change.Author, change.Summary, change.At);
        if (change.Source is { } source) await SourceRegistry.PutAsync(session, source.ToInfo(), change.At);
        var id = change.OrganizationId;
        var previous = change.Revision - 1;
        WriteResult result;
        switch (change.Action)
        {
            case ChangeActions.Created or ChangeActions.Updated:
                if (content is null) return "the change carries no record";
                if (OrganizationValidator.Validate(content) is { Count: > 0 } errors)
                    return "the record is not valid here: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));
                if (change.Action == ChangeActions.Updated)
                {
                    result = await writer.UpdateAsync(session, id, content, note, previous);
                    break;
                }
                if (await session.ScalarAsync<long>("SELECT count(*) FROM organizations WHERE id = @id", new { id }) > 0)
                    return "the mirror already has an organization with this id";
                result = await writer.CreateAsync(session, content, note, id);
                break;
            case ChangeActions.Deleted:
                result = await writer.DeleteAsync(session, id, note, previous);
                break;
            case ChangeActions.Merged when change.MergedInto is { } survivor:
                result = await writer.RemoveMergedAsync(session, id, survivor, note, previous);
                break;
            default:
                return $"'{change.Action}' is not an action this mirror knows";
        }
        return result.Outcome is WriteOutcome.NotFound or WriteOutcome.Conflict or WriteOutcome.Unchanged || result.Revision != change.Revision
            ? $"it does not follow from the mirror's copy ({result.Outcome.ToString().ToLowerInvariant()}, mirror at revision {result.Revision})"
            : null;
    }
}
