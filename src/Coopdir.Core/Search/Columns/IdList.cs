using System.Buffers;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// A growing list of organization ids on pooled arrays. A search's matches can number a million;
/// fresh arrays of that size every query would keep the garbage collector's slowest generation busy.
/// Dispose it when the search is done.
/// </summary>
internal sealed class IdList : IDisposable
{
    private int[] items = ArrayPool<int>.Shared.Rent(1024);

    public int Count { get; private set; }

    public ReadOnlySpan<int> Span => items.AsSpan(0, Count);

    public void Add(int id)
    {
        if (Count == items.Length)
        {
            var bigger = ArrayPool<int>.Shared.Rent(items.Length * 2);
            Array.Copy(items, bigger, Count);
            ArrayPool<int>.Shared.Return(items);
            items = bigger;
        }
        items[Count++] = id;
    }

    /// <summary>Sorts the ids and drops repeats.</summary>
    public void SortDistinct()
    {
        Array.Sort(items, 0, Count);
        var distinct = 0;
        for (var i = 0; i < Count; i++) if (i == 0 || items[i] != items[distinct - 1]) items[distinct++] = items[i];
        Count = distinct;
    }

    public bool IsSorted()
    {
        for (var i = 1; i < Count; i++) if (items[i] < items[i - 1]) return false;
        return true;
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(items);
        items = [];
        Count = 0;
    }
}
