using Coopdir.Core.Relationships;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Networks as the columns see them: an organization's members are the subjects of member_of
/// relationships naming it; "at any depth" adds the members of its current members, and theirs,
/// each once, so a cycle ends where it began. No organization counts as a member of itself.
/// </summary>
internal static class Networks
{
    /// <summary>The statuses of relationships that hold now (<see cref="Link.IsCurrent"/>), as a mask.</summary>
    public static readonly int Current = Mask([RelationshipStatusCode.Proposed, RelationshipStatusCode.Claimed,
        RelationshipStatusCode.Confirmed, RelationshipStatusCode.Corroborated]);

    public static int Mask(IEnumerable<RelationshipStatusCode> statuses) => statuses.Aggregate(0, (mask, s) => mask | Bit(s));

    private static int Bit(RelationshipStatusCode status) => 1 << (int)status;

    /// <summary>
    /// Adds the subjects of member_of relationships of the <paramref name="statuses"/> naming the network,
    /// or, <paramref name="transitive"/>, naming it or any of its current members at any depth.
    /// </summary>
    public static void AddMembers(SearchColumns columns, int network, bool transitive, int statuses, IdSet into)
    {
        var memberOf = columns.LinkTypes.Find(RelationshipTypes.MemberOf);
        if (memberOf == 0 || !columns.Has(network)) return;
        var incoming = columns.Incoming;
        using var reached = new IdSet(columns.Capacity);
        reached.Add(network);
        var queue = new List<int> { network };
        for (var i = 0; i < queue.Count; i++)
        {
            if (!incoming.MayHaveMembers(queue[i])) continue;
            foreach (var link in incoming.Of(queue[i]))
            {
                if (link.Type != memberOf) continue;
                if ((statuses & Bit(link.Status)) != 0 && link.Other != network) into.Add(link.Other);
                if (transitive && link.IsCurrent && reached.Add(link.Other)) queue.Add(link.Other);
            }
        }
    }

    /// <summary>Adds both ends of every relationship of the <paramref name="statuses"/>, of any type.</summary>
    public static void AddRelated(SearchColumns columns, int statuses, IdSet into)
    {
        for (var id = 1; id < columns.Capacity; id++)
        {
            if (columns.Kind[id] == 0) continue;
            foreach (var link in columns.Links(id))
            {
                if ((statuses & Bit(link.Status)) == 0 || !columns.Has(link.Other)) continue;
                into.Add(id);
                into.Add(link.Other);
            }
        }
    }

    /// <summary>Current members, directly and at any depth, and how many levels deep the deepest is.</summary>
    public static (int Direct, int All, int Levels) Size(SearchColumns columns, int network)
    {
        var memberOf = columns.LinkTypes.Find(RelationshipTypes.MemberOf);
        if (memberOf == 0) return (0, 0, 0);
        var incoming = columns.Incoming;
        using var reached = new IdSet(columns.Capacity);
        reached.Add(network);
        var (direct, levels) = (0, 0);
        List<int> level = [network];
        while (level.Count > 0)
        {
            var next = new List<int>();
            foreach (var id in level)
            {
                if (!incoming.MayHaveMembers(id)) continue;
                foreach (var link in incoming.Of(id))
                {
                    if (link.Type == memberOf && link.IsCurrent && reached.Add(link.Other)) next.Add(link.Other);
                }
            }
            if (next.Count == 0) break;
            if (++levels == 1) direct = next.Count;
            level = next;
        }
        return (direct, reached.Count - 1, levels);
    }
}
