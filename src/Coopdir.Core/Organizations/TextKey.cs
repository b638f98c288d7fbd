using System.Globalization;
using System.Text;

namespace Coopdir.Core.Organizations;

/// <summary>
/// A comparison key for names: lower case, without diacritics or punctuation, single spaces.
/// "Cooperativa Agrícola, Ltd." and "cooperativa agricola ltd" share one key.
/// </summary>
public static class TextKey
{
    public static string Of(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var key = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && key.Length > 0) key.Append(' ');
                pendingSpace = false;
                key.Append(char.ToLowerInvariant(c));
            }
            else if (c is not '\'' and not '\u2019')
            {
                pendingSpace = true;
            }
        }
        return key.ToString();
    }

    /// <summary>A URL-friendly slug built from the key.</summary>
    public static string Slug(string text, int maxLength = 80)
    {
        var slug = Of(text).Replace(' ', '-');
        if (slug.Length > maxLength) slug = slug[..maxLength].TrimEnd('-');
        return slug.Length == 0 ? "organization" : slug;
    }
}
