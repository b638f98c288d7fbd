namespace Coopdir.Core.Search.Columns;

/// <summary>
/// The relevance tiers of a text search, computed over the ranking words the columns hold:
/// 0 exact name, 1 name prefix, 2 all words in the name, 3 all words that matter in the name
/// (without co-op), 4 all words in name or place, 5 the rest (description). Words are compared
/// whole (a stem or a correction) or, for the word being typed, by their start; exactly what the
/// former SQL (search_name = ..., LIKE '% stem %', LIKE '% typed%') compared as strings.
/// </summary>
internal sealed class TextTiers
{
    private readonly SearchColumns columns;
    private readonly int[]? exact;
    private readonly int[]? prefixWords;
    private readonly string prefixLast;
    private readonly Word[] all;
    private readonly Word[]? significant;

    private sealed record Word(int[] Stems, string? Prefix);

    public TextTiers(SearchColumns columns, TextQuery query)
    {
        this.columns = columns;
        exact = Ids(query.NameExact.Split(' '));
        var prefix = query.NamePrefix.Split(' ');
        prefixWords = Ids(prefix[..^1]);
        prefixLast = prefix[^1];
        var ranking = query.Ranking;
        all = ranking.Select(ToWord).ToArray();
        var core = ranking.Where(w => !w.Optional).ToList();
        significant = core.Count > 0 && core.Count < ranking.Count ? core.Select(ToWord).ToArray() : null;
    }

    public int Of(int id)
    {
        var name = columns.NameWords(id);
        if (exact is not null && name.SequenceEqual(exact)) return 0;
        if (prefixWords is not null && name.Length > prefixWords.Length && name[..prefixWords.Length].SequenceEqual(prefixWords)
            && columns.Words[name[prefixWords.Length]].StartsWith(prefixLast, StringComparison.Ordinal)) return 1;
        if (AllIn(all, name, [])) return 2;
        if (significant is not null && AllIn(significant, name, [])) return 3;
        if (AllIn(all, name, columns.ExtraHeadWords(id))) return 4;
        return 5;
    }

    private bool AllIn(Word[] words, ReadOnlySpan<int> name, ReadOnlySpan<int> extra)
    {
        foreach (var word in words)
        {
            if (!Holds(word, name) && !Holds(word, extra)) return false;
        }
        return true;
    }

    private bool Holds(Word word, ReadOnlySpan<int> words)
    {
        foreach (var w in words)
        {
            if (Array.IndexOf(word.Stems, w) >= 0) return true;
            if (word.Prefix is not null && columns.Words[w].StartsWith(word.Prefix, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private Word ToWord(QueryWord word) => new(word.Stems.Select(columns.Words.Find).Where(id => id > 0).ToArray(), word.NamePrefix);

    // Null when a word is one no organization holds: then nothing is equal to the sequence.
    private int[]? Ids(IEnumerable<string> words)
    {
        var ids = words.Select(columns.Words.Find).ToArray();
        return ids.Contains(0) ? null : ids;
    }
}
