using Coopdir.Core.Search;
using Coopdir.Tests.Support;
using Xunit.Abstractions;

namespace Coopdir.Tests.Search;

/// <summary>
/// The relevance set (tests/data/relevance/queries.csv) over the real data: the demo directory, merged
/// from Co-operatives UK's 2023 and 2017 files and the SUSY map, so most co-ops have a registered and
/// a trading name, and 2,831 dissolved or renamed ones are there beside the live ones.
/// </summary>
[Collection(DemoDirectoryCollection.Name)]
public sealed class RelevanceTests(DemoDirectory demo, ITestOutputHelper output) : SiteTest(demo.Copy)
{

    [Fact]
    public async Task At_least_nine_in_ten_relevance_queries_put_a_right_answer_first()
    {
        var queries = RelevanceSet.Load(Path.Combine(AppContext.BaseDirectory, "data", "relevance", "queries.csv"));
        var outcomes = await RelevanceSet.RunAsync(Site.Store, queries);

        foreach (var miss in outcomes.Where(o => o.Rank != 1))
            output.WriteLine($"'{miss.Query.Query}' ({miss.Query.Checks}): first was '{miss.Top}', a right answer at {miss.Rank?.ToString() ?? "none"}");
        var precision = RelevanceSet.PrecisionAt1(outcomes);
        output.WriteLine($"{outcomes.Count} queries: precision@1 {precision:0.000}, MRR {RelevanceSet.MeanReciprocalRank(outcomes):0.000}");
        Assert.True(queries.Count >= 40, $"the set has {queries.Count} queries");
        Assert.True(precision >= 0.9, $"precision@1 is {precision:0.000}");
    }
}
