using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Browser;

/// <summary>axe-core over the account pages (the password form among them) and the sign-in and sign-up answers, at a laptop's and a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountAccessibilityTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_account_and_sign_in_pages_have_no_serious_or_critical_violations(int width, int height)
    {
        var account = await Site.AccountAsync(Roles.Contributor);
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var failures = new List<string>();

        await page.GotoAsync(Url("/sign-up"));
        await page.FillAsync("input[name=name]", "Ada");
        await page.FillAsync("input[name=email]", account.User.Email);
        await page.FillAsync("input[name=password]", "a long enough password");
        await page.ClickAsync("form[action='/sign-up'] button[type=submit]");
        await page.WaitForSelectorAsync("p.notice");
        Assert.Contains("it has one now", await page.ContentAsync());
        failures.AddRange(await page.SeriousViolationsAsync("sign-up answer", width));

        await page.SignInAsync(Site, account);
        await page.GotoAsync(Url("/account"));
        await page.FillAsync("input[name=current_password]", "not the password");
        await page.FillAsync("input[name=new_password]", "a brand new password");
        await page.ClickAsync("form[action='/account/password'] button[type=submit]");
        await page.WaitForSelectorAsync("text=is not the account");
        Assert.Contains("is not the account", await page.ContentAsync());
        failures.AddRange(await page.SeriousViolationsAsync("/account with a password error", width));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();
}
