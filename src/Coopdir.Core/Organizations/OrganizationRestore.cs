using System.Data.Common;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Organizations;

/// <summary>An organization as another Coopdir published it: its id, slug, counters and times are kept.</summary>
public sealed record RestoredOrganization(long Id, string Slug, OrganizationContent Content, int Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed partial class OrganizationWriter
{
    /// <summary>
    /// Recreates an organization exactly as it was exported, under its own id, slug, revision number and
    /// times, with one revision that records its whole content. Only for an empty directory (ids are
    /// never reused). Its memberships are written by <see cref="RestoreMemberships"/> once every
    /// organization exists, since they may point at records later in the file.
    /// </summary>
    public WriteResult Restore(DbConnection connection, DbTransaction transaction, RestoredOrganization r, ChangeNote note)
    {
        EnsureValid(r.Content);
        store.SerializeChanges(connection, transaction);
        TransactionCommands.Of(transaction).For($"""
            INSERT INTO organizations (id, slug, {RowColumns}, created_at, updated_at, revision)
            VALUES (@id, @slug, {RowParameters}, @createdAt, @updatedAt, @revision)
            """, ["@id", "@slug", .. RowParameterNames, "@createdAt", "@updatedAt", "@revision"])
            .Execute([r.Id, r.Slug, .. RowValues(r.Content), r.CreatedAt.ToString("O"), r.UpdatedAt.ToString("O"), r.Revision]);
        WriteChildren(connection, transaction, r.Id, r.Content with { MemberOf = [] }, replacing: false);
        RecordRevision(transaction, r.Id, r.Revision, "created", note, null, Snapshots.ToJson(r.Content), Now(note));
        return new WriteResult(WriteOutcome.Created, r.Id, r.Revision);
    }

    /// <summary>The membership rows of a restored organization; its revision already records them.</summary>
    public void RestoreMemberships(DbConnection connection, DbTransaction transaction, long id, IReadOnlyList<MembershipLink> links)
    {
        InsertMemberships(transaction, id, links);
        TransactionCommands.Of(transaction).Send();
    }

    /// <summary>Once restores are done: ids handed out next must come after the restored ones.</summary>
    public void FinishRestore(DbConnection connection, DbTransaction transaction) =>
        store.KeepIdsAbove(connection, transaction, "organizations",
            connection.ExecuteScalar<long?>("SELECT max(id) FROM organizations", transaction: transaction) ?? 0);
}
