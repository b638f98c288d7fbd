using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

/// <summary>The map other sites may frame (/embed), and every other page refusing to be framed.</summary>
public sealed class EmbedTests : SiteTest
{
    [Fact]
    public async Task Only_the_embedded_map_may_be_framed_and_it_lists_a_network_s_members_linking_out_of_the_frame()
    {
        var network = (await Site.SeedAsync(An.Organization("Bakers' Federation", kind: "network").In("GB", "Leeds", 53.8, -1.55)))[0];
        var members = await Site.SeedAsync(
            An.Organization("Leeds Bread").In("GB", "Leeds", 53.79, -1.54).MemberOf(network),
            An.Organization("York Bread").In("GB", "York", 53.96, -1.08).MemberOf(network));
        await Site.SeedAsync(An.Organization("Not A Member"));

        using var embed = await Site.Http.GetAsync($"/embed?member_of={network}");
        Assert.Equal(System.Net.HttpStatusCode.OK, embed.StatusCode);
        Assert.Contains("frame-ancestors *", embed.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("script-src 'self'", embed.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        var page = await Site.Http.GetPageAsync($"/embed?member_of={network}");
        var links = page.QuerySelectorAll(".embed-list a");
        Assert.Equal(["Leeds Bread", "York Bread"], links.Select(a => a.TextContent).ToList());
        Assert.All(links, a => Assert.Equal("_top", a.GetAttribute("target")));
        Assert.Equal($"/organizations/{members[0]}", links[0].GetAttribute("href"));
        var map = page.QuerySelector("#embed-map")!;
        Assert.Equal($"/api/v1/organizations/map-points?member_of={network}", map.GetAttribute("data-points-url"));
        Assert.Equal("_top", map.GetAttribute("data-link-target"));
        Assert.Null(page.QuerySelector("script:not([src])"));

        foreach (var path in new[] { "/search", $"/organizations/{network}", "/", "/api/v1/organizations" })
        {
            using var other = await Site.Http.GetAsync(path);
            Assert.Equal("DENY", other.Headers.GetValues("X-Frame-Options").Single());
            Assert.Contains("frame-ancestors 'none'", other.Headers.GetValues("Content-Security-Policy").Single());
        }

        var organization = await Site.Http.GetPageAsync($"/organizations/{network}");
        Assert.Equal($"/embed?member_of={network}", organization.QuerySelector(".share a.embed-link")!.GetAttribute("href"));
        Assert.Equal("https://www.openstreetmap.org/?mlat=53.8&mlon=-1.55#map=17/53.8/-1.55", organization.QuerySelector(".share a.open-in-osm")!.GetAttribute("href"));
        Assert.Equal(new Uri(Site.BaseAddress, $"/organizations/{network}").ToString(), organization.QuerySelector(".share a.share-link")!.GetAttribute("href"));

        var bad = await Site.Http.GetPageAsync("/embed?place=Atlantis", System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("place", bad.QuerySelector(".errors")!.TextContent);
    }
}
