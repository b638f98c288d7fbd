using System.Net;
using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Sources;

public sealed class SourcePagesTests : SiteTest
{
    [Fact]
    public async Task The_sources_page_lists_every_source_and_the_home_page_names_them()
    {
        var s = await TwoSources.ImportAsync(Site);
        var html = await Site.Http.GetStringAsync("/sources");
        Assert.Contains($"href=\"/sources/{s.Alpha}\"", html);
        Assert.Contains($"href=\"/sources/{s.Beta}\"", html);
        Assert.Contains("Alpha register publisher", html);
        var home = await Site.Http.GetStringAsync("/");
        Assert.Contains("Merged from 2 sources", home);
        Assert.Contains($"<a href=\"/sources/{s.Beta}\">Beta map</a>", home);
    }

    [Fact]
    public async Task A_source_page_shows_its_counts_and_recent_records_and_only_editors_see_the_retire_form()
    {
        var s = await TwoSources.ImportAsync(Site);
        var html = await Site.Http.GetStringAsync($"/sources/{s.Alpha}");
        Assert.Contains("lists 2 organizations; 1 of them no other counted source lists", html);
        Assert.Contains($"href=\"/organizations/{s.AlphaOnly}\"", html);
        Assert.DoesNotContain("Retire this source", html);
        var editor = await Session.SignedIn(Site, await Site.AccountAsync(Roles.Editor));
        Assert.Contains("Retire this source", await editor.Http.GetStringAsync($"/sources/{s.Alpha}"));
        using var missing = await Site.Http.GetAsync("/sources/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_editor_retires_a_source_with_the_form_once_it_is_confirmed()
    {
        var s = await TwoSources.ImportAsync(Site);
        var editor = await Session.SignedIn(Site, await Site.AccountAsync(Roles.Editor));
        using (var unconfirmed = await editor.PostFormAsync($"/sources/{s.Alpha}/retire", [], $"/sources/{s.Alpha}"))
            Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        using (var retired = await editor.PostFormAsync($"/sources/{s.Alpha}/retire", new() { ["confirm"] = "yes" }, $"/sources/{s.Alpha}"))
        {
            Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
            Assert.Contains("1 now listed by no source", await retired.Content.ReadAsStringAsync());
        }
        Assert.Contains("Retired on", await Site.Http.GetStringAsync($"/sources/{s.Alpha}"));

        var contributor = await Session.SignedIn(Site, await Site.AccountAsync(Roles.Contributor));
        using var refused = await contributor.PostFormAsync($"/sources/{s.Beta}/retire", new() { ["confirm"] = "yes" }, $"/sources/{s.Beta}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
