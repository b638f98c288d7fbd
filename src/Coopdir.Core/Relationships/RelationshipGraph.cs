using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Search;
using Coopdir.Core.Search.Columns;
using Dapper;

namespace Coopdir.Core.Relationships;

public sealed record GraphNode(long Id, string Name, string Kind, int Depth);

/// <summary>A relationship as its subject holds it.</summary>
public sealed record GraphLink(long SubjectId, long ObjectId, string Type, RelationshipStatusCode Status);

/// <param name="Truncated">The walk stopped at the limit: organizations (or relationships between them) within the depth were left out.</param>
public sealed record Neighbourhood(long Id, int Depth, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphLink> Links, bool Truncated);

/// <param name="Nodes">From the first organization to the second (each node's depth is its distance from the first); null when no chain is short enough.</param>
/// <param name="Truncated">The walk gave up before trying every chain up to the depth (it had met too many organizations).</param>
public sealed record GraphPath(long From, long To, int MaxDepth, IReadOnlyList<GraphNode>? Nodes, IReadOnlyList<GraphLink> Links, bool Truncated);

/// <param name="DirectMembers">Current members (member_of relationships neither ended nor disputed).</param>
/// <param name="Members">Current members at any depth: members of members too, each once.</param>
/// <param name="Levels">How deep the deepest member is (1: members only, no member has members).</param>
public sealed record NetworkSize(long Id, string Name, int DirectMembers, int Members, int Levels);

/// <summary>
/// The directory's relationships as a graph: neighbourhoods, shortest paths and network sizes. The
/// walks run in memory over the search columns (<see cref="GraphWalks"/>, <see cref="Networks"/>), kept
/// current by revision id like every search; only the names of what they return are read from the
/// database. They follow current relationships only, in either direction.
/// </summary>
public static class RelationshipGraph
{
    public const int MaxDepth = 4;
    public const int MaxPathDepth = 6;
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    /// <summary>Organizations a path search may meet before it gives up: a fifth of a million-organization directory.</summary>
    public const int PathBudget = 200_000;

    /// <summary>Organizations within <paramref name="depth"/> relationships of one, nearest first; null when there is no organization <paramref name="id"/>.</summary>
    public static async Task<Neighbourhood?> NeighboursAsync(Store store, DbConnection connection, long id, int depth, IReadOnlyList<string> types, int limit)
    {
        var root = OrganizationSearch.ColumnsId(id);
        var walk = await store.Search.ReadColumnsAsync(connection, c =>
        {
            if (!c.Has(root)) return null;
            var (nodes, links, truncated) = GraphWalks.Neighbours(c, root, depth, c.LinkTypeMask(types), limit);
            return new { Nodes = nodes, Links = links.Select(l => Named(c, l)).ToList(), Truncated = truncated };
        });
        if (walk is null) return null;
        var names = await NamesAsync(connection, walk.Nodes.Select(n => (long)n.Id));
        if (!names.ContainsKey(id)) return null;
        var nodes = walk.Nodes.Where(n => names.ContainsKey(n.Id)).OrderBy(n => n.Depth).ThenBy(n => n.Id)
            .Select(n => new GraphNode(n.Id, names[n.Id].Name, names[n.Id].Kind, n.Depth)).ToList();
        var links = walk.Links.Where(l => names.ContainsKey(l.SubjectId) && names.ContainsKey(l.ObjectId)).ToList();
        return new Neighbourhood(id, depth, nodes, links, walk.Truncated);
    }

    /// <summary>A shortest chain of relationships between two organizations, or which of the two ids no organization has.</summary>
    public static async Task<(GraphPath? Path, long? Unknown)> PathAsync(Store store, DbConnection connection, long from, long to, int maxDepth, IReadOnlyList<string> types)
    {
        var (start, end) = (OrganizationSearch.ColumnsId(from), OrganizationSearch.ColumnsId(to));
        var walk = await store.Search.ReadColumnsAsync(connection, c =>
        {
            if (!c.Has(start) || !c.Has(end)) return new { Unknown = (long?)(c.Has(start) ? to : from), Links = (List<GraphLink>?)null, Truncated = false };
            var (path, exhausted) = GraphWalks.Path(c, start, end, maxDepth, c.LinkTypeMask(types), PathBudget);
            return new { Unknown = (long?)null, Links = path?.Select(l => Named(c, l)).ToList(), Truncated = !exhausted };
        });
        if (walk.Unknown is not null) return (null, walk.Unknown);
        if (walk.Links is null) return (new GraphPath(from, to, maxDepth, null, [], walk.Truncated), null);
        var ids = new List<long> { from };
        foreach (var link in walk.Links) ids.Add(link.SubjectId == ids[^1] ? link.ObjectId : link.SubjectId);
        var names = await NamesAsync(connection, ids);
        // An organization removed since the columns were read: the chain no longer holds.
        if (!names.ContainsKey(from) || !names.ContainsKey(to)) return (null, names.ContainsKey(from) ? to : from);
        if (ids.Any(i => !names.ContainsKey(i))) return (new GraphPath(from, to, maxDepth, null, [], false), null);
        var nodes = ids.Select((i, depth) => new GraphNode(i, names[i].Name, names[i].Kind, depth)).ToList();
        return (new GraphPath(from, to, maxDepth, nodes, walk.Links, false), null);
    }

    /// <summary>How many current members a network has, directly and at any depth; null when there is no organization <paramref name="id"/>.</summary>
    public static async Task<NetworkSize?> NetworkAsync(Store store, DbConnection connection, long id)
    {
        var network = OrganizationSearch.ColumnsId(id);
        var size = await store.Search.ReadColumnsAsync(connection, c => c.Has(network) ? Networks.Size(c, network) : ((int Direct, int All, int Levels)?)null);
        if (size is not { } s) return null;
        var names = await NamesAsync(connection, [id]);
        return names.TryGetValue(id, out var name) ? new NetworkSize(id, name.Name, s.Direct, s.All, s.Levels) : null;
    }

    private static GraphLink Named(SearchColumns columns, WalkedLink link) =>
        new(link.Subject, link.Object, columns.LinkTypes[link.Type], link.Status);

    private static async Task<Dictionary<long, (string Name, string Kind)>> NamesAsync(DbConnection connection, IEnumerable<long> ids)
    {
        var parameters = new DynamicParameters();
        var rows = await connection.QueryAsync<(long Id, string Name, string Kind)>(
            $"SELECT id, name, kind FROM organizations WHERE {SqlList.In("id", "id", ids.Distinct(), parameters)}", parameters);
        return rows.ToDictionary(r => r.Id, r => (r.Name, r.Kind));
    }
}
