using Coopdir.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Coopdir.Tests.Browser;

/// <summary>The duplicates queue as an editor works it in Chromium, and axe-core over its pages at a laptop's and a phone's width.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DuplicatesBrowserTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    private string Url(string path) => new Uri(Site.BaseAddress, path).ToString();

    // Two pairs of look-alikes: one name without its legal words, one postcode.
    private Task<List<long>> SeedTwoPairsAsync() => Site.SeedAsync(
        An.Organization("Leeds Bread Co-operative").In("GB", "Leeds", postcode: "LS1 1AA"),
        An.Organization("Leeds Bread Co-op Ltd").In("GB", "Leeds", postcode: "LS1 1AA"),
        An.Organization("Hull Fish Co-operative").In("GB", "Hull", postcode: "HU1 1AA"),
        An.Organization("Hull Fish Co-op Limited").In("GB", "Hull", postcode: "HU1 1AA"));

    private async Task<IPage> SignedInEditorAsync(IBrowserContext context, List<string> errors)
    {
        var editor = await Site.AccountAsync("editor", "Eve");
        var page = await context.NewPageAsync();
        page.PageError += (_, message) => errors.Add(message);
        await page.SignInAsync(Site, editor);
        await Assertions.Expect(page.Locator(".account-link")).ToHaveTextAsync("Eve");
        return page;
    }

    [Fact]
    public async Task An_editor_scans_merges_one_pair_marks_the_other_not_the_same_and_a_rescan_brings_nothing_back()
    {
        var ids = await SeedTwoPairsAsync();
        var errors = new List<string>();
        await using var context = await browser.Instance.NewContextAsync();
        var page = await SignedInEditorAsync(context, errors);

        // From the review queue to the duplicates queue, and a scan.
        await page.GotoAsync(Url("/proposals"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Possible duplicates" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Scan the directory now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".scan-result")).ToContainTextAsync("2 new pairs queued");
        await Assertions.Expect(page.Locator(".duplicate-list tbody tr")).ToHaveCountAsync(2);

        // The Leeds pair: same organization, merged into the older record (the default).
        await page.Locator(".duplicate-list tr", new() { HasText = "Leeds Bread" }).GetByRole(AriaRole.Link, new() { NameRegex = new("^Compare pair") }).ClickAsync();
        await Assertions.Expect(page.Locator(".duplicate-fields tr.differs th[scope=row]")).ToContainTextAsync(["Name"]);
        await Assertions.Expect(page.GetByLabel("Leeds Bread Co-operative")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Same organization — merge" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pair-status")).ToContainTextAsync("Decided: the same organization");
        await page.Locator(".pair-status").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Leeds Bread Co-operative");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Leeds Bread Co-op Ltd");
        // The duplicate's URL leads to the survivor.
        await page.GotoAsync(Url($"/organizations/{ids[1]}"));
        Assert.EndsWith($"/organizations/{ids[0]}", page.Url);

        // The Hull pair: not the same.
        await page.GotoAsync(Url("/review/duplicates"));
        await page.Locator(".duplicate-list tr", new() { HasText = "Hull Fish" }).GetByRole(AriaRole.Link, new() { NameRegex = new("^Compare pair") }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Not the same" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pair-status")).ToContainTextAsync("Decided: not the same organization");

        // A rescan: the Hull pair does not come back, and the queue says nothing is new.
        await page.GotoAsync(Url("/review/duplicates"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Scan the directory now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".scan-result")).ToContainTextAsync("Nothing new.");
        await Assertions.Expect(page.Locator(".scan-result")).ToContainTextAsync("1 already decided");
        await Assertions.Expect(page.Locator(".duplicate-list")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Decided" }).ClickAsync();
        await Assertions.Expect(page.Locator(".duplicate-list tbody tr")).ToHaveCountAsync(2);
        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_duplicates_list_and_a_pair_side_by_side_have_no_serious_or_critical_violations(int width, int height)
    {
        await SeedTwoPairsAsync();
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await SignedInEditorAsync(context, []);
        await page.GotoAsync(Url("/review/duplicates"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Scan the directory now" }).ClickAsync();
        await Assertions.Expect(page.Locator(".duplicate-list tbody tr")).ToHaveCountAsync(2);
        var pair = await page.Locator(".duplicate-list tbody tr a").First.GetAttributeAsync("href");

        var failures = new List<string>();
        foreach (var path in new[] { "/review/duplicates", pair! })
        {
            await page.GotoAsync(Url(path));
            failures.AddRange(await page.SeriousViolationsAsync(path, width));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
