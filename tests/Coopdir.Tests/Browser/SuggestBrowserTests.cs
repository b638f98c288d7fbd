using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SuggestBrowserTests(Support.Browser browser) : SiteTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Site.SeedAsync(
            An.Organization("Unicorn Grocery").In("GB", "Manchester"),
            An.Organization("Union Bakers").In("GB", "Leeds"));
    }

    [Fact]
    public async Task Typing_in_the_search_box_lists_suggestions_that_the_keyboard_can_open()
    {
        var page = await browser.Instance.NewPageAsync();
        await page.GotoAsync(new Uri(Site.BaseAddress, "/").ToString());
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search by name, place or activity" });

        await box.PressSequentiallyAsync("unic");

        var options = page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option);
        await Assertions.Expect(options).ToHaveCountAsync(1);
        await Assertions.Expect(options.First).ToContainTextAsync("Unicorn Grocery");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        await box.PressAsync("ArrowDown");
        await Assertions.Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await box.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Unicorn Grocery");
    }

    [Fact]
    public async Task Escape_closes_the_suggestions_and_Enter_then_searches_as_without_javascript()
    {
        var page = await browser.Instance.NewPageAsync();
        await page.GotoAsync(new Uri(Site.BaseAddress, "/").ToString());
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search by name, place or activity" });

        await box.PressSequentiallyAsync("uni");
        await Assertions.Expect(page.GetByRole(AriaRole.Listbox)).ToBeVisibleAsync();
        await box.PressAsync("Escape");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "false");
        await box.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/search\\?q=uni"));
    }
}
