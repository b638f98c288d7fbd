namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Each organization's own relationships (those its record holds, as their subject), in a shared pool
/// like the locations; the relationships naming it as their object are read through <see cref="Incoming"/>.
/// A relationship changes only with a revision of its subject, so re-reading the subject keeps both
/// directions current.
/// </summary>
internal sealed partial class SearchColumns
{
    /// <summary>Relationship types; ids are bits of a type mask (<see cref="Link.IsOf"/>).</summary>
    public readonly Interner LinkTypes = new();

    private int[] linkStart = [], linkCount = [];
    private Link[] links = new Link[1024];
    private int linksUsed, linksGarbage;
    private IncomingLinks? incoming;

    // Past this many subjects written since the incoming index was built, rebuilding it is cheaper than looking them up aside.
    private const int MaxMovedSubjects = 5000;

    public ReadOnlySpan<Link> Links(int id) => links.AsSpan(linkStart[id], linkCount[id]);

    /// <summary>Relationships by their object, built on first use (under a lock of its own, as <see cref="ByLatitude"/>).</summary>
    public IncomingLinks Incoming
    {
        get
        {
            lock (indexing) return incoming ??= new IncomingLinks(this);
        }
    }

    /// <summary>The mask of the type ids named, every type when none is; a type no relationship has adds nothing.</summary>
    public ulong LinkTypeMask(IReadOnlyCollection<string> types)
    {
        if (types.Count == 0) return ulong.MaxValue;
        var mask = 0UL;
        foreach (var type in types)
        {
            var id = LinkTypes.Find(type);
            if (id > 0) mask |= 1UL << id;
        }
        return mask;
    }

    /// <summary>All the relationships an organization holds as their subject.</summary>
    public void SetLinks(long subjectId, IReadOnlyList<LinkColumnRow> rows)
    {
        if (!Has(subjectId)) return;
        var id = (int)subjectId;
        ClearLinks(id);
        EnsureLinks(rows.Count);
        linkStart[id] = linksUsed;
        foreach (var row in rows)
        {
            var type = LinkTypes.Id(row.Type);
            if (type >= 64) throw new InvalidOperationException("more than 63 relationship types: widen the type masks of SearchColumns.Links");
            links[linksUsed++] = new Link(OrganizationSearch.ColumnsId(row.ObjectId), (byte)type, row.Status);
        }
        linkCount[id] = rows.Count;
        incoming?.Move(id, [], Links(id));
        if (incoming?.MovedCount > MaxMovedSubjects) incoming = null;
    }

    private void ClearLinks(int id)
    {
        if (linkCount[id] == 0) return;
        incoming?.Move(id, Links(id), []);
        linksGarbage += linkCount[id];
        linkCount[id] = 0;
    }

    // Replaced organizations leave their old relationships behind; once that garbage is as large as
    // what is live, the pool is copied afresh (the incoming index holds copies, so it stays).
    private void EnsureLinks(int more)
    {
        if (linksUsed + more <= links.Length) return;
        if (linksGarbage > linksUsed / 2)
        {
            var live = new Link[Math.Max(1024, (linksUsed - linksGarbage + more) * 2)];
            var used = 0;
            for (var id = 0; id < Kind.Length; id++)
            {
                if (Kind[id] == 0 || linkCount[id] == 0) continue;
                Array.Copy(links, linkStart[id], live, used, linkCount[id]);
                linkStart[id] = used;
                used += linkCount[id];
            }
            (links, linksUsed, linksGarbage) = (live, used, 0);
        }
        if (linksUsed + more > links.Length) Array.Resize(ref links, Math.Max(linksUsed + more, links.Length * 2));
    }
}
