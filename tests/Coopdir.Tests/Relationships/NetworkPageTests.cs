using System.Net;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Relationships;

public sealed class NetworkPageTests : SiteTest
{
    private static readonly DateTimeOffset Recorded = DateTimeOffset.Parse("2026-01-01T00:00:00Z");

    private static OrganizationContent Member(OrganizationContent o, long network, string? start = null, string? end = null, params Assertion[] said) =>
        o with
        {
            Relationships = [new Relationship(0, RelationshipTypes.MemberOf, network, [new(Party.Third, Voice.Dataset, Stance.Asserts, Recorded, "Register"), .. said], start, end)],
        };

    /// <summary>A network with two current members (one in Leeds, one in Lyon), one whose membership ended in 2022, one disputed.</summary>
    private async Task<(long Network, long[] Members)> NetworkAsync()
    {
        var network = (await Site.SeedAsync(An.Organization("Bakers' Federation", kind: "network")))[0];
        var members = await Site.SeedAsync(
            Member(An.Organization("Leeds Bread Co-op").OfTypes("worker").In("GB", "Leeds", 53.8, -1.55), network, "2018"),
            Member(An.Organization("Boulangerie Lyon").In("FR", "Lyon", 45.76, 4.84), network),
            Member(An.Organization("Closed Bakery").In("GB", "York"), network, "2020", "2022"),
            Member(An.Organization("Denied Bakery").In("GB", "Hull"), network, "2019", null, new Assertion(Party.Object, Voice.Claimer, Stance.Denies, Recorded, "network")));
        return (network, members.ToArray());
    }

    [Fact]
    public async Task A_networks_page_lists_its_current_members_with_facets_a_map_and_filters_that_work_without_script()
    {
        var (network, members) = await NetworkAsync();

        var page = await Site.Http.GetPageAsync($"/organizations/{network}/members");

        Assert.Equal("Members of Bakers' Federation", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Boulangerie Lyon", "Leeds Bread Co-op"], page.Texts(".result h2"));
        Assert.Equal($"/api/v1/organizations/{network}/members/map-points", page.QuerySelector("#members-map")!.GetAttribute("data-points-url"));
        var gb = page.QuerySelectorAll(".facet a").First(a => a.TextContent.Contains("GB") || a.TextContent.Contains("United Kingdom"));
        var filtered = await Site.Http.GetPageAsync(gb.GetAttribute("href")!);
        Assert.Equal(["Leeds Bread Co-op"], filtered.Texts(".result h2"));
        Assert.Equal(["Boulangerie Lyon"], (await Site.Http.GetPageAsync($"/organizations/{network}/members?q=lyon")).Texts(".result h2"));

        var json = await Site.Http.GetJsonAsync($"/api/v1/organizations/{network}/members?type=worker");
        Assert.Equal(["Leeds Bread Co-op"], json.Names());
        var points = await Site.Http.GetJsonAsync($"/api/v1/organizations/{network}/members/map-points");
        Assert.Equal(2, points.GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await Site.Http.GetAsync($"/api/v1/organizations/{network}/members?page=0")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Site.Http.GetAsync("/organizations/424242/members")).StatusCode);

        Assert.NotNull((await Site.Http.GetPageAsync($"/organizations/{network}")).QuerySelector($"a[href='/organizations/{network}/members']"));
        Assert.Null((await Site.Http.GetPageAsync($"/organizations/{members[0]}")).QuerySelector("a[href$='/members']"));
    }

    [Fact]
    public async Task Members_over_the_years_count_each_membership_from_its_start_to_its_end_as_a_table_and_a_chart()
    {
        var (network, _) = await NetworkAsync();
        var thisYear = DateTime.UtcNow.Year;

        var figures = await Site.Http.GetJsonAsync($"/api/v1/organizations/{network}/members/by-year");

        Assert.Equal((2, 1, 1), (figures.GetProperty("current_members").GetInt32(), figures.GetProperty("undated").GetInt32(), figures.GetProperty("disputed").GetInt32()));
        var years = figures.GetProperty("years").EnumerateArray()
            .ToDictionary(y => y.GetProperty("year").GetInt32(), y => (y.GetProperty("members").GetInt32(), y.GetProperty("joined").GetInt32(), y.GetProperty("left").GetInt32()));
        Assert.Equal(2018, years.Keys.Min());
        Assert.Equal(thisYear, years.Keys.Max());
        Assert.Equal((1, 1, 0), years[2018]);
        Assert.Equal((2, 1, 0), years[2020]);
        Assert.Equal((2, 0, 1), years[2022]);
        Assert.Equal((1, 0, 0), years[2023]);
        Assert.Equal((2, 1, 0), years[2026]);

        var page = await Site.Http.GetPageAsync($"/organizations/{network}/members");
        Assert.NotNull(page.QuerySelector("#by-year ~ svg.bar-chart"));
        var row2022 = page.QuerySelectorAll(".statistics-table tbody tr").First(r => r.QuerySelector("th")!.TextContent == "2022");
        Assert.Equal(["2", "0", "1"], row2022.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Contains("1 membership has no start date", page.QuerySelector(".chart-note")!.TextContent);
    }
}
