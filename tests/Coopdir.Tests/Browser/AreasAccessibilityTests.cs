using Coopdir.Tests.Areas;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Browser;

/// <summary>axe-core over the places pages (the list, a city with a map, a state with its cities), at a laptop's and a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AreasAccessibilityTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_places_pages_have_no_serious_or_critical_violations(int width, int height)
    {
        await TestAreas.LoadAsync(Site);
        var network = (await Site.SeedAsync(An.Organization("Code for Everywhere", "network").In("US", "San Francisco", 37.77, -122.42, region: "California")))[0];
        await Site.SeedAsync(
            An.Organization("City of Oakland", "municipality").In("US", "Oakland", 37.80, -122.27, region: "California"),
            An.Organization("OpenOakland", "civic-tech").In("US", "Oakland", 37.80, -122.27, region: "California").MemberOf(network),
            An.Organization("Oakland Worker Bakery").OfTypes("worker").In("US", "Oakland", 37.81, -122.26, region: "California"));
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();

        var failures = new List<string>();
        foreach (var path in new[] { "/areas", "/areas?q=oak", $"/areas/{TestAreas.Oakland}", $"/areas/{TestAreas.California}" })
        {
            await page.GotoAsync(new Uri(Site.BaseAddress, path).ToString());
            failures.AddRange(await page.SeriousViolationsAsync(path, width));
        }
        await page.GotoAsync(new Uri(Site.BaseAddress, $"/areas/{TestAreas.Oakland}").ToString());
        await page.Locator("#area-map .leaflet-marker-icon, #area-map .leaflet-interactive").First.WaitForAsync();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
