using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Coopdir.Tests.Exports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Organizations;

public sealed class OrganizationNegotiationTests : SiteTest
{
    [Fact]
    public async Task The_organization_url_serves_html_json_or_json_ld_as_the_client_asks()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        var url = $"/organizations/{seeded.Tricky}";

        using var html = await GetAsync(url, null);
        using var json = await GetAsync(url, "application/json");
        using var jsonLd = await GetAsync(url, "application/ld+json");
        using var browser = await GetAsync(url, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var preferLd = await GetAsync(url, "application/json;q=0.5, application/ld+json");

        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/html", browser.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Accept", html.Headers.Vary);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var detail = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.Equal(ExportTestData.TrickyName, (string?)detail["name"]);
        Assert.Equal("\"1\"", json.Headers.ETag!.Tag);
        Assert.Equal("application/ld+json", jsonLd.Content.Headers.ContentType!.MediaType);
        var document = await jsonLd.Content.ReadAsStringAsync();
        var expanded = await JsonLdProcessor.ExpandAsync(document);
        Assert.Equal(new Uri(Site.BaseAddress, url).AbsoluteUri, (string?)Assert.Single(expanded)!["@id"]);
        Assert.Equal("application/ld+json", preferLd.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task An_unknown_organization_asked_for_as_json_gets_problem_details()
    {
        using var response = await GetAsync("/organizations/999", "application/json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_murmurations_profile_is_valid_against_the_murmurations_organizations_schema()
    {
        var seeded = await ExportTestData.SeedAsync(Site);

        foreach (var id in new[] { seeded.Network, seeded.Tricky, seeded.Formula })
        {
            var profile = JsonNode.Parse((await Site.Http.GetJsonAsync($"/organizations/{id}/murmurations.json")).GetRawText());
            OfficialSchemas.Murmurations.AssertValid("organizations_schema-v1.0.0.json", profile, $"The profile of {id}");
        }
        var tricky = JsonNode.Parse((await Site.Http.GetJsonAsync($"/organizations/{seeded.Tricky}/murmurations.json")).GetRawText())!;
        Assert.Equal(ExportTestData.TrickyName, (string?)tricky["name"]);
        Assert.Equal("https://schema.org/memberOf", (string?)tricky["relationships"]![0]!["predicate_url"]);
        Assert.NotEmpty(OfficialSchemas.Murmurations.Errors("organizations_schema-v1.0.0.json", new JsonObject { ["name"] = "No linked schemas" }));
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        return await Site.Http.SendAsync(request);
    }
}
