using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.History;

/// <summary>
/// A record's history and the directory's recent changes come a page at a time (50), newest first, with newer and older
/// links that stay right while changes arrive: a record edited thousands of times must not make a page of every edit.
/// </summary>
public sealed class PagedHistoryTests : SiteTest
{
    /// <summary>One record with <paramref name="revisions"/> revisions (its creation and then updates) and one other record.</summary>
    private async Task<long> SeedAsync(int revisions) => await Site.WriteAsync(async (writer, session) =>
    {
        var note = new ChangeNote("test", "seed");
        var id = (await writer.CreateAsync(session, An.Organization("Often Edited Co-op"), note)).Id;
        for (var n = 2; n <= revisions; n++)
            await writer.UpdateAsync(session, id, An.Organization("Often Edited Co-op") with { Description = $"Edit {n}" }, new ChangeNote("test", $"edit {n}"));
        await writer.CreateAsync(session, An.Organization("Quiet Co-op"), note);
        return id;
    });

    [Fact]
    public async Task The_revisions_api_gives_fifty_newest_first_and_links_to_the_older_page()
    {
        var id = await SeedAsync(120);

        using var first = await Site.Http.GetAsync($"/api/v1/organizations/{id}/revisions");
        var firstPage = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Enumerable.Range(71, 50).Reverse(), firstPage.EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal($"</api/v1/organizations/{id}/revisions?before=71>; rel=\"next\"", first.Headers.GetValues("Link").Single());

        using var last = await Site.Http.GetAsync($"/api/v1/organizations/{id}/revisions?before=21");
        var lastPage = await last.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Enumerable.Range(1, 20).Reverse(), lastPage.EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()));
        Assert.Equal($"</api/v1/organizations/{id}/revisions?after=20>; rel=\"prev\"", last.Headers.GetValues("Link").Single());

        var newer = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}/revisions?after=20");
        Assert.Equal(Enumerable.Range(21, 50).Reverse(), newer.EnumerateArray().Select(r => r.GetProperty("revision").GetInt32()));
    }

    [Theory]
    [InlineData("before=0")]
    [InlineData("before=abc")]
    [InlineData("before=5&after=3")]
    [InlineData("after=-1")]
    public async Task A_bad_page_key_is_a_400_naming_it(string query)
    {
        var id = await SeedAsync(3);

        using var response = await Site.Http.GetAsync($"/api/v1/organizations/{id}/revisions?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("whole number", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_history_page_shows_fifty_revisions_and_walks_older_and_newer()
    {
        var id = await SeedAsync(60);

        var newest = await Site.Http.GetPageAsync($"/organizations/{id}/history");
        Assert.Equal(50, newest.QuerySelectorAll("article.revision").Length);
        Assert.Equal("History of Often Edited Co-op", newest.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(newest.QuerySelector(".pager a[rel=prev]"));

        var older = await Site.Http.GetPageAsync(newest.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(10, older.QuerySelectorAll("article.revision").Length);
        Assert.Equal("History of Often Edited Co-op", older.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(older.QuerySelector(".pager a[rel=next]"));
        Assert.Equal($"/organizations/{id}/history?after=10", older.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Recent_changes_page_by_fifty_and_filter_by_kind_of_change()
    {
        await SeedAsync(70);

        var newest = await Site.Http.GetPageAsync("/changes");
        Assert.Equal(50, newest.QuerySelectorAll("article.revision").Length);
        var older = await Site.Http.GetPageAsync(newest.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal(21, older.QuerySelectorAll("article.revision").Length);

        var created = await Site.Http.GetPageAsync("/changes?action=created");
        Assert.Equal(["Quiet Co-op", "Often Edited Co-op"], created.Texts("article.revision h3 a"));
        Assert.Null(created.QuerySelector(".pager"));
        Assert.Equal("page", created.QuerySelectorAll(".change-kinds a").Single(a => a.TextContent == "Created").GetAttribute("aria-current"));

        await Site.Http.GetPageAsync("/changes?action=exploded", HttpStatusCode.NotFound);
        await Site.Http.GetPageAsync("/changes?before=x", HttpStatusCode.NotFound);
    }
}
