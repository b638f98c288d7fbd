using Coopdir.Core.Relationships;
using Coopdir.Core.Search.Columns;

namespace Coopdir.Core.Tests.Search.Columns;

/// <summary>Search columns holding a seeded random graph, and the same relationships as a plain list to check walks against.</summary>
internal sealed class RandomGraph
{
    public static readonly string[] Types = [RelationshipTypes.MemberOf, "partner_of", "supplier_to"];

    private readonly Random random;
    public SearchColumns Columns { get; } = new();

    /// <summary>Each organization's own relationships, as the columns should hold them.</summary>
    public Dictionary<int, List<LinkColumnRow>> Own { get; } = [];

    public RandomGraph(int seed, int organizations)
    {
        random = new Random(seed);
        for (var id = 1; id <= organizations; id++) Add(id);
        for (var id = 1; id <= organizations; id++) Relate(id, organizations);
    }

    public void Add(int id)
    {
        Columns.SetOrganization(id, "cooperative", null, 0, "", "");
        Own[id] = [];
    }

    public void Remove(int id)
    {
        Columns.Remove(id);
        Own.Remove(id);
    }

    /// <summary>Replaces an organization's relationships with up to four random ones, any status.</summary>
    public void Relate(int id, int maxId)
    {
        var rows = new List<LinkColumnRow>();
        for (var n = random.Next(5); n > 0; n--)
        {
            var other = 1 + random.Next(maxId);
            var type = Types[random.Next(Types.Length)];
            if (other == id || rows.Any(r => r.ObjectId == other && r.Type == type)) continue;
            rows.Add(new LinkColumnRow(id, other, type, (RelationshipStatusCode)random.Next(6)));
        }
        Own[id] = rows;
        Columns.Remove(id);
        Columns.SetOrganization(id, "cooperative", null, 0, "", "");
        if (rows.Count > 0) Columns.SetLinks(id, rows);
    }

    /// <summary>Relationships naming <paramref name="id"/> as their object from organizations that exist, as (subject, type, status).</summary>
    public List<(int, string, RelationshipStatusCode)> IncomingOf(int id) =>
        Own.Values.SelectMany(r => r).Where(r => r.ObjectId == id).Select(r => ((int)r.SubjectId, r.Type, r.Status)).Order().ToList();

    /// <summary>Plain breadth-first distances over current relationships either way round, between organizations that exist.</summary>
    public Dictionary<int, int> Distances(int from)
    {
        var current = Own.Values.SelectMany(r => r)
            .Where(r => r.Status is not (RelationshipStatusCode.Ended or RelationshipStatusCode.Disputed) && Own.ContainsKey((int)r.ObjectId))
            .SelectMany(r => new[] { ((int)r.SubjectId, (int)r.ObjectId), ((int)r.ObjectId, (int)r.SubjectId) })
            .ToLookup(e => e.Item1, e => e.Item2);
        var distance = new Dictionary<int, int> { [from] = 0 };
        var queue = new Queue<int>([from]);
        while (queue.TryDequeue(out var u))
        {
            foreach (var v in current[u])
            {
                if (distance.TryAdd(v, distance[u] + 1)) queue.Enqueue(v);
            }
        }
        return distance;
    }
}
