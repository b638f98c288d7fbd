namespace Coopdir.Core.Search.Columns;

/// <summary>
/// How many organizations hold each word of the columns' vocabulary in their name, alternate names
/// or place (their search head): what orders typo corrections, so that the correction most records
/// contain comes first. Counted in one pass over every organization's words when first asked for
/// after a change, as <see cref="LocalityCounts"/> are.
/// </summary>
internal sealed class WordCounts
{
    private readonly int[] counts;

    public WordCounts(SearchColumns columns)
    {
        counts = new int[columns.Words.Count];
        // The last organization counted per word: a word both in the name and among its extra head words counts once.
        var counted = new int[columns.Words.Count];
        for (var id = 1; id < columns.Capacity; id++)
        {
            if (columns.Kind[id] == 0) continue;
            Count(columns.NameWords(id), id, counted);
            Count(columns.ExtraHeadWords(id), id, counted);
        }
    }

    private void Count(ReadOnlySpan<int> words, int id, int[] counted)
    {
        foreach (var word in words)
        {
            if (counted[word] == id) continue;
            counted[word] = id;
            counts[word]++;
        }
    }

    /// <summary>The organizations holding <paramref name="stem"/>; 0 for a word the columns do not hold (one only descriptions have).</summary>
    public int Holding(SearchColumns columns, string stem)
    {
        var word = columns.Words.Find(stem);
        return word > 0 && word < counts.Length ? counts[word] : 0;
    }
}
