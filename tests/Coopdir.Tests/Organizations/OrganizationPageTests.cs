using System.Net;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Organizations;

public sealed class OrganizationPageTests : SiteTest
{
    [Fact]
    public async Task Page_shows_every_field_identifiers_memberships_source_and_map()
    {
        var network = (await Site.SeedAsync(An.Organization("Radical Routes", kind: "network")))[0];
        var id = (await Site.SeedAsync(An.Organization("Lancaster Cohousing").OfTypes("housing").InSector("housing")
            .In("GB", "Lancaster", 54.04, -2.80, "Lancashire", "LA2 0AQ", "Forgebank\nHalton") with
            {
                Website = "https://www.lancastercohousing.org.uk/",
                Identifiers = [new Identifier("GB-MPR", "30744R")],
                Relationships = [An.Relationship(RelationshipTypes.MemberOf, network, null, "member")],
                FoundedOn = "2006-05-01",
            }))[0];

        var page = await Site.Http.GetPageAsync($"/organizations/{id}");

        Assert.Equal("Lancaster Cohousing", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Forgebank", page.QuerySelector("address")!.TextContent);
        Assert.Contains("LA2 0AQ", page.QuerySelector("address")!.TextContent);
        Assert.Contains("30744R", page.QuerySelector("section[aria-labelledby=identifiers]")!.TextContent);
        Assert.Equal($"/organizations/{network}", page.QuerySelector("section[aria-labelledby=relationships] a")!.GetAttribute("href"));
        Assert.Contains("Contributed directly", page.QuerySelector("section[aria-labelledby=source]")!.TextContent);
        Assert.Equal("https://www.lancastercohousing.org.uk/", page.QuerySelector("dd a[rel~=nofollow]")!.GetAttribute("href"));
        Assert.Equal("[[54.04,-2.8]]", page.QuerySelector("#organization-map")!.GetAttribute("data-points"));

        var networkPage = await Site.Http.GetPageAsync($"/organizations/{network}");
        Assert.Contains("Lancaster Cohousing", networkPage.QuerySelector("section[aria-labelledby=relationships]")!.TextContent);
    }

    [Fact]
    public async Task Page_embeds_schema_org_json_ld_that_survives_hostile_text()
    {
        var id = (await Site.SeedAsync(An.Organization("Caffi </script><script>alert(1)</script> Cymraeg ☕ 合作社")
            .In("GB", "Aberystwyth", 52.41, -4.08, postcode: "SY23 1AA")))[0];

        var page = await Site.Http.GetPageAsync($"/organizations/{id}");
        var jsonLd = page.QuerySelectorAll("script[type='application/ld+json']").Single().TextContent;
        var node = JsonDocument.Parse(jsonLd).RootElement;

        Assert.Equal("https://schema.org", node.GetProperty("@context").GetString());
        Assert.Equal("Organization", node.GetProperty("@type").GetString());
        Assert.Equal("Caffi </script><script>alert(1)</script> Cymraeg ☕ 合作社", node.GetProperty("name").GetString());
        Assert.Equal("SY23 1AA", node.GetProperty("address")[0].GetProperty("postalCode").GetString());
        Assert.Equal(52.41, node.GetProperty("location")[0].GetProperty("geo").GetProperty("latitude").GetDouble());
        Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert(1)") && s.GetAttribute("type") != "application/ld+json");
    }

    [Theory]
    [InlineData("424242")]
    [InlineData("not-an-id")]
    public async Task An_unknown_organization_gets_a_404_page(string id)
    {
        var page = await Site.Http.GetPageAsync($"/organizations/{id}", HttpStatusCode.NotFound);
        Assert.Contains("no organization", page.QuerySelector("main")!.TextContent);
    }
}
