using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Claims;

/// <summary>The organizations' websites here are on loopback, which the site verifies claims against only when allowed to.</summary>
public sealed class ClaimsApiTests() : SiteTest(new SiteOptions { Configuration = ["--Claims:AllowPrivateAddresses=true"] })
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task<HttpStatusCode> PatchPhone(TestAccount account, long id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/organizations/{id}")
        {
            Content = new StringContent("""{"phone":"0113 496 0000"}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using var response = await account.Api.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task An_organization_that_publishes_its_token_on_its_website_can_then_edit_its_listing_directly()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        var id = (await Site.SeedAsync(An.Organization("Leeds Bread Co-op") with { Website = website.Address.ToString() }))[0];
        var member = await Site.AccountAsync("contributor");
        Assert.Equal(HttpStatusCode.Forbidden, await PatchPhone(member, id));

        using var started = await member.Api.PostAsync($"/api/v1/organizations/{id}/claims", null);
        var token = (await Body(started)).GetProperty("token").GetString()!;
        using var tooEarly = await member.Api.PostAsync($"/api/v1/organizations/{id}/claims/verify", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooEarly.StatusCode);

        website.Pages["/.well-known/coopdir-verification.txt"] = $"# Coopdir\n{token}\n";
        using var verified = await member.Api.PostAsync($"/api/v1/organizations/{id}/claims/verify", null);

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("verified", (await Body(verified)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, await PatchPhone(member, id));
    }

    [Fact]
    public async Task A_meta_tag_on_the_home_page_verifies_a_claim_too()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        var id = (await Site.SeedAsync(An.Organization() with { Website = website.Address.ToString() }))[0];
        var member = await Site.AccountAsync("contributor");
        using var started = await member.Api.PostAsync($"/api/v1/organizations/{id}/claims", null);
        var token = (await Body(started)).GetProperty("token").GetString()!;

        website.Pages["/"] = $"<!DOCTYPE html><html><head><meta name=\"coopdir-verification\" content=\"{token}\"></head><body>Hi</body></html>";
        using var verified = await member.Api.PostAsync($"/api/v1/organizations/{id}/claims/verify", null);

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
    }

    [Fact]
    public async Task Claims_are_not_verified_against_loopback_or_private_addresses_by_default()
    {
        await using var website = await OrganizationWebsite.StartAsync();
        var site = await StartSiteAsync();
        var id = (await site.SeedAsync(An.Organization() with { Website = website.Address.ToString() }))[0];
        var member = await site.AccountAsync("contributor");
        using var started = await member.Api.PostAsync($"/api/v1/organizations/{id}/claims", null);
        website.Pages["/.well-known/coopdir-verification.txt"] = (await Body(started)).GetProperty("token").GetString()!;

        using var verify = await member.Api.PostAsync($"/api/v1/organizations/{id}/claims/verify", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, verify.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, await PatchPhone(member, id));
    }
}
