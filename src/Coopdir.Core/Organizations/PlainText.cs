using System.Globalization;
using System.Text;

namespace Coopdir.Core.Organizations;

/// <summary>
/// Text hygiene at the door, for every field whoever writes it. Text both stores keep alike and every format can carry:
/// no control character (C0, DEL, C1) but tab, line feed and carriage return in a field that may hold several lines,
/// no half of a surrogate pair and no noncharacter (U+FFFE, U+FFFF…, which XML 1.0 cannot hold, so one stored would
/// break /changes.atom). PostgreSQL refuses NUL and invalid UTF-8 outright while SQLite stores them, so a directory
/// holding them could not move between stores either. Names and e-mail addresses also refuse the invisible characters
/// that make two different strings look the same (bidirectional overrides, zero-width spaces). Accepted text is
/// stored in Unicode normalisation form C (<see cref="Nfc"/>), so the same name typed on two keyboards is one name.
/// </summary>
public static class PlainText
{
    /// <summary>Why the text cannot be stored ("contains U+0000 (a control character) at character 12"), or null when it can.</summary>
    /// <param name="multiLine">Whether the field may hold several lines (descriptions, notes): tab and line breaks are allowed only then.</param>
    public static string? Problem(string? text, bool multiLine = true)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNoncharacter(char.ConvertToUtf32(c, text[i + 1]))) return $"contains the noncharacter {CodePoint(char.ConvertToUtf32(c, text[i + 1]))} at character {i + 1}";
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return $"contains half of a surrogate pair (U+{(int)c:X4}) at character {i + 1}";
            if (c is '\t' or '\n' or '\r')
            {
                if (!multiLine) return $"contains a {(c == '\t' ? "tab" : "line break")} at character {i + 1}; it must be one line";
                continue;
            }
            if (char.IsControl(c)) return $"contains {CodePoint(c)} (a control character) at character {i + 1}";
            if (IsNoncharacter(c)) return $"contains the noncharacter {CodePoint(c)} at character {i + 1}";
        }
        return null;
    }

    /// <summary>
    /// <see cref="Problem"/> for one line, and no invisible character that could make a look-alike of a name or an
    /// address: bidirectional embeddings, overrides, isolates and marks, zero-width spaces and the byte-order mark.
    /// (Zero-width joiners and non-joiners stay allowed: Persian and Indic names need them.)
    /// </summary>
    public static string? IdentityProblem(string? text)
    {
        if (Problem(text, multiLine: false) is { } problem) return problem;
        for (var i = 0; i < text!.Length; i++)
        {
            if (IsInvisible(text[i])) return $"contains the invisible character {CodePoint(text[i])} at character {i + 1}";
        }
        return null;
    }

    /// <summary>The text in normalisation form C; text that is not valid Unicode is left as it is, for <see cref="Problem"/> to refuse.</summary>
    public static string? Nfc(string? text)
    {
        if (text is null || text.IsNormalized(NormalizationForm.FormC)) return text;
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static bool IsInvisible(char c) => c is
        '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') // bidi
        or '\u200B' or '\u2060' or '\uFEFF' or '\u180E'; // zero-width space, word joiner, BOM, Mongolian vowel separator

    private static bool IsNoncharacter(int c) => c is >= 0xFDD0 and <= 0xFDEF || (c & 0xFFFE) == 0xFFFE;

    private static string CodePoint(int c) => "U+" + c.ToString("X4", CultureInfo.InvariantCulture);
}
