using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Edits;

public sealed class OrganizationEditsApiTests : SiteTest
{
    private static HttpRequestMessage Patch(long id, string json, string? ifMatch, string contentType = "application/merge-patch+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{id}?summary=test")
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task Two_concurrent_edits_from_one_revision_apply_exactly_one_and_the_other_gets_412_with_the_current_version()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var first = await Site.AccountAsync("editor");
        var second = await Site.AccountAsync("editor");

        var responses = await Task.WhenAll(
            first.Api.SendAsync(Patch(id, """{"phone":"0111 111111"}""", "\"1\"")),
            second.Api.SendAsync(Patch(id, """{"phone":"0222 222222"}""", "\"1\"")));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var loser = responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed);
        var winningPhone = (await Body(winner)).GetProperty("phone").GetString();
        var problem = await Body(loser);
        Assert.Equal(2, problem.GetProperty("current_revision").GetInt32());
        Assert.Equal(winningPhone, problem.GetProperty("current").GetProperty("phone").GetString());
        Assert.Equal("\"2\"", loser.Headers.ETag?.Tag);
        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal((2, winningPhone), (record.GetProperty("revision").GetInt32(), record.GetProperty("phone").GetString()));
        Assert.Equal(2, (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}/revisions")).GetArrayLength());
    }

    [Fact]
    public async Task A_merge_patch_changes_only_what_it_names_and_null_removes_a_field()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods").Described("Wholesaler").In("GB", "Elland") with { Phone = "01422 313845" }))[0];
        var editor = await Site.AccountAsync("editor");

        using var response = await editor.Api.SendAsync(Patch(id, """{"phone":null,"locations":[{"locality":"Halifax","country":"GB"}],"identifiers":[{"scheme":"GB-COH","value":"IP12345"}]}""", "\"1\""));

        var record = await Body(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal(JsonValueKind.Null, record.GetProperty("phone").ValueKind);
        Assert.Equal("Wholesaler", record.GetProperty("description").GetString());
        Assert.Equal("Halifax", record.GetProperty("locations")[0].GetProperty("locality").GetString());
        Assert.Equal("IP12345", record.GetProperty("identifiers")[0].GetProperty("value").GetString());
    }

    [Fact]
    public async Task Text_with_a_nul_character_is_refused_naming_the_field_and_nothing_is_written()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods").Described("Wholesaler")))[0];
        var editor = await Site.AccountAsync("editor");

        using var response = await editor.Api.SendAsync(Patch(id, "{\"description\":\"Whole\\u0000saler\"}", "\"1\""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Body(response)).GetProperty("errors");
        Assert.Contains("U+0000", errors.GetProperty("description")[0].GetString());
        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal("Wholesaler", record.GetProperty("description").GetString());
        Assert.Equal(1, record.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task A_patch_needs_if_match_and_the_merge_patch_media_type()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];
        var editor = await Site.AccountAsync("editor");

        using var withoutIfMatch = await editor.Api.SendAsync(Patch(id, """{"phone":"0111"}""", null));
        using var asPlainJson = await editor.Api.SendAsync(Patch(id, """{"phone":"0111"}""", "\"1\"", "application/json"));
        using var invalid = await editor.Api.SendAsync(Patch(id, """{"founded_on":"last year"}""", "\"1\""));

        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asPlainJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await Body(invalid)).GetProperty("errors").TryGetProperty("founded_on", out _));
    }

    [Fact]
    public async Task A_contributor_cannot_patch_directly()
    {
        var id = (await Site.SeedAsync(An.Organization()))[0];
        var contributor = await Site.AccountAsync("contributor");
        using var response = await contributor.Api.SendAsync(Patch(id, """{"phone":"0111 111111"}""", "\"1\""));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Reverting_a_revision_restores_what_it_changed_as_a_new_revision()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods") with { Phone = "01422 313845" }))[0];
        var editor = await Site.AccountAsync("editor");
        Assert.Equal(HttpStatusCode.OK, (await editor.Api.SendAsync(Patch(id, """{"phone":"0999 999999","name":"Vandalised"}""", "\"1\""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await editor.Api.SendAsync(Patch(id, """{"sector":"retail"}""", "\"2\""))).StatusCode);

        using var reverted = await editor.Api.PostAsync($"/api/v1/organizations/{id}/revisions/2/revert", null);

        var record = await Body(reverted);
        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        Assert.Equal(("Suma Wholefoods", "01422 313845", "retail", 4),
            (record.GetProperty("name").GetString(), record.GetProperty("phone").GetString(), record.GetProperty("sector").GetString(), record.GetProperty("revision").GetInt32()));
        var history = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}/revisions");
        Assert.StartsWith("Revert revision 2", history[0].GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Reverting_a_revision_whose_fields_changed_again_is_a_conflict()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Site.AccountAsync("editor");
        await editor.Api.SendAsync(Patch(id, """{"name":"Suma"}""", "\"1\""));
        await editor.Api.SendAsync(Patch(id, """{"name":"Suma Ltd"}""", "\"2\""));

        using var reverted = await editor.Api.PostAsync($"/api/v1/organizations/{id}/revisions/2/revert", null);

        Assert.Equal(HttpStatusCode.Conflict, reverted.StatusCode);
        Assert.Equal("Suma Ltd", (await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}")).GetProperty("name").GetString());
    }
}
