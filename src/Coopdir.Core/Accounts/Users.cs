using System.Data.Common;
using System.Text.RegularExpressions;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Accounts;

public enum SignInOutcome { SignedIn, Failed, LockedOut }

/// <summary>What a sign-in attempt did; on a lock-out, <see cref="LockedUntil"/> says until when.</summary>
public sealed record SignInResult(SignInOutcome Outcome, User? User = null, DateTimeOffset? LockedUntil = null);

/// <summary>Accounts: creation, look-up, roles, and sign-in with lock-out after repeated failures.</summary>
public sealed partial class Users(TimeProvider clock)
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockOut = TimeSpan.FromMinutes(15);

    private const string Columns = "id AS Id, email AS Email, name AS Name, role AS Role, created_at AS CreatedAt";

    /// <summary>Creates an account, or returns what was wrong with the request (nothing is written then).</summary>
    public async Task<(User? User, IReadOnlyList<FieldError> Errors)> CreateAsync(DbConnection connection, string email, string name, string password, string role)
    {
        email = email.Trim().ToLowerInvariant();
        name = name.Trim();
        var errors = new List<FieldError>();
        if (!EmailPattern().IsMatch(email) || email.Length > 254) errors.Add(new("email", "is not an email address"));
        else if (await FindByEmailAsync(connection, email) is not null) errors.Add(new("email", "already has an account"));
        if (name.Length is 0 or > 80) errors.Add(new("name", "must be 1 to 80 characters"));
        if (Passwords.Problem(password) is { } problem) errors.Add(new("password", problem));
        if (!Roles.IsKnown(role)) errors.Add(new("role", $"'{role}' is not one of {string.Join(", ", Roles.All)}"));
        if (errors.Count > 0) return (null, errors);

        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO users (email, name, password_hash, role, created_at) VALUES (@email, @name, @hash, @role, @now) RETURNING id
            """, new { email, name, hash = Passwords.Hash(password), role, now = clock.GetUtcNow().ToString("O") });
        return (await FindAsync(connection, id), []);
    }

    public static async Task<User?> FindAsync(DbConnection connection, long id) =>
        (await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users WHERE id = @id", new { id }))?.ToUser();

    public static async Task<User?> FindByEmailAsync(DbConnection connection, string email) =>
        (await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users WHERE email = @email",
            new { email = email.Trim().ToLowerInvariant() }))?.ToUser();

    public static async Task<bool> SetRoleAsync(DbConnection connection, long id, string role) =>
        await connection.ExecuteAsync("UPDATE users SET role = @role WHERE id = @id", new { id, role }) == 1;

    /// <summary>
    /// Checks a password. Every failure counts; the fifth in a row locks the account for a while, and
    /// while it is locked even the right password is refused, so guessing gains nothing.
    /// </summary>
    public async Task<SignInResult> SignInAsync(DbConnection connection, string email, string password)
    {
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {Columns}, password_hash AS PasswordHash, failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil FROM users WHERE email = @email",
            new { email = email.Trim().ToLowerInvariant() });
        if (row is null)
        {
            // Spend the same work as a real check, so response times do not reveal which emails have accounts.
            Passwords.Verify(DummyHash, password);
            return new SignInResult(SignInOutcome.Failed);
        }
        var now = clock.GetUtcNow();
        if (row.LockedUntil is { } locked && DateTimeOffset.Parse(locked, System.Globalization.CultureInfo.InvariantCulture) > now)
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: DateTimeOffset.Parse(locked, System.Globalization.CultureInfo.InvariantCulture));
        if (Passwords.Verify(row.PasswordHash!, password))
        {
            await connection.ExecuteAsync("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @Id", new { row.Id });
            return new SignInResult(SignInOutcome.SignedIn, row.ToUser());
        }
        var failures = row.FailedSignIns + 1;
        var until = failures >= MaxFailedSignIns ? now + LockOut : (DateTimeOffset?)null;
        await connection.ExecuteAsync("UPDATE users SET failed_sign_ins = @failures, locked_until = @until WHERE id = @Id",
            new { row.Id, failures = until is null ? failures : 0, until = until?.ToString("O") });
        return until is null ? new SignInResult(SignInOutcome.Failed) : new SignInResult(SignInOutcome.LockedOut, LockedUntil: until);
    }

    private static readonly string DummyHash = Passwords.Hash(Guid.NewGuid().ToString());

    private sealed class UserRow
    {
        public long Id { get; set; }
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? PasswordHash { get; set; }
        public int FailedSignIns { get; set; }
        public string? LockedUntil { get; set; }

        public User ToUser() => new(Id, Email, Name, Role, DateTimeOffset.Parse(CreatedAt, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
