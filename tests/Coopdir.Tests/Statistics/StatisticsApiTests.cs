using System.Net;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Statistics;

public sealed class StatisticsApiTests : SiteTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Site.SeedAsync(
            An.Organization("Unicorn Grocery").OfTypes("worker").InSector("retail").In("GB", "Manchester", region: "Greater Manchester"),
            An.Organization("Suma Wholefoods").OfTypes("worker").InSector("retail").In("GB", "Elland", region: "West Yorkshire"),
            An.Organization("Leeds Bread Co-op").OfTypes("worker", "consumer").InSector("production").In("GB", "Leeds", region: "west yorkshire"),
            An.Organization("Cheese Board Collective").OfTypes("worker").In("US", "Berkeley", region: "California"),
            An.Organization("Co-operatives UK", kind: "network").In("GB", "Manchester", region: "Greater Manchester"));
    }

    [Fact]
    public async Task Stats_count_organizations_per_group_with_labels_and_the_total()
    {
        var stats = await Site.Http.GetJsonAsync("/api/v1/stats?group_by=country");

        Assert.Equal("country", stats.GetProperty("group_by").GetString());
        Assert.Equal(5, stats.GetProperty("total").GetInt64());
        Assert.Equal([("GB", "United Kingdom", 4L), ("US", "United States", 1L)], Groups(stats));
    }

    [Fact]
    public async Task Stats_take_the_search_filters()
    {
        var stats = await Site.Http.GetJsonAsync("/api/v1/stats?group_by=type&country=GB&kind=cooperative");

        Assert.Equal(3, stats.GetProperty("total").GetInt64());
        Assert.Equal([("worker", "Worker", 3L), ("consumer", "Consumer", 1L)], Groups(stats));
    }

    [Theory]
    [InlineData("kind", "")]
    [InlineData("type", "")]
    [InlineData("sector", "&q=co")]
    [InlineData("country", "&type=worker")]
    [InlineData("region", "&country=GB")]
    public async Task Stats_agree_with_the_search_facets_for_the_same_filters(string groupBy, string filters)
    {
        var stats = await Site.Http.GetJsonAsync($"/api/v1/stats?group_by={groupBy}{filters}");
        var search = await Site.Http.GetJsonAsync($"/api/v1/organizations?page_size=1{filters}");

        Assert.Equal(search.GetProperty("total").GetInt64(), stats.GetProperty("total").GetInt64());
        Assert.Equal(
            search.GetProperty("facets").GetProperty(groupBy).EnumerateObject().Select(p => (p.Name, p.Value.GetInt64())).ToList(),
            Groups(stats).Select(g => (g.Value, g.Count)).ToList());
        Assert.NotEmpty(Groups(stats));
    }

    [Theory]
    [InlineData("", "group_by")]
    [InlineData("group_by=colour", "group_by")]
    [InlineData("group_by=country&kind=bakery", "kind")]
    [InlineData("group_by=country&near=91,0", "near")]
    public async Task A_missing_or_unknown_group_by_or_a_bad_filter_gets_400_naming_it(string query, string field)
    {
        var problem = await Site.Http.GetProblemAsync($"/api/v1/stats?{query}");

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task The_statistics_page_shows_the_api_numbers_as_tables_with_charts_and_no_script()
    {
        var page = await Site.Http.GetPageAsync("/stats?country=GB");

        foreach (var groupBy in new[] { "country", "region", "kind", "type", "sector" })
        {
            var api = await Site.Http.GetJsonAsync($"/api/v1/stats?group_by={groupBy}&country=GB");
            var rows = page.QuerySelectorAll($"section[aria-labelledby='by-{groupBy}'] table tbody tr")
                .Select(r => (r.QuerySelector("th")!.TextContent.Trim(), long.Parse(r.QuerySelector("td")!.TextContent.Trim(), System.Globalization.NumberStyles.AllowThousands)))
                .ToList();
            Assert.Equal(Groups(api).Select(g => (g.Label, g.Count)).ToList(), rows);
            Assert.NotNull(page.QuerySelector($"section[aria-labelledby='by-{groupBy}'] svg[aria-hidden='true'] rect"));
        }
        Assert.Contains("West Yorkshire", page.Texts("section[aria-labelledby='by-region'] th[scope=row]"));
        Assert.Equal("4", page.QuerySelector(".result-count strong")!.TextContent);
        // The charts are drawn on the server: the only scripts are the site-wide search suggestions.
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.All(page.QuerySelectorAll("script[src]"), s => Assert.Equal("/js/suggest.js", s.GetAttribute("src")));
    }

    [Fact]
    public async Task The_statistics_page_for_one_dimension_shows_only_that_one()
    {
        var page = await Site.Http.GetPageAsync("/stats?group_by=kind");

        Assert.Single(page.QuerySelectorAll("section.statistics"));
        Assert.Equal(["Cooperative", "Network / federation"], page.Texts("section[aria-labelledby='by-kind'] tbody th"));
    }

    [Fact]
    public async Task A_bad_filter_on_the_statistics_page_is_explained_with_400()
    {
        var page = await Site.Http.GetPageAsync("/stats?group_by=colour", HttpStatusCode.BadRequest);

        Assert.Contains("group_by", page.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task The_openapi_document_describes_statistics_and_the_changes_feed_with_their_parameters()
    {
        var paths = (await Site.Http.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        string[] Parameters(string path) => paths.GetProperty(path).GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.Subset(Parameters("/api/v1/stats").ToHashSet(), new HashSet<string> { "group_by", "q", "kind", "country", "bbox" });
        Assert.Subset(Parameters("/api/v1/changes").ToHashSet(), new HashSet<string> { "since", "limit" });
    }

    private static List<(string Value, string Label, long Count)> Groups(JsonElement stats) =>
        stats.GetProperty("groups").EnumerateArray()
            .Select(g => (g.GetProperty("value").GetString()!, g.GetProperty("label").GetString()!, g.GetProperty("count").GetInt64()))
            .ToList();
}
