namespace Coopdir.Core.Search.Columns;

/// <summary>
/// One page of matched ids in the search's order, without sorting all matches: a bounded heap
/// keeps the best (page × size) keys. Keys are unique (they end with the name rank, one per id),
/// so the order is total and the same on every run.
/// </summary>
internal static class PageOrder
{
    public static List<long> Page(SearchColumns columns, IdList matched, SearchQuery query, TextQuery? text)
    {
        var offset = (long)(query.Page - 1) * query.PageSize;
        if (offset >= matched.Count) return [];
        var wanted = (int)Math.Min(matched.Count, offset + query.PageSize);
        using var tiers = query.Sort == SearchSort.Relevance && text is not null ? new TextTiers(columns, text) : null;
        var key = KeyOf(columns, query, tiers);
        if (key is null && matched.Count > columns.Count / 16) return InNameOrder(columns, matched, offset, wanted);
        key ??= id => (0, columns.NameRank[id]);
        var heap = new PriorityQueue<int, (double, long)>(wanted + 1, Worst.First);
        foreach (var id in matched.Span)
        {
            var candidate = key(id);
            if (heap.Count < wanted) heap.Enqueue(id, candidate);
            else if (heap.TryPeek(out _, out var worst) && Compare(candidate, worst) < 0) heap.DequeueEnqueue(id, candidate);
        }
        var best = new (int Id, (double, long) Key)[heap.Count];
        for (var i = best.Length - 1; i >= 0; i--)
        {
            heap.TryDequeue(out var id, out var k);
            best[i] = (id, k);
        }
        return best.Skip((int)offset).Select(b => (long)b.Id).ToList();
    }

    // (primary, secondary): relevance is (0, named term and tier | completeness | name rank); distance is (km, name
    // rank), organizations without coordinates last; name order is (0, name rank).
    // Many matches in name order: walk the names in order and stop at the page, instead of weighing every match.
    private static List<long> InNameOrder(SearchColumns columns, IdList matched, long offset, int wanted)
    {
        var isMatched = System.Buffers.ArrayPool<bool>.Shared.Rent(columns.Capacity);
        Array.Clear(isMatched, 0, columns.Capacity);
        foreach (var id in matched.Span) isMatched[id] = true;
        var page = new List<long>();
        var seen = 0L;
        foreach (var id in columns.ByName)
        {
            if (!isMatched[id]) continue;
            if (seen++ >= offset) page.Add(id);
            if (seen == wanted) break;
        }
        System.Buffers.ArrayPool<bool>.Shared.Return(isMatched);
        return page;
    }

    // Null for name order.
    private static Func<int, (double, long)>? KeyOf(SearchColumns columns, SearchQuery query, TextTiers? tiers)
    {
        var near = query.Near;
        if (near is not null && (query.Sort == SearchSort.Distance || query.Sort == SearchSort.Relevance && tiers is null))
            return id => (Distance(columns, id, near), columns.NameRank[id]);
        if (tiers is not null)
            return id => (0, (long)Relevance(tiers, id) << 40 | (long)(255 - columns.Completeness[id]) << 32 | (uint)columns.NameRank[id]);
        return null;
    }

    // An exact name first; then organizations of a kind, type or sector the query names ("housing" for a
    // housing co-op), each group in its text tiers, before those that merely share a stem with it ("Folk House").
    private static int Relevance(TextTiers tiers, int id)
    {
        var tier = tiers.Of(id);
        if (tier == 0 || !tiers.NamesTerms) return tier;
        return (tiers.HoldsNamedTerm(id) ? 0 : 1) << 4 | tier; // tiers run from 0 to 10 (TextTiers.Of)
    }

    /// <summary>The nearest of an organization's located places (as the SQL's min(distance_km)); infinity when none is.</summary>
    public static double Distance(SearchColumns columns, int id, GeoPoint near)
    {
        var nearest = double.PositiveInfinity;
        var (start, count) = columns.Locations(id);
        for (var i = start; i < start + count; i++)
        {
            var lat = columns.LocationLatitude[i];
            if (double.IsNaN(lat)) continue;
            nearest = Math.Min(nearest, Geo.DistanceKm(lat, columns.LocationLongitude[i], near.Latitude, near.Longitude));
        }
        return nearest;
    }

    private static int Compare((double, long) a, (double, long) b)
    {
        var primary = a.Item1.CompareTo(b.Item1);
        return primary != 0 ? primary : a.Item2.CompareTo(b.Item2);
    }

    private sealed class Worst : IComparer<(double, long)>
    {
        public static readonly Worst First = new();
        public int Compare((double, long) a, (double, long) b) => PageOrder.Compare(b, a);
    }
}
