using System.Net;
using System.Net.Http.Json;
using Coopdir.Core.Accounts;
using Coopdir.Tests.Areas;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Browser;

/// <summary>
/// Every page with real content, as a visitor and then a maintainer sees it, in one browser per screen size: axe-core
/// finds no serious or critical violation (target sizes included) and nothing makes the page scroll sideways (on a phone, at 390 and at 320
/// pixels wide). All the failures of a size are reported together, each naming its page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EveryPageAccessibilityTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task Every_page_has_no_serious_or_critical_violation_and_fits_the_screen(int width, int height)
    {
        var (visitorPages, maintainerPages, maintainer) = await SeedADirectoryAsync();
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var failures = new List<string>();

        async Task Check(string path)
        {
            var response = await page.GotoAsync(new Uri(Site.BaseAddress, path).ToString());
            Assert.True(response?.Status == 200, $"{path} answered {response?.Status}");
            // Maps add their markers and attribution after loading; axe looks at the finished page.
            // A selector, not a function: polling a function is evaluated in the page, which its CSP forbids.
            await page.WaitForSelectorAsync(".map:not([data-point-count])", new() { State = Microsoft.Playwright.WaitForSelectorState.Detached });
            failures.AddRange(await page.SeriousViolationsAsync(path, width, BrowserPages.WithTargetSize));
            foreach (var screen in width < 400 ? new[] { width, 320 } : [width])
            {
                if (screen != width) await page.SetViewportSizeAsync(screen, height);
                var wider = await page.WiderThanTheScreenAsync();
                if (wider.Length > 0) failures.Add($"{path} at {screen}px scrolls sideways: {string.Join(", ", wider)}");
            }
            if (width < 400) await page.SetViewportSizeAsync(width, height);
        }

        foreach (var path in visitorPages) await Check(path);
        await page.SignInAsync(Site, maintainer);
        foreach (var path in maintainerPages) await Check(path);

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A small directory with a network and its members in a known area, a pending proposal and an edit.</summary>
    private async Task<(string[] VisitorPages, string[] MaintainerPages, TestAccount Maintainer)> SeedADirectoryAsync()
    {
        await TestAreas.LoadAsync(Site);
        var network = (await Site.SeedAsync(An.Organization("Yorkshire Federation of Bakers' Co-operatives", "network")
            .In("GB", "Leeds", 53.80, -1.55, region: "Leeds")
            .Described("A federation of the bakeries that their workers own, sharing ovens, training and a flour buying group.")))[0];
        var ids = await Site.SeedAsync(
            An.Organization("Leeds Bread Co-operative").OfTypes("worker").InSector("retail").In("GB", "Leeds", 53.79, -1.54, region: "Leeds", postcode: "LS6 1AA", street: "12 Kirkstall Road")
                .Described("A worker-owned bakery: sourdough, rye and a community oven on Saturdays.").MemberOf(network, "2015"),
            An.Organization("Pudsey Housing Co-operative").OfTypes("housing").InSector("housing").In("GB", "Pudsey", 53.79, -1.66, region: "Leeds").MemberOf(network),
            An.Organization("Unicorn Grocery").OfTypes("worker").InSector("retail").In("GB", "Manchester", 53.44, -2.27));
        var bakery = ids[0];

        var contributor = await Site.AccountAsync(Roles.Contributor, "Ada");
        using (var proposed = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new { organization_id = bakery, base_revision = 1, patch = new { phone = "+44 113 496 0000" }, summary = "Add the phone number" }))
            Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var editor = await Site.AccountAsync(Roles.Editor, "Grace");
        using (var edited = await editor.Api.PostAsJsonAsync("/api/v1/proposals", new { organization_id = bakery, base_revision = 1, patch = new { website = "https://leedsbread.example.org" }, summary = "Add the website" }))
            Assert.Equal(HttpStatusCode.Created, edited.StatusCode);
        var proposal = (await Site.Http.GetJsonAsync("/api/v1/proposals?status=pending"))[0].GetProperty("id").GetInt64();

        string[] visitorPages =
        [
            "/", "/search?q=bread&type=worker&country=GB", $"/organizations/{bakery}", $"/organizations/{network}", $"/organizations/{network}/members",
            $"/areas/{TestAreas.Leeds}", "/downloads", "/stats", "/vocabularies", "/changes", $"/organizations/{bakery}/history",
            "/sign-up", "/sign-in", "/api/docs",
        ];
        return (visitorPages, ["/proposals", $"/proposals/{proposal}", "/account"], await Site.AccountAsync(Roles.Maintainer, "Mo"));
    }
}
