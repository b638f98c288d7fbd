using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Solutions;

/// <summary>A shared solution is a record of kind "solution": its vocabulary codes are classifications, the rest its solution facts.</summary>
public sealed class SolutionRecordTests : SiteTest
{
    private static object Solution(string kind = "solution", string status = "stable") => new
    {
        patch = new
        {
            name = "Decidim test", kind, website = "https://decidim.org/", description = "Participatory democracy for cities.",
            classifications = new[]
            {
                new { scheme = "solution-type", code = "software" }, new { scheme = "development-status", code = status },
                new { scheme = "solution-category", code = "digital-citizenship" }, new { scheme = "country-of-use", code = "ES" },
            },
            identifiers = new[] { new { scheme = "code-repository", value = "https://github.com/decidim/decidim" } },
            solution = new
            {
                licence = "AGPL-3.0-only", version = "0.28.0", release_date = "2024-05-01", platforms = new[] { "web" },
                texts = new[] { new { language = "es", short_description = "Democracia participativa", features = new[] { "Presupuestos participativos" } } },
                parties = new[] { new { role = "user", name = "Ajuntament de Barcelona" } },
            },
        },
        summary = "A shared solution",
    };

    [Fact]
    public async Task A_solution_keeps_its_facets_and_facts_and_reads_them_back_with_labels()
    {
        var editor = await Site.AccountAsync("editor");

        using var response = await editor.Api.PostAsJsonAsync("/api/v1/proposals", Solution());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("organization_id").GetInt64();
        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        Assert.Equal("solution", record.GetProperty("kind").GetString());
        var solution = record.GetProperty("solution");
        Assert.Equal("AGPL-3.0-only", solution.GetProperty("licence").GetString());
        Assert.Equal("Democracia participativa", solution.GetProperty("texts")[0].GetProperty("short_description").GetString());
        Assert.Equal("Ajuntament de Barcelona", solution.GetProperty("parties")[0].GetProperty("name").GetString());
        var labels = record.GetProperty("classifications").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("label").GetString());
        Assert.Equal("Stable", labels["stable"]);
        Assert.Equal("Spain", labels["ES"]);
        var found = await Site.Http.GetJsonAsync("/api/v1/organizations?q=democracia&kind=solution");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task Solution_facts_on_another_kind_or_a_status_outside_the_vocabulary_get_400_naming_the_field()
    {
        var editor = await Site.AccountAsync("editor");

        using var cooperative = await editor.Api.PostAsJsonAsync("/api/v1/proposals", Solution(kind: "cooperative"));
        using var unknownStatus = await editor.Api.PostAsJsonAsync("/api/v1/proposals", Solution(status: "finished"));

        Assert.Equal(HttpStatusCode.BadRequest, cooperative.StatusCode);
        var errors = (await cooperative.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("solution", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("classifications[0].scheme", out _), errors.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownStatus.StatusCode);
        Assert.Contains("'finished' is not in the development-status vocabulary",
            (await unknownStatus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("classifications[1].code")[0].GetString());
    }
}
