using Coopdir.Core.Data;

namespace Coopdir.Core.Organizations;

/// <summary>An organization as another Coopdir published it: its id, slug, counters and times are kept.</summary>
public sealed record RestoredOrganization(long Id, string Slug, OrganizationContent Content, int Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed partial class OrganizationWriter
{
    /// <summary>
    /// Recreates an organization exactly as it was exported, under its own id, slug, revision number and
    /// times, with one revision that records its whole content. Only for an empty directory (ids are
    /// never reused). Its relationships are written by <see cref="RestoreRelationshipsAsync"/> once every
    /// organization exists, since they may point at records later in the file.
    /// </summary>
    public async Task<WriteResult> RestoreAsync(WriteSession session, RestoredOrganization r, ChangeNote note)
    {
        EnsureValid(r.Content);
        var content = await NumberRelationshipsAsync(session, r.Content);
        await session.Command($"""
            INSERT INTO organizations (id, slug, {RowColumns}, created_at, updated_at, revision)
            VALUES (@id, @slug, {RowParameters}, @createdAt, @updatedAt, @revision)
            """, ["@id", "@slug", .. RowParameterNames, "@createdAt", "@updatedAt", "@revision"])
            .ExecuteAsync([r.Id, r.Slug, .. RowValues(content), r.CreatedAt.ToString("O"), r.UpdatedAt.ToString("O"), r.Revision]);
        await WriteChildrenAsync(session, r.Id, content with { Relationships = [] }, replacing: false);
        await RecordRevisionAsync(session, r.Id, r.Revision, "created", note, null, Snapshots.ToJson(content), Now(note));
        return new WriteResult(WriteOutcome.Created, r.Id, r.Revision);
    }

    /// <summary>The relationship rows of a restored organization, as its revision records them.</summary>
    public async Task RestoreRelationshipsAsync(WriteSession session, long id)
    {
        var restored = Snapshots.FromJson((await CurrentAsync(session, id))!.After!);
        await InsertRelationshipsAsync(session, id, restored.Relationships);
        await session.SendAsync();
    }

    /// <summary>Once restores are done: ids handed out next must come after the restored ones.</summary>
    public async Task FinishRestoreAsync(WriteSession session) =>
        await session.KeepIdsAboveAsync("organizations", await session.ScalarAsync<long?>("SELECT max(id) FROM organizations") ?? 0);

    /// <summary>After relationships were written under ids from elsewhere (a restore, a mirror): new ids come after them.</summary>
    public static async Task KeepRelationshipIdsAsync(WriteSession session)
    {
        // With none written there is nothing to keep (and PostgreSQL's sequences cannot be set to 0).
        if (await session.ScalarAsync<long?>("SELECT max(id) FROM relationships") is { } highest)
            await session.KeepIdsAboveAsync("relationships", highest);
    }
}
