using System.Text.RegularExpressions;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Input;

/// <summary>
/// The one canonical form of an e-mail address, for storing and comparing: trimmed, Unicode normalisation form C and
/// lower-cased (the domain is case-insensitive by DNS; the local part is treated so too, as every mail host in practice
/// does and as accounts always have). An address with an invisible character (zero-width space, bidirectional
/// override) is refused rather than canonicalised, so that a look-alike can never become a second account.
/// </summary>
public static partial class EmailAddress
{
    public static string Canonical(string address) => PlainText.Nfc(address.Trim())!.ToLowerInvariant();

    /// <summary>Why the address is not acceptable, or null: too long, an invisible or control character, not the shape of an address.</summary>
    public static string? Problem(string address)
    {
        if (address.Length > InputLimits.Email) return $"is longer than {InputLimits.Email} characters";
        if (PlainText.IdentityProblem(address) is { } problem) return problem;
        if (!IsShaped(address) || address.EndsWith('.')) return $"'{address}' is not an e-mail address";
        return null;
    }

    /// <summary>The shape of an address: one @, no whitespace, a dot inside the domain.</summary>
    public static bool IsShaped(string address) => Shape().IsMatch(address);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Shape();
}
