using System.Buffers;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// The relevance tiers of a text search, computed over the ranking words the columns hold:
/// 0 exact name, 1 name prefix, 2 all words in the name, 3 all words that matter in the name
/// (without co-op), 4 all words in name or place, 5 the rest (description). Words are compared
/// whole (a stem or a correction) or, for the word being typed, by their start; exactly what the
/// former SQL (search_name = ..., LIKE '% stem %', LIKE '% typed%') compared as strings.
/// Apart from the tiers, <see cref="HoldsNamedTerm"/> says whether an organization is of a kind, type
/// or sector the query names (<see cref="NamedTerms"/>); <see cref="PageOrder"/> weighs the two.
/// <see cref="Of"/> counts tiers in steps of two (0 to 10): within tiers 2 to 4, a record holding a
/// misspelt word only by a lesser correction comes one step after those holding the best guess (the
/// first stem): "hosuing" ranks Housing above Hosting when housing is the commoner word (<see cref="TypoCorrection"/>).
/// </summary>
internal sealed class TextTiers : IDisposable
{
    // Per vocabulary word, computed on first sight: bit i when it holds ranking word i, bit
    // BestShift + i when it holds it as its best guess (not by a lesser correction), and two flags.
    private const ulong Computed = 1UL << 63, StartsLikePrefix = 1UL << 62;
    private const int BestShift = 32;

    private readonly SearchColumns columns;
    private readonly int[]? exact;
    private readonly int[]? prefixWords;
    private readonly string prefixLast;
    private readonly Word[] words;
    private readonly ulong all, significant;
    private readonly ulong[] masks;
    private readonly HashSet<byte> namedKinds = [], namedSectors = [];
    private readonly ulong namedTypes;

    private sealed record Word(int[] Stems, string? Prefix);

    public TextTiers(SearchColumns columns, TextQuery query)
    {
        this.columns = columns;
        exact = Ids(query.NameExact.Split(' '));
        var prefix = query.NamePrefix.Split(' ');
        prefixWords = Ids(prefix[..^1]);
        prefixLast = prefix[^1];
        var ranking = query.Ranking;
        // Unheld stems stay as 0 (no word's id), so that the best guess is still the first.
        words = ranking.Select(w => new Word(w.Stems.Select(columns.Words.Find).ToArray(), w.NamePrefix)).ToArray();
        all = (1UL << words.Length) - 1;
        var core = Enumerable.Range(0, ranking.Count).Where(i => !ranking[i].Optional).ToList();
        significant = core.Count > 0 && core.Count < ranking.Count ? core.Aggregate(0UL, (bits, i) => bits | 1UL << i) : 0;
        masks = ArrayPool<ulong>.Shared.Rent(columns.Words.Count);
        Array.Clear(masks, 0, columns.Words.Count);
        foreach (var term in NamedTerms.In(query))
        {
            switch (term.Vocabulary)
            {
                case Organizations.Vocabularies.KindName when columns.Kinds.Find(term.Code) is > 0 and var kind: namedKinds.Add((byte)kind); break;
                case Organizations.Vocabularies.SectorName when columns.Sectors.Find(term.Code) is > 0 and var sector: namedSectors.Add((byte)sector); break;
                case Organizations.Vocabularies.TypeName when columns.Types.Find(term.Code) is > 0 and var type: namedTypes |= 1UL << (type - 1); break;
            }
        }
    }

    /// <summary>Whether the query names a term any organization holds.</summary>
    public bool NamesTerms => namedKinds.Count > 0 || namedSectors.Count > 0 || namedTypes != 0;

    /// <summary>Whether the organization is of a kind, type or sector that the query names.</summary>
    public bool HoldsNamedTerm(int id) =>
        namedKinds.Contains(columns.Kind[id]) || namedSectors.Contains(columns.Sector[id]) || (columns.TypeBits[id] & namedTypes) != 0;

    /// <summary>Twice the organization's tier, plus one when it holds a word only by a lesser correction: lower ranks first.</summary>
    public int Of(int id)
    {
        var name = columns.NameWords(id);
        if (exact is not null && name.SequenceEqual(exact)) return 0;
        if (prefixWords is not null && name.Length > prefixWords.Length && name[..prefixWords.Length].SequenceEqual(prefixWords)
            && (Mask(name[prefixWords.Length]) & StartsLikePrefix) != 0) return 2;
        var held = 0UL;
        foreach (var word in name) held |= Mask(word);
        if ((held & all) == all) return Guessed(2, held, all);
        if (significant != 0 && (held & significant) == significant) return Guessed(3, held, significant);
        foreach (var word in columns.ExtraHeadWords(id)) held |= Mask(word);
        return (held & all) == all ? Guessed(4, held, all) : 10;
    }

    // Tiers count in steps of two; one more when some word of them is held only by a lesser correction.
    private static int Guessed(int tier, ulong held, ulong words) =>
        2 * tier + ((held >> BestShift & words) == words ? 0 : 1);

    /// <summary>Whether the name holds every ranking word (what suggestions' LIKE '% stem %' / '% typed%' on search_name asked).</summary>
    public bool NameHoldsAll(int id)
    {
        var held = 0UL;
        foreach (var word in columns.NameWords(id)) held |= Mask(word);
        return (held & all) == all;
    }

    /// <summary>
    /// Whether every ranking word is held by some word of the vocabulary (names' and heads' words, as
    /// ever written): when one is not, no name can hold them all, and nothing needs looking at.
    /// </summary>
    public bool VocabularyHoldsAll()
    {
        var held = 0UL;
        for (var word = 1; word < columns.Words.Count && (held & all) != all; word++) held |= Mask(word);
        return (held & all) == all;
    }

    public void Dispose() => ArrayPool<ulong>.Shared.Return(masks);

    // A word of a name holds a query word when it is one of its stems, or starts with the word being typed.
    private ulong Mask(int word)
    {
        var mask = masks[word];
        if (mask != 0) return mask;
        mask = Computed;
        var text = columns.Words[word];
        for (var i = 0; i < words.Length; i++)
        {
            var stem = Array.IndexOf(words[i].Stems, word);
            var typed = words[i].Prefix is { } p && text.StartsWith(p, StringComparison.Ordinal);
            if (stem >= 0 || typed) mask |= 1UL << i | (stem == 0 || typed ? 1UL << BestShift + i : 0);
        }
        if (text.StartsWith(prefixLast, StringComparison.Ordinal)) mask |= StartsLikePrefix;
        return masks[word] = mask;
    }

    // Null when a word is one no organization holds: then nothing is equal to the sequence.
    private int[]? Ids(IEnumerable<string> words)
    {
        var ids = words.Select(columns.Words.Find).ToArray();
        return ids.Contains(0) ? null : ids;
    }
}
