using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Relationships;

public sealed class RelationshipsApiTests : SiteTest
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(HttpClient api, string url, string json)
    {
        using var response = await api.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<(long Member, long Network)> MemberAndNetworkAsync()
    {
        var ids = await Site.SeedAsync(An.Organization("Leeds Bread Co-op"), An.Organization("Bakers' Federation", kind: "network"));
        return (ids[0], ids[1]);
    }

    private static string Link(long subject, long @object, string extra = "") =>
        $$"""{"subject_id": {{subject}}, "object_id": {{@object}}, "type": "member_of"{{extra}}}""";

    private static string Status(JsonElement relationship) => relationship.GetProperty("status").GetString()!;

    [Fact]
    public async Task The_members_claimer_claims_it_the_networks_claimer_confirms_it_and_an_end_ends_it()
    {
        var (member, network) = await MemberAndNetworkAsync();
        var memberClaimer = await Site.ClaimerAsync(member, "Ann of Leeds Bread");
        var networkClaimer = await Site.ClaimerAsync(network, "Bea of the Federation");

        var (created, relationship) = await PostAsync(memberClaimer.Api, "/api/v1/relationships",
            Link(member, network, """, "start_date": "2012", "evidence_url": "https://leedsbread.example/about" """));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("claimed", Status(relationship));
        var id = relationship.GetProperty("id").GetInt64();
        var first = relationship.GetProperty("assertions")[0];
        Assert.Equal(("subject", "claimer", "asserts", "Ann of Leeds Bread"),
            (first.GetProperty("party").GetString(), first.GetProperty("voice").GetString(), first.GetProperty("stance").GetString(), first.GetProperty("speaker").GetString()));

        var (confirmed, afterConfirm) = await PostAsync(networkClaimer.Api, $"/api/v1/relationships/{id}/assertions", """{"party": "object", "stance": "asserts"}""");
        Assert.Equal(HttpStatusCode.OK, confirmed);
        Assert.Equal("confirmed", Status(afterConfirm));
        Assert.Equal("confirmed", Status((await Site.Http.GetJsonAsync($"/api/v1/organizations/{network}/relationships"))[0]));

        var (ended, afterEnd) = await PostAsync(networkClaimer.Api, $"/api/v1/relationships/{id}/assertions", """{"party": "object", "stance": "ends"}""");
        Assert.Equal(HttpStatusCode.OK, ended);
        Assert.Equal("ended", Status(afterEnd));
        Assert.Equal(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd"), afterEnd.GetProperty("end_date").GetString());
        Assert.Empty((await Site.Http.GetJsonAsync($"/api/v1/organizations/{member}")).GetProperty("member_of").EnumerateArray());

        var history = await Site.Http.GetJsonAsync($"/api/v1/relationships/{id}/history");
        Assert.Equal(["ended", "confirmed", "claimed"], history.EnumerateArray().Select(s => s.GetProperty("status_after").GetString()));
    }

    [Fact]
    public async Task Reverting_the_revision_that_ended_it_restores_the_previous_status_and_only_editors_may()
    {
        var (member, network) = await MemberAndNetworkAsync();
        var claimer = await Site.ClaimerAsync(member);
        var networkClaimer = await Site.ClaimerAsync(network);
        var (_, relationship) = await PostAsync(claimer.Api, "/api/v1/relationships", Link(member, network));
        var id = relationship.GetProperty("id").GetInt64();
        await PostAsync(networkClaimer.Api, $"/api/v1/relationships/{id}/assertions", """{"party": "object", "stance": "ends"}""");
        var revision = (await Site.Http.GetJsonAsync($"/api/v1/relationships/{id}/history"))[0].GetProperty("revision").GetInt32();

        // The member's claimer may revert its own record's other fields, not what the network said.
        using var refused = await claimer.Api.PostAsync($"/api/v1/organizations/{member}/revisions/{revision}/revert", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var editor = await Site.AccountAsync("editor");
        using var reverted = await editor.Api.PostAsync($"/api/v1/organizations/{member}/revisions/{revision}/revert", null);

        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        Assert.Equal("claimed", Status(await Site.Http.GetJsonAsync($"/api/v1/relationships/{id}")));
    }

    [Fact]
    public async Task An_editors_relationship_is_a_third_partys_proposal_and_a_contributors_waits_for_review()
    {
        var (member, network) = await MemberAndNetworkAsync();
        var editor = await Site.AccountAsync("editor");
        var (created, relationship) = await PostAsync(editor.Api, "/api/v1/relationships", Link(member, network));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("proposed", Status(relationship));

        var other = (await Site.SeedAsync(An.Organization("Oven Makers")))[0];
        var contributor = await Site.AccountAsync("contributor");
        var (queued, proposal) = await PostAsync(contributor.Api, "/api/v1/relationships", Link(other, network));
        Assert.Equal(HttpStatusCode.Accepted, queued);
        Assert.Empty((await Site.Http.GetJsonAsync($"/api/v1/organizations/{other}/relationships")).EnumerateArray());

        var maintainer = await Site.AccountAsync("maintainer");
        using var approved = await maintainer.Api.PostAsync($"/api/v1/proposals/{proposal.GetProperty("id").GetInt64()}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var added = (await Site.Http.GetJsonAsync($"/api/v1/organizations/{other}/relationships"))[0];
        Assert.Equal("proposed", Status(added));
        Assert.Equal("editor", added.GetProperty("assertions")[0].GetProperty("voice").GetString());
    }

    [Theory]
    [InlineData("""{"subject_id": 1, "object_id": 1, "type": "member_of"}""", "object_id")]
    [InlineData("""{"subject_id": 1, "object_id": 2, "type": "friend_of"}""", "type")]
    [InlineData("""{"subject_id": 2, "object_id": 1, "type": "member_of"}""", "object_id")]
    [InlineData("""{"subject_id": 1, "object_id": 2, "type": "member_of", "start_date": "2015", "end_date": "2014"}""", "end_date")]
    [InlineData("""{"subject_id": 1, "object_id": 999, "type": "member_of"}""", "object_id")]
    [InlineData("""{"subject_id": 1, "object_id": 2, "type": "member_of", "assertions": []}""", "assertions")]
    [InlineData("""{"subject_id": 1, "object_id": 2, "type": "member_of", "evidence_url": "javascript:alert(1)"}""", "evidence_url")]
    public async Task A_bad_relationship_is_refused_naming_the_field_and_nothing_is_written(string json, string field)
    {
        var (member, network) = await MemberAndNetworkAsync();
        var editor = await Site.AccountAsync("editor");
        json = json.Replace("\"subject_id\": 1", $"\"subject_id\": {member}").Replace("\"object_id\": 1", $"\"object_id\": {member}")
            .Replace("\"subject_id\": 2", $"\"subject_id\": {network}").Replace("\"object_id\": 2", $"\"object_id\": {network}");

        var (status, problem) = await PostAsync(editor.Api, "/api/v1/relationships", json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, (await Site.Http.GetJsonAsync("/api/v1/relationships")).GetProperty("total").GetInt64());
        Assert.Equal(1, (await Site.Http.GetJsonAsync($"/api/v1/organizations/{member}")).GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task A_duplicate_is_refused_and_a_symmetric_type_counts_either_way_round()
    {
        var ids = await Site.SeedAsync(An.Organization("A Co-op"), An.Organization("B Co-op"), An.Organization("Network", kind: "network"));
        var editor = await Site.AccountAsync("editor");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(editor.Api, "/api/v1/relationships", Link(ids[0], ids[2]))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(editor.Api, "/api/v1/relationships", Link(ids[0], ids[2]))).Status);

        var partners = $$"""{"subject_id": {{ids[0]}}, "object_id": {{ids[1]}}, "type": "partner_of"}""";
        var reversed = $$"""{"subject_id": {{ids[1]}}, "object_id": {{ids[0]}}, "type": "partner_of"}""";
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(editor.Api, "/api/v1/relationships", partners)).Status);
        var (status, problem) = await PostAsync(editor.Api, "/api/v1/relationships", reversed);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("already have a partner_of relationship", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_a_sides_verified_claimer_speaks_for_it_and_only_editors_as_a_third_party()
    {
        var (member, network) = await MemberAndNetworkAsync();
        var claimer = await Site.ClaimerAsync(member);
        var (_, relationship) = await PostAsync(claimer.Api, "/api/v1/relationships", Link(member, network));
        var id = relationship.GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(claimer.Api, $"/api/v1/relationships/{id}/assertions", """{"party": "object", "stance": "asserts"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(claimer.Api, $"/api/v1/relationships/{id}/assertions", """{"party": "third", "stance": "denies"}""")).Status);
        var editor = await Site.AccountAsync("editor");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(editor.Api, $"/api/v1/relationships/{id}/assertions", """{"party": "subject", "stance": "denies"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(editor.Api, $"/api/v1/relationships/{id}/assertions", """{"party": "third", "stance": "maybe"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(editor.Api, $"/api/v1/relationships/{id}/assertions", """{"party": "third", "stance": "denies", "voice": "claimer"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(editor.Api, "/api/v1/relationships/99999/assertions", """{"party": "third", "stance": "denies"}""")).Status);

        var (denied, afterDenial) = await PostAsync(editor.Api, $"/api/v1/relationships/{id}/assertions", """{"party": "third", "stance": "denies"}""");
        Assert.Equal(HttpStatusCode.OK, denied);
        Assert.Equal("claimed", Status(afterDenial));
    }

    [Fact]
    public async Task A_patch_cannot_write_relationships_or_their_assertions()
    {
        var (member, network) = await MemberAndNetworkAsync();
        var editor = await Site.AccountAsync("editor");
        foreach (var field in new[] { "member_of", "relationships" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{member}")
            {
                Content = new StringContent($$"""{"{{field}}": [{"organization_id": {{network}}}]}""", Encoding.UTF8, "application/merge-patch+json"),
            };
            request.Headers.IfMatch.ParseAdd("*");
            using var response = await editor.Api.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("POST /api/v1/relationships", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Relationships_are_listed_by_type_status_subject_and_object_a_page_at_a_time()
    {
        var ids = await Site.SeedAsync(An.Organization("Network", kind: "network"), An.Organization("A"), An.Organization("B"), An.Organization("C"));
        var editor = await Site.AccountAsync("editor");
        foreach (var member in ids.Skip(1)) await PostAsync(editor.Api, "/api/v1/relationships", Link(member, ids[0]));
        var claimer = await Site.ClaimerAsync(ids[1]);
        await PostAsync(claimer.Api, "/api/v1/relationships", $$"""{"subject_id": {{ids[1]}}, "object_id": {{ids[2]}}, "type": "supplier_to"}""");

        Assert.Equal(3, (await Site.Http.GetJsonAsync($"/api/v1/relationships?type=member_of&object={ids[0]}")).GetProperty("total").GetInt64());
        var claimed = await Site.Http.GetJsonAsync("/api/v1/relationships?status=claimed");
        Assert.Equal("supplier_to", claimed.GetProperty("items")[0].GetProperty("type").GetString());
        Assert.Equal(2, (await Site.Http.GetJsonAsync($"/api/v1/relationships?subject={ids[1]}")).GetProperty("total").GetInt64());
        var problem = await Site.Http.GetProblemAsync("/api/v1/relationships?status=maybe&type=friend_of");
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("type", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await Site.Http.GetAsync("/api/v1/relationships/424242")).StatusCode);
    }

    [Fact]
    public async Task Deleting_the_object_removes_the_relationship_from_the_subjects_record_with_a_revision()
    {
        var (member, network) = await MemberAndNetworkAsync();
        var editor = await Site.AccountAsync("editor");
        await PostAsync(editor.Api, "/api/v1/relationships", Link(member, network));
        await Site.WriteAsync((writer, session) => writer.DeleteAsync(session, network, new("editor", "closed")));

        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{member}");
        Assert.Empty(record.GetProperty("relationships").EnumerateArray());
        Assert.Equal(3, record.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task Merging_two_networks_keeps_every_assertion_of_a_member_linked_to_both()
    {
        var ids = await Site.SeedAsync(An.Organization("Member"), An.Organization("Federation", kind: "network"), An.Organization("Federation (copy)", kind: "network"));
        var editor = await Site.AccountAsync("editor");
        var claimer = await Site.ClaimerAsync(ids[0]);
        await PostAsync(editor.Api, "/api/v1/relationships", Link(ids[0], ids[2]));
        await PostAsync(claimer.Api, "/api/v1/relationships", Link(ids[0], ids[1]));

        await Site.WriteAsync((writer, session) => writer.MergeAsync(session, ids[2], ids[1], new("editor", "duplicate")));

        var kept = Assert.Single((await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids[0]}/relationships")).EnumerateArray());
        Assert.Equal(ids[1], kept.GetProperty("object").GetProperty("id").GetInt64());
        Assert.Equal(["editor", "claimer"], kept.GetProperty("assertions").EnumerateArray().Select(a => a.GetProperty("voice").GetString()));
        Assert.Equal("claimed", Status(kept));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        var editor = await Site.AccountAsync("editor");
        var (status, _) = await PostAsync(editor.Api, "/api/v1/relationships",
            $$"""{"subject_id": 1, "object_id": 2, "type": "member_of", "note": "{{new string('x', 20_000)}}"}""");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }
}
