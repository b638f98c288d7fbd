using System.Globalization;
using System.Text;

namespace Coopdir.Core.Areas;

/// <summary>
/// How a place name is compared when a location is resolved or an area is looked up: without case,
/// accents, punctuation or spaces ("Saint-Étienne" = "saint etienne"), and with the words official lists
/// add around a name taken off as a second key ("Oakland city", "San Francisco County" and "Bristol, City of" also answer to
/// "Oakland", "San Francisco" and "Bristol").
/// </summary>
public static class AreaNames
{
    // The US census's legal descriptions, and the ONS's ", City of"; longest first.
    private static readonly string[] Suffixes =
    [
        " consolidated government (balance)", " metropolitan government (balance)", " unified government (balance)",
        " city and borough", " urban county", " census area", " municipality", " borough", " county", " parish", " village", " city",
        " town", " cdp", ", city of",
    ];

    private static readonly string[] Prefixes = ["city of ", "town of ", "the "];

    /// <summary>The keys a name answers to: the whole name's, and the name's without its official words when they differ.</summary>
    public static IEnumerable<string> KeysOf(string name)
    {
        var lower = name.Trim().ToLowerInvariant();
        var whole = Key(lower);
        if (whole.Length > 0) yield return whole;
        var bare = lower;
        foreach (var prefix in Prefixes) if (bare.StartsWith(prefix, StringComparison.Ordinal)) bare = bare[prefix.Length..];
        foreach (var suffix in Suffixes)
        {
            if (bare.EndsWith(suffix, StringComparison.Ordinal)) { bare = bare[..^suffix.Length]; break; }
        }
        var bareKey = Key(bare);
        if (bareKey.Length > 0 && bareKey != whole) yield return bareKey;
    }

    /// <summary>The one key a name typed or written in a record is looked up by.</summary>
    public static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        }
        var key = builder.ToString();
        return key.StartsWith("saint", StringComparison.Ordinal) ? "st" + key[5..] : key;
    }
}
