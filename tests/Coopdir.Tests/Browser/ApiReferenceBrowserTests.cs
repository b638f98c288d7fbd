using Coopdir.Tests.Support;

namespace Coopdir.Tests.Browser;

/// <summary>
/// The API reference is one of the site's pages: its header and links, no serious or critical axe violation and no
/// sideways scrolling at a laptop's and a phone's width, and every operation of the OpenAPI document on it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceBrowserTests(Support.Browser browser) : SiteTest
{
    public static TheoryData<int, int> Widths => new() { { 1280, 800 }, { 390, 844 } };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task The_api_reference_is_a_site_page_that_lists_every_operation_accessibly(int width, int height)
    {
        await using var context = await browser.Instance.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        var document = await Site.Http.GetJsonAsync("/openapi/v1.json");
        var operations = document.GetProperty("paths").EnumerateObject().Sum(p => p.Value.EnumerateObject().Count());

        await page.GotoAsync(new Uri(Site.BaseAddress, "/api/docs").ToString());

        Assert.Equal(operations, await page.Locator("article.api-operation").CountAsync());
        Assert.Equal("/", await page.Locator("header a").First.GetAttributeAsync("href"));
        Assert.True(await page.Locator("h3:has-text('/api/v1/organizations/{id}/revisions')").CountAsync() > 0);
        var wider = await page.WiderThanTheScreenAsync();
        Assert.True(wider.Length == 0, $"wider than the {width}px screen: {string.Join(", ", wider)}");
        var failures = (await page.SeriousViolationsAsync("/api/docs", width)).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
