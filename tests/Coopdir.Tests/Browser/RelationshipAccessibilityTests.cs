using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>axe-core (through Deque.AxeCore.Playwright) over the relationship pages as people use them, at a laptop's and a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RelationshipAccessibilityTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_relationship_page_the_new_relationship_form_and_the_network_page_have_no_serious_or_critical_violations(int width, int height)
    {
        var ids = await Site.SeedAsync(An.Organization("Leeds Bread Co-op").In("GB", "Leeds", 53.8, -1.55), An.Organization("Bakers' Federation", kind: "network"));
        await Site.SeedAsync(An.Organization("Boulangerie Lyon").In("FR", "Lyon", 45.76, 4.84).MemberOf(ids[1], "2015"));
        // A claimer who is also an editor sees every form the relationship page has: speak for a side, as an editor, revert.
        var claimer = await Site.ClaimerAsync(ids[0], "Ann");
        await using (var connection = await Site.Store.OpenAsync())
            Assert.True(await Users.SetRoleAsync(connection, claimer.User.Id, Roles.Editor));
        using var added = await claimer.Api.PostAsync("/api/v1/relationships", new StringContent(
            $$"""{"subject_id": {{ids[0]}}, "object_id": {{ids[1]}}, "type": "member_of", "start_date": "2012"}""", System.Text.Encoding.UTF8, "application/json"));
        var relationship = System.Text.Json.JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Site, claimer);

        var failures = new List<string>();
        foreach (var path in new[] { $"/relationships/{relationship}", $"/organizations/{ids[0]}/relationships/new", $"/organizations/{ids[1]}/members" })
        {
            await page.GotoAsync(Url(path));
            if (path.EndsWith("/members")) await page.WaitForSelectorAsync("#members-map[data-point-count]");
            failures.AddRange(await page.SeriousViolationsAsync(path, width));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();
}
