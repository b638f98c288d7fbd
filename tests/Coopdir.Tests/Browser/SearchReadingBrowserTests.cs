using Coopdir.Tests.Search;
using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>The home page's own example, "bakery Manchester", as a person types it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchReadingBrowserTests(Support.Browser browser) : SiteTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ReadableSearches.SeedAsync(Site);
    }

    [Fact]
    public async Task Bakery_Manchester_from_the_home_page_shows_bakeries_near_Manchester_with_chips_and_the_words_as_typed_a_click_away()
    {
        var page = await browser.Instance.NewPageAsync();
        await page.GotoAsync(new Uri(Site.BaseAddress, "/").ToString());

        await page.GetByLabel("Search by name, place or activity").FillAsync("bakery Manchester");
        await page.Locator("#main").GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("1 organization within 10 km of Manchester matching “bakery”");
        await Assertions.Expect(page.Locator(".result h2")).ToHaveTextAsync(["Salford Community Bakery"]);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Remove Near: Manchester · 10 km" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#search-q")).ToHaveValueAsync("bakery");

        await page.GetByRole(AriaRole.Link, new() { Name = "Search for the words “bakery Manchester” as typed instead" }).ClickAsync();
        await Assertions.Expect(page.Locator("#search-q")).ToHaveValueAsync("bakery Manchester");
        await Assertions.Expect(page.Locator(".search-reading")).ToHaveCountAsync(0);
        Assert.Empty(await page.SeriousViolationsAsync("/search?q=bakery+Manchester", 1280));
    }

    [Fact]
    public async Task A_read_search_and_an_empty_one_with_its_ways_out_have_no_serious_violations_on_a_phone()
    {
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        foreach (var path in new[] { "/search?q=worker+coop+Manchester", "/search?q=bakery+zebra" })
        {
            await page.GotoAsync(new Uri(Site.BaseAddress, path).ToString());
            failures.AddRange(await page.SeriousViolationsAsync(path, 390));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
