using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Accounts;

/// <summary>A personal API token as listed on the account page (never the token itself).</summary>
public sealed record ApiTokenInfo(long Id, string Label, DateTimeOffset CreatedAt);

/// <summary>
/// Personal API tokens, sent as "Authorization: Bearer". A token is 256 random bits shown once; only
/// its SHA-256 is stored (a token is not a password a person chose, so a fast hash is enough).
/// </summary>
public sealed class ApiTokens(TimeProvider clock)
{
    private const string Prefix = "coopdir_";

    /// <summary>Creates a token for the user and returns it; it cannot be recovered later.</summary>
    public async Task<string> CreateAsync(DbConnection connection, long userId, string label)
    {
        var token = SecretTokens.New(Prefix);
        await connection.ExecuteAsync("""
            INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (@userId, @hash, @label, @now)
            """, new { userId, hash = SecretTokens.Hash(token), label = label.Trim().Length == 0 ? "API token" : label.Trim(), now = clock.GetUtcNow().ToString("O") });
        return token;
    }

    /// <summary>The account a live token belongs to, or null (a revoked token, or a disabled account's).</summary>
    public static async Task<User?> FindUserAsync(DbConnection connection, string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100) return null;
        var id = await connection.QuerySingleOrDefaultAsync<long?>(
            """
            SELECT t.user_id FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_hash = @hash AND t.revoked_at IS NULL AND u.disabled_at IS NULL
            """, new { hash = SecretTokens.Hash(token) });
        return id is null ? null : await Users.FindAsync(connection, id.Value);
    }

    public static async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(DbConnection connection, long userId) =>
        (await connection.QueryAsync<(long Id, string Label, string CreatedAt)>(
                "SELECT id, label, created_at FROM api_tokens WHERE user_id = @userId AND revoked_at IS NULL ORDER BY id", new { userId }))
            .Select(t => new ApiTokenInfo(t.Id, t.Label, DateTimeOffset.Parse(t.CreatedAt, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    public async Task<bool> RevokeAsync(DbConnection connection, long userId, long tokenId) =>
        await connection.ExecuteAsync("UPDATE api_tokens SET revoked_at = @now WHERE id = @tokenId AND user_id = @userId AND revoked_at IS NULL",
            new { tokenId, userId, now = clock.GetUtcNow().ToString("O") }) == 1;

    /// <summary>Revokes every live token of the account; returns how many.</summary>
    public async Task<int> RevokeAllAsync(DbConnection connection, long userId) =>
        await connection.ExecuteAsync("UPDATE api_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL",
            new { userId, now = clock.GetUtcNow().ToString("O") });
}
