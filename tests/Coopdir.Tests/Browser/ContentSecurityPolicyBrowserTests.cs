using Coopdir.Tests.Support;

namespace Coopdir.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(Support.Browser browser) : SiteTest
{
    [Theory]
    [InlineData("/")]
    [InlineData("/search")]
    [InlineData("/organizations/1")]
    [InlineData("/sign-up")]
    [InlineData("/changes")]
    [InlineData("/api/docs")]
    public async Task Pages_load_without_content_security_policy_violations(string path)
    {
        await Site.SeedAsync(An.Organization("Leeds Co-op").In("GB", "Leeds", 53.8, -1.55));
        var page = await browser.Instance.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text); };

        await page.GotoAsync(new Uri(Site.BaseAddress, path).ToString());
        await page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
