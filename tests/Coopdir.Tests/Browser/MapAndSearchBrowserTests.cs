using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MapAndSearchBrowserTests(Support.Browser browser) : SiteTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Site.SeedAsync(Enumerable.Range(1, 40)
            .Select(i => An.Organization($"Leeds Co-op {i:00}").OfTypes(i % 2 == 0 ? "worker" : "housing").In("GB", "Leeds", 53.79 + i / 500.0, -1.54 - i / 500.0))
            .Append(An.Organization("Lyon Coopérative").OfTypes("worker").In("FR", "Lyon", 45.76, 4.83))
            .ToArray());
    }

    [Fact]
    public async Task The_results_map_shows_every_match_clustered()
    {
        var page = await browser.Instance.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);

        await page.GotoAsync(new Uri(Site.BaseAddress, "/search?type=worker").ToString());
        await page.WaitForSelectorAsync("#results-map[data-point-count]");

        Assert.Equal("21", await page.GetAttributeAsync("#results-map", "data-point-count"));
        Assert.True(await page.Locator("#results-map .marker-cluster").CountAsync() > 0);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Choosing_a_facet_narrows_the_results()
    {
        var page = await browser.Instance.NewPageAsync();
        await page.GotoAsync(new Uri(Site.BaseAddress, "/search").ToString());

        await page.GetByRole(AriaRole.Link, new() { Name = "France" }).ClickAsync();

        await Assertions.Expect(page.Locator(".result h2")).ToHaveTextAsync(["Lyon Coopérative"]);
        await Assertions.Expect(page.Locator(".result-count")).ToContainTextAsync("1 organization");
    }

    [Fact]
    public async Task Search_and_facets_work_with_javascript_turned_off()
    {
        await using var context = await browser.Instance.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Site.BaseAddress, "/").ToString());

        await page.GetByLabel("Search by name, place or activity").FillAsync("leeds co-op 07");
        await page.GetByLabel("Search by name, place or activity").PressAsync("Enter");

        await Assertions.Expect(page.Locator(".result h2").First).ToHaveTextAsync("Leeds Co-op 07");
        await page.GetByRole(AriaRole.Link, new() { Name = "Leeds Co-op 07" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Leeds Co-op 07");
    }

    [Fact]
    public async Task The_organization_page_shows_its_location_on_a_map()
    {
        var page = await browser.Instance.NewPageAsync();
        await page.GotoAsync(new Uri(Site.BaseAddress, "/search?q=lyon").ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "Lyon Coopérative" }).ClickAsync();

        await page.WaitForSelectorAsync("#organization-map[data-point-count='1']");
        Assert.Equal(1, await page.Locator("#organization-map .leaflet-marker-icon").CountAsync());
    }

    [Fact]
    public async Task On_a_phone_a_person_searches_narrows_the_results_and_opens_a_coop_without_scrolling_sideways()
    {
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        async Task AssertFitsTheScreen() =>
            Assert.True(await page.EvaluateAsync<bool>("document.scrollingElement.scrollWidth <= window.innerWidth"), $"{page.Url} scrolls sideways");

        await page.GotoAsync(new Uri(Site.BaseAddress, "/").ToString());
        await page.GetByLabel("Search by name, place or activity").FillAsync("leeds");
        await page.GetByLabel("Search by name, place or activity").PressAsync("Enter");

        // A town's name is read as the place, shown as a chip.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("40 organizations within 10 km of Leeds");
        await Assertions.Expect(page.Locator(".chip")).ToContainTextAsync(["Near: Leeds · 10 km"]);
        await AssertFitsTheScreen();

        // The filters come folded before the results; opened, they narrow the search to one type, shown as a chip.
        await page.Locator("details.filter-drawer > summary").ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Worker", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("20 worker cooperatives within 10 km of Leeds");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^20 worker cooperatives within 10 km of Leeds"));
        await Assertions.Expect(page.Locator(".chip")).ToContainTextAsync(["Type: Worker", "Near: Leeds · 10 km"]);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        Assert.Null(await page.Locator("details.filter-drawer").GetAttributeAsync("open"));

        // The map takes the list's place, and gives it back.
        await page.GetByLabel("Map", new() { Exact = true }).CheckAsync();
        await Assertions.Expect(page.Locator("#results-map")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".result-list")).ToBeHiddenAsync();
        await page.GetByLabel("List", new() { Exact = true }).CheckAsync();
        await AssertFitsTheScreen();

        await page.GetByRole(AriaRole.Link, new() { Name = "Leeds Co-op 02", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Leeds Co-op 02");
        await AssertFitsTheScreen();
    }
}
