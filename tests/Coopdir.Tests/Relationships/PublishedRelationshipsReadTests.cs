using System.Net;
using System.Text;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Relationships;

/// <summary>
/// Organizations' own websites are a second local web server here, read over real HTTP on loopback,
/// which the site allows only when told to (as for claims).
/// </summary>
public sealed class PublishedRelationshipsReadTests() : SiteTest(new SiteOptions { Configuration = ["--Claims:AllowPrivateAddresses=true"] })
{
    private const string WellKnown = "/.well-known/coopdir-relationships.json";

    private string Address(long id) => new Uri(Site.BaseAddress, $"/organizations/{id}").ToString();

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadAsync(TestAccount account, long id, string? body = null)
    {
        using var response = await account.Api.PostAsync($"/api/v1/organizations/{id}/published-relationships/read",
            body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static IReadOnlyList<string> Outcomes(JsonElement reading) =>
        reading.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("outcome").GetString()!).ToList();

    private static JsonElement Entry(JsonElement reading, int i) => reading.GetProperty("entries")[i];

    private static IReadOnlyList<string> ErrorFields(JsonElement body) =>
        body.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>An organization whose website is the given local server, with a verified claimer.</summary>
    private async Task<long> VerifiedAsync(OrganizationWebsite website, string name, string kind = "cooperative")
    {
        var id = (await Site.SeedAsync(An.Organization(name, kind) with { Website = website.Address.ToString() }))[0];
        await Site.ClaimerAsync(id);
        return id;
    }

    [Fact]
    public async Task A_network_lists_its_members_on_its_website_and_they_are_recorded_as_its_own_statements_once()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        var network = await VerifiedAsync(website, "Bakers' Federation", kind: "network");
        var ids = await Site.SeedAsync(An.Organization("Leeds Bread Co-op"), An.Organization("Oven Co-op") with { Website = "https://oven.example/" });
        website.Pages[WellKnown] = $$"""
            {"version": 1, "relationships": [
              {"type": "member_of", "subject": "{{Address(ids[0])}}", "start_date": "2012"},
              {"type": "member_of", "subject": "http://www.oven.example", "evidence_url": "https://bakers.example/members"},
              {"type": "member_of", "subject": "https://unknown.example"},
              {"type": "member_of", "subject": "{{Address(424242)}}"},
              {"type": "member_of", "subject": "{{Address(ids[0])}}", "stance": "denies"}]}
            """;
        // Anyone with an account may ask: what is recorded is the network's word, not theirs.
        var reader = await Site.AccountAsync("contributor", "Someone");

        var (status, reading) = await ReadAsync(reader, network);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new Uri(website.Address, WellKnown).ToString(), reading.GetProperty("source").GetString());
        Assert.Equal(["recorded", "recorded", "not_recorded", "not_recorded", "not_recorded"], Outcomes(reading));
        Assert.Equal((2, 0, 3), (reading.GetProperty("recorded").GetInt32(), reading.GetProperty("unchanged").GetInt32(), reading.GetProperty("not_recorded").GetInt32()));
        Assert.Equal(["relationships[2].subject"], ErrorFields(Entry(reading, 2)));
        Assert.Contains("no organization in this directory has the website", Entry(reading, 2).GetProperty("errors").GetProperty("relationships[2].subject")[0].GetString());
        Assert.Contains("no organization 424242", Entry(reading, 3).GetProperty("errors").GetProperty("relationships[3].subject")[0].GetString());
        Assert.Contains("states the same relationship as relationships[0]", Entry(reading, 4).GetProperty("errors").GetProperty("relationships[4]")[0].GetString());

        var oven = (await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids[1]}/relationships"))[0];
        Assert.Equal(("claimed", network), (oven.GetProperty("status").GetString(), oven.GetProperty("object").GetProperty("id").GetInt64()));
        var assertion = oven.GetProperty("assertions")[0];
        Assert.Equal(("object", "website", "asserts", "127.0.0.1", "https://bakers.example/members"),
            (assertion.GetProperty("party").GetString(), assertion.GetProperty("voice").GetString(), assertion.GetProperty("stance").GetString(),
             assertion.GetProperty("speaker").GetString(), assertion.GetProperty("evidence_url").GetString()));
        var leeds = (await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids[0]}/relationships"))[0];
        Assert.Equal("2012", leeds.GetProperty("start_date").GetString());
        var revision = (await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids[0]}/revisions"))[0];
        Assert.Equal("Someone", revision.GetProperty("author").GetString());

        var (again, second) = await ReadAsync(reader, network);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(["unchanged", "unchanged", "not_recorded", "not_recorded", "not_recorded"], Outcomes(second));
        Assert.Equal(2, (await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids[0]}")).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task A_members_own_file_confirms_what_the_networks_claimer_said_and_then_ends_it()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        var member = await VerifiedAsync(website, "Leeds Bread Co-op");
        var ids = await Site.SeedAsync(An.Organization("Bakers' Federation", kind: "network"), An.Organization("Not a network"));
        var networkClaimer = await Site.ClaimerAsync(ids[0]);
        using (var added = await networkClaimer.Api.PostAsync("/api/v1/relationships", new StringContent(
            $$"""{"subject_id": {{member}}, "object_id": {{ids[0]}}, "type": "member_of"}""", Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        website.Pages[WellKnown] = $$"""
            {"version": 1, "relationships": [
              {"type": "member_of", "object": "{{Address(ids[0])}}"},
              {"type": "member_of", "object": "{{Address(ids[1])}}"},
              {"type": "member_of", "object": "{{Address(member)}}"}]}
            """;
        var reader = await Site.AccountAsync("contributor");

        var (_, reading) = await ReadAsync(reader, member);

        Assert.Equal(["recorded", "not_recorded", "not_recorded"], Outcomes(reading));
        Assert.Equal("confirmed", Entry(reading, 0).GetProperty("status").GetString());
        Assert.Contains("cannot be the object of member_of", Entry(reading, 1).GetProperty("errors").GetProperty("relationships[1].object")[0].GetString());
        Assert.Contains("cannot be related to itself", Entry(reading, 2).GetProperty("errors").GetProperty("relationships[2].object")[0].GetString());

        website.Pages[WellKnown] = $$"""{"version": 1, "relationships": [{"type": "member_of", "object": "{{Address(ids[0])}}", "stance": "ends", "end_date": "2026-01"}]}""";
        var (_, ended) = await ReadAsync(reader, member);
        Assert.Equal("ended", Entry(ended, 0).GetProperty("status").GetString());
        var relationship = await Site.Http.GetJsonAsync($"/api/v1/relationships/{Entry(ended, 0).GetProperty("relationship_id").GetInt64()}");
        Assert.Equal("2026-01", relationship.GetProperty("end_date").GetString());
    }

    [Fact]
    public async Task A_murmurations_profiles_schema_org_predicates_are_read_as_relationship_types()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        var network = await VerifiedAsync(website, "Bakers' Federation", kind: "network");
        var ids = await Site.SeedAsync(An.Organization("Leeds Bread Co-op"), An.Organization("Umbrella Network", kind: "network"));
        website.Pages["/murmurations.json"] = $$"""
            {"linked_schemas": ["organizations_schema-v1.0.0"], "name": "Bakers' Federation", "primary_url": "{{website.Address}}",
             "relationships": [
               {"predicate_url": "https://schema.org/member", "object_url": "{{Address(ids[0])}}"},
               {"predicate_url": "http://schema.org/memberOf", "object_url": "{{Address(ids[1])}}"},
               {"predicate_url": "https://schema.org/knows", "object_url": "{{Address(ids[1])}}"}]}
            """;
        var reader = await Site.AccountAsync("contributor");

        var (status, reading) = await ReadAsync(reader, network, $$"""{"murmurations_profile_url": "{{website.Address}}murmurations.json"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("murmurations", reading.GetProperty("format").GetString());
        Assert.Equal(["recorded", "recorded", "not_recorded"], Outcomes(reading));
        Assert.Equal(("member_of", "object"), (Entry(reading, 0).GetProperty("type").GetString(), Entry(reading, 0).GetProperty("side").GetString()));
        Assert.Equal(("member_of", "subject"), (Entry(reading, 1).GetProperty("type").GetString(), Entry(reading, 1).GetProperty("side").GetString()));
        Assert.Equal(["relationships[2].predicate_url"], ErrorFields(Entry(reading, 2)));
        Assert.Equal(ids[0], (await Site.Http.GetJsonAsync($"/api/v1/relationships?object={network}"))
            .GetProperty("items")[0].GetProperty("subject").GetProperty("id").GetInt64());

        var (elsewhere, problem) = await ReadAsync(reader, network, """{"murmurations_profile_url": "https://index.murmurations.network/profile.json"}""");
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere);
        Assert.Equal(["murmurations_profile_url"], ErrorFields(problem));
    }

    [Theory]
    [InlineData("""{"version": 1, "relationships": [{"type": "member_of", "subject": "https://a.example"}, {"type": "friend_of", "subject": "https://b.example"}]}""", "relationships[1].type")]
    [InlineData("""{"version": 2, "relationships": []}""", "version")]
    [InlineData("not json", "file")]
    [InlineData(null, "source")]
    public async Task A_file_that_is_missing_or_not_valid_is_refused_whole_naming_the_field_and_nothing_is_recorded(string? file, string field)
    {
        await using var website = await OrganizationWebsite.StartAsync();
        var network = await VerifiedAsync(website, "Bakers' Federation", kind: "network");
        await Site.SeedAsync(An.Organization("A") with { Website = "https://a.example" });
        if (file is not null) website.Pages[WellKnown] = file;

        var (status, problem) = await ReadAsync(await Site.AccountAsync("contributor"), network);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(field, ErrorFields(problem));
        Assert.Equal(0, (await Site.Http.GetJsonAsync("/api/v1/relationships")).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_refused()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        var network = await VerifiedAsync(website, "Bakers' Federation", kind: "network");
        website.Pages[WellKnown] = "{\"version\": 1, \"relationships\": [], \"padding\": \"" + new string('x', 300 * 1024) + "\"}";

        var (status, problem) = await ReadAsync(await Site.AccountAsync("contributor"), network);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("larger than 256 KB", problem.GetProperty("errors").GetProperty("source")[0].GetString());
    }

    [Fact]
    public async Task Nothing_is_read_from_a_website_no_claim_verified_or_that_changed_since()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        website.Pages[WellKnown] = """{"version": 1, "relationships": []}""";
        var unclaimed = (await Site.SeedAsync(An.Organization("Unclaimed Co-op") with { Website = website.Address.ToString() }))[0];
        var reader = await Site.AccountAsync("contributor");
        var (status, problem) = await ReadAsync(reader, unclaimed);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["website"], ErrorFields(problem));

        var moved = await VerifiedAsync(website, "Moved Co-op");
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(reader, moved)).Status);
        await Site.WriteAsync((writer, session) => writer.UpdateAsync(session, moved,
            An.Organization("Moved Co-op") with { Website = new Uri(website.Address, "/new-home/").ToString() }, new("editor", "new website"), 1));
        (status, problem) = await ReadAsync(reader, moved);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("is not verified", problem.GetProperty("detail").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync(reader, 424242)).Status);
    }

    [Fact]
    public async Task Websites_at_loopback_or_private_addresses_are_not_read_by_default()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        website.Pages[WellKnown] = """{"version": 1, "relationships": []}""";
        var site = await StartSiteAsync();
        var id = (await site.SeedAsync(An.Organization() with { Website = website.Address.ToString() }))[0];
        await site.ClaimerAsync(id);

        var (status, problem) = await ReadAsync(await site.AccountAsync("contributor"), id);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("not a public address", problem.GetProperty("errors").GetProperty("source")[0].GetString());
    }

    [Fact]
    public async Task The_organization_page_offers_the_read_to_signed_in_people_and_shows_its_report()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        var network = await VerifiedAsync(website, "Bakers' Federation", kind: "network");
        var member = (await Site.SeedAsync(An.Organization("Leeds Bread Co-op")))[0];
        website.Pages[WellKnown] = $$"""{"version": 1, "relationships": [{"type": "member_of", "subject": "{{Address(member)}}"}, {"type": "member_of", "subject": "https://nowhere.example"}]}""";
        var action = $"/organizations/{network}/published-relationships/read";
        Assert.Null((await Site.Http.GetPageAsync($"/organizations/{network}")).QuerySelector($"form[action='{action}']"));
        var session = await Session.SignedIn(Site, await Site.AccountAsync("contributor"));
        Assert.NotNull((await session.Http.GetPageAsync($"/organizations/{network}")).QuerySelector($"form[action='{action}']"));

        using var response = await session.PostFormAsync(action, new() { ["murmurations_profile_url"] = "" }, $"/organizations/{network}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Contains("1 recorded, 0 unchanged, 1 not recorded", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("relationships[1].subject", page.QuerySelector(".published-entries")!.TextContent);
        Assert.NotNull(page.QuerySelector(".published-entries a[href^='/relationships/']"));
        Assert.NotNull((await Site.Http.GetPageAsync($"/organizations/{network}")).QuerySelector($"a[href='/organizations/{network}/members']"));
    }
}
