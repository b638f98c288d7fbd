using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Edits;

public sealed class ProposalsApiTests : SiteTest
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task A_contributors_proposal_waits_until_a_maintainer_approves_it()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods").Described("A wholesaler")))[0];
        var contributor = await Site.AccountAsync("contributor", "Ada");
        var maintainer = await Site.AccountAsync("maintainer", "Grace");

        using var proposed = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new
        {
            organization_id = id, base_revision = 1, patch = new { description = "A worker co-operative wholesaler" }, summary = "Say what it is",
        });
        var proposal = await Body(proposed);
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        Assert.Equal("pending", proposal.GetProperty("status").GetString());
        Assert.Equal("description", proposal.GetProperty("changes")[0].GetProperty("field").GetString());
        Assert.Equal("A wholesaler", (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("description").GetString());

        var queue = await Site.Http.GetJsonAsync("/api/v1/proposals?status=pending");
        Assert.Equal(proposal.GetProperty("id").GetInt64(), queue[0].GetProperty("id").GetInt64());

        using var approved = await maintainer.Api.PostAsync($"/api/v1/proposals/{proposal.GetProperty("id")}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await Body(approved)).GetProperty("status").GetString());
        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal("A worker co-operative wholesaler", record.GetProperty("description").GetString());
        Assert.Equal(2, record.GetProperty("revision").GetInt32());

        var history = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}/revisions");
        Assert.Equal("Ada", history[0].GetProperty("author").GetString());
        Assert.Equal("A wholesaler", history[0].GetProperty("changes")[0].GetProperty("before").GetString());
    }

    [Fact]
    public async Task A_rejected_proposal_tells_its_author_why_and_changes_nothing()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var contributor = await Site.AccountAsync("contributor");
        var maintainer = await Site.AccountAsync("maintainer");
        using var proposed = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new { organization_id = id, base_revision = 1, patch = new { name = "Soma" }, summary = "typo" });
        var proposalId = (await Body(proposed)).GetProperty("id").GetInt64();

        using var withoutReason = await maintainer.Api.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/reject", new { });
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Contains("reason", (await Body(withoutReason)).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        using var rejected = await maintainer.Api.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/reject", new { reason = "Suma is the registered name" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var seen = await contributor.Api.GetFromJsonAsync<JsonElement>($"/api/v1/proposals/{proposalId}");
        Assert.Equal("rejected", seen.GetProperty("status").GetString());
        Assert.Equal("Suma is the registered name", seen.GetProperty("reason").GetString());
        Assert.Equal("Suma Wholefoods", (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_editors_proposal_applies_at_once_and_can_create_an_organization()
    {
        var editor = await Site.AccountAsync("editor");
        using var created = await editor.Api.PostAsJsonAsync("/api/v1/proposals", new
        {
            patch = new { name = "Bread Co-op", kind = "cooperative", types = new[] { "worker" }, locations = new[] { new { locality = "Leeds", country = "GB" } } },
            summary = "New bakery",
        });
        var proposal = await Body(created);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("approved", proposal.GetProperty("status").GetString());
        var id = proposal.GetProperty("organization_id").GetInt64();
        Assert.Equal("Leeds", (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("locations")[0].GetProperty("locality").GetString());
    }

    [Fact]
    public async Task Spam_looking_proposals_stay_in_the_queue_whatever_the_authors_role()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var admin = await Site.AccountAsync("admin");
        using var proposed = await admin.Api.PostAsJsonAsync("/api/v1/proposals", new
        {
            organization_id = id, base_revision = 1, summary = "more links",
            patch = new { description = "Best casino bonus http://a.example http://b.example http://c.example http://d.example" },
        });
        var proposal = await Body(proposed);
        Assert.Equal("pending", proposal.GetProperty("status").GetString());
        Assert.Contains("links", proposal.GetProperty("held_because").GetString());
        Assert.Null((await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_proposal_naming_unknown_or_read_only_fields_gets_400_naming_them()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];
        var contributor = await Site.AccountAsync("contributor");
        using var response = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new
        {
            organization_id = id, base_revision = 1, summary = "x", patch = new { revision = 9, colour = "red", website = "javascript:alert(1)" },
        });
        var errors = (await Body(response)).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("is read-only", errors.GetProperty("revision")[0].GetString());
        Assert.Equal("is not a field of an organization", errors.GetProperty("colour")[0].GetString());
    }

    [Fact]
    public async Task A_stale_proposal_is_flagged_with_a_three_way_diff_and_approving_a_conflicting_one_is_refused()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var contributor = await Site.AccountAsync("contributor");
        var editor = await Site.AccountAsync("editor");
        var maintainer = await Site.AccountAsync("maintainer");
        using var proposed = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new { organization_id = id, base_revision = 1, patch = new { name = "Suma" }, summary = "short name" });
        var proposalId = (await Body(proposed)).GetProperty("id").GetInt64();
        using var edit = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{id}")
        {
            Content = new StringContent("""{"name":"Suma Wholefoods Ltd"}""", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        edit.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        Assert.Equal(HttpStatusCode.OK, (await editor.Api.SendAsync(edit)).StatusCode);

        var seen = await Site.Http.GetJsonAsync($"/api/v1/proposals/{proposalId}");
        Assert.True(seen.GetProperty("stale").GetBoolean());
        var name = seen.GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "name");
        Assert.Equal(("Suma Wholefoods", "Suma Wholefoods Ltd", "Suma", true),
            (name.GetProperty("base").GetString(), name.GetProperty("current").GetString(), name.GetProperty("proposed").GetString(), name.GetProperty("conflict").GetBoolean()));

        using var approve = await maintainer.Api.PostAsync($"/api/v1/proposals/{proposalId}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, approve.StatusCode);
        Assert.Equal("Suma Wholefoods Ltd", (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_stale_proposal_touching_other_fields_is_carried_onto_the_current_version()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var contributor = await Site.AccountAsync("contributor");
        var editor = await Site.AccountAsync("editor");
        var maintainer = await Site.AccountAsync("maintainer");
        using var proposed = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new { organization_id = id, base_revision = 1, patch = new { phone = "01422 313845" }, summary = "phone" });
        var proposalId = (await Body(proposed)).GetProperty("id").GetInt64();
        using var direct = await editor.Api.PostAsJsonAsync("/api/v1/proposals", new { organization_id = id, base_revision = 1, patch = new { sector = "retail" }, summary = "sector" });

        using var approve = await maintainer.Api.PostAsync($"/api/v1/proposals/{proposalId}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal(("retail", "01422 313845", 3), (record.GetProperty("sector").GetString(), record.GetProperty("phone").GetString(), record.GetProperty("revision").GetInt32()));
    }

    [Fact]
    public async Task Approved_merge_and_removal_proposals_fold_a_duplicate_and_remove_a_record()
    {
        var ids = await Site.SeedAsync(An.Organization("Suma Wholefoods"), An.Organization("Suma"), An.Organization("Spam Ltd"));
        var contributor = await Site.AccountAsync("contributor");
        var maintainer = await Site.AccountAsync("maintainer");

        using var merge = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new { action = "merge", organization_id = ids[1], merge_into = ids[0], summary = "duplicate" });
        using var removal = await contributor.Api.PostAsJsonAsync("/api/v1/proposals", new { action = "delete", organization_id = ids[2], base_revision = 1, summary = "not a co-op" });
        foreach (var proposed in new[] { merge, removal })
        {
            using var approved = await maintainer.Api.PostAsync($"/api/v1/proposals/{(await Body(proposed)).GetProperty("id")}/approve", null);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }

        var survivor = await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids[0]}");
        Assert.Equal("Suma", survivor.GetProperty("alternate_names")[0].GetString());
        await Site.Http.GetJsonAsync($"/api/v1/organizations/{ids[2]}", HttpStatusCode.NotFound);
    }
}
