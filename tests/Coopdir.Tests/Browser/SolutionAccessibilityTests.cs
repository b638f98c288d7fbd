using Coopdir.Tests.Solutions;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Browser;

/// <summary>axe-core over the catalogue of solutions and a solution's page (its users' map drawn), at a laptop's and a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SolutionAccessibilityTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_solution_pages_have_no_serious_or_critical_violations(int width, int height)
    {
        var s = await Catalogue.SeedAsync(Site);
        var editor = await Site.AccountAsync("editor");

        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Site, editor);

        var failures = new List<string>();
        foreach (var path in new[] { "/solutions", "/solutions?licence=MIT&sort=name", $"/organizations/{s.Decidim}", $"/organizations/{s.Barcelona}" })
        {
            await page.GotoAsync(new Uri(Site.BaseAddress, path).ToString());
            if (path == $"/organizations/{s.Decidim}") await page.WaitForSelectorAsync("#solution-users-map[data-point-count='2']");
            failures.AddRange(await page.SeriousViolationsAsync(path, width));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
