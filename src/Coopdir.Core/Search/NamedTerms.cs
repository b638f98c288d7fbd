using Coopdir.Core.Organizations;

namespace Coopdir.Core.Search;

/// <summary>A vocabulary term a query names: "housing" names the housing type and the housing sector.</summary>
public sealed record NamedTerm(string Vocabulary, string Code);

/// <summary>
/// Which kind, type and sector terms the words of a query name, by a term's code or any of its
/// labels ("Network / federation" is two, "Financial (credit union, co-op bank)" three), as one
/// word or two words in a row, compared by stem as search compares words. Ranking puts the
/// organizations that hold a named term before those that merely share a stem with it.
/// </summary>
public static class NamedTerms
{
    // Catch-all labels ("Other", "All (Services)") describe nothing a person searches for.
    private static readonly HashSet<string> CatchAll = ["other", "all"];

    private const int MaxPhraseWords = 2;

    private static readonly Lazy<ILookup<string, NamedTerm>> ByPhrase = new(Load);

    /// <summary>
    /// The terms the query's words name. Co-op words and legal forms count only in a query without
    /// other words (as in <see cref="TextQuery.Required"/>): "housing co-op" names housing, not every co-op.
    /// </summary>
    public static IReadOnlyList<NamedTerm> In(TextQuery query)
    {
        var stems = query.Required.Select(w => w.Stems[0]).ToList();
        var named = new List<NamedTerm>();
        for (var length = 1; length <= MaxPhraseWords; length++)
        {
            for (var start = 0; start + length <= stems.Count; start++)
                named.AddRange(ByPhrase.Value[string.Join(' ', stems.Skip(start).Take(length))]);
        }
        return named.Distinct().ToList();
    }

    private static ILookup<string, NamedTerm> Load() =>
        new[] { Vocabularies.Kind, Vocabularies.Type, Vocabularies.Sector }
            .SelectMany(v => v.Terms.SelectMany(t => Names(t).Select(phrase => (phrase, term: new NamedTerm(v.Name, t.Code)))))
            .Distinct()
            .ToLookup(p => p.phrase, p => p.term);

    // The stemmed phrases that name a term.
    private static IEnumerable<string> Names(VocabularyTerm term) =>
        Phrases(term).Where(words => words.Count <= MaxPhraseWords).Select(words => string.Join(' ', words.Select(SearchWords.Stem)));

    /// <summary>The phrases that name a term, as search words: its code and each part of its label ("credit union").</summary>
    internal static IEnumerable<IReadOnlyList<string>> Phrases(VocabularyTerm term) =>
        term.Label.Split(['/', '(', ')', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Append(term.Code)
            .Select(SearchWords.Of)
            .Where(words => words.Count > 0 && !(words.Count == 1 && CatchAll.Contains(words[0])));
}
