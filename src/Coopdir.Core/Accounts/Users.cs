using System.Data.Common;
using System.Security.Cryptography;
using Coopdir.Core.Input;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Accounts;

public enum SignInOutcome { SignedIn, Failed, Throttled }

/// <summary>
/// What a sign-in attempt did. <see cref="SignInOutcome.Failed"/> and <see cref="SignInOutcome.Throttled"/>
/// are the same whether the address has an account or not; when throttled, <see cref="RetryAfter"/> says how long to wait.
/// </summary>
public sealed record SignInResult(SignInOutcome Outcome, User? User = null, TimeSpan? RetryAfter = null, string? SecurityStamp = null);

/// <summary>
/// Accounts: creation, look-up, roles, passwords, sign-in (throttled by <see cref="SignInThrottle"/>), and
/// each account's security stamp, which every session carries: changing it ends them all.
/// </summary>
public sealed class Users(TimeProvider clock)
{

    public const string EmailTaken = "already has an account";

    private const string Columns = "id AS Id, email AS Email, name AS Name, role AS Role, created_at AS CreatedAt";

    /// <summary>Creates an account, or returns what was wrong with the request (nothing is written then).</summary>
    public async Task<(User? User, IReadOnlyList<FieldError> Errors)> CreateAsync(DbConnection connection, string email, string name, string password, string role)
    {
        // Checked before canonicalising: an invisible character must not make a look-alike second account.
        var emailProblem = EmailAddress.Problem(email.Trim());
        email = EmailAddress.Canonical(email);
        name = name.Trim();
        var errors = new List<FieldError>();
        if (emailProblem is not null) errors.Add(new("email", emailProblem));
        if (name.Length is 0 or > 80) errors.Add(new("name", "must be 1 to 80 characters"));
        else if (PlainText.IdentityProblem(name) is { } nameProblem) errors.Add(new("name", nameProblem));
        if (Passwords.Problem(password) is { } problem) errors.Add(new("password", problem));
        if (!Roles.IsKnown(role)) errors.Add(new("role", $"'{role}' is not one of {string.Join(", ", Roles.All)}"));
        // Looked up only once everything else is right, so the answer to a bad form never says whether the address has an account.
        if (errors.Count == 0 && await FindByEmailAsync(connection, email) is not null) errors.Add(new("email", EmailTaken));
        if (errors.Count > 0) return (null, errors);

        var id = await connection.ExecuteScalarAsync<long>("""
            INSERT INTO users (email, name, password_hash, role, created_at, security_stamp) VALUES (@email, @name, @hash, @role, @now, @stamp) RETURNING id
            """, new { email, name, hash = Passwords.Hash(password), role, now = clock.GetUtcNow().ToString("O"), stamp = NewStamp() });
        return (await FindAsync(connection, id), []);
    }

    public static async Task<User?> FindAsync(DbConnection connection, long id) =>
        (await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users WHERE id = @id", new { id }))?.ToUser();

    public static async Task<User?> FindByEmailAsync(DbConnection connection, string email) =>
        (await connection.QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users WHERE email = @email",
            new { email = EmailAddress.Canonical(email) }))?.ToUser();

    public static async Task<bool> SetRoleAsync(DbConnection connection, long id, string role) =>
        await connection.ExecuteAsync("UPDATE users SET role = @role WHERE id = @id", new { id, role }) == 1;

    /// <summary>
    /// Checks a password, unless <paramref name="throttle"/> says this client must wait first (then the
    /// password is not even looked at, so guessing gains nothing). A disabled account, an unknown address
    /// and a wrong password all fail alike, and cost the same work.
    /// </summary>
    public async Task<SignInResult> SignInAsync(DbConnection connection, SignInThrottle throttle, string email, string password, string client, bool knownDevice)
    {
        if (await throttle.WaitAsync(connection, email, client, knownDevice) is { } wait)
            return new SignInResult(SignInOutcome.Throttled, RetryAfter: wait);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {Columns}, password_hash AS PasswordHash, security_stamp AS SecurityStamp, disabled_at AS DisabledAt FROM users WHERE email = @email",
            new { email = EmailAddress.Canonical(email) });
        // Spend the same work as a real check, so response times do not reveal which emails have accounts.
        var verified = Passwords.Verify(row?.PasswordHash ?? DummyHash, password) && row is { DisabledAt: null };
        if (verified)
        {
            await SignInThrottle.SucceededAsync(connection, email, client);
            return new SignInResult(SignInOutcome.SignedIn, row!.ToUser(), SecurityStamp: row.SecurityStamp);
        }
        return await throttle.FailedAsync(connection, email, client, knownDevice) is { } now
            ? new SignInResult(SignInOutcome.Throttled, RetryAfter: now)
            : new SignInResult(SignInOutcome.Failed);
    }

    /// <summary>The account a session belongs to, while the session's stamp is the account's current one and the account is not disabled.</summary>
    public static async Task<(User User, string Stamp)?> FindSessionAsync(DbConnection connection, long id, string? stamp)
    {
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {Columns}, security_stamp AS SecurityStamp FROM users WHERE id = @id AND disabled_at IS NULL", new { id });
        return row is null || stamp is null || !CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(row.SecurityStamp ?? ""), System.Text.Encoding.UTF8.GetBytes(stamp))
            ? null
            : (row.ToUser(), row.SecurityStamp!);
    }

    /// <summary>Ends every session of the account (each carries the old stamp) and returns the new stamp.</summary>
    public static async Task<string> EndSessionsAsync(DbConnection connection, long id)
    {
        var stamp = NewStamp();
        await connection.ExecuteAsync("UPDATE users SET security_stamp = @stamp WHERE id = @id", new { id, stamp });
        return stamp;
    }

    /// <summary>
    /// Changes the password if <paramref name="current"/> is right, ending every session of the account;
    /// returns the errors by field, or the new stamp for the session that made the change.
    /// </summary>
    public static async Task<(string? Stamp, IReadOnlyList<FieldError> Errors)> ChangePasswordAsync(DbConnection connection, long id, string current, string replacement)
    {
        var hash = await connection.QuerySingleOrDefaultAsync<string>("SELECT password_hash FROM users WHERE id = @id", new { id });
        if (hash is null || !Passwords.Verify(hash, current)) return (null, [new FieldError("current_password", "is not the account's password")]);
        if (Passwords.Problem(replacement) is { } problem) return (null, [new FieldError("new_password", problem)]);
        return (await SetPasswordAsync(connection, id, replacement), []);
    }

    /// <summary>Sets the password (already checked) and a new stamp, ending every session of the account; returns the stamp.</summary>
    internal static async Task<string> SetPasswordAsync(DbConnection connection, long id, string password, DbTransaction? transaction = null)
    {
        var stamp = NewStamp();
        await connection.ExecuteAsync("UPDATE users SET password_hash = @hash, security_stamp = @stamp WHERE id = @id",
            new { id, hash = Passwords.Hash(password), stamp }, transaction);
        return stamp;
    }

    /// <summary>
    /// Disables the account (or enables it again): a disabled account cannot sign in, its sessions end
    /// and its API tokens are refused, though they are kept, as are its contributions. Returns false for no such account.
    /// </summary>
    public async Task<bool> SetDisabledAsync(DbConnection connection, long id, bool disabled) =>
        await connection.ExecuteAsync("UPDATE users SET disabled_at = @at, security_stamp = @stamp WHERE id = @id",
            new { id, at = disabled ? clock.GetUtcNow().ToString("O") : null, stamp = NewStamp() }) == 1;

    public static async Task<bool> IsDisabledAsync(DbConnection connection, long id) =>
        await connection.ExecuteScalarAsync<string?>("SELECT disabled_at FROM users WHERE id = @id", new { id }) is not null;

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static readonly string DummyHash = Passwords.Hash(Guid.NewGuid().ToString());

    private sealed class UserRow
    {
        public long Id { get; set; }
        public string Email { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? PasswordHash { get; set; }
        public string? SecurityStamp { get; set; }
        public string? DisabledAt { get; set; }

        public User ToUser() => new(Id, Email, Name, Role, DateTimeOffset.Parse(CreatedAt, System.Globalization.CultureInfo.InvariantCulture));
    }
}
