using System.Net;
using System.Text;
using System.Text.Json;
using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.ReportedProblems;

/// <summary>
/// "Report a problem": anyone leaves a note on a record; editors and reviewers handle it. The class's site
/// allows more reports per address than the default, which one test checks on a site of its own.
/// </summary>
public sealed class ProblemReportsTests() : SiteTest(new SiteOptions { Configuration = ["--RateLimits:ProblemReportsPerTenMinutes=50"] })
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> ReportAsync(long id, string text, string? contact = null) =>
        Site.Http.PostAsync($"/api/v1/organizations/{id}/problems", Body(JsonSerializer.Serialize(new { text, contact })));

    [Fact]
    public async Task An_anonymous_report_shows_on_the_page_without_its_contact_until_an_editor_marks_it_handled()
    {
        var id = (await Site.SeedAsync(An.Organization("Leeds Bread Co-op")))[0];
        var reader = Session.Anonymous(Site);

        using var posted = await reader.PostFormAsync($"/organizations/{id}/problems",
            new() { ["text"] = "They moved to Kirkstall Road in 2024.", ["contact"] = "reader@example.org" }, $"/organizations/{id}");
        using var viaApi = await ReportAsync(id, "The phone number is wrong.", "0113 000 0000");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, viaApi.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Json(viaApi)).GetProperty("contact").ValueKind);
        var page = await reader.Http.GetPageAsync($"/organizations/{id}");
        var section = page.QuerySelector("section.problem-reports")!;
        Assert.Equal("Open problem reports (2)", section.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal(["They moved to Kirkstall Road in 2024.", "The phone number is wrong."], page.Texts("section.problem-reports .report-text"));
        Assert.DoesNotContain("reader@example.org", page.DocumentElement.OuterHtml);

        var editor = await Site.AccountAsync(Roles.Editor);
        var open = (await Json(await editor.Api.GetAsync("/api/v1/problem-reports?status=open"))).EnumerateArray().ToList();
        Assert.Equal(["reader@example.org", "0113 000 0000"], open.Select(r => r.GetProperty("contact").GetString()));
        using var handled = await editor.Api.PostAsync($"/api/v1/problem-reports/{open[1].GetProperty("id").GetInt64()}/handled", null);
        Assert.Equal("handled", (await Json(handled)).GetProperty("status").GetString());

        var editorSession = await Session.SignedIn(Site, editor);
        var queue = await editorSession.Http.GetPageAsync("/problem-reports");
        Assert.Equal(["They moved to Kirkstall Road in 2024."], queue.Texts(".report-text"));
        Assert.Contains("reader@example.org", queue.DocumentElement.TextContent);
        using var markedHandled = await editorSession.PostFormAsync($"/problem-reports/{open[0].GetProperty("id").GetInt64()}/handled", [], "/problem-reports");
        Assert.Equal(HttpStatusCode.Redirect, markedHandled.StatusCode);

        var after = await reader.Http.GetPageAsync($"/organizations/{id}");
        Assert.Equal("Report a problem", after.QuerySelector("section.problem-reports h2")!.TextContent.Trim());
        Assert.Empty(after.Texts(".report-text"));
        Assert.Empty((await Json(await editor.Api.GetAsync("/api/v1/problem-reports"))).EnumerateArray());
        Assert.Equal(2, (await Json(await editor.Api.GetAsync("/api/v1/problem-reports?status=handled"))).GetArrayLength());
    }

    [Fact]
    public async Task Only_editors_and_reviewers_see_the_reports_contacts_and_mark_them_handled()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];
        var report = (await Json(await ReportAsync(id, "Closed last year."))).GetProperty("id").GetInt64();
        var contributor = await Site.AccountAsync(Roles.Contributor);
        var maintainer = await Site.AccountAsync(Roles.Maintainer);

        using var anonymousList = await Site.Http.GetAsync("/api/v1/problem-reports");
        using var contributorList = await contributor.Api.GetAsync("/api/v1/problem-reports");
        using var contributorHandles = await contributor.Api.PostAsync($"/api/v1/problem-reports/{report}/handled", null);
        using var contributorPage = await (await Session.SignedIn(Site, contributor)).Http.GetAsync("/problem-reports");
        using var unknownStatus = await maintainer.Api.GetAsync("/api/v1/problem-reports?status=closed");
        using var unknownReport = await maintainer.Api.PostAsync("/api/v1/problem-reports/999999/handled", null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, contributorList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, contributorHandles.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, contributorPage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownReport.StatusCode);
        Assert.Equal(1, (await Json(await maintainer.Api.GetAsync("/api/v1/problem-reports"))).GetArrayLength());
    }

    [Fact]
    public async Task Html_in_a_report_is_refused_with_the_tag_it_found()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];

        using var response = await ReportAsync(id, "See <a href=\"https://example.org\">here</a>");
        using var form = await Session.Anonymous(Site).PostFormAsync($"/organizations/{id}/problems",
            new() { ["text"] = "Nice <script>alert(1)</script>" }, $"/organizations/{id}");
        using var fine = await ReportAsync(id, "Members: < 10, not 3 > 2");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("must be plain text: it contains the HTML tag <a href=\"https://example.org\">",
            (await Json(response)).GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains("must be plain text: it contains the HTML tag &lt;script&gt;", await form.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
    }

    [Fact]
    public async Task Reports_too_long_too_large_empty_or_spam_are_refused()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];

        using var tooLong = await ReportAsync(id, new string('x', 2_001));
        using var contactTooLong = await ReportAsync(id, "Wrong address", new string('y', 201));
        using var tooLarge = await Site.Http.PostAsync($"/api/v1/organizations/{id}/problems",
            Body($$"""{"text": "{{new string('x', 17_000)}}"}"""));
        using var formTooLarge = await Session.Anonymous(Site).PostFormAsync($"/organizations/{id}/problems",
            new() { ["text"] = new string('x', 17_000) }, $"/organizations/{id}");
        using var empty = await ReportAsync(id, "  ");
        using var unknownField = await Site.Http.PostAsync($"/api/v1/organizations/{id}/problems", Body("""{"text": "Closed", "status": "handled"}"""));
        using var notJson = await Site.Http.PostAsync($"/api/v1/organizations/{id}/problems", new StringContent("""{"text": "Closed"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("is longer than 2,000 characters (2,001)", (await Json(tooLong)).GetProperty("errors").GetProperty("text")[0].GetString());
        Assert.True((await Json(contactTooLong)).GetProperty("errors").TryGetProperty("contact", out _));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, formTooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
    }

    [Fact]
    public async Task A_report_that_looks_like_spam_is_refused_with_the_reason()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];

        using var response = await ReportAsync(id, "Cheap replica watches at https://a.example https://b.example");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("replica watches", (await Json(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_report_on_an_unknown_organization_is_a_404()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];
        using var api = await ReportAsync(999_999, "Closed.");
        using var form = await Session.Anonymous(Site).PostFormAsync("/organizations/999999/problems", new() { ["text"] = "Closed." }, $"/organizations/{id}");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, form.StatusCode);
    }

    [Fact]
    public async Task A_client_sending_more_than_five_reports_in_ten_minutes_gets_429_with_retry_after()
    {
        var site = await StartSiteAsync();
        var id = (await site.SeedAsync(An.Organization()))[0];
        Task<HttpResponseMessage> Report(string text) => site.Http.PostAsync($"/api/v1/organizations/{id}/problems", Body(JsonSerializer.Serialize(new { text })));
        for (var i = 0; i < 5; i++)
        {
            using var accepted = await Report($"Problem {i}");
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        using var refused = await Report("One too many");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) is > 60 and <= 600);
    }
}
