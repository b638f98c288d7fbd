namespace Coopdir.Core.Search.Columns;

/// <summary>
/// The relationships naming each organization as their object, from that end (<see cref="Link.Other"/>
/// is the subject): the reverse of what each subject holds. Built on first use in one counting pass.
/// Like <see cref="LatitudeIndex"/>, subjects written since are kept aside rather than rebuilding:
/// their entries here are skipped and their current relationships are listed per object in
/// <see cref="moved"/>, until <see cref="SearchColumns"/> drops the index past a few thousand of them.
/// </summary>
internal sealed class IncomingLinks
{
    private readonly int[] start;
    private readonly Link[] entries;
    private readonly ulong[] stale;
    private readonly HashSet<int> movedSubjects = [];
    private readonly Dictionary<int, List<Link>> moved = [];

    // Objects of a member_of relationship (after moves, a superset): a walk through a network's members
    // meets mostly organizations that have none, and this bit (a million of them fit the CPU's cache)
    // spares it reading their entries.
    private readonly ulong[] hasMembers;
    private readonly Interner types;
    private int memberOf;

    public IncomingLinks(SearchColumns columns)
    {
        var capacity = columns.Capacity;
        types = columns.LinkTypes;
        memberOf = types.Find(Relationships.RelationshipTypes.MemberOf);
        start = new int[capacity + 1];
        stale = new ulong[(capacity + 63) / 64];
        hasMembers = new ulong[(capacity + 63) / 64];
        for (var id = 1; id < capacity; id++)
        {
            if (columns.Kind[id] == 0) continue;
            foreach (var link in columns.Links(id)) if (link.Other > 0 && link.Other < capacity) start[link.Other + 1]++;
        }
        for (var id = 0; id < capacity; id++) start[id + 1] += start[id];
        entries = new Link[start[capacity]];
        var next = start[..capacity];
        // Subjects in id order, so each object's entries are too.
        for (var id = 1; id < capacity; id++)
        {
            if (columns.Kind[id] == 0) continue;
            foreach (var link in columns.Links(id))
            {
                if (link.Other <= 0 || link.Other >= capacity) continue;
                entries[next[link.Other]++] = new Link(id, link.Type, link.Status);
                if (link.Type == memberOf) hasMembers[link.Other >> 6] |= 1UL << link.Other;
            }
        }
    }

    /// <summary>Subjects written since the index was built.</summary>
    public int MovedCount => movedSubjects.Count;

    /// <summary>A subject's relationships changed from <paramref name="before"/> to <paramref name="after"/> (called under the columns' write lock).</summary>
    public void Move(int subject, ReadOnlySpan<Link> before, ReadOnlySpan<Link> after)
    {
        movedSubjects.Add(subject);
        if (subject < start.Length - 1) stale[subject >> 6] |= 1UL << subject;
        foreach (var link in before)
        {
            if (moved.TryGetValue(link.Other, out var list)) list.RemoveAll(l => l.Other == subject && l.Type == link.Type);
        }
        if (memberOf == 0) memberOf = types.Find(Relationships.RelationshipTypes.MemberOf);
        foreach (var link in after)
        {
            if (!moved.TryGetValue(link.Other, out var list)) moved[link.Other] = list = [];
            list.Add(new Link(subject, link.Type, link.Status));
            if (link.Type == memberOf && link.Other < start.Length - 1) hasMembers[link.Other >> 6] |= 1UL << link.Other;
        }
    }

    /// <summary>False when no member_of relationship names <paramref name="id"/>; true when one may.</summary>
    public bool MayHaveMembers(int id) => id >= start.Length - 1 || (hasMembers[id >> 6] & (1UL << id)) != 0;

    /// <summary>
    /// The relationships naming <paramref name="id"/> as their object, from the subjects' end. Every
    /// subject listed exists: a removed one is moved, with nothing of its own kept aside.
    /// </summary>
    public Enumerator Of(int id) => new(this, id);

    /// <summary>How many relationships name <paramref name="id"/> as their object (a bound: stale entries count too).</summary>
    public int CountOf(int id) =>
        (id > 0 && id < start.Length - 1 ? start[id + 1] - start[id] : 0) + (moved.TryGetValue(id, out var list) ? list.Count : 0);

    public ref struct Enumerator
    {
        private readonly IncomingLinks index;
        private readonly ReadOnlySpan<Link> built;
        private readonly List<Link>? aside;
        private int i;

        public Enumerator(IncomingLinks index, int id)
        {
            this.index = index;
            built = id > 0 && id < index.start.Length - 1 ? index.entries.AsSpan(index.start[id], index.start[id + 1] - index.start[id]) : [];
            aside = index.moved.Count == 0 ? null : index.moved.GetValueOrDefault(id);
            i = -1;
        }

        public readonly Link Current => i < built.Length ? built[i] : aside![i - built.Length];

        public bool MoveNext()
        {
            while (++i < built.Length)
            {
                var subject = built[i].Other;
                if ((index.stale[subject >> 6] & (1UL << subject)) == 0) return true;
            }
            return i < built.Length + (aside?.Count ?? 0);
        }

        public readonly Enumerator GetEnumerator() => this;
    }
}
