using System.Data.Common;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Organizations;

/// <summary>Reads whole organizations, the same way for the API, the pages and exports.</summary>
public static class OrganizationQueries
{
    public static Organization? Get(DbConnection connection, long id, DbTransaction? transaction = null) =>
        Load(connection, [id], transaction).FirstOrDefault();

    /// <summary>
    /// Whole organizations for a batch of ids, in the order given (unknown ids are left out): one
    /// query per table for the whole batch, so exports read a million records in a few thousand queries.
    /// </summary>
    public static IReadOnlyList<Organization> Load(DbConnection connection, IReadOnlyList<long> ids, DbTransaction? transaction = null) =>
        OrganizationBatch.Load(connection, ids, OrganizationParts.All, transaction);

    public static long? FindBySourceRecord(DbConnection connection, DbTransaction? transaction, long sourceId, string recordId) =>
        connection.QuerySingleOrDefault<long?>(
            "SELECT id FROM organizations WHERE source_id = @sourceId AND source_record_id = @recordId",
            new { sourceId, recordId }, transaction);

    /// <summary>Whether this source record was deleted or merged away in the directory.</summary>
    public static bool IsTombstoned(DbConnection connection, DbTransaction? transaction, long sourceId, string recordId) =>
        connection.ExecuteScalar<long>(
            "SELECT count(*) FROM organization_tombstones WHERE source_id = @sourceId AND source_record_id = @recordId",
            new { sourceId, recordId }, transaction) > 0;

    /// <summary>Every organization of a source, by its record id within the source.</summary>
    public static Dictionary<string, long> BySourceRecord(DbConnection connection, DbTransaction? transaction, long sourceId) =>
        connection.Query<(string RecordId, long Id)>(
            "SELECT source_record_id, id FROM organizations WHERE source_id = @sourceId AND source_record_id IS NOT NULL",
            new { sourceId }, transaction).ToDictionary(r => r.RecordId, r => r.Id, StringComparer.Ordinal);

    /// <summary>The record ids of a source whose organizations were deleted or merged away in the directory.</summary>
    public static HashSet<string> TombstonedRecords(DbConnection connection, DbTransaction? transaction, long sourceId) =>
        connection.Query<string>(
            "SELECT source_record_id FROM organization_tombstones WHERE source_id = @sourceId AND source_record_id IS NOT NULL",
            new { sourceId }, transaction).ToHashSet(StringComparer.Ordinal);

    /// <summary>For a merged id, the organization it now leads to.</summary>
    public static long? MergedInto(DbConnection connection, long id) =>
        connection.QuerySingleOrDefault<long?>("SELECT merged_into FROM organization_tombstones WHERE id = @id", new { id });

    public static long Count(DbConnection connection) =>
        connection.ExecuteScalar<long>("SELECT count(*) FROM organizations");
}
