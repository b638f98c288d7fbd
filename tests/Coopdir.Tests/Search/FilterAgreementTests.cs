using System.Diagnostics;
using System.Text.Json;
using Coopdir.Core.Search;
using Coopdir.Tests.Support;
using Xunit.Abstractions;

namespace Coopdir.Tests.Search;

/// <summary>
/// Search, map points, statistics and exports select the organizations the filter rules select
/// (<see cref="FilterOracle"/>), over the demo directory (7,387 real co-ops) plus a few placed on
/// purpose: across the antimeridian, near a pole, in two countries at once, with place names that
/// differ only in case. Checked over the relevance set's queries, hand-picked cases and a few
/// hundred combinations drawn with a fixed seed, on whichever store the run uses.
/// </summary>
[Collection(DemoDirectoryCollection.Name)]
public sealed class FilterAgreementTests(DemoDirectory demo, ITestOutputHelper output) : SiteTest(demo.Copy)
{
    private const int RandomCombinations = 300;
    private const int Seed = 20_251_126;
    private TestSite site = null!;
    private FilterOracle oracle = null!;
    private IReadOnlyList<Filters> combinations = [];
    private readonly List<string> disagreements = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        site = Site;
        await site.SeedAsync(FilterAgreementData.Placed);
        oracle = await FilterOracle.LoadAsync(site.Store);
        var relevance = RelevanceSet.Load(Path.Combine(AppContext.BaseDirectory, "data", "relevance", "queries.csv")).Select(q => q.Query).ToList();
        combinations = [
            new Filters(),
            .. relevance.Select(q => new Filters { Q = q }),
            .. FilterAgreementData.HandPicked,
            .. FilterCombinations.Draw(oracle, relevance, RandomCombinations, Seed)];
        await oracle.ReadTextAsync(combinations.Select(c => c.Q).OfType<string>());
    }

    public override async Task DisposeAsync()
    {
        oracle.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Search_totals_facets_and_ids_match_the_filter_rules_for_every_combination()
    {
        await ForEach(combinations, async (f, expected) =>
        {
            var first = await site.Http.GetJsonAsync($"/api/v1/organizations?{f.QueryString}&page_size=100");
            Same(f, "search total", expected.Count, first.GetProperty("total").GetInt64());
            var facets = Facets(expected);
            foreach (var facet in facets.Keys)
                Same(f, $"search facet {facet}", Describe(Top(facets[facet], facet)), Describe(first.GetProperty("facets").GetProperty(facet).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64())));
            var ids = Ids(first);
            // Every page where the result is small; the first page's ids must be matches either way.
            for (var page = 2; expected.Count <= 300 && page <= (expected.Count + 99) / 100; page++)
                ids.AddRange(Ids(await site.Http.GetJsonAsync($"/api/v1/organizations?{f.QueryString}&page_size=100&page={page}")));
            if (expected.Count <= 300) SameIds(f, "search ids", expected.Select(o => o.Id), ids.Order());
            else Same(f, "search ids outside the matches", "", Describe(ids.Except(expected.Select(o => o.Id))));
        });
    }

    [Fact]
    public async Task Map_points_and_statistics_match_the_filter_rules_for_every_combination()
    {
        var i = 0;
        await ForEach(combinations, async (f, expected) =>
        {
            var groupBy = GroupBys[i++ % GroupBys.Length];
            var stats = await site.Http.GetJsonAsync($"/api/v1/stats?group_by={groupBy}&{f.QueryString}");
            Same(f, "statistics total", expected.Count, stats.GetProperty("total").GetInt64());
            Same(f, $"statistics by {groupBy}", Describe(Facets(expected)[groupBy]),
                Describe(stats.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("value").GetString()!, g => g.GetProperty("count").GetInt64())));

            // All the points of a large result take long to send: every fifth of those, all the smaller ones.
            if (expected.Count > 1000 && i % 5 != 0) return;
            var points = await site.Http.GetJsonAsync($"/api/v1/organizations/map-points?{f.QueryString}");
            var located = expected.SelectMany(o => o.Locations.Where(l => l.HasPoint).Select(l => $"{o.Id}@{l.Latitude:R},{l.Longitude:R}")).ToList();
            Same(f, "map points", Describe(located.Take(MaxMapPoints)),
                Describe(points.GetProperty("points").EnumerateArray().Select(p => $"{p[0].GetInt64()}@{p[1].GetDouble():R},{p[2].GetDouble():R}")));
            Same(f, "map points truncated", located.Count > MaxMapPoints, points.GetProperty("truncated").GetBoolean());
        });
    }

    [Fact]
    public async Task Exports_select_the_organizations_the_filter_rules_select_in_id_order()
    {
        // Exporting everything hundreds of times would take minutes: every third combination, and
        // of those that match over a thousand, one in four.
        var exported = combinations.Where((f, i) => i % 3 == 0 && (i % 12 == 0 || oracle.Select(f).Count <= 1000)).ToList();
        await ForEach(exported, async (f, expected) =>
        {
            var body = await site.Http.GetStringAsync($"/api/v1/exports/organizations.jsonl?{f.QueryString}");
            var ids = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt64());
            SameIds(f, "export ids", expected.Select(o => o.Id), ids);
        });
    }

    [Fact]
    public async Task Boxes_and_circles_with_points_on_their_edges_select_the_same_organizations_everywhere()
    {
        // A point exactly on an edge sits at the last bit of a double, where the oracle's arithmetic
        // may differ from the product's: no oracle here, but search, map points, statistics and
        // exports, which share one filter, must agree to the last organization.
        var random = new Random(Seed);
        var points = oracle.Organizations.SelectMany(o => o.Locations).Where(l => l.HasPoint).ToList();
        var edges = new List<Filters>();
        while (edges.Count < 50)
        {
            var (a, b) = (points[random.Next(points.Count)], points[random.Next(points.Count)]);
            var (la, lo, lb, lob) = (a.Latitude!.Value, a.Longitude!.Value, b.Latitude!.Value, b.Longitude!.Value);
            if (OracleDistance(a, b) > 30) continue;
            edges.Add(edges.Count % 2 == 0
                ? new Filters { Bbox = (Math.Min(lo, lob), Math.Min(la, lb), Math.Max(lo, lob), Math.Max(la, lb)) }
                : new Filters { Near = (la, lo), RadiusKm = Core.Search.Geo.DistanceKm(la, lo, lb, lob) });
        }
        await ForEach(edges, async (f, _) =>
        {
            var first = await site.Http.GetJsonAsync($"/api/v1/organizations?{f.QueryString}&page_size=100");
            var search = Ids(first);
            for (var page = 2; page <= (first.GetProperty("total").GetInt64() + 99) / 100; page++)
                search.AddRange(Ids(await site.Http.GetJsonAsync($"/api/v1/organizations?{f.QueryString}&page_size=100&page={page}")));
            var map = (await site.Http.GetJsonAsync($"/api/v1/organizations/map-points?{f.QueryString}")).GetProperty("points").EnumerateArray().Select(p => p[0].GetInt64()).Distinct();
            var total = (await site.Http.GetJsonAsync($"/api/v1/stats?group_by=kind&{f.QueryString}")).GetProperty("total").GetInt64();
            var export = (await site.Http.GetStringAsync($"/api/v1/exports/organizations.jsonl?{f.QueryString}"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("id").GetInt64());
            SameIds(f, "map point ids against search ids", search.Order(), map);
            SameIds(f, "export ids against search ids", search.Order(), export);
            Same(f, "statistics total against search total", search.Count, (int)total);
        });
    }

    private static double OracleDistance(OracleLocation a, OracleLocation b) =>
        FilterOracle.Haversine(a.Latitude!.Value, a.Longitude!.Value, b.Latitude!.Value, b.Longitude!.Value);

    private const int MaxMapPoints = 10_000;
    private static readonly string[] GroupBys = ["country", "region", "kind", "type", "sector"];

    /// <summary>Runs every combination, collecting each disagreement, then fails with them all.</summary>
    private async Task ForEach(IReadOnlyList<Filters> filters, Func<Filters, IReadOnlyList<OracleOrganization>, Task> check)
    {
        var clock = Stopwatch.StartNew();
        var sizes = new int[4];
        foreach (var f in filters)
        {
            var expected = oracle.Select(f);
            sizes[expected.Count switch { 0 => 0, <= 100 => 1, <= 1000 => 2, _ => 3 }]++;
            await check(f, expected);
        }
        output.WriteLine($"{filters.Count} combinations on {TestStores.Kind} in {clock.Elapsed.TotalSeconds:0.0} s; matching none: {sizes[0]}, 1-100: {sizes[1]}, 101-1000: {sizes[2]}, more: {sizes[3]}");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements:\n{string.Join("\n", disagreements.Take(25))}");
    }

    private void Same<T>(Filters f, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            disagreements.Add($"{what} for {f}:\n  expected {Short(expected)}\n  actual   {Short(actual)}");
    }

    private void SameIds(Filters f, string what, IEnumerable<long> expected, IEnumerable<long> actual)
    {
        var (e, a) = (expected.ToList(), actual.ToList());
        if (e.SequenceEqual(a)) return;
        disagreements.Add($"{what} for {f} ({e.Count} expected, {a.Count} actual):\n  missing {Short(Describe(e.Except(a)))}\n  extra   {Short(Describe(a.Except(e)))}"
            + (e.Order().SequenceEqual(a.Order()) ? "\n  same ids, in another order" : ""));
    }

    private static string Short<T>(T value) => value?.ToString() is { Length: > 600 } s ? s[..600] + "…" : value?.ToString() ?? "null";

    private static List<long> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

    private static string Describe(IEnumerable<long> ids) => string.Join(" ", ids);
    private static string Describe(IEnumerable<string> items) => string.Join(" ", items);
    private static string Describe(IReadOnlyDictionary<string, long> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}: {c.Value}"));

    /// <summary>
    /// Each organization counts once per value of each dimension, over all its locations; a region or
    /// locality is one group per case-folded name (PlaceKey), labelled with the smallest (ordinal) of its names among the matches.
    /// </summary>
    private Dictionary<string, Dictionary<string, long>> Facets(IReadOnlyList<OracleOrganization> matched)
    {
        Dictionary<string, long> Count(Func<OracleOrganization, IEnumerable<string?>> values) => matched
            .SelectMany(o => values(o).OfType<string>().Distinct()).GroupBy(v => v).ToDictionary(g => g.Key, g => (long)g.Count());
        Dictionary<string, long> Places(Func<OracleLocation, string?> place) => matched
            .SelectMany(o => o.Locations.Select(place).OfType<string>().Select(p => (o.Id, Name: p, Key: FilterOracle.PlaceKey(p))))
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Select(p => p.Name).Min(StringComparer.Ordinal)!, g => (long)g.Select(p => p.Id).Distinct().Count());
        return new()
        {
            ["kind"] = Count(o => [o.Kind]),
            ["type"] = Count(o => o.Types),
            ["sector"] = Count(o => [o.Sector]),
            ["country"] = Count(o => o.Locations.Select(l => l.Country)),
            ["region"] = Places(l => l.Region),
            ["locality"] = Places(l => l.Locality),
        };
    }

    // The search lists the 50 most frequent regions and localities only: largest first, then by name.
    private static Dictionary<string, long> Top(Dictionary<string, long> counts, string facet) =>
        facet is "region" or "locality"
            ? counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(50).ToDictionary()
            : counts;
}
