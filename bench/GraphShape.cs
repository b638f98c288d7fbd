using Coopdir.Core.Relationships;

namespace Coopdir.Bench;

public readonly record struct GraphOrganization(int Id, string Name, string Kind, string? Sector, string? Type, string Country);

public readonly record struct GraphRelationship(int Subject, int Objekt, string Type, RelationshipStatusCode Status);

/// <summary>
/// A synthetic directory shaped as a graph of relationships: 2% of organizations are networks whose
/// sizes follow Zipf's law (the largest holds about a tenth of all memberships, the ten-thousandth a
/// few dozen); networks join larger ones (nested up to five or six deep, with a few cycles at the top);
/// half the relationships are memberships, 30% partnerships with nearby ids, 16% supplier links from
/// a pool of suppliers, 4% subsidiaries, branches, funders, successors and spin-outs; statuses mostly
/// proposed (imported), some claimed or confirmed, 6% ended, 1% disputed. No real data on memberships
/// exists in shared/data (SOURCES.md says none was found), so these shares are chosen, not measured.
/// Seeded: the same sizes give the same graph.
/// </summary>
public sealed class GraphShape
{
    private static readonly (RelationshipStatusCode Status, double Weight)[] Statuses =
        [(RelationshipStatusCode.Proposed, 0.70), (RelationshipStatusCode.Claimed, 0.12), (RelationshipStatusCode.Confirmed, 0.08),
         (RelationshipStatusCode.Corroborated, 0.03), (RelationshipStatusCode.Ended, 0.06), (RelationshipStatusCode.Disputed, 0.01)];
    private static readonly string[] Countries = ["GB", "GB", "GB", "GB", "GB", "DE", "DE", "FR", "ES", "IT", "US", "BR", "KE", "IN"];
    private static readonly string[] Sectors = ["agriculture", "retail", "housing", "financial-services", "services", "education", "health", "utilities"];
    private static readonly string[] Types = ["worker", "consumer", "producer", "housing", "financial", "multi-stakeholder"];
    private static readonly string[] OtherTypes = ["subsidiary_of", "branch_of", "funded_by", "successor_of", "spun_out_of"];

    private readonly int organizations;
    private readonly Random random;

    /// <summary>Network ids, largest first (rank 0 is the largest).</summary>
    public int[] NetworksBySize { get; }

    public GraphShape(int organizations, int seed = 20261130)
    {
        this.organizations = organizations;
        random = new Random(seed);
        var networks = Enumerable.Range(1, organizations).Where(IsNetwork).ToArray();
        random.Shuffle(networks);
        NetworksBySize = networks;
    }

    public static bool IsNetwork(int id) => id % 50 == 7;

    public IEnumerable<GraphOrganization> Organizations()
    {
        var rows = new Random(1);
        for (var id = 1; id <= organizations; id++)
        {
            var network = IsNetwork(id);
            yield return new GraphOrganization(id, network ? $"Network {id}" : $"Co-op {id}", network ? "network" : "cooperative",
                rows.NextDouble() < 0.7 ? Sectors[rows.Next(Sectors.Length)] : null,
                !network && rows.NextDouble() < 0.7 ? Types[rows.Next(Types.Length)] : null,
                Countries[rows.Next(Countries.Length)]);
        }
    }

    /// <summary>About <paramref name="count"/> relationships, each pair of ends and type once, in subject order.</summary>
    public List<GraphRelationship> Relationships(int count)
    {
        var links = new HashSet<(int, int, string)>();
        void Link(int subject, int objekt, string type)
        {
            if (subject != objekt && subject >= 1 && objekt >= 1 && subject <= organizations && objekt <= organizations)
                links.Add((subject, objekt, type));
        }

        // Networks join larger ones; the ten largest join small ones, closing a few cycles.
        var networks = NetworksBySize;
        for (var rank = 20; rank < networks.Length; rank++)
            if (random.NextDouble() < 0.6) Link(networks[rank], networks[random.Next(rank / 4)], RelationshipTypes.MemberOf);
        for (var rank = 0; rank < Math.Min(10, networks.Length); rank++)
            Link(networks[rank], networks[Math.Min(networks.Length - 1, 100 + random.Next(900))], RelationshipTypes.MemberOf);

        var zipf = Zipf(networks.Length, 1.0);
        var suppliers = Math.Max(1, organizations / 20);
        var funders = Math.Max(1, organizations / 1000);
        while (links.Count < count * 0.50) Link(Member(), networks[Pick(zipf)], RelationshipTypes.MemberOf);
        while (links.Count < count * 0.80)
        {
            var subject = Member();
            var partner = subject + (random.Next(2) == 0 ? -1 : 1) * (1 + random.Next(5000));
            // Symmetric: one relationship per pair, whichever holds it.
            Link(Math.Min(subject, partner), Math.Max(subject, partner), "partner_of");
        }
        while (links.Count < count * 0.96) Link(1 + random.Next(suppliers) * 20, Member(), "supplier_to");
        while (links.Count < count)
        {
            var type = OtherTypes[random.Next(OtherTypes.Length)];
            Link(Member(), type == "funded_by" ? 1 + random.Next(funders) * 1000 : Member(), type);
        }
        return links.OrderBy(l => l.Item1).ThenBy(l => l.Item2).ThenBy(l => l.Item3, StringComparer.Ordinal).Select(l => new GraphRelationship(l.Item1, l.Item2, l.Item3, Status())).ToList();
    }

    private int Member()
    {
        int id;
        do id = 1 + random.Next(organizations); while (IsNetwork(id));
        return id;
    }

    private RelationshipStatusCode Status()
    {
        var roll = random.NextDouble();
        foreach (var (status, weight) in Statuses) if ((roll -= weight) <= 0) return status;
        return RelationshipStatusCode.Proposed;
    }

    private static double[] Zipf(int n, double s)
    {
        var cumulative = new double[n];
        var sum = 0.0;
        for (var rank = 0; rank < n; rank++) cumulative[rank] = sum += 1 / Math.Pow(rank + 1, s);
        for (var rank = 0; rank < n; rank++) cumulative[rank] /= sum;
        return cumulative;
    }

    private int Pick(double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }
}
