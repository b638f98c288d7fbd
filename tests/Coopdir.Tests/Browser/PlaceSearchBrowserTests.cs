using Coopdir.Tests.Search;
using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>Searching near a place in a browser: the journey from typing a place to the circle on the map, and axe-core over the pages it leads to.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlaceSearchBrowserTests(Support.Browser browser) : SiteTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await GreaterManchester.SeedAsync(Site);
    }

    [Fact]
    public async Task A_place_chosen_from_the_suggestions_with_5_km_and_distance_order_states_the_radius_and_draws_it()
    {
        var page = await browser.Instance.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        await page.GotoAsync(Url("/search"));

        var place = page.GetByRole(AriaRole.Combobox, new() { Name = "Near a place" });
        await place.PressSequentiallyAsync("manch");
        await page.GetByRole(AriaRole.Option, new() { Name = "Manchester" }).ClickAsync();
        await Assertions.Expect(place).ToHaveValueAsync("Manchester");
        await page.Locator("#radius_km").SelectOptionAsync("5");
        await page.Locator("#sort").SelectOptionAsync("distance");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search near" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ organizations? within 5 km of Manchester$"));
        await Assertions.Expect(page.Locator(".result h2")).ToHaveTextAsync(GreaterManchester.ByDistance[..4]);
        var distances = (await page.Locator(".result .distance").AllTextContentsAsync())
            .Select(d => double.Parse(d.Trim(' ', '·').Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(distances.Order(), distances);
        await Assertions.Expect(page.Locator("#results-map .leaflet-overlay-pane path.search-radius")).ToHaveCountAsync(1);

        // Moving the map offers to search again around its new centre.
        await page.Locator("#results-map").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search this area" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ organizations? within \d+ km of 53\.\d+, -2\.\d+$"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_search_near_a_place_and_the_embedded_map_have_no_serious_or_critical_violations()
    {
        var failures = new List<string>();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
            var page = await context.NewPageAsync();
            foreach (var path in new[] { "/search?place=Manchester&radius_km=5", "/embed?place=Manchester&radius_km=5" })
            {
                await page.GotoAsync(Url(path));
                // On a phone the search page shows the list first and keeps its map hidden until asked.
                await page.WaitForSelectorAsync(".map[data-point-count]", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
                failures.AddRange(await page.SeriousViolationsAsync(path, width));
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();
}
