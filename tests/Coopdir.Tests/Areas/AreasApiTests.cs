using System.Net;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Areas;

/// <summary>Places over HTTP: locations resolve to areas by name within their parent, search by area takes in the areas within it, and place pages bring a city together.</summary>
public sealed class AreasApiTests : SiteTest
{
    [Fact]
    public async Task Searching_by_a_state_finds_organizations_in_its_cities_and_never_guesses_between_places_of_one_name()
    {
        await TestAreas.LoadAsync(Site);
        await Site.SeedAsync(
            An.Organization("Oakland Bakers").In("US", "Oakland", region: "California"),
            An.Organization("Mission Printers").In("US", "San Francisco", region: "CA"),
            An.Organization("Pasadena Grocers").In("US", "Pasadena", region: "California"),
            An.Organization("Portland Cyclists").In("US", "Portland", region: "Oregon"),
            An.Organization("Springfield Somewhere").In("US", "Springfield"),
            An.Organization("Pudsey Housing").In("GB", "Pudsey", region: "Leeds"),
            An.Organization("Leeds Wholefoods").In("GB", "Leeds", region: "Leeds"),
            An.Organization("Kreuzberg Kollektiv").In("DE", "Berlin"));

        var california = await Site.Http.GetJsonAsync($"/api/v1/organizations?area={TestAreas.California}");
        Assert.Equal(["Mission Printers", "Oakland Bakers", "Pasadena Grocers"], california.Names());
        var oakland = await Site.Http.GetJsonAsync($"/api/v1/organizations?area={TestAreas.Oakland}");
        Assert.Equal(["Oakland Bakers"], oakland.Names());
        var either = await Site.Http.GetJsonAsync($"/api/v1/organizations?area={TestAreas.Oakland}&area={TestAreas.Yorkshire}");
        Assert.Equal(["Leeds Wholefoods", "Oakland Bakers", "Pudsey Housing"], either.Names());
        Assert.Equal(["Kreuzberg Kollektiv"], (await Site.Http.GetJsonAsync("/api/v1/organizations?area=ocd-division/country:de/state:be")).Names());
        // An alias id names the same area.
        Assert.Equal(["Kreuzberg Kollektiv"], (await Site.Http.GetJsonAsync("/api/v1/organizations?area=ocd-division/country:de/land:be")).Names());
        Assert.Empty((await Site.Http.GetJsonAsync("/api/v1/organizations?area=ocd-division/country:us/state:ca/place:atlantis")).Names());

        var problem = await Site.Http.GetProblemAsync("/api/v1/organizations?area=California");
        Assert.Contains("Open Civic Data division id", problem.GetProperty("errors").GetProperty("area")[0].GetString());

        var unresolved = await Site.Http.GetJsonAsync("/api/v1/areas/unresolved");
        var springfield = unresolved.EnumerateArray().Single(p => p.GetProperty("locality").GetString() == "Springfield");
        Assert.Matches(@"^\d+ areas named ""Springfield"" in United States", springfield.GetProperty("why").GetString());
        Assert.DoesNotContain(unresolved.EnumerateArray(), p => p.GetProperty("locality").GetString() is "Oakland" or "Pudsey" or "Berlin");
    }

    [Fact]
    public async Task A_city_page_brings_together_its_government_digital_service_civic_tech_cooperatives_and_their_networks()
    {
        await TestAreas.LoadAsync(Site);
        var network = (await Site.SeedAsync(An.Organization("Code for Everywhere", "network").In("US", "San Francisco", region: "California")))[0];
        await Site.SeedAsync(
            An.Organization("City of Oakland", "municipality").In("US", "Oakland", region: "California"),
            An.Organization("Oakland Digital Services", "digital-service").In("US", "Oakland", region: "California"),
            An.Organization("OpenOakland", "civic-tech").In("US", "Oakland", region: "California").MemberOf(network),
            An.Organization("Oakland Worker Bakery").OfTypes("worker").InSector("agriculture").In("US", "Oakland", region: "California").MemberOf(network),
            An.Organization("Fremont Housing").OfTypes("housing").In("US", "Fremont", region: "California"));

        var oakland = await Site.Http.GetJsonAsync($"/api/v1/areas/{TestAreas.Oakland}");
        Assert.Equal(("Oakland city", "city", 4), (oakland.GetProperty("name").GetString(), oakland.GetProperty("level").GetString(), oakland.GetProperty("organizations").GetInt32()));
        Assert.Equal(["California", "United States"], oakland.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        var groups = oakland.GetProperty("municipalist").EnumerateArray().ToDictionary(g => g.GetProperty("kind").GetString()!,
            g => g.GetProperty("organizations").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList());
        Assert.Equal(["City of Oakland"], groups["municipality"]);
        Assert.Equal(["Oakland Digital Services"], groups["digital-service"]);
        Assert.Equal(["OpenOakland"], groups["civic-tech"]);
        Assert.Equal(1, oakland.GetProperty("cooperatives").GetInt32());
        Assert.Equal("worker", Assert.Single(oakland.GetProperty("cooperative_types").EnumerateArray()).GetProperty("value").GetString());
        var networks = Assert.Single(oakland.GetProperty("networks").EnumerateArray());
        Assert.Equal(("Code for Everywhere", 2), (networks.GetProperty("label").GetString(), networks.GetProperty("count").GetInt32()));

        var page = await Site.Http.GetPageAsync($"/areas/{TestAreas.Oakland}");
        Assert.Equal("Oakland city", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("City of Oakland", page.QuerySelector("#kind-municipality")!.ParentElement!.TextContent);
        Assert.Contains("City government", page.QuerySelector("#kind-municipality")!.TextContent);
        var bakery = groups["municipality"].Count == 1 ? await Site.Http.GetPageAsync($"/organizations/{oakland.GetProperty("municipalist")[0].GetProperty("organizations")[0].GetProperty("id").GetInt64()}") : null;
        Assert.Equal("Place: Oakland city", bakery!.QuerySelector("address .area")!.TextContent);
        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{oakland.GetProperty("municipalist")[0].GetProperty("organizations")[0].GetProperty("id").GetInt64()}");
        Assert.Equal(TestAreas.Oakland, record.GetProperty("locations")[0].GetProperty("area").GetProperty("id").GetString());

        // The state page counts its cities.
        var california = await Site.Http.GetJsonAsync($"/api/v1/areas/{TestAreas.California}");
        Assert.Equal(6, california.GetProperty("organizations").GetInt32());
        var within = california.GetProperty("within").EnumerateArray()
            .Select(w => (w.GetProperty("area").GetProperty("name").GetString(), w.GetProperty("organizations").GetInt32())).ToList();
        // San Francisco is a city and county in one, which OCD lists as the county with the place as its alias.
        Assert.Equal([("Oakland city", 4), ("Fremont city", 1), ("San Francisco County", 1)], within);
        Assert.Contains("San Francisco County", (await Site.Http.GetPageAsync($"/areas/{TestAreas.California}")).QuerySelector("#within")!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Areas_are_found_by_name_within_a_parent_and_unknown_ones_are_a_clear_404()
    {
        await TestAreas.LoadAsync(Site);
        var found = await Site.Http.GetJsonAsync($"/api/v1/areas?q=oaklan&parent={TestAreas.California}");
        Assert.Equal(TestAreas.Oakland, found.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.All(found.GetProperty("items").EnumerateArray(), a => Assert.StartsWith(TestAreas.California + "/", a.GetProperty("id").GetString()));
        var suggested = await Site.Http.GetJsonAsync("/api/v1/areas/suggest?q=Leeds");
        Assert.Equal(TestAreas.Leeds, suggested.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.True(suggested.GetProperty("items").GetArrayLength() <= 10);
        var children = await Site.Http.GetJsonAsync("/api/v1/areas?parent=ocd-division/country:us&limit=200");
        Assert.Contains(children.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == "California");

        var noParent = await Site.Http.GetProblemAsync("/api/v1/areas?q=x&parent=ocd-division/country:zz");
        Assert.Contains("there is no area", noParent.GetProperty("errors").GetProperty("parent")[0].GetString());
        Assert.Contains("is longer than", (await Site.Http.GetProblemAsync($"/api/v1/areas?q={new string('a', 201)}")).GetProperty("errors").GetProperty("q")[0].GetString());
        using var missing = await Site.Http.GetAsync("/api/v1/areas/ocd-division/country:us/state:ca/place:atlantis");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no area", await missing.Content.ReadAsStringAsync());
        using var missingPage = await Site.Http.GetAsync("/areas/ocd-division/country:us/state:ca/place:atlantis");
        Assert.Equal(HttpStatusCode.NotFound, missingPage.StatusCode);
        Assert.Contains("Oakland city", await Site.Http.GetStringAsync("/areas?q=Oakland"));
    }
}
