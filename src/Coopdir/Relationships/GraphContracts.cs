using Coopdir.Core.Relationships;

namespace Coopdir.Relationships;

public sealed record GraphNodeItem(long Id, string Name, string Kind, int Depth)
{
    public static GraphNodeItem From(GraphNode n) => new(n.Id, n.Name, n.Kind, n.Depth);
}

/// <summary>A relationship as its subject holds it: read it whole at /api/v1/relationships?subject=&amp;object=.</summary>
public sealed record GraphLinkItem(long SubjectId, long ObjectId, string Type, string Status)
{
    public static GraphLinkItem From(GraphLink l) => new(l.SubjectId, l.ObjectId, l.Type, RelationshipText.Of(l.Status));
}

/// <summary>GET /api/v1/organizations/{id}/neighbours: organizations within the depth, nearest first, and the relationships walked.</summary>
public sealed record NeighboursResponse(
    long Id, int Depth, IReadOnlyList<string> Types, int Limit, bool Truncated,
    IReadOnlyList<GraphNodeItem> Nodes, IReadOnlyList<GraphLinkItem> Relationships)
{
    public static NeighboursResponse From(Neighbourhood n, IReadOnlyList<string> types, int limit) => new(
        n.Id, n.Depth, types, limit, n.Truncated, n.Nodes.Select(GraphNodeItem.From).ToList(), n.Links.Select(GraphLinkItem.From).ToList());
}

/// <summary>GET /api/v1/graph/path: a shortest chain of current relationships, either way round; found false when none is short enough.</summary>
public sealed record PathResponse(
    long From, long To, int MaxDepth, bool Found, int? Length, bool Truncated,
    IReadOnlyList<GraphNodeItem> Nodes, IReadOnlyList<GraphLinkItem> Relationships)
{
    public static PathResponse Of(GraphPath p) => new(
        p.From, p.To, p.MaxDepth, p.Nodes is not null, p.Nodes is null ? null : p.Nodes.Count - 1, p.Truncated,
        (p.Nodes ?? []).Select(GraphNodeItem.From).ToList(), p.Links.Select(GraphLinkItem.From).ToList());
}

/// <summary>GET /api/v1/organizations/{id}/network: how many current members, directly and at any depth, and where to list them.</summary>
public sealed record NetworkResponse(long Id, string Name, int DirectMembers, int Members, int Levels, string MembersUrl)
{
    public static NetworkResponse From(NetworkSize n) =>
        new(n.Id, n.Name, n.DirectMembers, n.Members, n.Levels, $"/api/v1/organizations?member_of={n.Id}&transitive=true");
}
