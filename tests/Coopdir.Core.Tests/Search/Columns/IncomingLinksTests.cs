using Coopdir.Core.Relationships;
using Coopdir.Core.Search.Columns;

namespace Coopdir.Core.Tests.Search.Columns;

public sealed class IncomingLinksTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Incoming_relationships_stay_the_reverse_of_each_subjects_own_through_changes_removals_and_new_organizations(int seed)
    {
        var graph = new RandomGraph(seed, 200);
        var random = new Random(seed);
        Same(graph, 200);
        for (var step = 0; step < 300; step++)
        {
            var id = 1 + random.Next(260);
            switch (random.Next(4))
            {
                case 0 when graph.Own.ContainsKey(id): graph.Remove(id); break;
                case 1 when !graph.Own.ContainsKey(id): graph.Add(id); break;
                default: if (graph.Own.ContainsKey(id)) graph.Relate(id, 260); break;
            }
            if (step % 50 == 0) Same(graph, 260);
        }
        Same(graph, 260);
    }

    private static void Same(RandomGraph graph, int maxId)
    {
        for (var id = 1; id <= maxId; id++)
        {
            var listed = new List<(int, string, RelationshipStatusCode)>();
            foreach (var link in graph.Columns.Incoming.Of(id))
            {
                if (graph.Columns.Has(link.Other)) listed.Add((link.Other, graph.Columns.LinkTypes[link.Type], link.Status));
            }
            var expected = graph.IncomingOf(id);
            Assert.Equal(expected, listed.Order().ToList());
            if (expected.Any(e => e.Item2 == RelationshipTypes.MemberOf)) Assert.True(graph.Columns.Incoming.MayHaveMembers(id), $"{id} has members");
        }
    }
}
