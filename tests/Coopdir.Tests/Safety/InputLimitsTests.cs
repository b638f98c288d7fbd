using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Coopdir.Core.Input;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Safety;

/// <summary>
/// What a contributor may send is bounded (the body, each field, each list) and clean (no control, invisible or
/// non-XML characters, NFC), and what anyone reads of it is bounded too: the review queue shows summaries and pages,
/// and the Atom feed stays XML whatever was accepted.
/// </summary>
public sealed class InputLimitsTests() : SiteTest(new SiteOptions
{
    Configuration = ["--RateLimits:WritesPerMinute=100000"],
})
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<string> ErrorsOf(HttpResponseMessage response) =>
        string.Join("; ", (await Body(response)).GetProperty("errors").EnumerateObject().Select(p => $"{p.Name}: {string.Join(", ", p.Value.EnumerateArray())}"));

    [Fact]
    public async Task A_proposal_over_the_body_limit_is_refused_with_413_naming_the_limit_and_nothing_is_stored()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var contributor = await Site.AccountAsync("contributor");
        using var response = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new
        {
            organization_id = id, base_revision = 1, summary = "Huge",
            patch = new { description = new string('x', InputLimits.EditBodyBytes) },
        });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(InputLimits.EditBodyBytes.ToString("N0"), (await Body(response)).GetProperty("detail").GetString());
        Assert.Equal(0, (await Site.Http.GetJsonAsync("/api/v1/proposals")).GetArrayLength());
    }

    [Fact]
    public async Task A_proposal_with_too_many_locations_is_refused_naming_the_list_and_its_cap()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var contributor = await Site.AccountAsync("contributor");
        var locations = Enumerable.Range(0, InputLimits.Locations + 1).Select(i => new { locality = "Leeds", country = "GB" }).ToArray();
        using var response = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new
        {
            organization_id = id, base_revision = 1, summary = "Every branch", patch = new { locations },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsOf(response);
        Assert.Contains("locations", errors);
        Assert.Contains($"at most {InputLimits.Locations}", errors);
    }

    [Fact]
    public async Task A_field_over_its_length_cap_is_refused_naming_the_field_and_the_cap()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Site.AccountAsync("editor");
        foreach (var (field, value, cap) in new[]
        {
            ("email", new string('a', InputLimits.Email) + "@b.org", InputLimits.Email),
            ("website", "https://example.org/" + new string('a', InputLimits.Url), InputLimits.Url),
            ("name", "Suma" + new string('a', InputLimits.Name), InputLimits.Name),
        })
        {
            using var response = await Patch(editor, id, $$"""{"{{field}}": {{JsonSerializer.Serialize(value)}}}""");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = await ErrorsOf(response);
            Assert.Contains(field, errors);
            Assert.Contains($"{cap:N0} characters", errors);
        }
    }

    [Fact]
    public async Task A_control_invisible_or_non_XML_character_is_refused_naming_the_field()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Site.AccountAsync("editor");
        foreach (var (field, value, named) in new[]
        {
            ("name", "Suma\u0000Wholefoods", "U+0000"),
            ("name", "Suma\u0085", "U+0085"),
            ("name", "Suma\nWholefoods", "one line"),
            ("name", "Suma\u202EsdoofelohW", "U+202E"),
            ("name", "Su\u200Bma", "U+200B"),
            ("email", "info@su\u200Bma.coop", "U+200B"),
            ("description", "Bad \u001b[31m escape", "U+001B"),
            ("description", "Not XML \uFFFF", "U+FFFF"),
        })
        {
            using var response = await Patch(editor, id, $$"""{"{{field}}": {{JsonSerializer.Serialize(value)}}}""");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = await ErrorsOf(response);
            Assert.Contains(field, errors);
            Assert.Contains(named, errors);
        }
        Assert.Equal(1, (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Text_is_stored_in_NFC_so_a_name_typed_decomposed_is_the_same_name()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Site.AccountAsync("editor");
        using var response = await Patch(editor, id, """{"name": "Cafe\u0301 Coope\u0301rative", "description": "Line one\n\tLine two"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal("Caf\u00e9 Coop\u00e9rative", record.GetProperty("name").GetString());
        Assert.Equal("Line one\n\tLine two", record.GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_Atom_feed_parses_as_XML_after_every_accepted_edit_and_after_a_legacy_row_with_a_control_character()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Site.AccountAsync("editor", "Ed <&> \"Editor\"");
        foreach (var patch in new[]
        {
            """{"description": "Tabs\tand\nnew lines\r\nand <tags> & ampersands ]]> end"}""",
            """{"name": "שיתופית Co-op 🌱 ناشر", "alternate_names": ["Caf\u00e9", "می‌خواهم"]}""",
            """{"locations": [{"street": "1 Main St\nUnit 2", "locality": "Leeds", "country": "GB"}]}""",
        })
        {
            using var response = await Patch(editor, id, patch);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            await AssertFeedParsesAsync();
        }

        // A row stored before text was checked at the door (or by an older version) must not break the feed.
        await using (var connection = await Site.Store.OpenAsync())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE revisions SET summary = 'legacy \u0001 summary \u000B'";
            Assert.True(await command.ExecuteNonQueryAsync() > 0);
        }
        var feed = await AssertFeedParsesAsync();
        Assert.Contains("legacy \uFFFD summary", feed.ToString());
    }

    private async Task<XDocument> AssertFeedParsesAsync()
    {
        using var response = await Site.Http.GetAsync("/changes.atom");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("feed", document.Root!.Name.LocalName);
        return document;
    }

    [Fact]
    public async Task The_review_queue_shows_summaries_a_page_at_a_time_never_a_proposals_whole_content()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var contributor = await Site.AccountAsync("contributor");
        var marker = "UNBOUNDED" + new string('z', 10_000);
        for (var i = 0; i < InputLimits.PageSize + 3; i++)
        {
            using var proposed = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new
            {
                organization_id = id, base_revision = 1, summary = $"Proposal number {i} " + new string('s', 400), patch = new { description = marker + i },
            });
            Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        }

        var first = await Site.Http.GetStringAsync("/proposals");
        var page = new HtmlParser().ParseDocument(first);
        Assert.Equal(InputLimits.PageSize, page.QuerySelectorAll("article.proposal").Length);
        Assert.DoesNotContain("UNBOUNDED", first);
        Assert.DoesNotContain(new string('s', InputLimits.SummaryChars), first);
        Assert.Equal("/proposals?page=2", page.QuerySelector("a[rel=next]")?.GetAttribute("href"));

        var second = new HtmlParser().ParseDocument(await Site.Http.GetStringAsync("/proposals?page=2"));
        Assert.Equal(3, second.QuerySelectorAll("article.proposal").Length);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.Equal(3, (await Site.Http.GetJsonAsync("/api/v1/proposals?page=2")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await Site.Http.GetAsync("/proposals?page=0")).StatusCode);
    }

    [Fact]
    public async Task A_body_that_arrives_too_slowly_is_cut_off_with_408()
    {
        var contributor = await Site.AccountAsync("contributor");
        using var client = new TcpClient();
        await client.ConnectAsync(Site.BaseAddress.Host, Site.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /api/v1/proposals HTTP/1.1\r\nHost: {Site.BaseAddress.Authority}\r\nAuthorization: Bearer {contributor.Token}\r\n" +
            "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"));
        var reading = new StreamReader(stream, Encoding.ASCII).ReadLineAsync();
        // A byte a second, far under the minimum rate; the server gives up after its grace period.
        for (var i = 0; i < 30 && !reading.IsCompleted; i++)
        {
            try { await stream.WriteAsync(" "u8.ToArray()); } catch (IOException) { break; }
            await Task.WhenAny(reading, Task.Delay(1000));
        }
        Assert.Equal("HTTP/1.1 408 Request Timeout", await reading);
    }

    private static Task<HttpResponseMessage> Patch(TestAccount account, long id, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{id}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        return account.Api.SendAsync(request);
    }
}
