using System.Net;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

public sealed class SearchApiTests : SiteTest
{
    [Fact]
    public async Task Search_returns_total_page_items_and_facets_for_every_dimension()
    {
        await Site.SeedAsync(
            An.Organization("Suma Wholefoods").OfTypes("worker").InSector("wholesale-retail").In("GB", "Elland", 53.68, -1.84, "Calderdale"),
            An.Organization("Mondragon").OfTypes("worker").InSector("industry").In("ES", "Arrasate", 43.06, -2.49, "Gipuzkoa"));

        var result = await Site.Http.GetJsonAsync("/api/v1/organizations");

        Assert.Equal(2, result.GetProperty("total").GetInt64());
        Assert.Equal(1, result.GetProperty("page").GetInt32());
        Assert.Equal(20, result.GetProperty("page_size").GetInt32());
        var item = result.GetProperty("items")[0];
        foreach (var field in new[] { "id", "name", "kind", "types", "sector", "locations" }) Assert.True(item.TryGetProperty(field, out _), field);
        var location = item.GetProperty("locations")[0];
        foreach (var field in new[] { "street", "locality", "region", "postcode", "country", "latitude", "longitude" })
            Assert.True(location.TryGetProperty(field, out _), field);
        var facets = result.GetProperty("facets");
        Assert.Equal(2, facets.GetProperty("kind").GetProperty("cooperative").GetInt64());
        Assert.Equal(2, facets.GetProperty("type").GetProperty("worker").GetInt64());
        Assert.Equal(1, facets.GetProperty("sector").GetProperty("industry").GetInt64());
        Assert.Equal(1, facets.GetProperty("country").GetProperty("ES").GetInt64());
        Assert.Equal(1, facets.GetProperty("region").GetProperty("Calderdale").GetInt64());
        Assert.Equal(1, facets.GetProperty("locality").GetProperty("Arrasate").GetInt64());
    }

    [Fact]
    public async Task Exact_name_ranks_before_name_prefix_before_other_fields()
    {
        await Site.SeedAsync(
            An.Organization("Bread Club").Described("We bake bread for Leeds"),
            An.Organization("Leeds Bread Co-op"),
            An.Organization("Bread and Roses Co-operative"),
            An.Organization("Bread"));

        var names = (await Site.Http.GetJsonAsync("/api/v1/organizations?q=bread")).Names();

        Assert.Equal("Bread", names[0]);
        Assert.Equal(["Bread and Roses Co-operative", "Bread Club"], names.Skip(1).Take(2).Order().ToList());
        Assert.Equal("Leeds Bread Co-op", names[3]);
    }

    [Fact]
    public async Task Text_search_matches_alternate_names_description_and_place_ignoring_case_and_diacritics()
    {
        await Site.SeedAsync(
            An.Organization("Cooperativa Agrícola San José").In("ES", "València"),
            An.Organization("Green Fields") with { AlternateNames = ["Feldgenossenschaft"] },
            An.Organization("Quiet Books").Described("A bookshop owned by its readers"));

        Assert.Equal(["Cooperativa Agrícola San José"], (await Site.Http.GetJsonAsync("/api/v1/organizations?q=cooperativa%20agricola")).Names());
        Assert.Equal(["Cooperativa Agrícola San José"], (await Site.Http.GetJsonAsync("/api/v1/organizations?q=valencia")).Names());
        Assert.Equal(["Green Fields"], (await Site.Http.GetJsonAsync("/api/v1/organizations?q=feldgenossenschaft")).Names());
        Assert.Equal(["Quiet Books"], (await Site.Http.GetJsonAsync("/api/v1/organizations?q=bookshop")).Names());
        Assert.Equal(["Quiet Books"], (await Site.Http.GetJsonAsync("/api/v1/organizations?q=QUIET%20bo")).Names());
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("NEAR(")]
    [InlineData("bread*")]
    [InlineData("{bread}")]
    [InlineData("bread OR AND NOT")]
    [InlineData("^-:")]
    public async Task Fts_syntax_in_the_query_is_searched_as_text_and_never_fails(string q)
    {
        await Site.SeedAsync(An.Organization("Bread"));
        using var response = await Site.Http.GetAsync($"/api/v1/organizations?q={Uri.EscapeDataString(q)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Filters_narrow_results_and_facets_count_the_filtered_set()
    {
        await Site.SeedAsync(
            An.Organization("A").OfTypes("worker", "multi-stakeholder").InSector("housing").In("GB", "Leeds", region: "West Yorkshire"),
            An.Organization("B").OfTypes("consumer").InSector("retail").In("GB", "Leeds", region: "West Yorkshire"),
            An.Organization("C", kind: "network").In("FR", "Lyon"));

        Assert.Equal(["A"], (await Site.Http.GetJsonAsync("/api/v1/organizations?type=worker")).Names());
        Assert.Equal(["A", "B"], (await Site.Http.GetJsonAsync("/api/v1/organizations?type=worker&type=consumer")).Names());
        Assert.Equal(["B"], (await Site.Http.GetJsonAsync("/api/v1/organizations?sector=retail")).Names());
        Assert.Equal(["C"], (await Site.Http.GetJsonAsync("/api/v1/organizations?kind=network")).Names());
        Assert.Equal(["C"], (await Site.Http.GetJsonAsync("/api/v1/organizations?country=fr")).Names());
        Assert.Equal(["A", "B"], (await Site.Http.GetJsonAsync("/api/v1/organizations?region=west%20yorkshire")).Names());
        var leedsWorkers = await Site.Http.GetJsonAsync("/api/v1/organizations?locality=Leeds&type=worker");
        Assert.Equal(["A"], leedsWorkers.Names());
        var facets = leedsWorkers.GetProperty("facets");
        Assert.Equal(1, facets.GetProperty("type").GetProperty("multi-stakeholder").GetInt64());
        Assert.False(facets.GetProperty("kind").TryGetProperty("network", out _));
        Assert.Equal(1, facets.GetProperty("country").GetProperty("GB").GetInt64());
    }

    [Fact]
    public async Task Near_with_radius_keeps_what_is_within_the_radius_and_sorts_by_distance()
    {
        await Site.SeedAsync(
            An.Organization("Far: Bristol").In("GB", "Bristol", 51.4545, -2.5879),
            An.Organization("Near: Salford").In("GB", "Salford", 53.4875, -2.2901),
            An.Organization("Here: Manchester").In("GB", "Manchester", 53.4808, -2.2426),
            An.Organization("No coordinates").In("GB", "Manchester"));

        var result = await Site.Http.GetJsonAsync("/api/v1/organizations?near=53.4808,-2.2426&radius_km=50");

        Assert.Equal(["Here: Manchester", "Near: Salford"], result.Names());
        var distances = result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("distance_km").GetDouble()).ToList();
        Assert.Equal(0, distances[0], 3);
        Assert.InRange(distances[1], 3.0, 3.5);
        var all = await Site.Http.GetJsonAsync("/api/v1/organizations?near=53.4808,-2.2426&sort=distance");
        Assert.Equal(["Here: Manchester", "Near: Salford", "Far: Bristol", "No coordinates"], all.Names());
    }

    [Fact]
    public async Task Radius_search_works_across_the_antimeridian()
    {
        await Site.SeedAsync(
            An.Organization("Suva").In("FJ", "Suva", -18.1416, 178.4419),
            An.Organization("Apia").In("WS", "Apia", -13.8333, -171.7667),
            An.Organization("Auckland").In("NZ", "Auckland", -36.8485, 174.7633));

        var result = await Site.Http.GetJsonAsync("/api/v1/organizations?near=-16,179.9&radius_km=1000");

        Assert.Equal(["Suva", "Apia"], result.Names());
    }

    [Fact]
    public async Task Bbox_filters_by_box_and_a_box_crossing_the_antimeridian_wraps()
    {
        await Site.SeedAsync(
            An.Organization("Suva").In("FJ", "Suva", -18.1416, 178.4419),
            An.Organization("Apia").In("WS", "Apia", -13.8333, -171.7667),
            An.Organization("Lima").In("PE", "Lima", -12.0464, -77.0428));

        Assert.Equal(["Apia", "Suva"], (await Site.Http.GetJsonAsync("/api/v1/organizations?bbox=170,-25,-165,-5")).Names());
        Assert.Equal(["Lima"], (await Site.Http.GetJsonAsync("/api/v1/organizations?bbox=-80,-15,-70,-10")).Names());
    }

    [Fact]
    public async Task Paging_walks_the_whole_result_in_a_stable_order()
    {
        await Site.SeedAsync(Enumerable.Range(1, 7).Select(i => An.Organization($"Org {i:00}")).ToArray());

        var first = await Site.Http.GetJsonAsync("/api/v1/organizations?page_size=3");
        var third = await Site.Http.GetJsonAsync("/api/v1/organizations?page_size=3&page=3");

        Assert.Equal(7, first.GetProperty("total").GetInt64());
        Assert.Equal(["Org 01", "Org 02", "Org 03"], first.Names());
        Assert.Equal(["Org 07"], third.Names());
    }

    [Theory]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=101", "page_size")]
    [InlineData("page=0", "page")]
    [InlineData("kind=spaceship", "kind")]
    [InlineData("type=feudal", "type")]
    [InlineData("sector=piracy", "sector")]
    [InlineData("country=XX", "country")]
    [InlineData("near=91,0", "near")]
    [InlineData("near=abc", "near")]
    [InlineData("radius_km=5", "radius_km")]
    [InlineData("near=0,0&radius_km=-1", "radius_km")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("bbox=0,10,5,5", "bbox")]
    [InlineData("sort=random", "sort")]
    [InlineData("sort=distance", "sort")]
    public async Task A_bad_parameter_gets_400_problem_details_naming_it(string query, string parameter)
    {
        using var response = await Site.Http.GetAsync($"/api/v1/organizations?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
        Assert.Contains(parameter, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Map_points_cover_every_located_match_not_only_one_page()
    {
        await Site.SeedAsync(Enumerable.Range(1, 30).Select(i => An.Organization($"Org {i}").In("GB", "Leeds", 53.8 + i / 1000.0, -1.55)).ToArray());

        var points = await Site.Http.GetJsonAsync("/api/v1/organizations/map-points?locality=leeds");

        Assert.Equal(30, points.GetProperty("count").GetInt32());
        Assert.False(points.GetProperty("truncated").GetBoolean());
        Assert.Equal(4, points.GetProperty("points")[0].GetArrayLength());
    }
}
