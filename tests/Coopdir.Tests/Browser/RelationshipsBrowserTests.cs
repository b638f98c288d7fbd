using System.Text.RegularExpressions;
using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class RelationshipsBrowserTests(Support.Browser browser) : SiteTest
{
    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();

    /// <summary>A page of its own browser context, signed in through the sign-in form, that collects script errors.</summary>
    private async Task<IPage> SignedInAsync(TestAccount account, List<string> errors)
    {
        var context = await browser.Instance.NewContextAsync();
        var page = await context.NewPageAsync();
        page.PageError += (_, message) => errors.Add(message);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text + " " + message.Location); };
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email").FillAsync(account.User.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".account-link")).ToHaveTextAsync(account.User.Name);
        return page;
    }

    private async Task ExpectStatusOnPagesAsync(IPage page, string status, long member, long network)
    {
        foreach (var id in new[] { member, network })
        {
            await page.GotoAsync(Url($"/organizations/{id}"));
            await Assertions.Expect(page.Locator(".relationships .badge")).ToHaveTextAsync(new Regex($"^{status}"));
        }
    }

    [Fact]
    public async Task A_member_claims_a_membership_the_network_confirms_and_ends_it_and_a_revert_restores_it()
    {
        var ids = await Site.SeedAsync(An.Organization("Leeds Bread Co-op"), An.Organization("Bakers' Federation", kind: "network"));
        var (member, network) = (ids[0], ids[1]);
        var errors = new List<string>();
        var ann = await SignedInAsync(await Site.ClaimerAsync(member, "Ann"), errors);
        var bea = await SignedInAsync(await Site.ClaimerAsync(network, "Bea"), errors);
        var eve = await SignedInAsync(await Site.AccountAsync("editor", "Eve"), errors);

        // The member's claimer says it is a member, from its page.
        await ann.GotoAsync(Url($"/organizations/{member}"));
        await ann.GetByRole(AriaRole.Link, new() { Name = "Add a relationship" }).ClickAsync();
        await Assertions.Expect(ann.GetByLabel("Leeds Bread Co-op is the subject (say, the member)")).ToBeCheckedAsync();
        await ann.GetByLabel("Type").SelectOptionAsync(new SelectOptionValue { Label = "Member of" });
        await ann.GetByLabel("Other organization").FillAsync($"/organizations/{network}");
        await ann.GetByLabel("Start date").FillAsync("2012");
        await ann.GetByRole(AriaRole.Button, new() { Name = "Add the relationship" }).ClickAsync();
        await Assertions.Expect(ann.Locator("h1")).ToHaveTextAsync("Leeds Bread Co-op member of Bakers' Federation");
        await Assertions.Expect(ann.Locator(".meta .badge")).ToHaveTextAsync("claimed");
        var relationship = ann.Url;
        await ExpectStatusOnPagesAsync(ann, "claimed", member, network);

        // The network's claimer confirms it from the network's page.
        await bea.GotoAsync(Url($"/organizations/{network}"));
        await bea.GetByRole(AriaRole.Link, new() { Name = "details of the member of relationship with Leeds Bread Co-op" }).ClickAsync();
        var forNetwork = bea.GetByRole(AriaRole.Group, new() { Name = "For Bakers' Federation" });
        await forNetwork.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(bea.Locator(".meta .badge")).ToHaveTextAsync("confirmed");
        await ExpectStatusOnPagesAsync(bea, "confirmed", member, network);

        // The network ends it: both pages say so, with the date.
        await bea.GotoAsync(relationship);
        await bea.GetByRole(AriaRole.Group, new() { Name = "For Bakers' Federation" }).GetByRole(AriaRole.Button, new() { Name = "End" }).ClickAsync();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        await Assertions.Expect(bea.Locator(".meta .badge")).ToHaveTextAsync($"ended {today}");
        await ExpectStatusOnPagesAsync(bea, $"ended {today}", member, network);

        // The history shows each step, newest first.
        await eve.GotoAsync(relationship);
        await Assertions.Expect(eve.Locator(".relationship-history .status-change"))
            .ToHaveTextAsync(["confirmed → ended", "claimed → confirmed", "none → claimed"]);
        await Assertions.Expect(eve.Locator(".relationship-history li").First).ToContainTextAsync("Bea");

        // An editor reverts the end, and the relationship is confirmed again.
        var ending = eve.Locator(".relationship-history li").First.GetByRole(AriaRole.Button, new() { NameRegex = RevertName() });
        await ending.ClickAsync();
        await Assertions.Expect(eve).ToHaveURLAsync(relationship);
        await Assertions.Expect(eve.Locator(".meta .badge")).ToHaveTextAsync("confirmed");
        await Assertions.Expect(eve.Locator(".relationship-history .status-change").First).ToHaveTextAsync("ended → confirmed");
        await ExpectStatusOnPagesAsync(eve, "confirmed", member, network);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task A_networks_map_shows_its_located_members()
    {
        var network = (await Site.SeedAsync(An.Organization("Bakers' Federation", kind: "network")))[0];
        await Site.SeedAsync(
            An.Organization("Leeds Bread Co-op").In("GB", "Leeds", 53.8, -1.55).MemberOf(network),
            An.Organization("Boulangerie Lyon").In("FR", "Lyon", 45.76, 4.84).MemberOf(network),
            An.Organization("Not a member").In("GB", "York", 53.96, -1.08));
        var page = await browser.Instance.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);

        await page.GotoAsync(Url($"/organizations/{network}/members"));
        await page.WaitForSelectorAsync("#members-map[data-point-count]");

        Assert.Equal("2", await page.GetAttributeAsync("#members-map", "data-point-count"));
        Assert.Empty(errors);
    }

    [GeneratedRegex("^Revert revision")]
    private static partial Regex RevertName();
}
