using System.Net;
using System.Text.Json;
using Coopdir.Core.Accounts;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Organizations;

/// <summary>When records were last confirmed, the freshness filter, and "still correct".</summary>
public sealed class FreshnessTests : SiteTest
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>One record a source confirmed in 2020 (stale under the default 730 days) and one confirmed today.</summary>
    private async Task<(long Old, long Recent)> SeedOldAndRecentAsync() => await Site.WriteAsync(async (writer, session) =>
    {
        var note = new ChangeNote("test", "seed");
        var old = (await writer.CreateAsync(session, An.Organization("Old Mill Co-op"), note)).Id;
        var recent = (await writer.CreateAsync(session, An.Organization("New Leaf Co-op"), note)).Id;
        await OrganizationWriter.ConfirmAsync(session, old, "2020-06-30", "source:Co-operatives UK 2020-Q2");
        await OrganizationWriter.ConfirmAsync(session, recent, DateTimeOffset.UtcNow.ToString("O"), "person:Ann");
        return (old, recent);
    });

    private async Task<List<string>> NamesAsync(string query)
    {
        using var response = await Site.Http.GetAsync($"/api/v1/organizations?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Json(response)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
    }

    [Fact]
    public async Task The_freshness_filter_splits_records_confirmed_longer_ago_than_the_limit_from_the_rest()
    {
        await SeedOldAndRecentAsync();

        Assert.Equal(["Old Mill Co-op"], await NamesAsync("freshness=stale"));
        Assert.Equal(["New Leaf Co-op"], await NamesAsync("freshness=current"));
        Assert.Equal(["New Leaf Co-op", "Old Mill Co-op"], await NamesAsync(""));
        Assert.Equal(["Old Mill Co-op"], await NamesAsync("q=mill&freshness=STALE"));
    }

    [Fact]
    public async Task The_search_page_filters_by_freshness_with_plain_links()
    {
        await SeedOldAndRecentAsync();

        var page = await Site.Http.GetPageAsync("/search");
        var stale = page.QuerySelectorAll(".facets a").Single(a => a.TextContent.Contains("Stale"));
        var filtered = await Site.Http.GetPageAsync(stale.GetAttribute("href")!);

        Assert.Equal("/search?freshness=stale", stale.GetAttribute("href"));
        Assert.Equal(["Old Mill Co-op"], filtered.Texts("li.result h2"));
        Assert.Equal("true", filtered.QuerySelectorAll(".facets a").Single(a => a.TextContent.Contains("Stale")).GetAttribute("aria-current"));
    }

    [Fact]
    public async Task An_unknown_freshness_is_a_400_naming_the_parameter()
    {
        using var response = await Site.Http.GetAsync("/api/v1/organizations?freshness=fresh");
        using var both = await Site.Http.GetAsync("/api/v1/organizations?freshness=stale,current");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'fresh' is not one of stale, current", (await Json(response)).GetProperty("errors").GetProperty("freshness")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
    }

    [Fact]
    public async Task The_record_says_when_and_by_whom_it_was_confirmed_and_whether_it_is_stale()
    {
        var (old, recent) = await SeedOldAndRecentAsync();

        var record = await Json(await Site.Http.GetAsync($"/api/v1/organizations/{old}"));
        Assert.Equal("2020-06-30", record.GetProperty("confirmed_at").GetString());
        Assert.Equal("source:Co-operatives UK 2020-Q2", record.GetProperty("confirmed_by").GetString());
        Assert.True(record.GetProperty("stale").GetBoolean());
        Assert.False((await Json(await Site.Http.GetAsync($"/api/v1/organizations/{recent}"))).GetProperty("stale").GetBoolean());

        var page = (await Site.Http.GetPageAsync($"/organizations/{old}"));
        var freshness = page.QuerySelector("section.freshness")!.TextContent;
        Assert.Contains("Stale:", freshness);
        Assert.Contains("Last confirmed 30 June 2020", Normalize(freshness));
        Assert.Contains("by Co-operatives UK 2020-Q2", Normalize(freshness));
        Assert.DoesNotContain("Stale", (await Site.Http.GetPageAsync($"/organizations/{recent}")).QuerySelector("section.freshness")!.TextContent);
    }

    [Fact]
    public async Task A_stale_window_of_the_sites_own_applies_to_the_page_the_record_and_the_filter()
    {
        var site = await StartSiteAsync(new SiteOptions { Configuration = ["--Freshness:StaleAfterDays=100000"] });
        var id = (await site.SeedAsync(An.Organization("Old Mill Co-op")))[0];
        await site.WriteAsync((_, session) => OrganizationWriter.ConfirmAsync(session, id, "2020-06-30", "import"));

        Assert.False((await Json(await site.Http.GetAsync($"/api/v1/organizations/{id}"))).GetProperty("stale").GetBoolean());
        Assert.Equal(0, (await Json(await site.Http.GetAsync("/api/v1/organizations?freshness=stale"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Still_correct_from_the_verified_claimer_makes_the_record_current_and_shows_in_its_history()
    {
        var (old, _) = await SeedOldAndRecentAsync();
        var claimer = await Site.ClaimerAsync(old, "Ann Baker");
        Assert.Contains("Old Mill Co-op", await NamesAsync("freshness=stale"));

        using var confirmed = await claimer.Api.PostAsync($"/api/v1/organizations/{old}/confirmation", null);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var body = await Json(confirmed);
        Assert.False(body.GetProperty("stale").GetBoolean());
        Assert.Equal("person:Ann Baker", body.GetProperty("confirmed_by").GetString());
        Assert.DoesNotContain("Old Mill Co-op", await NamesAsync("freshness=stale"));
        Assert.Contains("Old Mill Co-op", await NamesAsync("freshness=current"));
        var revisions = await Site.Http.GetStringAsync($"/api/v1/organizations/{old}/revisions");
        Assert.Contains("Confirmed still correct", revisions);
        Assert.Contains("Ann Baker", revisions);
        Assert.Contains("Confirmed still correct", await Site.Http.GetStringAsync($"/organizations/{old}/history"));
    }

    [Fact]
    public async Task Only_its_verified_claimer_or_an_editor_may_say_a_record_is_still_correct()
    {
        var (old, recent) = await SeedOldAndRecentAsync();
        var contributor = await Site.AccountAsync(Roles.Contributor);
        var claimerOfAnother = await Site.ClaimerAsync(recent);
        var editor = await Site.AccountAsync(Roles.Editor);

        using var anonymous = await Site.Http.PostAsync($"/api/v1/organizations/{old}/confirmation", null);
        using var byContributor = await contributor.Api.PostAsync($"/api/v1/organizations/{old}/confirmation", null);
        using var byOtherClaimer = await claimerOfAnother.Api.PostAsync($"/api/v1/organizations/{old}/confirmation", null);
        using var unknown = await editor.Api.PostAsync("/api/v1/organizations/999999/confirmation", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byContributor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherClaimer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Old Mill Co-op", await NamesAsync("freshness=stale"));

        using var byEditor = await editor.Api.PostAsync($"/api/v1/organizations/{old}/confirmation", null);
        Assert.Equal(HttpStatusCode.OK, byEditor.StatusCode);
        Assert.Empty(await NamesAsync("freshness=stale"));
    }

    [Fact]
    public async Task The_still_correct_button_shows_only_to_those_who_may_use_it_and_works_without_javascript()
    {
        var (old, _) = await SeedOldAndRecentAsync();
        var claimer = await Session.SignedIn(Site, await Site.ClaimerAsync(old, "Ann Baker"));
        var contributor = await Session.SignedIn(Site, await Site.AccountAsync(Roles.Contributor));
        Assert.Null((await Session.Anonymous(Site).Http.GetPageAsync($"/organizations/{old}")).QuerySelector("form.confirm"));
        Assert.Null((await contributor.Http.GetPageAsync($"/organizations/{old}")).QuerySelector("form.confirm"));
        Assert.NotNull((await claimer.Http.GetPageAsync($"/organizations/{old}")).QuerySelector("form.confirm button"));

        using var refused = await contributor.PostFormAsync($"/organizations/{old}/confirmation", [], $"/organizations/{old}");
        using var withoutToken = await claimer.PostFormAsync($"/organizations/{old}/confirmation", [], null);
        using var posted = await claimer.PostFormAsync($"/organizations/{old}/confirmation", [], $"/organizations/{old}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var freshness = Normalize((await claimer.Http.GetPageAsync($"/organizations/{old}")).QuerySelector("section.freshness")!.TextContent);
        Assert.DoesNotContain("Stale", freshness);
        Assert.Contains($"Last confirmed {DateTime.UtcNow:d MMMM yyyy} by Ann Baker", freshness);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
