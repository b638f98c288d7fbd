using System.Data.Common;
using Dapper;

namespace Coopdir.Core.Search;

/// <summary>
/// Typo tolerance: a query word of 5+ letters that no name or place holds gets the indexed words
/// within one edit (two for 9+ letters) as alternatives. Candidates come from search_terms, the
/// vocabulary of names and places, and share the word's first letter (so one indexed range is
/// read, not the whole vocabulary). The closest come first, and among equally close the words most
/// organizations hold (<see cref="Columns.WordCounts"/>, by the word's stem as ranking compares them),
/// so "hosuing" is "housing" before "hosting" where more organizations hold housing; then in
/// code-point order. Portable SQL and an in-memory order: both stores correct the same way.
/// </summary>
public static class TypoCorrection
{
    public const int MaxCorrections = 4;

    public static int AllowedEdits(string word) => word.Length >= 9 ? 2 : word.Length >= 5 ? 1 : 0;

    /// <param name="prefix">The word is still being typed: it is known if a term starts with it, and compared with terms' starts.</param>
    /// <param name="organizationsHolding">How many organizations hold each of these terms; asked only when there are several to order.</param>
    public static async Task<IReadOnlyList<string>> CorrectionsAsync(DbConnection connection, string word, bool prefix,
        Func<IReadOnlyList<string>, Task<int[]>> organizationsHolding)
    {
        var edits = AllowedEdits(word);
        if (edits == 0 || !word.All(char.IsLetter) || await KnownAsync(connection, word, prefix)) return [];
        var candidates = await connection.QueryAsync<string>(
            "SELECT term FROM search_terms WHERE term >= @from AND term < @to AND length(term) BETWEEN @min AND @max",
            new { from = word[..1], to = SearchWords.PrefixEnd(word[..1]), min = word.Length - edits, max = prefix ? 1000 : word.Length + edits });
        var close = candidates
            .Select(term => (Term: term, Distance: Distance(word, term, prefix)))
            .Where(c => c.Distance <= edits)
            .ToList();
        if (close.Count <= 1) return close.Select(c => c.Term).ToList();
        var holding = await organizationsHolding(close.Select(c => c.Term).ToList());
        return close
            .Select((c, i) => (c.Term, c.Distance, Holding: holding[i]))
            .OrderBy(c => c.Distance).ThenByDescending(c => c.Holding).ThenBy(c => c.Term, StringComparer.Ordinal)
            .Take(MaxCorrections)
            .Select(c => c.Term)
            .ToList();
    }

    private static async Task<bool> KnownAsync(DbConnection connection, string word, bool prefix) => prefix
        ? await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM (SELECT 1 FROM search_terms WHERE term >= @word AND term < @to LIMIT 1) t", new { word, to = SearchWords.PrefixEnd(word) }) > 0
        : await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM search_terms WHERE term = @word", new { word }) > 0;

    // A half-typed word is compared with the start of each term, as long as itself (within the edits).
    private static int Distance(string word, string term, bool prefix)
    {
        var whole = EditDistance.Between(word, term);
        if (!prefix || term.Length <= word.Length) return whole;
        return Math.Min(whole, EditDistance.Between(word, term.AsSpan(0, word.Length)));
    }
}
