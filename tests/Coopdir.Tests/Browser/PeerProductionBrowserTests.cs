using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PeerProductionBrowserTests(Support.Browser browser) : SiteTest
{
    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();

    [Fact]
    public async Task A_newcomer_proposes_a_change_a_maintainer_approves_it_and_then_reverts_it()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods").Described("A wholesaler in Elland")))[0];
        var maintainer = await Site.AccountAsync("maintainer", "Grace");
        await using var context = await browser.Instance.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text + " " + message.Location); };

        // Sign up from the header of the organization's page, and come back to it.
        await page.GotoAsync(Url($"/organizations/{id}"));
        await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await page.GetByLabel("Name shown on your contributions").FillAsync("Ada");
        await page.GetByLabel("Email (never shown)").FillAsync("ada@example.org");
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // Sign-up answers alike for a free and a taken address, so it does not sign in: the newcomer signs in next.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(Url($"/organizations/{id}"));
        await Assertions.Expect(page.Locator(".account-link")).ToHaveTextAsync("Ada");

        // Propose a change.
        await page.GetByRole(AriaRole.Link, new() { Name = "Suggest an edit" }).ClickAsync();
        await page.GetByLabel("Description").FillAsync("A worker co-operative wholesaler of vegetarian food");
        await page.GetByLabel("Summary").FillAsync("Describe what Suma does");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thank you: your proposal is sent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // A maintainer approves it from the review queue.
        await page.GotoAsync(Url("/sign-in"));
        await page.GetByLabel("Email").FillAsync(maintainer.User.Email);
        await page.GetByLabel("Password").FillAsync(maintainer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Review queue" }).ClickAsync();
        // The queue lists summaries; the proposal's own page compares it field by field.
        await Assertions.Expect(page.Locator(".proposal .summary")).ToContainTextAsync("Describe what Suma does");
        await page.Locator(".proposal").GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Compare and review") }).ClickAsync();
        await Assertions.Expect(page.Locator(".after").First).ToContainTextAsync("A worker co-operative wholesaler");
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status").First).ToHaveTextAsync("approved");

        // The page shows the change, the history shows the diff.
        await page.GotoAsync(Url($"/organizations/{id}"));
        await Assertions.Expect(page.Locator(".description")).ToHaveTextAsync("A worker co-operative wholesaler of vegetarian food");
        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        var change = page.Locator($"#revision-{id}-2");
        await Assertions.Expect(change.Locator(".before")).ToHaveTextAsync("A wholesaler in Elland");
        await Assertions.Expect(change.Locator(".after")).ToHaveTextAsync("A worker co-operative wholesaler of vegetarian food");
        await Assertions.Expect(change).ToContainTextAsync("Ada");

        // Revert, and the page shows the old value again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Revert revision 2" }).ClickAsync();
        await Assertions.Expect(page.Locator($"#revision-{id}-3 .summary")).ToContainTextAsync("Revert revision 2");
        await page.GotoAsync(Url($"/organizations/{id}"));
        await Assertions.Expect(page.Locator(".description")).ToHaveTextAsync("A wholesaler in Elland");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
