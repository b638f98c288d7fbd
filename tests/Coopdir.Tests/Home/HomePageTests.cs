using Coopdir.Tests.Support;

namespace Coopdir.Tests.Home;

public sealed class HomePageTests : SiteTest
{
    [Fact]
    public async Task Home_has_a_search_box_and_counts_by_kind_and_country()
    {
        await Site.SeedAsync(An.Organization("A").In("GB"), An.Organization("B").In("GB"), An.Organization("C", kind: "network").In("FR"));

        var page = await Site.Http.GetPageAsync("/");

        Assert.NotNull(page.QuerySelector("form[action='/search'] input[name=q]"));
        Assert.Contains("2", page.QuerySelectorAll("section[aria-labelledby=by-kind] li").First(li => li.TextContent.Contains("Cooperative")).TextContent);
        var countries = page.QuerySelectorAll("section[aria-labelledby=by-country] li a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Contains(("United Kingdom", "/search?country=GB"), countries);
        Assert.Contains("Contains Co-operatives UK open data", page.QuerySelector("footer")!.TextContent);
    }

    [Fact]
    public async Task An_unknown_page_gets_a_404_page_and_an_unknown_api_path_gets_problem_details()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Accept.ParseAdd("text/html");
        using var page = await Site.Http.SendAsync(request);
        using var api = await Site.Http.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Not found", await page.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }
}
