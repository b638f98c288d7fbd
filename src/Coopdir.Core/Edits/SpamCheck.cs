using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coopdir.Core.Edits;

/// <summary>
/// Flags proposals that look like spam: many links, or phrases spammers use. A flagged proposal waits
/// for a reviewer whatever its author's role, so a stolen editor account cannot publish spam directly.
/// </summary>
public static partial class SpamCheck
{
    public const int MaxLinks = 3;

    /// <summary>Why the text looks like spam, or null.</summary>
    public static string? Reason(JsonNode? patch, string summary)
    {
        var text = string.Join("\n", Strings(patch).Append(summary));
        var links = LinkPattern().Matches(text).Count;
        if (links > MaxLinks) return $"it contains {links} links (more than {MaxLinks})";
        var phrase = BadPhrasePattern().Match(text);
        return phrase.Success ? $"it contains \"{phrase.Value}\"" : null;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [GeneratedRegex(@"(https?://|www\.)", RegexOptions.IgnoreCase)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\b(viagra|cialis|casino|payday loans?|crypto ?giveaway|buy followers|replica watches|porn|escort service|seo services)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex BadPhrasePattern();
}
