using Microsoft.AspNetCore.Identity;

namespace Coopdir.Core.Accounts;

/// <summary>ASP.NET Core Identity's password hashing (PBKDF2 with a per-password salt), without the rest of Identity.</summary>
public static class Passwords
{
    public const int MinimumLength = 10;
    public const int MaximumLength = 200;

    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly object Nobody = new();

    public static string Hash(string password) => Hasher.HashPassword(Nobody, password);

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(Nobody, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>Why a password is not acceptable, or null.</summary>
    public static string? Problem(string password) => password.Length switch
    {
        < MinimumLength => $"must be at least {MinimumLength} characters",
        > MaximumLength => $"must be at most {MaximumLength} characters",
        _ => null,
    };
}
