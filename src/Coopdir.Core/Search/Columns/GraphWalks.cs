using System.Buffers;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Search.Columns;

/// <summary>One relationship met on a walk, as its subject holds it.</summary>
internal readonly record struct WalkedLink(int Subject, int Object, byte Type, RelationshipStatusCode Status);

/// <summary>
/// Walks over the relationships the columns hold, in either direction and over current relationships
/// only (neither ended nor disputed): a neighbourhood, a shortest path, a network's members. Each keeps
/// its own visited set, so walks run side by side under the columns' shared lock, and cycles end
/// where they began.
/// </summary>
internal static class GraphWalks
{
    /// <summary>
    /// Organizations within <paramref name="depth"/> steps, nearest first, at most <paramref name="limit"/>
    /// of them, with the relationships crossed to reach them and between them (at most four per organization).
    /// Stops at the limit, saying so; which organizations a full depth keeps is then the order met.
    /// </summary>
    public static (List<(int Id, int Depth)> Nodes, List<WalkedLink> Links, bool Truncated) Neighbours(
        SearchColumns columns, int root, int depth, ulong types, int limit)
    {
        var depthOf = new Dictionary<int, int> { [root] = 0 };
        var nodes = new List<(int, int)> { (root, 0) };
        var links = new List<WalkedLink>();
        var truncated = false;
        var incoming = columns.Incoming;
        List<int> frontier = [root];
        for (var level = 1; level <= depth && frontier.Count > 0 && !truncated; level++)
        {
            var next = new List<int>();
            foreach (var u in frontier)
            {
                foreach (var link in columns.Links(u))
                {
                    Meet(new WalkedLink(u, link.Other, link.Type, link.Status), link, link.Other);
                    if (truncated) break;
                }
                foreach (var link in incoming.Of(u))
                {
                    if (truncated) break;
                    Meet(new WalkedLink(link.Other, u, link.Type, link.Status), link, link.Other);
                }
                if (truncated) break;

                void Meet(WalkedLink walked, Link link, int other)
                {
                    if (!link.IsCurrent || !link.IsOf(types) || !columns.Has(other)) return;
                    if (!depthOf.TryGetValue(other, out var seen))
                    {
                        if (nodes.Count == limit) { truncated = true; return; }
                        (depthOf[other], seen) = (level, level);
                        nodes.Add((other, level));
                        next.Add(other);
                    }
                    // Each relationship between two organizations is met from both; it is kept from the one walked first.
                    var from = level - 1;
                    if (seen < from || seen == from && other < u) return;
                    if (links.Count == limit * 4) { truncated = true; return; }
                    links.Add(walked);
                }
            }
            frontier = next;
        }
        return (nodes, links, truncated);
    }

    /// <summary>
    /// A shortest chain of relationships between two organizations, at most <paramref name="maxDepth"/>
    /// long, walked from both ends at once (the end whose next step meets fewer relationships first).
    /// Null when there is none that short, or when the walk gave up after <paramref name="budget"/>
    /// organizations (<c>Exhausted</c> false then).
    /// </summary>
    public static (List<WalkedLink>? Path, bool Exhausted) Path(SearchColumns columns, int from, int to, int maxDepth, ulong types, int budget)
    {
        if (from == to) return ([], true);
        using var seenFrom = new IdSet(columns.Capacity);
        using var seenTo = new IdSet(columns.Capacity);
        var parentFrom = ArrayPool<int>.Shared.Rent(columns.Capacity);
        var parentTo = ArrayPool<int>.Shared.Rent(columns.Capacity);
        try
        {
            seenFrom.Add(from);
            seenTo.Add(to);
            var incoming = columns.Incoming;
            List<int> frontFrom = [from], frontTo = [to];
            var steps = 0;
            while (frontFrom.Count > 0 && frontTo.Count > 0 && steps < maxDepth)
            {
                var forward = Cost(columns, incoming, frontFrom) <= Cost(columns, incoming, frontTo);
                var (front, seen, parent, other) = forward ? (frontFrom, seenFrom, parentFrom, seenTo) : (frontTo, seenTo, parentTo, seenFrom);
                var next = new List<int>();
                var met = 0;
                foreach (var u in front)
                {
                    foreach (var link in columns.Links(u)) if (Step(link)) break;
                    if (met != 0) break;
                    foreach (var link in incoming.Of(u)) if (Step(link)) break;
                    if (met != 0) break;
                    if (seenFrom.Count + seenTo.Count > budget) return (null, false);

                    bool Step(Link link)
                    {
                        var v = link.Other;
                        if (!link.IsCurrent || !link.IsOf(types) || !columns.Has(v) || !seen.Add(v)) return false;
                        parent[v] = u;
                        next.Add(v);
                        if (other.Contains(v)) met = v;
                        return met != 0;
                    }
                }
                if (met != 0) return (Chain(columns, met, from, parentFrom, to, parentTo, types), true);
                if (forward) frontFrom = next; else frontTo = next;
                steps++;
            }
            return (null, true);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(parentFrom);
            ArrayPool<int>.Shared.Return(parentTo);
        }
    }

    // Relationships the next step would look at.
    private static long Cost(SearchColumns columns, IncomingLinks incoming, List<int> front)
    {
        var cost = 0L;
        foreach (var u in front) cost += columns.Links(u).Length + incoming.CountOf(u);
        return cost;
    }

    private static List<WalkedLink> Chain(SearchColumns columns, int met, int from, int[] parentFrom, int to, int[] parentTo, ulong types)
    {
        var ids = new List<int>();
        for (var id = met; id != from; id = parentFrom[id]) ids.Add(id);
        ids.Add(from);
        ids.Reverse();
        for (var id = met; id != to; ) ids.Add(id = parentTo[id]);
        var path = new List<WalkedLink>();
        for (var i = 1; i < ids.Count; i++) path.Add(Between(columns, ids[i - 1], ids[i], types));
        return path;
    }

    // A current relationship of the types joining a and b, whichever holds it.
    private static WalkedLink Between(SearchColumns columns, int a, int b, ulong types)
    {
        foreach (var link in columns.Links(a))
            if (link.Other == b && link.IsCurrent && link.IsOf(types)) return new WalkedLink(a, b, link.Type, link.Status);
        foreach (var link in columns.Links(b))
            if (link.Other == a && link.IsCurrent && link.IsOf(types)) return new WalkedLink(b, a, link.Type, link.Status);
        throw new InvalidOperationException($"the walk joined {a} and {b}, which no relationship joins");
    }
}
