using Coopdir.Core.Imports;
using Coopdir.Core.Search;
using Coopdir.Tests.Support;
using Xunit.Abstractions;

namespace Coopdir.Tests.Search;

/// <summary>
/// The relevance set (tests/data/relevance/queries.csv) over the real data: the demo directory plus
/// Co-operatives UK's 2017 organisations file, so many co-ops are there twice, once with "Limited".
/// </summary>
[Collection(DemoDirectoryCollection.Name)]
public sealed class RelevanceTests(DemoDirectory demo, ITestOutputHelper output) : SiteTest(demo.Copy)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "data", "coops-uk", "cuk_open_data_organisations_2017-06.csv"));
        var report = await new Importer(Site.Store, TimeProvider.System).RunAsync(CoopsUkReader.Read(reader),
            new ImportOptions("Co-operatives UK open data", "ODC-By-1.0", "Contains Co-operatives UK open data"));
        Assert.True(report.Written);
    }

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
