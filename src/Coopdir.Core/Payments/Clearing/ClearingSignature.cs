using System.Security.Cryptography;
using System.Text;

namespace Coopdir.Core.Payments.Clearing;

/// <summary>
/// The protocol's calls are signed with the agreement's shared secret: HMAC-SHA256 over the method, the path and the
/// body, so a signed prepare cannot be replayed as a commit or against another agreement. Replaying the same call
/// is harmless: every call is idempotent by transfer id. The peer signs its answer the same way (<see cref="SignAnswer"/>),
/// so nobody between the two instances can make one side believe the other prepared or committed what it did not.
/// </summary>
public static class ClearingSignature
{
    public const string Header = "Coopdir-Clearing-Signature";
    public const int MinSecretLength = 32;
    public const int MaxSecretLength = 200;

    public static string Sign(string secret, string method, string path, ReadOnlySpan<byte> body)
    {
        var text = Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{path}\n");
        var signed = new byte[text.Length + body.Length];
        text.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(text.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    public static bool IsValid(string secret, string method, string path, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(secret, method, path, body)), Encoding.ASCII.GetBytes(signature.Trim()));

    /// <summary>The answer to a call: bound to the call's method and path, so an answer cannot be passed off as another call's.</summary>
    public static string SignAnswer(string secret, string method, string path, ReadOnlySpan<byte> body) =>
        Sign(secret, "ANSWER " + method, path, body);

    public static bool IsValidAnswer(string secret, string method, string path, ReadOnlySpan<byte> body, string? signature) =>
        IsValid(secret, "ANSWER " + method, path, body, signature);
}
