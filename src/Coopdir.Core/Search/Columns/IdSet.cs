using System.Buffers;
using System.Numerics;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// A set of organization ids as one bit each, listed in id order: 125 KB at a million, on a pooled
/// array (as <see cref="IdList"/>, so that a walk per request leaves no large garbage). Dispose it when done.
/// </summary>
internal sealed class IdSet : IDisposable
{
    private ulong[] bits;
    private readonly int words;

    public IdSet(int capacity)
    {
        words = (Math.Max(capacity, 1) + 63) / 64;
        bits = ArrayPool<ulong>.Shared.Rent(words);
        Array.Clear(bits, 0, words);
    }

    public int Count { get; private set; }

    public bool Contains(int id) => id >= 0 && id < words * 64 && (bits[id >> 6] & (1UL << id)) != 0;

    /// <summary>Adds the id; false when it was there already.</summary>
    public bool Add(int id)
    {
        ref var word = ref bits[id >> 6];
        var bit = 1UL << id;
        if ((word & bit) != 0) return false;
        word |= bit;
        Count++;
        return true;
    }

    public void Remove(int id)
    {
        if (!Contains(id)) return;
        bits[id >> 6] &= ~(1UL << id);
        Count--;
    }

    /// <summary>The ids in increasing order.</summary>
    public IEnumerable<int> InOrder()
    {
        for (var w = 0; w < words; w++)
        {
            for (var word = bits[w]; word != 0; word &= word - 1) yield return w * 64 + BitOperations.TrailingZeroCount(word);
        }
    }

    public void Dispose()
    {
        if (bits.Length > 0) ArrayPool<ulong>.Shared.Return(bits);
        bits = [];
    }
}
