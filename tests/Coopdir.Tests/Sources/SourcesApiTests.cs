using System.Net;
using System.Text.Json;
using Coopdir.Core.Accounts;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Sources;

public sealed class SourcesApiTests : SiteTest
{
    [Fact]
    public async Task Retiring_a_source_drops_values_only_it_gave_and_keeps_records_only_it_listed_as_no_longer_listed()
    {
        var s = await TwoSources.ImportAsync(Site);
        var before = await Site.Http.GetJsonAsync($"/api/v1/organizations/{s.Bakery}");
        Assert.Equal("Riverside Bakery Co-op", before.GetProperty("name").GetString());
        Assert.Equal("https://riverside.example", before.GetProperty("website").GetString());

        var editor = await Site.AccountAsync(Roles.Editor);
        using var response = await editor.Api.PostAsync($"/api/v1/sources/{s.Alpha}/retirement", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var report = JsonDocument.Parse(body).RootElement;
        Assert.Equal(1, report.GetProperty("records_remerged").GetInt32());
        Assert.Equal(1, report.GetProperty("records_listed_by_no_source").GetInt32());
        Assert.NotEqual(JsonValueKind.Null, report.GetProperty("source").GetProperty("retired_at").ValueKind);

        var bakery = await Site.Http.GetJsonAsync($"/api/v1/organizations/{s.Bakery}");
        Assert.Equal("Riverside Bakery", bakery.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, bakery.GetProperty("website").ValueKind);
        Assert.Equal("Bread from Leeds", bakery.GetProperty("description").GetString());
        Assert.False(bakery.GetProperty("no_longer_listed").GetBoolean());

        var alone = await Site.Http.GetJsonAsync($"/api/v1/organizations/{s.AlphaOnly}");
        Assert.True(alone.GetProperty("no_longer_listed").GetBoolean());
        Assert.Equal("Hillside Housing Co-op", alone.GetProperty("name").GetString());
        Assert.Contains("No longer listed by any source", await Site.Http.GetStringAsync($"/organizations/{s.AlphaOnly}"));
        var history = await Site.Http.GetStringAsync($"/api/v1/organizations/{s.Bakery}/revisions");
        Assert.Contains($"Source {TwoSources.AlphaName} retired", history);
    }

    [Fact]
    public async Task Importing_a_retired_source_again_brings_its_values_back()
    {
        var s = await TwoSources.ImportAsync(Site);
        var editor = await Site.AccountAsync(Roles.Editor);
        (await editor.Api.PostAsync($"/api/v1/sources/{s.Alpha}/retirement", null)).EnsureSuccessStatusCode();

        await TwoSources.ImportAlphaAsync(Site);

        var bakery = await Site.Http.GetJsonAsync($"/api/v1/organizations/{s.Bakery}");
        Assert.Equal("https://riverside.example", bakery.GetProperty("website").GetString());
        Assert.Equal("Riverside Bakery Co-op", bakery.GetProperty("name").GetString());
        Assert.False((await Site.Http.GetJsonAsync($"/api/v1/organizations/{s.AlphaOnly}")).GetProperty("no_longer_listed").GetBoolean());
        var source = await Site.Http.GetJsonAsync($"/api/v1/sources/{s.Alpha}");
        Assert.Equal(JsonValueKind.Null, source.GetProperty("retired_at").ValueKind);
    }

    [Fact]
    public async Task Sources_are_listed_with_publisher_licence_vintage_and_the_organizations_they_list()
    {
        var s = await TwoSources.ImportAsync(Site);
        var sources = await Site.Http.GetJsonAsync("/api/v1/sources");
        var alpha = sources.EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == s.Alpha);
        Assert.Equal(TwoSources.AlphaName, alpha.GetProperty("name").GetString());
        Assert.Equal("Alpha register publisher", alpha.GetProperty("publisher").GetString());
        Assert.Equal("CC-BY-4.0", alpha.GetProperty("licence").GetProperty("id").GetString());
        Assert.Equal("2024", alpha.GetProperty("vintage").GetString());
        Assert.Equal(2, alpha.GetProperty("records").GetInt32());
        Assert.Equal(1, alpha.GetProperty("only_listed").GetInt32());
        Assert.Equal(JsonValueKind.Null, alpha.GetProperty("retired_at").ValueKind);
        Assert.Equal(1, (await Site.Http.GetJsonAsync($"/api/v1/sources/{s.Beta}")).GetProperty("records").GetInt32());
    }

    [Fact]
    public async Task Retiring_takes_an_editors_token_an_unknown_source_is_404_and_a_retired_one_409()
    {
        var s = await TwoSources.ImportAsync(Site);
        var contributor = await Site.AccountAsync(Roles.Contributor);
        using (var refused = await contributor.Api.PostAsync($"/api/v1/sources/{s.Alpha}/retirement", null))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using (var anonymous = await Site.Http.PostAsync($"/api/v1/sources/{s.Alpha}/retirement", null))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var editor = await Site.AccountAsync(Roles.Editor);
        using (var missing = await editor.Api.PostAsync("/api/v1/sources/999999/retirement", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        }
        await Site.Http.GetJsonAsync("/api/v1/sources/999999", HttpStatusCode.NotFound);
        (await editor.Api.PostAsync($"/api/v1/sources/{s.Alpha}/retirement", null)).EnsureSuccessStatusCode();
        using var again = await editor.Api.PostAsync($"/api/v1/sources/{s.Alpha}/retirement", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already retired", await again.Content.ReadAsStringAsync());
    }
}
