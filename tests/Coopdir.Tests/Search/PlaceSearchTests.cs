using System.Net;
using Coopdir.Tests.Areas;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

/// <summary>Greater Manchester's co-ops: three write Manchester, its neighbours write their own towns, Leeds is 58 km away; Mansfield's has no coordinates.</summary>
public static class GreaterManchester
{
    // The three Manchester records' median is 53.48, -2.24: the centre a search near Manchester measures from.
    public static Task<List<long>> SeedAsync(TestSite site) => site.SeedAsync(
        An.Organization("Manchester Credit Union").In("GB", "Manchester", 53.4800, -2.2400),
        An.Organization("Ancoats Housing").In("GB", "Manchester", 53.4850, -2.2250),
        An.Organization("Unicorn Grocery").In("GB", "Manchester", 53.4420, -2.2760),
        An.Organization("Salford Bakers").In("GB", "Salford", 53.4875, -2.2901),
        An.Organization("Stockport Printers").In("GB", "Stockport", 53.4106, -2.1575),
        An.Organization("Leeds Wholefoods").In("GB", "Leeds", 53.8000, -1.5500),
        An.Organization("Mansfield Credit Union").In("GB", "Mansfield"));

    public static readonly string[] ByDistance = ["Manchester Credit Union", "Ancoats Housing", "Salford Bakers", "Unicorn Grocery", "Stockport Printers"];
}

/// <summary>Searching near a place by name: its neighbours within the radius, nearest first, on the API and the page.</summary>
public sealed class PlaceSearchTests : SiteTest
{
    [Fact]
    public async Task A_place_finds_its_neighbours_within_the_radius_nearest_first_not_only_records_that_write_its_name()
    {
        await GreaterManchester.SeedAsync(Site);

        var tenKm = await Site.Http.GetJsonAsync("/api/v1/organizations?place=manchester&radius_km=10");
        Assert.Equal(GreaterManchester.ByDistance, tenKm.Names());
        var distances = tenKm.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("distance_km").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);
        Assert.InRange(distances[^1], 9, 10);
        Assert.Equal(GreaterManchester.ByDistance[..4], (await Site.Http.GetJsonAsync("/api/v1/organizations?place=Manchester&radius_km=5")).Names());
        // Without a radius a place means within 10 km, and text still ranks by relevance within it.
        Assert.Equal(5, (await Site.Http.GetJsonAsync("/api/v1/organizations?place=Manchester")).GetProperty("total").GetInt64());
        Assert.Equal(["Salford Bakers"], (await Site.Http.GetJsonAsync("/api/v1/organizations?place=Manchester&q=bakers")).Names());

        // A place no record has coordinates for has no centre: the records that write it are what there is.
        Assert.Equal(["Mansfield Credit Union"], (await Site.Http.GetJsonAsync("/api/v1/organizations?place=mansfield&radius_km=5&sort=distance")).Names());
        Assert.Equal("1 organization in Mansfield", (await Site.Http.GetPageAsync("/search?place=Mansfield&radius_km=5")).QuerySelector("h1")!.TextContent.Trim());

        var points = await Site.Http.GetJsonAsync("/api/v1/organizations/map-points?place=Manchester&radius_km=5");
        Assert.Equal(4, points.GetProperty("count").GetInt32());

        var suggested = await Site.Http.GetJsonAsync("/api/v1/suggest?q=manch");
        var url = suggested.GetProperty("places")[0].GetProperty("url").GetString()!;
        Assert.Equal("/search?place=Manchester&radius_km=10", url);
        Assert.Contains("Salford Bakers", (await Site.Http.GetPageAsync(url)).Texts(".result h2"));
    }

    [Fact]
    public async Task The_page_states_the_radius_draws_it_and_links_the_search_to_share_and_to_OpenStreetMap()
    {
        await GreaterManchester.SeedAsync(Site);

        var page = await Site.Http.GetPageAsync("/search?place=Manchester&radius_km=5&sort=distance");

        Assert.Equal("4 organizations within 5 km of Manchester", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(GreaterManchester.ByDistance[..4], page.Texts(".result h2"));
        Assert.Equal("Manchester", page.QuerySelector("input#place")!.GetAttribute("value"));
        Assert.Equal("5", page.QuerySelector("select#radius_km option[selected]")!.GetAttribute("value"));
        Assert.Equal("distance", page.QuerySelector("select#sort option[selected]")!.GetAttribute("value"));
        var map = page.QuerySelector("#results-map")!;
        Assert.Equal("53.48,-2.24,5", map.GetAttribute("data-circle"));
        Assert.Equal("/search?sort=distance", map.GetAttribute("data-search-area"));
        var share = page.QuerySelector(".share a.share-link")!;
        Assert.Equal(new Uri(Site.BaseAddress, "/search?place=Manchester&radius_km=5&sort=distance").ToString(), share.GetAttribute("href"));
        Assert.Equal("https://www.openstreetmap.org/?mlat=53.48&mlon=-2.24#map=13/53.48/-2.24", page.QuerySelector("a.open-in-osm")!.GetAttribute("href"));
        Assert.Equal("/embed?place=Manchester&radius_km=5&sort=distance", page.QuerySelector("a.embed-link")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("script:not([src])"));
    }

    [Fact]
    public async Task An_unknown_place_is_a_clear_error_naming_the_field_and_never_a_500()
    {
        await GreaterManchester.SeedAsync(Site);

        var problem = await Site.Http.GetProblemAsync("/api/v1/organizations?place=Atlantis&radius_km=5");
        Assert.Contains("'Atlantis'", problem.GetProperty("errors").GetProperty("place")[0].GetString());
        var both = await Site.Http.GetProblemAsync("/api/v1/organizations?place=Manchester&near=53.4,-2.2");
        Assert.Contains("near", both.GetProperty("errors").GetProperty("place")[0].GetString());
        var tooLong = await Site.Http.GetProblemAsync("/api/v1/organizations?place=" + new string('a', 201));
        Assert.Contains("200 characters", tooLong.GetProperty("errors").GetProperty("place")[0].GetString());
        var radiusAlone = await Site.Http.GetProblemAsync("/api/v1/organizations?radius_km=5");
        Assert.Contains("place", radiusAlone.GetProperty("errors").GetProperty("radius_km")[0].GetString());

        var page = await Site.Http.GetPageAsync("/search?place=Atlantis&radius_km=5", HttpStatusCode.BadRequest);
        Assert.Contains("place", page.QuerySelector(".errors")!.TextContent);
        Assert.Contains("Atlantis", page.QuerySelector(".errors")!.TextContent);
        // The form stays, to correct the place.
        Assert.Equal("Atlantis", page.QuerySelector("input#place")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_place_is_measured_from_the_organizations_there_now_after_every_edit()
    {
        await GreaterManchester.SeedAsync(Site);
        Assert.Equal(["Mansfield Credit Union"], (await Site.Http.GetJsonAsync("/api/v1/organizations?place=Mansfield&radius_km=5")).Names());
        Assert.Contains("'Newark'", (await Site.Http.GetProblemAsync("/api/v1/organizations?place=Newark&radius_km=5"))
            .GetProperty("errors").GetProperty("place")[0].GetString());

        // Mansfield gains a located co-op, and Newark its first: both are now measured from them.
        await Site.SeedAsync(An.Organization("Mansfield Woodworkers").In("GB", "Mansfield", 53.1440, -1.1980),
            An.Organization("Newark Growers").In("GB", "Newark", 53.0760, -0.8100));
        Assert.Equal(["Mansfield Woodworkers"], (await Site.Http.GetJsonAsync("/api/v1/organizations?place=Mansfield&radius_km=5")).Names());
        Assert.Equal(["Newark Growers"], (await Site.Http.GetJsonAsync("/api/v1/organizations?place=Newark&radius_km=5")).Names());
    }

    [Fact]
    public async Task The_form_sent_without_a_place_searches_without_a_radius()
    {
        await GreaterManchester.SeedAsync(Site);

        using var response = await Site.Http.GetAsync("/search?q=bakers&place=&radius_km=10&sort=distance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/search?q=bakers", response.RequestMessage!.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task An_area_is_a_place_by_id_or_by_its_name_and_a_name_many_areas_share_is_not_guessed()
    {
        await TestAreas.LoadAsync(Site);
        await GreaterManchester.SeedAsync(Site);

        var byName = await Site.Http.GetJsonAsync("/api/v1/organizations?place=Yorkshire and the Humber&radius_km=1");
        Assert.Equal(["Leeds Wholefoods"], byName.Names());
        var byId = await Site.Http.GetJsonAsync($"/api/v1/organizations?place={TestAreas.Yorkshire}&radius_km=1");
        Assert.Equal(["Leeds Wholefoods"], byId.Names());
        var ambiguous = await Site.Http.GetProblemAsync("/api/v1/organizations?place=Springfield");
        Assert.Contains("areas are named 'Springfield'", ambiguous.GetProperty("errors").GetProperty("place")[0].GetString());
    }
}
