using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Browser;

/// <summary>
/// An editor imports publiccode.yml in the browser: an invalid file is refused with each problem by file and key and
/// nothing written; a valid one becomes a solution in the catalogue. axe-core over every state, at a laptop's and a phone's width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicCodeUploadBrowserTests(Support.Browser browser) : SiteTest
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data", "publiccode");

    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task An_editor_uploads_an_invalid_file_then_a_valid_one(int width, int height)
    {
        var editor = await Site.AccountAsync("editor");
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Site, editor);
        var failures = new List<string>();

        await page.GotoAsync(new Uri(Site.BaseAddress, "/solutions").ToString());
        await page.ClickAsync("a[href='/solutions/import']");
        failures.AddRange(await page.SeriousViolationsAsync("/solutions/import", width));

        await page.SetInputFilesAsync("#publiccode-file",
            Path.Combine(Data, "parser-testdata", "v0", "invalid", "description_en_shortDescription_missing.yml"));
        await page.ClickAsync("form[action='/solutions/import'] button[type=submit]");
        var refusal = await page.Locator(".errors[role=alert]").InnerTextAsync();
        Assert.Contains("nothing was imported", refusal);
        Assert.Contains("description.en.shortDescription", await page.Locator(".import-file").InnerTextAsync());
        failures.AddRange(await page.SeriousViolationsAsync("/solutions/import (invalid)", width));
        Assert.Equal(0, await SolutionCountAsync());

        await page.SetInputFilesAsync("#publiccode-file", Path.Combine(Data, "standard", "example", "publiccode.yml"));
        await page.ClickAsync("form[action='/solutions/import'] button[type=submit]");
        Assert.Contains("1 solution added", await page.Locator(".notice[role=status]").InnerTextAsync());
        failures.AddRange(await page.SeriousViolationsAsync("/solutions/import (imported)", width));
        await page.ClickAsync("text=Medusa");
        Assert.Contains("Medusa", await page.Locator("main").InnerTextAsync());
        Assert.Equal(1, await SolutionCountAsync());

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<long> SolutionCountAsync()
    {
        await using var connection = await Site.Store.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organizations WHERE kind = 'solution'");
    }
}
