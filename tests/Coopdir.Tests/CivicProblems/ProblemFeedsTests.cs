using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Coopdir.Tests.Support;
using static Coopdir.Tests.CivicProblems.ProblemWorld;

namespace Coopdir.Tests.CivicProblems;

/// <summary>The problems' open data: the Atom feed with the list's filters, the CSV and JSON downloads, and the catalogues that list them.</summary>
public sealed class ProblemFeedsTests : SiteTest
{
    private async Task<List<string>> FeedTitlesAsync(string query = "")
    {
        using var response = await Site.Http.GetAsync($"/problems.atom{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return SyndicationFeed.Load(reader).Items.Select(i => i.Title.Text).ToList();
    }

    [Fact]
    public async Task The_atom_feed_lists_open_problems_by_area_including_everything_within_it_category_and_status()
    {
        var world = await SeedAsync(Site);
        await world.PostAsync(world.Problem(title: "Open data portal for Oakland", category: "data-analytics"));
        await world.PostAsync(world.Problem(title: "Leeds bin collection app", area: Leeds, category: "digital-citizenship"));
        var solved = await world.PostAsync(world.Problem(title: "Oakland permit tracker", category: "digital-citizenship"));
        Assert.Equal(["Oakland permit tracker", "Leeds bin collection app", "Open data portal for Oakland"], await FeedTitlesAsync());

        await world.SolveAsync(solved);

        Assert.Equal(["Leeds bin collection app", "Open data portal for Oakland"], await FeedTitlesAsync());
        Assert.Equal(["Open data portal for Oakland"], await FeedTitlesAsync($"?area={Uri.EscapeDataString(California)}"));
        Assert.Equal(["Leeds bin collection app"], await FeedTitlesAsync("?category=digital-citizenship"));
        Assert.Equal(["Oakland permit tracker"], await FeedTitlesAsync($"?status=solved&area={Uri.EscapeDataString(Oakland)}"));
        var api = await JsonOf(await Site.Http.GetAsync($"/api/v1/problems?area={Uri.EscapeDataString(California)}&page_size=1&page=2"));
        Assert.Equal((2, "Open data portal for Oakland"), (api.GetProperty("total").GetInt32(), api.GetProperty("problems")[0].GetProperty("title").GetString()));
        var page = await Site.Http.GetPageAsync("/problems?area=California&status=open");
        Assert.Equal(["Open data portal for Oakland"], page.Texts(".problems h2"));
        Assert.Contains("Money does not move through Coopdir", page.DocumentElement.TextContent);
        using var badArea = await Site.Http.GetAsync("/problems.atom?area=ocd-division/country:zz");
        Assert.Equal(HttpStatusCode.BadRequest, badArea.StatusCode);
    }

    [Fact]
    public async Task Problems_and_responses_download_as_csv_and_json_and_are_listed_in_downloads_and_data_json()
    {
        var world = await SeedAsync(Site);
        var solved = await world.PostAsync(world.Problem(title: "Oakland permit tracker"));
        await world.SolveAsync(solved);
        await world.PostAsync(world.Problem(title: "Leeds bin collection app", area: Leeds, bounty: null, currency: null));

        var problems = (await Site.Http.GetStringAsync("/api/v1/exports/problems.csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,title,description,organization_id,organization_name,area_id,area_name,category,bounty_amount,bounty_currency", problems[0]);
        Assert.Equal(3, problems.Length);
        Assert.Contains($",5000,USD,,,solved,", problems[2]);
        var responses = (await Site.Http.GetStringAsync($"/api/v1/exports/problem-responses.csv?area={Uri.EscapeDataString(Oakland)}")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, responses.Length);
        Assert.EndsWith("https://example.org/decidim-plan,true," + responses[1].Split(',')[^1], responses[1]);
        var json = await JsonOf(await Site.Http.GetAsync("/api/v1/exports/problems.json?status=solved"));
        Assert.Equal("Decidim", json.EnumerateArray().Single().GetProperty("solution_name").GetString());

        var catalogue = await Site.Http.GetStringAsync("/data.json");
        foreach (var url in new[] { "/api/v1/exports/problems.csv", "/api/v1/exports/problem-responses.csv", "/api/v1/exports/problems.json", "/problems.atom" })
            Assert.Contains(url, catalogue);
        var downloads = await Site.Http.GetPageAsync("/downloads");
        Assert.Equal(["/api/v1/exports/problems.csv", "/api/v1/exports/problem-responses.csv", "/api/v1/exports/problems.json", "/problems.atom"],
            downloads.QuerySelectorAll("#problems-downloads a").Select(a => a.GetAttribute("href")).Where(h => h!.StartsWith("/api/v1/exports/problem") || h == "/problems.atom"));
    }
}
