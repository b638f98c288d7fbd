using System.Data.Common;
using System.Security.Cryptography;
using Dapper;

namespace Coopdir.Core.Claims;

/// <summary>A person's claim to look after an organization's listing, verified through the organization's own website.</summary>
public sealed record ListingClaim(long Id, long OrganizationId, long UserId, string Token, string Status);

/// <summary>
/// Claims of listings. A claim gets a random token; publishing it on the organization's website
/// proves the claimer speaks for the organization, after which they edit the listing directly.
/// </summary>
public sealed class ListingClaims(TimeProvider clock)
{
    public const string Pending = "pending";
    public const string Verified = "verified";

    /// <summary>The person's claim on the organization, started now if there is none.</summary>
    public ListingClaim Start(DbConnection connection, long organizationId, long userId)
    {
        if (Find(connection, organizationId, userId) is { } existing) return existing;
        var token = "coopdir-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        connection.Execute("""
            INSERT INTO claims (organization_id, user_id, token, status, created_at) VALUES (@organizationId, @userId, @token, @Pending, @now)
            """, new { organizationId, userId, token, Pending, now = clock.GetUtcNow().ToString("O") });
        return Find(connection, organizationId, userId)!;
    }

    public static ListingClaim? Find(DbConnection connection, long organizationId, long userId) =>
        connection.QuerySingleOrDefault<ListingClaim>("""
            SELECT id AS Id, organization_id AS OrganizationId, user_id AS UserId, token AS Token, status AS Status
            FROM claims WHERE organization_id = @organizationId AND user_id = @userId
            """, new { organizationId, userId });

    public void MarkVerified(DbConnection connection, long claimId) =>
        connection.Execute("UPDATE claims SET status = @Verified, verified_at = @now WHERE id = @claimId",
            new { claimId, Verified, now = clock.GetUtcNow().ToString("O") });

    public static bool IsVerifiedClaimer(DbConnection connection, long organizationId, long userId) =>
        connection.ExecuteScalar<long>(
            "SELECT count(*) FROM claims WHERE organization_id = @organizationId AND user_id = @userId AND status = @Verified",
            new { organizationId, userId, Verified }) > 0;
}
