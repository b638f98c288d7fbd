using System.Net;
using Coopdir.Tests.Payments;
using Coopdir.Tests.Support;
using Microsoft.Playwright;
using static Coopdir.Tests.Payments.MoneyWorld;

namespace Coopdir.Tests.Browser;

/// <summary>
/// The journey in real Chromium: a shop shows a payment request with a QR code; a resident pays it in a browser without
/// JavaScript; both statements and the public ledger show it; the transparency page's totals change. axe-core on each
/// new page at a laptop's and a phone's width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MoneyBrowserTests(Support.Browser browser) : SiteTest
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 800), (390, 844)];

    [Fact]
    public async Task A_shop_shows_a_request_a_resident_pays_it_and_statements_ledger_and_totals_show_it()
    {
        const int width = 390, height = 844;
        var world = await MoneyWorld.SeedAsync(Site);
        var code = await world.RunAsync("operator_issued");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);
        await world.IssueAsync(code, rita, "50.00");
        var failures = new List<string>();

        await using var visitorContext = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var visitor = await visitorContext.NewPageAsync();
        await visitor.GotoAsync(Url($"/money/{code}"));
        Assert.Equal("0.00", await visitor.Locator("#money-volume").InnerTextAsync());
        failures.AddRange(await AxeAsync(visitor, $"/money/{code}"));

        await using var shopContext = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var till = await shopContext.NewPageAsync();
        await till.SignInAsync(Site, world.ShopOwner);
        await till.GotoAsync(Url($"/money/{code}/accounts/{shop}"));
        failures.AddRange(await AxeAsync(till, "/money/{code}/accounts/{account}"));
        await till.GetByLabel("Amount (R£)").FillAsync("12.50");
        await till.GetByLabel("What for (optional)").FillAsync("Two loaves");
        await till.GetByRole(AriaRole.Button, new() { Name = "Show a payment request" }).ClickAsync();
        await till.WaitForURLAsync("**/pay/*");
        Assert.Equal("12.50", await till.Locator("#request-amount").InnerTextAsync());
        var qr = till.Locator(".payment-qr img");
        await Expect(async () => Assert.True(await qr.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0, "the QR code did not load"));
        failures.AddRange(await AxeAsync(till, "/pay/{token}"));
        var link = await till.Locator("#request-link").GetAttributeAsync("href");

        // The resident's phone, with JavaScript off: the server-rendered form is all it needs.
        await using var phoneContext = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, JavaScriptEnabled = false });
        var phone = await phoneContext.NewPageAsync();
        await phone.SignInAsync(Site, world.Resident);
        await phone.GotoAsync(link!);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Pay 12.50 R£" }).ClickAsync();
        await phone.WaitForSelectorAsync("#request-paid");
        Assert.Contains("public ledger of", await phone.Locator("#request-paid").InnerTextAsync());
        await phone.GotoAsync(Url($"/money/{code}/accounts/{rita}"));
        Assert.Equal("37.50", await phone.Locator("#balance").InnerTextAsync());
        Assert.Contains("-12.50", await phone.Locator("#statement").InnerTextAsync());

        await till.GotoAsync(Url($"/money/{code}/accounts/{shop}"));
        Assert.Equal("12.50", await till.Locator("#balance").InnerTextAsync());
        var line = await till.Locator("#statement tbody tr").First.InnerTextAsync();
        Assert.Contains("Two loaves", line);
        Assert.Contains(rita, line);
        await till.GotoAsync(Url("/money/accounts"));
        failures.AddRange(await AxeAsync(till, "/money/accounts"));

        await visitor.GotoAsync(Url($"/money/{code}"));
        Assert.Equal("12.50", await visitor.Locator("#money-volume").InnerTextAsync());
        Assert.Equal("1", await visitor.Locator("#money-payments").InnerTextAsync());
        Assert.Equal("2", await visitor.Locator("#money-active").InnerTextAsync());
        var newest = await visitor.Locator("#ledger-entries tbody tr").First.InnerTextAsync();
        Assert.Contains("12.50", newest);
        using (var account = await world.ShopOwner.Api.GetAsync($"/api/v1/money/currencies/{code}/accounts/{shop}"))
            Assert.Contains((await JsonOf(account)).GetProperty("ledger_id").GetString()!, newest);
        Assert.DoesNotContain("Corner Shop", newest);
        failures.AddRange(await AxeAsync(visitor, $"/money/{code} after"));

        // The operator confirms, from the same page, that the shop accepts the currency.
        await using var operatorContext = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var treasurer = await operatorContext.NewPageAsync();
        await treasurer.SignInAsync(Site, world.Treasurer);
        await treasurer.GotoAsync(Url($"/money/{code}"));
        await treasurer.GetByRole(AriaRole.Button, new() { Name = $"Confirm it accepts {code} (Riverton Corner Shop Co-op)" }).ClickAsync();
        await treasurer.GetByRole(AriaRole.Button, new() { Name = $"Withdraw {code} (Riverton Corner Shop Co-op)" }).WaitForAsync();
        failures.AddRange(await AxeAsync(treasurer, $"/money/{code} as its operator"));
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>axe-core at each size: one journey (at a phone's width) serves both.</summary>
    private static async Task<IEnumerable<string>> AxeAsync(IPage page, string path)
    {
        var failures = new List<string>();
        foreach (var (w, h) in Sizes)
        {
            await page.SetViewportSizeAsync(w, h);
            failures.AddRange(await page.SeriousViolationsAsync(path, w));
        }
        await page.SetViewportSizeAsync(Sizes[^1].Width, Sizes[^1].Height);
        return failures;
    }

    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();

    private static async Task Expect(Func<Task> check)
    {
        for (var attempt = 0; ; attempt++)
        {
            try { await check(); return; }
            catch (Xunit.Sdk.XunitException) when (attempt < 20) { await Task.Delay(100); }
        }
    }
}
