using System.Data.Common;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Organizations;

public enum ConfirmOutcome { Confirmed, NotFound, Forbidden }

/// <summary>
/// "Still correct": a verified claimer of the organization, or an editor, says the record is right as
/// it stands. That is a revision changing nothing (history shows who confirmed it, and search re-reads
/// the record's freshness) and the record's confirmation moved to now, in one write session.
/// </summary>
public sealed class Confirmations(Store store, TimeProvider clock)
{
    /// <summary>Whether the account may confirm this organization: an editor (or above), or its verified claimer.</summary>
    public static async Task<bool> MayConfirmAsync(DbConnection connection, User user, long organizationId) =>
        user.Can(Roles.Editor) || await ListingClaims.IsVerifiedClaimerAsync(connection, organizationId, user.Id);

    public async Task<ConfirmOutcome> ConfirmAsync(User user, long organizationId)
    {
        await using (var connection = await store.OpenAsync())
        {
            if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organizations WHERE id = @organizationId", new { organizationId }) == 0)
                return ConfirmOutcome.NotFound;
            if (!await MayConfirmAsync(connection, user, organizationId)) return ConfirmOutcome.Forbidden;
        }
        var now = clock.GetUtcNow();
        await using var session = await store.BeginWriteAsync();
        var written = await new OrganizationWriter(clock).RecordConfirmationAsync(session, organizationId,
            new ChangeNote(user.Name, "Confirmed still correct", now, user.Id));
        if (written.Outcome == WriteOutcome.NotFound) return ConfirmOutcome.NotFound;
        await OrganizationWriter.ConfirmAsync(session, organizationId, now.ToUniversalTime().ToString("O"), $"person:{user.Name}");
        await session.CommitAsync();
        return ConfirmOutcome.Confirmed;
    }
}
