namespace Coopdir.Core.Search;

/// <summary>
/// One word of a query. It matches a record holding any of its <see cref="Stems"/> (the word's own
/// stem, and typo corrections); the last word of a query also matches as a prefix while it is typed.
/// </summary>
/// <param name="Stems">The best guess first: a corrected word's closest correction, else the word's own stem.</param>
/// <param name="Prefix">The last word as typed, matched as the start of a word.</param>
/// <param name="Optional">co-op and legal forms: needed only when the query has no other word.</param>
public sealed record QueryWord(string Word, IReadOnlyList<string> Stems, string? Prefix, bool Optional)
{
    /// <summary>The best typo correction of the word as a whole word (the source of <see cref="Stems"/>' first), or null when it was not corrected.</summary>
    public string? Correction { get; init; }

    /// <summary>The prefix compared with names' stems (see <see cref="SearchWords.TypedPrefix"/>).</summary>
    public string? NamePrefix => Prefix is null ? null : SearchWords.TypedPrefix(Prefix);
}

/// <summary>
/// What a text search asks, store-independent: the words every match must hold, and the words that
/// rank. Anything that is not a letter or digit is a separator, so FTS or tsquery syntax in the
/// input ("NEAR(", "*", quotes, braces) is searched as plain words and can never break a query.
/// </summary>
public sealed record TextQuery(IReadOnlyList<QueryWord> Words)
{
    public const int MaxWords = 16;

    /// <summary>Every match holds all of these.</summary>
    public IReadOnlyList<QueryWord> Required =>
        Words.All(w => w.Optional) ? Words : Words.Where(w => !w.Optional).ToList();

    /// <summary>The words that ranking compares with names: all but legal forms (which names are ranked without).</summary>
    public IReadOnlyList<QueryWord> Ranking =>
        Words.Any(w => !SearchWords.IsLegalForm(w.Word)) ? Words.Where(w => !SearchWords.IsLegalForm(w.Word)).ToList() : Words;

    /// <summary>What a name's ranking key (<see cref="SearchDocument.Name"/>) equals for an exact match.</summary>
    public string NameExact => NameKey(Ranking.Select(w => w.Stems[0]));

    /// <summary>What a name's ranking key starts with for a prefix match: the last word as typed so far.</summary>
    public string NamePrefix => NameKey(Ranking.Select(w => w.NamePrefix ?? w.Stems[0]));

    // Names are ranked without a leading "the" (see SearchDocument).
    private static string NameKey(IEnumerable<string> stems)
    {
        var list = stems.ToList();
        if (list.Count > 1 && list[0] == "the") list.RemoveAt(0);
        return string.Join(' ', list);
    }

    /// <summary>The query's words with each corrected word replaced by its best correction, or null when none was corrected.</summary>
    public string? Corrected => Words.Any(w => w.Correction is not null) ? string.Join(' ', Words.Select(w => w.Correction ?? w.Word)) : null;

    /// <summary>The query's words without typo corrections, or null when the text holds no searchable word.</summary>
    public static TextQuery? Parse(string? text)
    {
        var words = SearchWords.Of(text).Take(MaxWords).ToList();
        return words.Count == 0 ? null : new TextQuery(words.Select((word, i) => Word(word, i == words.Count - 1, [])).ToList());
    }

    /// <summary>The query's words, each with its typo corrections (asked for with whether it is the last, still typed, word).</summary>
    public static async Task<TextQuery?> ParseAsync(string? text, Func<string, bool, Task<IReadOnlyList<string>>> corrections)
    {
        var words = SearchWords.Of(text).Take(MaxWords).ToList();
        if (words.Count == 0) return null;
        var parsed = new List<QueryWord>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var last = i == words.Count - 1;
            parsed.Add(Word(words[i], last, await corrections(words[i], last)));
        }
        return new TextQuery(parsed);
    }

    private static QueryWord Word(string word, bool last, IReadOnlyList<string> corrections)
    {
        var stems = corrections.Select(SearchWords.Stem).Append(SearchWords.Stem(word)).Distinct().ToList();
        return new QueryWord(word, stems, last ? word : null, SearchWords.IsOptional(word)) { Correction = corrections.Count > 0 ? corrections[0] : null };
    }
}
