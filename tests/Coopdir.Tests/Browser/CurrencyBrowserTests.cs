using System.Text.RegularExpressions;
using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class CurrencyBrowserTests(Support.Browser browser) : SiteTest
{
    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();

    private async Task<IPage> SignedInAsync(TestAccount account, List<string> errors)
    {
        var page = await (await browser.Instance.NewContextAsync()).NewPageAsync();
        page.PageError += (_, message) => errors.Add(message);
        // The test site's map tiles point nowhere on purpose; any other console error counts.
        page.Console += (_, message) => { if (message.Type == "error" && !message.Location.Contains("/tiles/")) errors.Add(message.Text + " " + message.Location); };
        await page.SignInAsync(Site, account);
        return page;
    }

    [Fact]
    public async Task An_editor_creates_a_currency_a_business_says_it_accepts_it_and_once_the_currency_confirms_its_map_and_list_show_the_business()
    {
        var bakery = (await Site.SeedAsync(An.Organization("Test Valley Bakery").In("GB", "Stroud", 51.74, -2.22)))[0];
        var errors = new List<string>();
        var editor = await SignedInAsync(await Site.AccountAsync("editor", "Eve"), errors);

        // The editor adds the currency with its facets through the site's form.
        await editor.GotoAsync(Url("/organizations/new"));
        await editor.GetByLabel("Name", new() { Exact = true }).FillAsync("Test Valley Pound");
        await editor.Locator("select[name=kind]").SelectOptionAsync(new SelectOptionValue { Label = "Community currency" });
        await editor.GetByText("More fields").ClickAsync();
        await editor.GetByLabel("Founded (YYYY, YYYY-MM or YYYY-MM-DD)").FillAsync("2012");
        await editor.GetByLabel("Monetary model").SelectOptionAsync("selfIssued");
        await editor.GetByLabel("Convertibility to legal money").SelectOptionAsync("fullReserve");
        await editor.GetByRole(AriaRole.Group, new() { Name = "Cost recovery" }).GetByLabel("Grants").CheckAsync();
        await editor.GetByLabel("Summary: what did you change, and how do you know?").FillAsync("A test currency");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save the change" }).ClickAsync();
        await Assertions.Expect(editor.Locator("h1")).ToHaveTextAsync("Test Valley Pound");
        var currency = long.Parse(OrganizationId().Match(editor.Url).Groups[1].Value);
        await Assertions.Expect(editor.Locator("#currency + dl")).ToContainTextAsync("Self-issued credit");
        await Assertions.Expect(editor.Locator("#currency + dl")).ToContainTextAsync("Grants");

        // The bakery's claimer says the bakery accepts it: claimed, so not yet a place to spend it.
        var ann = await SignedInAsync(await Site.ClaimerAsync(bakery, "Ann"), errors);
        await ann.GotoAsync(Url($"/organizations/{bakery}"));
        await ann.GetByRole(AriaRole.Link, new() { Name = "Add a relationship" }).ClickAsync();
        await ann.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Accepts currency" });
        await ann.GetByLabel("Other organization").FillAsync($"/organizations/{currency}");
        await ann.GetByRole(AriaRole.Button, new() { Name = "Add the relationship" }).ClickAsync();
        await Assertions.Expect(ann.Locator(".meta .badge")).ToHaveTextAsync("claimed");
        await ann.GotoAsync(Url($"/currencies/{currency}"));
        await Assertions.Expect(ann.Locator(".result-count")).ToHaveTextAsync("0 organizations accept it");
        await Assertions.Expect(ann.GetByRole(AriaRole.Link, new() { Name = "Test Valley Bakery" })).ToHaveCountAsync(0);

        // The currency's claimer confirms it from the currency's page.
        var bea = await SignedInAsync(await Site.ClaimerAsync(currency, "Bea"), errors);
        await bea.GotoAsync(Url($"/organizations/{currency}"));
        await bea.GetByRole(AriaRole.Link, new() { Name = "details of the accepts currency relationship with Test Valley Bakery" }).ClickAsync();
        await bea.GetByRole(AriaRole.Group, new() { Name = "For Test Valley Pound" }).GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(bea.Locator(".meta .badge")).ToHaveTextAsync("confirmed");

        // Where to spend it, from the currency's page: the bakery on the map and in the list.
        await bea.GotoAsync(Url($"/organizations/{currency}"));
        await bea.GetByRole(AriaRole.Link, new() { Name = "Where to spend it" }).ClickAsync();
        await Assertions.Expect(bea.Locator("h1")).ToHaveTextAsync("Where to spend Test Valley Pound");
        await Assertions.Expect(bea.Locator(".result-count")).ToHaveTextAsync("1 organization accepts it");
        await Assertions.Expect(bea.Locator(".result-list").GetByRole(AriaRole.Link, new() { Name = "Test Valley Bakery" })).ToBeVisibleAsync();
        await bea.WaitForSelectorAsync("#accepted-map[data-point-count]");
        Assert.Equal("1", await bea.GetAttributeAsync("#accepted-map", "data-point-count"));
        await Assertions.Expect(bea.Locator("#accepted-map .leaflet-marker-icon, #accepted-map .marker-cluster")).ToHaveCountAsync(1);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task Without_javascript_the_where_to_spend_page_is_a_list()
    {
        var ids = await Site.SeedAsync(Currencies.Currency.Named("Test Hours"), An.Organization("Test Grocer").In("GB", "Totnes", 50.43, -3.69));
        var relationship = await Currencies.Currency.AssertAcceptsAsync(await Site.ClaimerAsync(ids[1]), ids[1], ids[0]);
        await Currencies.Currency.ConfirmAsync(await Site.ClaimerAsync(ids[0]), relationship);
        await using var context = await browser.Instance.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync(Url($"/currencies/{ids[0]}"));

        await Assertions.Expect(page.Locator(".result-list").GetByRole(AriaRole.Link, new() { Name = "Test Grocer" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#accepted-map .leaflet-container, #accepted-map.leaflet-container")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"/organizations/(\d+)$")]
    private static partial Regex OrganizationId();
}
