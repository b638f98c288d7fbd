using System.Text;
using System.Text.RegularExpressions;

namespace Coopdir.Core.Search;

/// <summary>
/// Turns what a person typed into an FTS5 MATCH expression. Every word is quoted, so FTS
/// syntax in the input ("NEAR(", "*", quotes, braces) is searched as text and never breaks the
/// query; the last word also matches as a prefix, for search as you type.
/// </summary>
public static partial class FtsQuery
{
    public const int MaxWords = 16;

    public static IReadOnlyList<string> Words(string text) => AllWords(text).Take(MaxWords).ToList();

    public static IEnumerable<string> AllWords(string text) => WordPattern().Matches(text).Select(m => m.Value);

    /// <summary>The MATCH expression, or null when the text holds no searchable word.</summary>
    public static string? Build(string text) => Build(Words(text));

    public static string? Build(IReadOnlyList<string> words)
    {
        if (words.Count == 0) return null;
        var match = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0) match.Append(' ');
            match.Append('"').Append(words[i].Replace("\"", "\"\"")).Append('"');
            if (i == words.Count - 1) match.Append('*');
        }
        return match.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}\p{M}]+")]
    private static partial Regex WordPattern();
}
