using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>
/// A newcomer suggests an edit from an organization's page without losing their way, and the pages of that path
/// (and of a password reset) pass axe-core at a laptop's and a phone's size.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContributeBrowserTests(Support.Browser browser) : SiteTest(new SiteOptions
{
    Configuration = [$"--Mail:PickupDirectory={Path.GetDirectoryName(CommandLine.TempFile("mail"))}"],
})
{
    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();

    [Fact]
    public async Task A_signed_out_reader_suggests_an_edit_signs_up_on_the_way_and_sees_what_happens_next()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods").In("GB", "Elland")))[0];
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add(message);

        // Suggest an edit, signed out: sign-in says why, and sign-up keeps the way back.
        await page.GotoAsync(Url($"/organizations/{id}"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Suggest an edit" }).ClickAsync();
        await Assertions.Expect(page.Locator(".sign-in-reason")).ToContainTextAsync("To suggest an edit");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Sign up" }).ClickAsync();
        await page.GetByLabel("Name shown on your contributions").FillAsync("Ada");
        await page.GetByLabel("Email (never shown)").FillAsync("ada@example.org");
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // Sign-up answers alike for a free and a taken address, so it does not sign in: the newcomer signs in next.
        await Assertions.Expect(page.Locator(".sign-in-reason")).ToContainTextAsync("To suggest an edit");
        await page.GetByLabel("Password").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Suggest an edit to Suma Wholefoods");

        // The short form: country by name; the rest, and the map that places the pin, under "More fields".
        await Assertions.Expect(page.GetByLabel("Country")).ToHaveValueAsync("GB");
        await page.GetByLabel("Description").FillAsync("A worker co-operative wholesaler of vegetarian food");
        await page.GetByText("More fields").ClickAsync();
        await page.Locator(".pin-map[data-ready]").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Latitude")).Not.ToHaveValueAsync("");
        await page.GetByLabel("Summary").FillAsync("Describe what Suma does, and where");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send for review" }).ClickAsync();

        // What happens next, and the record says an edit is pending.
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Thank you: your proposal is sent");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Edit to Suma Wholefoods is waiting for review");
        // axe-core on the new pages (the edit form is CurrencyAccessibilityTests' /organizations/new).
        var failures = new List<string>(await Axe(page, "confirmation"));
        await page.GetByRole(AriaRole.Link, new() { Name = "the organization's page" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pending-edit")).ToContainTextAsync("An edit to this record is pending review");
        await page.Locator(".pending-edit a").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Edit to Suma Wholefoods");
        await Assertions.Expect(page.Locator(".diff th[scope=row]").Filter(new() { HasText = "Description" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".diff th[scope=row]").Filter(new() { HasText = "_" })).ToHaveCountAsync(0);

        // The new pages of a password reset.
        await page.GotoAsync(Url("/forgot-password"));
        failures.AddRange(await Axe(page, "/forgot-password"));
        await page.GetByLabel("Email").FillAsync("ada@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .notice")).ToContainTextAsync("is on its way");
        await page.GotoAsync(Url($"/reset-password?token={Uri.EscapeDataString(await ResetTokenAsync())}"));
        failures.AddRange(await Axe(page, "/reset-password"));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    // At the laptop's size the page is at, then at a phone's.
    private static async Task<IEnumerable<string>> Axe(IPage page, string name)
    {
        var found = (await page.SeriousViolationsAsync(name, 1280)).ToList();
        await page.SetViewportSizeAsync(390, 844);
        found.AddRange(await page.SeriousViolationsAsync(name, 390));
        await page.SetViewportSizeAsync(1280, 800);
        return found;
    }

    private async Task<string> ResetTokenAsync()
    {
        await using var connection = await Site.Store.OpenAsync();
        return (await new PasswordResets(TimeProvider.System).CreateAsync(connection, "ada@example.org"))!.Value.Token;
    }
}
