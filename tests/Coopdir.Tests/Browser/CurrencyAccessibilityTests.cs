using Coopdir.Tests.Currencies;
using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>axe-core over the currency pages and the form that creates one, at a laptop's and a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CurrencyAccessibilityTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_currency_pages_have_no_serious_or_critical_violations(int width, int height)
    {
        var ids = await Site.SeedAsync(
            Currency.Named("Test Valley Pound", ("cc-monetary-model", "selfIssued"), ("cc-cost-recovery", "grants")).In("GB", "Stroud", 51.74, -2.22),
            An.Organization("Test Valley Bakery").In("GB", "Stroud", 51.75, -2.21));
        var relationship = await Currency.AssertAcceptsAsync(await Site.ClaimerAsync(ids[1]), ids[1], ids[0]);
        await Currency.ConfirmAsync(await Site.ClaimerAsync(ids[0]), relationship);
        var editor = await Site.AccountAsync("editor");

        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Site, editor);

        var failures = new List<string>();
        foreach (var path in new[] { "/currencies", $"/currencies/{ids[0]}", $"/organizations/{ids[0]}", "/organizations/new", "/vocabularies/cc-monetary-model" })
        {
            await page.GotoAsync(new Uri(Site.BaseAddress, path).ToString());
            if (path == $"/currencies/{ids[0]}") await page.WaitForSelectorAsync("#accepted-map[data-point-count]");
            failures.AddRange(await page.SeriousViolationsAsync(path, width));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
