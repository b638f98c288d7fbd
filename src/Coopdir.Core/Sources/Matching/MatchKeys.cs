using System.Text;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Sources.Matching;

/// <summary>The keys records are compared by: a name without its legal words, postcodes, identifiers and website domains.</summary>
public static class MatchKeys
{
    // Words that say what kind of body a name belongs to, not which one: "Leeds Bread Co-operative Limited" and
    // "Leeds Bread Coop Ltd" are one name.
    private static readonly HashSet<string> LegalWords =
    [
        "limited", "ltd", "llp", "plc", "cic", "cio", "inc", "incorporated", "company", "co", "op", "coop", "cooperative",
        "cooperativa", "cooperatives", "coops", "society", "the", "and", "of", "eg", "ev", "gmbh", "scic", "scop", "sa", "sl",
        "asbl", "vzw", "association", "associazione", "genossenschaft", "scrl", "soc", "ltda", "ug", "und", "de", "la", "le", "les",
    ];

    /// <summary>The words of a name that tell it apart, joined: "leeds bread" for "The Leeds Bread Co-operative Ltd".</summary>
    public static string Name(string name)
    {
        var words = TextKey.Of(name.Replace("&", " and ").Replace("co-op", "coop", StringComparison.OrdinalIgnoreCase))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var telling = words.Where(w => !LegalWords.Contains(w)).ToArray();
        return string.Join(' ', telling.Length > 0 ? telling : words);
    }

    /// <summary>
    /// A word one typo away from a legal word ("copoerative", "limted"): <see cref="Name"/> keeps it, as it
    /// keeps any word it does not know, so comparisons that forgive typos leave it out themselves.
    /// </summary>
    public static bool IsMisspeltLegalWord(string word) =>
        word.Length >= 5 && LegalWords.Any(legal => legal.Length >= 5 && Search.EditDistance.Between(word, legal) == 1);

    /// <summary>The numbers in a name: "Phoenix Housing 2" and "Phoenix Housing 3" are two organizations, however alike.</summary>
    public static string Numbers(string nameKey) =>
        string.Join(' ', nameKey.Split(' ').Where(w => w.Any(char.IsAsciiDigit)));

    public static string? Postcode(string? postcode)
    {
        if (string.IsNullOrWhiteSpace(postcode)) return null;
        var key = new StringBuilder();
        foreach (var c in postcode) if (char.IsLetterOrDigit(c)) key.Append(char.ToUpperInvariant(c));
        return key.Length >= 3 ? key.ToString() : null;
    }

    public static string Identifier(Identifier i) => $"{i.Scheme.ToLowerInvariant()}:{i.Value.Replace(" ", "").ToUpperInvariant()}";

    // Hosts many organizations have pages on: a shared host says nothing about being one organization.
    private static readonly string[] SharedHosts =
        ["facebook.com", "twitter.com", "x.com", "instagram.com", "linkedin.com", "google.com", "youtube.com", "meetup.com", "wix.com", "github.com"];

    /// <summary>
    /// "example.coop" for "https://www.example.coop/about"; null for a page on a shared host, or deep in a
    /// site ("woodcraft.org.uk/where/group/leeds" is a local group's page on a national body's site).
    /// </summary>
    public static string? Domain(string? website)
    {
        if (website is null || !Uri.TryCreate(website, UriKind.Absolute, out var uri)) return null;
        if (uri.AbsolutePath.Trim('/').Count(c => c == '/') > 0) return null;
        var host = uri.Host.ToLowerInvariant();
        if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
        return SharedHosts.Any(h => host == h || host.EndsWith("." + h, StringComparison.Ordinal)) ? null : host;
    }

    /// <summary>
    /// Letter trigrams of a name key, each packed into a number (three UTF-16 characters fit in 48 bits, so two
    /// trigrams are equal exactly when their numbers are), sorted and distinct: comparing two names is then a
    /// merge of two short arrays, with nothing allocated per comparison.
    /// </summary>
    public static long[] Trigrams(string key)
    {
        var padded = $"  {key} ";
        var grams = new long[padded.Length - 2];
        for (var i = 0; i + 3 <= padded.Length; i++) grams[i] = (long)padded[i] << 32 | (long)padded[i + 1] << 16 | padded[i + 2];
        Array.Sort(grams);
        var distinct = 0;
        foreach (var gram in grams)
            if (distinct == 0 || grams[distinct - 1] != gram) grams[distinct++] = gram;
        return grams[..distinct];
    }

    /// <summary>Dice similarity of two trigram sets: 1 for the same name, 0 for nothing shared.</summary>
    public static double Alike(long[] a, long[] b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { shared++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return 2.0 * shared / (a.Length + b.Length);
    }
}
