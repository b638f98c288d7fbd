using System.Text.RegularExpressions;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Search;

/// <summary>A vocabulary term that words of a query name: "worker co-op" names the type worker.</summary>
public sealed record ReadTerm(string Vocabulary, string Code, string Words);

/// <summary>
/// What a search text says beyond its words: the vocabulary terms it names, the place it ends with,
/// and the words left to search as text (null when none is left).
/// </summary>
/// <param name="PlaceIsCertain">The place was written with a capital or after "in"/"near": "bakery Manchester", not "bikes sale".</param>
public sealed record QueryReading(IReadOnlyList<ReadTerm> Terms, string? Place, string? Text, bool PlaceIsCertain = false)
{
    public bool UnderstoodAnything => Terms.Count > 0 || Place is not null;
}

/// <summary>
/// Reads a search text as a person means it: "worker coop Manchester" is worker co-ops in Manchester,
/// "housing co-operative" is housing co-ops. A word or phrase names a term of kind, type or sector by
/// its label, any part of it ("credit union" in "Financial (credit union, co-op bank)"), or its code,
/// compared word for word, allowing plurals; stems are not enough ("house" is not "housing"). The place
/// is the longest run of words at the end that the directory knows as a place, after an optional "in"
/// or "near". Whether a reading is used is the caller's choice: the search page uses it only when it
/// finds something, and always says what it read.
/// </summary>
public static partial class QueryReader
{
    // Words before a place: "bakery in Manchester".
    private static readonly HashSet<string> PlaceLinks = ["in", "near", "around"];

    // Words after which a town's name is an ordinary word: "bikes for sale", "shop on street".
    private static readonly HashSet<string> NotBeforeAPlace = ["for", "of", "on", "to", "the", "a", "an", "and", "with", "at", "by"];

    // Labels too common in names to be read as a filter ("Leeds Community Bakery" is not the community sector).
    private static readonly HashSet<string> TooCommonToRead = ["community", "social", "service", "services", "production", "industry", "region", "other"];

    // Terms that say nothing a person would type: "other", "all (services)".
    private static readonly HashSet<string> CatchAllCodes = ["other", "other-services", "all-services"];

    private const int MaxPlaceWords = 3;

    private static readonly Lazy<IReadOnlyList<(string[] Words, ReadTermCode Term)>> Phrases = new(LoadPhrases);

    private sealed record ReadTermCode(string Vocabulary, string Code);

    /// <param name="isPlace">Whether the directory knows a place by this name (a locality organizations write, or an area).</param>
    /// <param name="readPlace">False when the search already says where (a place, a point, a box): then no word is read as a place.</param>
    /// <param name="filtered">Vocabularies the search already filters by: their words stay words, so a reading never widens a filter to "any of".</param>
    public static async Task<QueryReading> ReadAsync(string text, Func<string, Task<bool>> isPlace, bool readPlace, IReadOnlyCollection<string>? filtered = null)
    {
        var words = SearchWords.Of(text).Take(TextQuery.MaxWords).ToList();
        var used = new bool[words.Count];
        var terms = new List<ReadTerm>();
        for (var i = 0; i < words.Count; i++)
        {
            if (used[i]) continue;
            foreach (var (phrase, term) in Phrases.Value)
            {
                if (filtered?.Contains(term.Vocabulary) == true || !MatchesAt(words, used, i, phrase)) continue;
                var end = i + phrase.Length;
                // "worker co-op": the co-op belongs to the type it follows.
                while (end < words.Count && words[end] == SearchWords.Coop && term.Vocabulary == Vocabularies.TypeName) end++;
                for (var j = i; j < end; j++) used[j] = true;
                if (!terms.Any(t => t.Vocabulary == term.Vocabulary && t.Code == term.Code))
                    terms.Add(new ReadTerm(term.Vocabulary, term.Code, string.Join(' ', words[i..end])));
                break;
            }
        }
        var (place, linked) = readPlace ? await PlaceAtEndAsync(words, used, isPlace) : (null, false);
        var left = words.Where((_, i) => !used[i]).ToList();
        // What is left is only "co-op" (and legal forms): co-operatives, as a filter, when nothing else says what kind.
        if (left.Count > 0 && left.All(SearchWords.IsOptional) && (terms.Count > 0 || place is not null || left.Contains(SearchWords.Coop)))
        {
            if (left.Contains(SearchWords.Coop) && !terms.Any(t => t.Vocabulary is Vocabularies.KindName or Vocabularies.TypeName))
                terms.Add(new ReadTerm(Vocabularies.KindName, "cooperative", SearchWords.Coop));
            left.Clear();
        }
        return new QueryReading(terms, place, left.Count == 0 ? null : string.Join(' ', left), place is not null && (linked || Capitalized(text, place)));
    }

    // Whether the place's first word was typed with a capital ("Manchester", "milton Keynes" is not).
    private static bool Capitalized(string text, string place)
    {
        var first = place.Split(' ')[0];
        return WordsAsTyped().Matches(text).Any(m => char.IsUpper(m.Value[0]) && SearchWords.Of(m.Value) is [var word] && word == first);
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex WordsAsTyped();

    // The longest run of unread words at the end that names a place, and whether an "in" came before it (read with it).
    private static async Task<(string? Place, bool Linked)> PlaceAtEndAsync(List<string> words, bool[] used, Func<string, Task<bool>> isPlace)
    {
        var unreadAtEnd = 0;
        while (unreadAtEnd < words.Count && !used[words.Count - 1 - unreadAtEnd]) unreadAtEnd++;
        for (var length = Math.Min(MaxPlaceWords, unreadAtEnd); length > 0; length--)
        {
            var start = words.Count - length;
            var name = string.Join(' ', words[start..]);
            if (start > 0 && NotBeforeAPlace.Contains(words[start - 1])) continue;
            if (name.Any(char.IsDigit) || !await isPlace(name)) continue;
            for (var j = start; j < words.Count; j++) used[j] = true;
            var linked = start > 0 && !used[start - 1] && PlaceLinks.Contains(words[start - 1]);
            if (linked) used[start - 1] = true;
            return (name, linked);
        }
        return (null, false);
    }

    private static bool MatchesAt(List<string> words, bool[] used, int at, string[] phrase)
    {
        if (at + phrase.Length > words.Count) return false;
        for (var k = 0; k < phrase.Length; k++)
        {
            if (used[at + k] || !SameOrPlural(words[at + k], phrase[k])) return false;
        }
        return true;
    }

    private static bool SameOrPlural(string word, string term) =>
        word == term || word == term + "s" || word == term + "es"
        || term.EndsWith('y') && word == term[..^1] + "ies";

    // Every phrase that names a term (NamedTerms.Phrases, as ranking has them), longest first so that
    // "credit union" is read before "credit". Kinds come last: "housing" is the type before the sector.
    private static IReadOnlyList<(string[] Words, ReadTermCode Term)> LoadPhrases()
    {
        var phrases = new List<(string[], ReadTermCode)>();
        foreach (var vocabulary in new[] { Vocabularies.Type, Vocabularies.Sector, Vocabularies.Kind })
        {
            foreach (var term in vocabulary.Terms.Where(t => !CatchAllCodes.Contains(t.Code)))
            {
                foreach (var words in NamedTerms.Phrases(term).Select(p => p.ToArray()))
                {
                    if (words.Length == 1 && TooCommonToRead.Contains(words[0]) || words.All(SearchWords.IsOptional)) continue;
                    if (!phrases.Any(p => p.Item1.SequenceEqual(words))) phrases.Add((words, new ReadTermCode(vocabulary.Name, term.Code)));
                }
            }
        }
        return phrases.OrderByDescending(p => p.Item1.Length).ToList();
    }
}
