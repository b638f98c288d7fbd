using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Edits;

public sealed class EditPagesTests : SiteTest
{
    private static Dictionary<string, string> EditForm(string baseRevision, string name, string summary) => new()
    {
        ["base_revision"] = baseRevision, ["name"] = name, ["kind"] = "cooperative", ["status"] = "active", ["summary"] = summary,
    };

    [Fact]
    public async Task A_stale_web_edit_gets_a_conflict_page_showing_both_versions_and_overwrites_nothing()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var first = await Session.SignedIn(Site, await Site.AccountAsync("editor"));
        var second = await Session.SignedIn(Site, await Site.AccountAsync("editor"));
        using (var saved = await first.PostFormAsync($"/organizations/{id}/edit", EditForm("1", "Suma Ltd", "registered name"), "/account"))
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var stale = await second.PostFormAsync($"/organizations/{id}/edit", EditForm("1", "Suma Co-op", "shorter"), "/account");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = new HtmlParser().ParseDocument(await stale.Content.ReadAsStringAsync());
        var row = page.QuerySelectorAll(".diff tbody tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith("Name"));
        Assert.Equal(["Suma Wholefoods", "Suma Ltd", "Suma Co-op"], row.QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal("Suma Ltd", (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_contributors_suggestion_becomes_a_proposal_and_its_author_sees_why_it_was_rejected()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var account = await Site.AccountAsync("contributor");
        var contributor = await Session.SignedIn(Site, account);
        using var suggested = await contributor.PostFormAsync($"/organizations/{id}/edit", EditForm("1", "Suma", "shorter"), "/account");
        Assert.Equal(HttpStatusCode.Redirect, suggested.StatusCode);
        var sent = suggested.Headers.Location!.OriginalString;
        Assert.Matches("^/proposals/[0-9]+/sent$", sent);
        var proposal = sent[..^"/sent".Length];

        var maintainer = await Session.SignedIn(Site, await Site.AccountAsync("maintainer"));
        using (var rejected = await maintainer.PostFormAsync($"{proposal}/reject", new() { ["reason"] = "Suma Wholefoods is the trading name" }, proposal))
            Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);

        var accountPage = new HtmlParser().ParseDocument(await contributor.Http.GetStringAsync("/account"));
        Assert.Contains("rejected", accountPage.QuerySelector(".proposal-list .status")!.TextContent);
        Assert.Contains("Suma Wholefoods is the trading name", accountPage.QuerySelector(".proposal-list .reason")!.TextContent);
    }

    [Fact]
    public async Task The_atom_feed_lists_the_latest_changes_with_author_and_summary()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Site.AccountAsync("editor", "Grace");
        using (await editor.Api.PostAsJsonAsync("/api/v1/proposals", new { organization_id = id, base_revision = 1, patch = new { sector = "retail" }, summary = "Add the sector" })) { }

        using var response = await Site.Http.GetAsync("/changes.atom");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var latest = feed.Root!.Elements(atom + "entry").First();

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Suma Wholefoods: updated (revision 2)", latest.Element(atom + "title")!.Value);
        Assert.Equal("Grace", latest.Element(atom + "author")!.Element(atom + "name")!.Value);
        Assert.Contains("Add the sector", latest.Element(atom + "content")!.Value);
        Assert.Contains("sector: (none) → retail", latest.Element(atom + "content")!.Value);
    }

    [Fact]
    public async Task A_contributor_proposes_a_new_organization_from_the_web_form()
    {
        var contributor = await Session.SignedIn(Site, await Site.AccountAsync("contributor"));
        using var proposed = await contributor.PostFormAsync("/organizations/new", new()
        {
            ["name"] = "Leeds Bread Co-op", ["kind"] = "cooperative", ["types"] = "worker", ["status"] = "active",
            ["location_locality"] = "Leeds", ["location_country"] = "gb", ["summary"] = "A bakery I know",
        }, "/account");

        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var proposal = await Site.Http.GetJsonAsync("/api/v1" + Sent(proposed));
        Assert.Equal(("create", "pending"), (proposal.GetProperty("action").GetString(), proposal.GetProperty("status").GetString()));
        Assert.Equal("Leeds Bread Co-op", proposal.GetProperty("patch").GetProperty("name").GetString());
        Assert.Equal("Leeds Bread Co-op", proposal.GetProperty("organization_name").GetString());
        Assert.Equal("GB", proposal.GetProperty("patch").GetProperty("locations")[0].GetProperty("country").GetString());
    }

    [Fact]
    public async Task Merges_and_removals_are_proposed_from_the_edit_page()
    {
        var ids = await Site.SeedAsync(An.Organization("Suma Wholefoods"), An.Organization("Suma"));
        var contributor = await Session.SignedIn(Site, await Site.AccountAsync("contributor"));

        using var merge = await contributor.PostFormAsync($"/organizations/{ids[1]}/propose-merge", new() { ["merge_into"] = ids[0].ToString(), ["summary"] = "same co-op" }, $"/organizations/{ids[1]}/edit");
        using var removal = await contributor.PostFormAsync($"/organizations/{ids[1]}/propose-removal", new() { ["summary"] = "gone" }, $"/organizations/{ids[1]}/edit");
        using var unknown = await contributor.PostFormAsync($"/organizations/{ids[1]}/propose-merge", new() { ["merge_into"] = "999999", ["summary"] = "x" }, $"/organizations/{ids[1]}/edit");

        var merged = await Site.Http.GetJsonAsync("/api/v1" + Sent(merge));
        var removed = await Site.Http.GetJsonAsync("/api/v1" + Sent(removal));
        Assert.Equal(("merge", ids[0], "pending"), (merged.GetProperty("action").GetString(), merged.GetProperty("merge_into").GetInt64(), merged.GetProperty("status").GetString()));
        Assert.Equal(("delete", "pending"), (removed.GetProperty("action").GetString(), removed.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("Suma", removed.GetProperty("organization_name").GetString());
    }

    // A sent proposal leads its author to its confirmation page, /proposals/{id}/sent; this is the proposal's own path.
    private static string Sent(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/proposals/[0-9]+/sent$", location);
        return location[..^"/sent".Length];
    }
}
