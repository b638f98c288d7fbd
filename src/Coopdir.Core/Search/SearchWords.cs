using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Coopdir.Core.Organizations;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace Coopdir.Core.Search;

/// <summary>
/// How text becomes search words, the same for what is indexed and what is asked, and the same on
/// both stores (each store indexes these words, never its own analysis, so both find the same).
/// Words are lower case without diacritics; every spelling of co-op is one word; English stems
/// are computed here with the Snowball English stemmer.
/// </summary>
public static partial class SearchWords
{
    /// <summary>The one word that co-op, coop, cooperative, co-operative, cooperativa, coopérative... become.</summary>
    public const string Coop = "coop";

    // Legal forms at the end of most names: they say nothing about what an organization is, so
    // they are left out of name ranking and are optional in a query that has other words.
    private static readonly HashSet<string> LegalForms =
    [
        "limited", "ltd", "llc", "inc", "incorporated", "cic", "plc", "llp", "lp", "cyf", "cyfyngedig",
        "corp", "gmbh", "eg", "eingetragene", "scrl", "scop", "sccl", "cio",
    ];

    // Abbreviated legal forms are the same word as written out: "limited" finds "Ltd".
    private static readonly Dictionary<string, string> Abbreviations = new()
    {
        ["ltd"] = "limited", ["inc"] = "incorporated", ["cyf"] = "cyfyngedig",
    };

    [ThreadStatic] private static EnglishStemmer? stemmer;

    // Stemming is the dearest part of indexing a record, and an import's records share most of their
    // words, so each word is stemmed once. Bounded: a long-running site meets new words without end.
    private static readonly ConcurrentDictionary<string, string> Stems = new(StringComparer.Ordinal);
    private const int MaxRememberedStems = 200_000;

    /// <summary>The words of a text, normalized, in order (duplicates kept).</summary>
    public static IReadOnlyList<string> Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var key = CoopSpelling().Replace(TextKey.Of(text), Coop);
        return key.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Abbreviations.GetValueOrDefault(w, w)).ToList();
    }

    public static bool IsLegalForm(string word) => LegalForms.Contains(word);

    /// <summary>Words that nearly every record has: a query needs them only when it has nothing else.</summary>
    public static bool IsOptional(string word) => word == Coop || LegalForms.Contains(word);

    /// <summary>The English stem: "bakeries" and "bakery" → "bakeri", "housing" → "hous".</summary>
    public static string Stem(string word)
    {
        if (word.Length < 3 || word.AsSpan().ContainsAnyExceptInRange('a', 'z')) return word;
        if (Stems.TryGetValue(word, out var known)) return known;
        stemmer ??= new EnglishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        var stem = stemmer.Current;
        if (Stems.Count >= MaxRememberedStems) Stems.Clear();
        Stems[word] = stem;
        return stem;
    }

    /// <summary>What a half-typed word and its stem share: "bakery" → "baker", so that both "bakery" and "bakeries" start with it.</summary>
    public static string TypedPrefix(string word)
    {
        var stem = Stem(word);
        var length = 0;
        while (length < word.Length && length < stem.Length && word[length] == stem[length]) length++;
        return word[..Math.Max(length, Math.Min(word.Length, 1))];
    }

    /// <summary>The smallest string after every string that starts with <paramref name="prefix"/> (for index range scans).</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    // Over the text key (lower case, no diacritics, punctuation as spaces): "co op", "co operative", "cooperativas"...
    [GeneratedRegex(@"\bco ?op(?:s|erative|eratives|erativa|erativas|erativo|erativos|erativ|eratief)?\b")]
    private static partial Regex CoopSpelling();
}
