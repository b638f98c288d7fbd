using System.Text;
using System.Text.Json.Nodes;
using Coopdir.Tests.Exports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Areas;

/// <summary>Open data names each organization's area by its OCD id: Popolo's area_id and areas, JSON-LD's containedInPlace.</summary>
public sealed class AreasExportTests : SiteTest
{
    [Fact]
    public async Task Popolo_lists_the_areas_organizations_are_in_with_their_ancestors_and_json_ld_names_each_place_s_area()
    {
        await TestAreas.LoadAsync(Site);
        await Site.SeedAsync(
            An.Organization("Oakland Bakers").In("US", "Oakland", region: "California"),
            An.Organization("Nowhere Co-op").In("US", "Qwxyzville"));

        var popolo = JsonNode.Parse(await Site.DownloadAsync("popolo.json"))!;
        var bakers = popolo["organizations"]!.AsArray().Single(o => (string?)o!["name"] == "Oakland Bakers")!;
        Assert.Equal(TestAreas.Oakland, (string?)bakers["area_id"]);
        // A locality no area answers to stops at the country.
        Assert.Equal("ocd-division/country:us", (string?)popolo["organizations"]!.AsArray().Single(o => (string?)o!["name"] == "Nowhere Co-op")!["area_id"]);
        var areas = popolo["areas"]!.AsArray();
        Assert.Equal(["ocd-division/country:us", TestAreas.California, TestAreas.Oakland], areas.Select(a => (string?)a!["id"]));
        foreach (var area in areas) OfficialSchemas.Popolo.AssertValid("area.json", area, "A Popolo area");
        var oakland = areas.Single(a => (string?)a!["id"] == TestAreas.Oakland)!;
        Assert.Equal((TestAreas.California, "city", "ocd-division"), ((string?)oakland["parent_id"], (string?)oakland["classification"], (string?)oakland["identifiers"]![0]!["scheme"]));

        var expanded = await JsonLdProcessor.ExpandAsync(Encoding.UTF8.GetString(await Site.DownloadAsync("jsonld")));
        var node = expanded.Select(n => n!.AsObject()).Single(n => (string?)n["http://schema.org/name"]![0]!["@value"] == "Oakland Bakers");
        var within = node["http://schema.org/location"]![0]!["http://schema.org/containedInPlace"]![0]!;
        Assert.EndsWith($"/areas/{TestAreas.Oakland}", (string?)within["@id"]);
        Assert.Equal(TestAreas.Oakland, (string?)within["http://schema.org/identifier"]![0]!["@value"]);
    }
}
