namespace Coopdir.Core.Search.Columns;

/// <summary>Small numbers for repeated strings (vocabulary codes, places, words); 0 stands for none.</summary>
internal sealed class Interner
{
    private readonly Dictionary<string, int> ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> bySpan;
    private readonly List<string> values = [""];

    public Interner()
    {
        ids = new Dictionary<string, int>(StringComparer.Ordinal);
        bySpan = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => values.Count;

    public int Id(string? value)
    {
        if (value is null) return 0;
        if (ids.TryGetValue(value, out var id)) return id;
        id = values.Count;
        values.Add(value);
        ids.Add(value, id);
        return id;
    }

    /// <summary>The id of a word within a longer string, without cutting it out unless it is new.</summary>
    public int Id(ReadOnlySpan<char> value)
    {
        if (bySpan.TryGetValue(value, out var id)) return id;
        return Id(value.ToString());
    }

    /// <summary>The id of a value already seen, else 0: a query word no record holds.</summary>
    public int Find(string value) => ids.GetValueOrDefault(value);

    public string this[int id] => values[id];
}
