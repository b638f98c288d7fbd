using System.Globalization;

namespace Coopdir.Core.Organizations;

/// <summary>
/// Text both stores keep alike: no control characters but tab, line feed and carriage return, and no
/// half of a surrogate pair. PostgreSQL refuses NUL and invalid UTF-8 outright, while SQLite stores
/// them, so a directory holding them could not move between stores; they are refused at the door.
/// </summary>
public static class PlainText
{
    /// <summary>Why the text cannot be stored ("contains U+0000 (a control character) at character 12"), or null when it can.</summary>
    public static string? Problem(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c)) return $"contains half of a surrogate pair (U+{(int)c:X4}) at character {i + 1}";
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                return $"contains U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)} (a control character) at character {i + 1}";
        }
        return null;
    }
}
