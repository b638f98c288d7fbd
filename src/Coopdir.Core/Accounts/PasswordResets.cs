using System.Data.Common;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Accounts;

/// <summary>What using a reset link did: the account's new security stamp, or why nothing changed.</summary>
public sealed record PasswordResetResult(string? Stamp, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Stamp is not null;
}

/// <summary>
/// Password reset links. A link carries 256 random bits, of which only the SHA-256 is stored (like
/// <see cref="ApiTokens"/>); it works once, for <see cref="Lifetime"/>, and a new password ends every session
/// of the account and every other link. An account gets at most <see cref="PerAccountPerHour"/> links an hour,
/// so a stranger asking again and again cannot fill its owner's mailbox.
/// </summary>
public sealed class PasswordResets(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    public const int PerAccountPerHour = 3;
    public const int MaxTokenLength = 100;

    /// <summary>Why a link is refused; the same for a link that never existed, was used or has expired.</summary>
    public const string NotValid = "This reset link is not valid: it was used already, has expired, or was never issued.";

    private const string Prefix = "reset_";

    /// <summary>
    /// A new link's token for the account with that address, or null: no such account, a disabled one, or one that
    /// had its hourly share of links. Callers answer alike either way.
    /// </summary>
    public async Task<(User User, string Token)?> CreateAsync(DbConnection connection, string email)
    {
        var user = await Users.FindByEmailAsync(connection, email);
        if (user is null || await Users.IsDisabledAsync(connection, user.Id)) return null;
        var now = clock.GetUtcNow();
        var recent = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM password_resets WHERE user_id = @id AND created_at > @since",
            new { id = user.Id, since = (now - TimeSpan.FromHours(1)).ToString("O") });
        if (recent >= PerAccountPerHour) return null;
        var token = SecretTokens.New(Prefix);
        await connection.ExecuteAsync("""
            INSERT INTO password_resets (user_id, token_hash, created_at, expires_at) VALUES (@id, @hash, @now, @expires)
            """, new { id = user.Id, hash = SecretTokens.Hash(token), now = now.ToString("O"), expires = (now + Lifetime).ToString("O") });
        return (user, token);
    }

    /// <summary>Whether the link can still be used (for showing its form; <see cref="ResetAsync"/> checks again).</summary>
    public async Task<bool> IsValidAsync(DbConnection connection, string? token) =>
        await LiveUserAsync(connection, token) is not null;

    /// <summary>
    /// Sets the account's password from a live link, in one transaction: the link is spent, every other link of the
    /// account too, and the new security stamp ends every session. Nothing changes when the link or the password is refused.
    /// </summary>
    public async Task<PasswordResetResult> ResetAsync(DbConnection connection, string? token, string password)
    {
        if (Passwords.Problem(password) is { } problem) return new(null, [new FieldError("new_password", problem)]);
        if (token is null || token.Length > MaxTokenLength) return new(null, [new FieldError("token", NotValid)]);
        var now = clock.GetUtcNow().ToString("O");
        await using var transaction = await connection.BeginTransactionAsync();
        // Spending the link is the check: of two requests with the same link, only one updates its row.
        var userId = await connection.ExecuteScalarAsync<long?>("""
            UPDATE password_resets SET used_at = @now
            WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now
              AND user_id IN (SELECT id FROM users WHERE disabled_at IS NULL)
            RETURNING user_id
            """, new { hash = SecretTokens.Hash(token), now }, transaction);
        if (userId is null) return new(null, [new FieldError("token", NotValid)]);
        await connection.ExecuteAsync("UPDATE password_resets SET used_at = @now WHERE user_id = @userId AND used_at IS NULL",
            new { userId, now }, transaction);
        var stamp = await Users.SetPasswordAsync(connection, userId.Value, password, transaction);
        await transaction.CommitAsync();
        return new(stamp, []);
    }

    private async Task<long?> LiveUserAsync(DbConnection connection, string? token) =>
        token is null || token.Length > MaxTokenLength ? null : await connection.ExecuteScalarAsync<long?>("""
            SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id
            WHERE r.token_hash = @hash AND r.used_at IS NULL AND r.expires_at > @now AND u.disabled_at IS NULL
            """, new { hash = SecretTokens.Hash(token), now = clock.GetUtcNow().ToString("O") });
}
