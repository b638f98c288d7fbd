using System.ServiceModel.Syndication;
using System.Text.RegularExpressions;
using System.Xml;
using Coopdir.Tests.CivicProblems;
using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>The acceptance journey of problems and bounties, in Chromium, through the site's own forms.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ProblemsBrowserTests(Support.Browser browser) : SiteTest
{
    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();

    private async Task<IPage> SignedInAsync(TestAccount account, List<string> errors)
    {
        var page = await (await browser.Instance.NewContextAsync()).NewPageAsync();
        page.PageError += (_, message) => errors.Add(message);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text + " " + message.Location); };
        await page.SignInAsync(Site, account);
        return page;
    }

    private async Task<List<string>> OpenInFeedAsync()
    {
        using var reader = XmlReader.Create(await Site.Http.GetStreamAsync($"/problems.atom?area={Uri.EscapeDataString(ProblemWorld.California)}"));
        return SyndicationFeed.Load(reader).Items.Select(i => i.Title.Text).ToList();
    }

    [Fact]
    public async Task A_city_team_posts_a_problem_with_a_bounty_a_tech_coop_responds_and_the_team_accepts_and_solves_it()
    {
        var world = await ProblemWorld.SeedAsync(Site);
        var errors = new List<string>();

        // The city's digital service team posts a problem with a bounty, naming the place as people do.
        var team = await SignedInAsync(world.CityTeam, errors);
        await team.GotoAsync(Url("/problems"));
        await team.GetByRole(AriaRole.Link, new() { Name = "Post a problem" }).ClickAsync();
        await team.GetByLabel("Title").FillAsync("Residents cannot follow council decisions");
        await team.GetByLabel("Description").FillAsync("We need a participatory platform residents can use to propose and follow decisions.");
        await team.GetByLabel("Place", new() { Exact = true }).FillAsync("Oakland");
        await team.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Digital citizenship" });
        await team.GetByLabel("Amount").FillAsync("5000");
        await team.GetByLabel("Currency").FillAsync("USD");
        await team.GetByRole(AriaRole.Button, new() { Name = "Post the problem" }).ClickAsync();
        await Assertions.Expect(team.Locator("h1")).ToHaveTextAsync("Residents cannot follow council decisions");
        await Assertions.Expect(team.Locator(".bounty")).ToContainTextAsync("5,000.00 USD");
        await Assertions.Expect(team.Locator(".money-notice")).ToContainTextAsync("Money does not move through Coopdir");
        var problemUrl = team.Url;
        Assert.Equal(["Residents cannot follow council decisions"], await OpenInFeedAsync());

        // A tech co-op responds for itself.
        var coop = await SignedInAsync(world.CoopMember, errors);
        await coop.GotoAsync(problemUrl);
        await coop.GetByLabel("Respond for").SelectOptionAsync(new SelectOptionValue { Label = "Bay Tech Workers Co-op" });
        await coop.GetByLabel("Your proposal").FillAsync("We run Decidim for two cities and can set it up in eight weeks.");
        await coop.GetByLabel("Links (one a line, at most 5)").FillAsync("https://example.org/decidim-plan");
        await coop.GetByRole(AriaRole.Button, new() { Name = "Send response" }).ClickAsync();
        await Assertions.Expect(coop.Locator(".problem-response h3")).ToContainTextAsync("Bay Tech Workers Co-op");

        // The team accepts it, then marks the problem solved with the shared solution.
        await team.ReloadAsync();
        await team.GetByRole(AriaRole.Button, new() { Name = "Accept this response" }).ClickAsync();
        await Assertions.Expect(team.Locator(".problem-status")).ToHaveTextAsync("In progress");
        await Assertions.Expect(team.Locator(".problem-response.accepted h3")).ToContainTextAsync("Accepted");
        await team.GetByLabel("The shared solution that solved it (its name or id in the directory)").FillAsync("Decidim");
        await team.GetByRole(AriaRole.Button, new() { Name = "Mark solved" }).ClickAsync();
        await Assertions.Expect(team.Locator(".problem-status")).ToHaveTextAsync("Solved");
        await Assertions.Expect(team.GetByRole(AriaRole.Link, new() { Name = "Decidim", Exact = true })).ToBeVisibleAsync();
        Assert.Empty(await OpenInFeedAsync());

        // The city's page, the solution's page and the co-op's page all show it.
        await team.GotoAsync(Url($"/organizations/{world.City}"));
        await Assertions.Expect(team.Locator(".problems-section")).ToContainTextAsync("Problems posted");
        await Assertions.Expect(team.Locator(".problems-section").GetByRole(AriaRole.Link, new() { Name = "Residents cannot follow council decisions" })).ToBeVisibleAsync();
        await team.GotoAsync(Url($"/organizations/{world.Solution}"));
        await Assertions.Expect(team.Locator(".problems-section")).ToContainTextAsync("Problems it solved");
        await Assertions.Expect(team.Locator(".problems-section")).ToContainTextAsync("Residents cannot follow council decisions, for City of Oakland Digital Services");
        await team.GotoAsync(Url($"/organizations/{world.Coop}"));
        await Assertions.Expect(team.Locator(".problems-section")).ToContainTextAsync("Responses to problems");
        await Assertions.Expect(team.Locator(".problems-section .tag").First).ToHaveTextAsync("Accepted");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
