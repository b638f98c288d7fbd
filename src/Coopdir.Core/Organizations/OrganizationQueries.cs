using System.Data.Common;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Organizations;

/// <summary>Reads whole organizations, the same way for the API, the pages, edits and exports.</summary>
public static class OrganizationQueries
{
    /// <summary>The organization with this id, or null.</summary>
    /// <param name="forEditing">
    /// Read from the primary rather than a replica that may lag behind: whatever a client sends back
    /// with an edit (the ETag, the form's base revision) must come from here.
    /// </param>
    public static async Task<Organization?> FindAsync(Store store, long id, bool forEditing = false)
    {
        await using var connection = forEditing ? await store.OpenAsync() : await store.OpenForReadingAsync();
        return await GetAsync(connection, id);
    }

    public static async Task<Organization?> GetAsync(DbConnection connection, long id) =>
        (await OrganizationBatch.LoadAsync(connection, [id], OrganizationParts.All | OrganizationParts.Provenance)).FirstOrDefault();

    /// <summary>Inside a write: sees what the session wrote (an edit answers with the record it just wrote).</summary>
    public static async Task<Organization?> GetAsync(WriteSession session, long id) => await GetAsync(await session.ReadingAsync(), id);

    /// <summary>
    /// Whole organizations for a batch of ids, in the order given (unknown ids are left out): one
    /// query per table for the whole batch, so exports read a million records in a few thousand queries.
    /// </summary>
    public static Task<IReadOnlyList<Organization>> LoadAsync(DbConnection connection, IReadOnlyList<long> ids) =>
        OrganizationBatch.LoadAsync(connection, ids, OrganizationParts.All | OrganizationParts.Provenance);

    /// <summary>Every organization of a source, by its record id within the source.</summary>
    public static async Task<Dictionary<string, long>> BySourceRecordAsync(WriteSession session, long sourceId) =>
        (await session.QueryAsync<(string RecordId, long Id)>(
            "SELECT source_record_id, id FROM organizations WHERE source_id = @sourceId AND source_record_id IS NOT NULL",
            new { sourceId })).ToDictionary(r => r.RecordId, r => r.Id, StringComparer.Ordinal);

    /// <summary>The record ids of a source whose organizations were deleted or merged away in the directory.</summary>
    public static async Task<HashSet<string>> TombstonedRecordsAsync(WriteSession session, long sourceId) =>
        (await session.QueryAsync<string>(
            "SELECT source_record_id FROM organization_tombstones WHERE source_id = @sourceId AND source_record_id IS NOT NULL",
            new { sourceId })).ToHashSet(StringComparer.Ordinal);

    /// <summary>For a merged id, the organization it now leads to.</summary>
    public static Task<long?> MergedIntoAsync(DbConnection connection, long id) =>
        connection.QuerySingleOrDefaultAsync<long?>("SELECT merged_into FROM organization_tombstones WHERE id = @id", new { id });

    public static Task<long> CountAsync(DbConnection connection) =>
        connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organizations");
}
