using Coopdir.Core.Accounts;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>axe-core over the organization page with its freshness notice, "Still correct" and the report form, and over the problem reports page, at a laptop's and a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FreshnessAccessibilityTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_stale_organization_page_with_open_reports_and_the_problem_reports_page_have_no_serious_or_critical_violations(int width, int height)
    {
        var id = (await Site.SeedAsync(An.Organization("Leeds Bread Co-op").In("GB", "Leeds", 53.8, -1.55)))[0];
        await Site.WriteAsync((_, session) => OrganizationWriter.ConfirmAsync(session, id, "2020-06-30", "source:Co-operatives UK 2020-Q2"));
        using (var report = await Site.Http.PostAsync($"/api/v1/organizations/{id}/problems",
            new StringContent("""{"text": "They moved to Kirkstall Road.", "contact": "reader@example.org"}""", System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(System.Net.HttpStatusCode.Created, report.StatusCode);
        // An editor sees every form: "Still correct", the report form and "Mark handled".
        var editor = await Site.AccountAsync(Roles.Editor, "Ed");

        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Site, editor);

        var failures = new List<string>();
        foreach (var path in new[] { $"/organizations/{id}", "/problem-reports" })
        {
            await page.GotoAsync(Url(path));
            if (path == "/problem-reports") Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Mark handled" }).CountAsync());
            else
            {
                Assert.Equal(1, await page.GetByText("Stale:").CountAsync());
                Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Still correct" }).CountAsync());
                Assert.Equal(1, await page.GetByLabel("What is wrong or out of date?").CountAsync());
            }
            failures.AddRange(await page.SeriousViolationsAsync(path, width));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();
}
