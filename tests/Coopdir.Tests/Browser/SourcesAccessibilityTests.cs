using Coopdir.Core.Accounts;
using Coopdir.Tests.Sources;
using Coopdir.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>axe-core over the sources pages, as an editor sees them (with the retire form), at a laptop's and a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SourcesAccessibilityTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_sources_page_and_a_source_page_have_no_serious_or_critical_violations(int width, int height)
    {
        var s = await TwoSources.ImportAsync(Site);
        var editor = await Site.AccountAsync(Roles.Editor);
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Site, editor);

        var failures = new List<string>();
        foreach (var path in new[] { "/sources", $"/sources/{s.Alpha}" })
        {
            await page.GotoAsync(Url(path));
            failures.AddRange(await page.SeriousViolationsAsync(path, width));
        }
        Assert.Contains("Retire this source", await page.ContentAsync());
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();
}
