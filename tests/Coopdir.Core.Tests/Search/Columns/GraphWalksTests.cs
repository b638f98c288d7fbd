using Coopdir.Core.Relationships;
using Coopdir.Core.Search.Columns;

namespace Coopdir.Core.Tests.Search.Columns;

public sealed class GraphWalksTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void A_path_is_as_short_as_a_plain_breadth_first_search_finds_and_joins_its_ends(int seed)
    {
        var graph = new RandomGraph(seed, 300);
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var (from, to) = (1 + random.Next(300), 1 + random.Next(300));
            var distance = graph.Distances(from).GetValueOrDefault(to, int.MaxValue);

            var (path, exhausted) = GraphWalks.Path(graph.Columns, from, to, 6, ulong.MaxValue, 1_000_000);

            Assert.True(exhausted);
            if (distance > 6) { Assert.Null(path); continue; }
            Assert.Equal(distance, path!.Count);
            var at = from;
            foreach (var link in path)
            {
                Assert.Contains(at, new[] { link.Subject, link.Object });
                at = link.Subject == at ? link.Object : link.Subject;
            }
            Assert.Equal(to, at);
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void A_neighbourhood_holds_every_organization_within_the_depth_at_its_distance(int seed)
    {
        var graph = new RandomGraph(seed, 300);
        for (var root = 1; root <= 300; root += 7)
        {
            var expected = graph.Distances(root).Where(d => d.Value <= 3).OrderBy(d => d.Key).ToList();

            var (nodes, links, truncated) = GraphWalks.Neighbours(graph.Columns, root, 3, ulong.MaxValue, 1000);

            Assert.False(truncated);
            Assert.Equal(expected, nodes.Select(n => new KeyValuePair<int, int>(n.Id, n.Depth)).OrderBy(d => d.Key).ToList());
            Assert.Equal(links.Count, links.Distinct().Count());
            Assert.All(links, l => Assert.True(nodes.Any(n => n.Id == l.Subject) && nodes.Any(n => n.Id == l.Object)));
        }
    }

    [Fact]
    public void A_network_counts_each_member_once_however_many_ways_it_is_reached()
    {
        var graph = new RandomGraph(31, 300);
        var memberOf = graph.Columns.LinkTypes.Find(RelationshipTypes.MemberOf);
        for (var network = 1; network <= 300; network += 5)
        {
            var (_, all, _) = Networks.Size(graph.Columns, network);
            using var members = new IdSet(graph.Columns.Capacity);
            Networks.AddMembers(graph.Columns, network, transitive: true, Networks.Current, members);

            Assert.Equal(all, members.Count);
            Assert.False(members.Contains(network));
            Assert.Equal(Reached(graph, network, memberOf), members.InOrder().ToHashSet());
        }
    }

    // Plain closure over current member_of relationships, towards their objects, without the network itself.
    private static HashSet<int> Reached(RandomGraph graph, int network, int memberOf)
    {
        var reached = new HashSet<int> { network };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (subject, rows) in graph.Own)
            {
                if (reached.Contains(subject)) continue;
                if (rows.Any(r => r.Type == RelationshipTypes.MemberOf && reached.Contains((int)r.ObjectId)
                    && r.Status is not (RelationshipStatusCode.Ended or RelationshipStatusCode.Disputed)))
                    grew = reached.Add(subject) | grew;
            }
        }
        reached.Remove(network);
        return reached;
    }
}
