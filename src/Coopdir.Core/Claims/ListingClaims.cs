using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Coopdir.Core.Edits;
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
    public async Task<ListingClaim> StartAsync(DbConnection connection, long organizationId, long userId)
    {
        if (await FindAsync(connection, organizationId, userId) is { } existing) return existing;
        var token = "coopdir-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await connection.ExecuteAsync("""
            INSERT INTO claims (organization_id, user_id, token, status, created_at) VALUES (@organizationId, @userId, @token, @Pending, @now)
            """, new { organizationId, userId, token, Pending, now = clock.GetUtcNow().ToString("O") });
        return (await FindAsync(connection, organizationId, userId))!;
    }

    public static Task<ListingClaim?> FindAsync(DbConnection connection, long organizationId, long userId) =>
        connection.QuerySingleOrDefaultAsync<ListingClaim?>("""
            SELECT id AS Id, organization_id AS OrganizationId, user_id AS UserId, token AS Token, status AS Status
            FROM claims WHERE organization_id = @organizationId AND user_id = @userId
            """, new { organizationId, userId });

    public Task MarkVerifiedAsync(DbConnection connection, long claimId) =>
        connection.ExecuteAsync("UPDATE claims SET status = @Verified, verified_at = @now WHERE id = @claimId",
            new { claimId, Verified, now = clock.GetUtcNow().ToString("O") });

    public static async Task<bool> IsVerifiedClaimerAsync(DbConnection connection, long organizationId, long userId) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM claims WHERE organization_id = @organizationId AND user_id = @userId AND status = @Verified",
            new { organizationId, userId, Verified }) > 0;

    /// <summary>
    /// Whether the organization's current website is verified: someone's claim was verified on it since
    /// it last changed. A claim proves the website of its day; after a change of website, what the new
    /// one publishes speaks for the organization only once a claim is verified on it too.
    /// </summary>
    public static async Task<bool> IsWebsiteVerifiedAsync(DbConnection connection, long organizationId)
    {
        var verifiedAt = (await connection.QueryAsync<string>(
            "SELECT verified_at FROM claims WHERE organization_id = @organizationId AND status = @Verified AND verified_at IS NOT NULL",
            new { organizationId, Verified })).Select(at => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)).DefaultIfEmpty().Max();
        if (verifiedAt == default) return false;
        var websiteChanged = (await Revisions.OfAsync(connection, organizationId))
            .FirstOrDefault(r => Website(r.BeforeJson) != Website(r.AfterJson))?.CreatedAt;
        return websiteChanged is null || websiteChanged <= verifiedAt;
    }

    private static string? Website(string? snapshot) => snapshot is null ? null : JsonNode.Parse(snapshot)?["website"]?.GetValue<string>();
}
