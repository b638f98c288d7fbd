using System.Security.Cryptography;
using System.Text;

namespace Coopdir.Core.Accounts;

/// <summary>
/// Bearer secrets shown to a person once (API tokens, password reset links): 32 random bytes, URL-safe, after a prefix
/// that says what they are. Only <see cref="Hash"/> is stored, so a copy of the database lets nobody use them.
/// </summary>
internal static class SecretTokens
{
    public static string New(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
