using Coopdir.Tests.CivicProblems;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Browser;

/// <summary>axe-core over the problems pages and forms, at a laptop's and a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProblemsAccessibilityTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_problems_pages_have_no_serious_or_critical_violations(int width, int height)
    {
        var world = await ProblemWorld.SeedAsync(Site);
        var open = await world.PostAsync();
        await world.RespondAsync(open);
        var solved = await world.PostAsync(world.Problem(title: "Permit tracker"));
        await world.SolveAsync(solved);

        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Site, world.CityTeam);

        var failures = new List<string>();
        foreach (var path in new[] { "/problems", $"/problems/{open}", $"/problems/{solved}", $"/problems/{solved}/history", "/problems/new",
                     $"/organizations/{world.City}", $"/organizations/{world.Solution}", "/downloads" })
        {
            await page.GotoAsync(new Uri(Site.BaseAddress, path).ToString());
            failures.AddRange(await page.SeriousViolationsAsync(path, width));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
