using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coopdir.Core.Areas;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.CivicProblems;

/// <summary>
/// What the problems tests start from: a few areas (the United States, California, Oakland; England, Leeds), a
/// city with its digital service team's verified claimer, a tech co-op with its claimer, a shared solution and a
/// community currency.
/// </summary>
public sealed record ProblemWorld(TestSite Site, long City, long Coop, long Solution, long Currency, TestAccount CityTeam, TestAccount CoopMember)
{
    public const string California = "ocd-division/country:us/state:ca";
    public const string Oakland = "ocd-division/country:us/state:ca/place:oakland";
    public const string Leeds = "ocd-division/country:gb/part:eng/place:leeds";

    public static async Task<ProblemWorld> SeedAsync(TestSite site)
    {
        const string source = "test";
        await AreaRows.LoadAsync(site.Store, new AreaList(
        [
            new Area("ocd-division/country:us", "United States", AreaLevel.Country, null, source),
            new Area(California, "California", AreaLevel.Region, "ocd-division/country:us", source),
            new Area(Oakland, "Oakland", AreaLevel.City, California, source),
            new Area("ocd-division/country:gb", "United Kingdom", AreaLevel.Country, null, source),
            new Area("ocd-division/country:gb/part:eng", "England", AreaLevel.Region, "ocd-division/country:gb", source),
            new Area(Leeds, "Leeds", AreaLevel.City, "ocd-division/country:gb/part:eng", source),
        ], [], []), DateTimeOffset.UtcNow);
        var ids = await site.SeedAsync(
            An.Organization("City of Oakland Digital Services", "digital-service").In("US", "Oakland"),
            An.Organization("Bay Tech Workers Co-op").In("US", "Oakland"),
            An.Organization("Decidim", "solution"),
            An.Organization("Oakland Hours", "currency"));
        return new ProblemWorld(site, ids[0], ids[1], ids[2], ids[3], await site.ClaimerAsync(ids[0], "Dana of Oakland"), await site.ClaimerAsync(ids[1], "Sam of Bay Tech"));
    }

    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A problem the city's team posts, with the fields given replacing the defaults.</summary>
    public object Problem(string title = "Residents cannot follow council decisions", string area = Oakland, string category = "digital-citizenship",
        decimal? bounty = 5000m, string? currency = "USD", string? deadline = null) => new Dictionary<string, object?>
    {
        ["organization_id"] = City, ["title"] = title, ["description"] = "We need a participatory platform residents can use to propose and follow decisions.",
        ["area"] = area, ["category"] = category, ["bounty_amount"] = bounty, ["bounty_currency"] = currency, ["deadline"] = deadline,
    };

    public async Task<long> PostAsync(object? problem = null)
    {
        using var posted = await CityTeam.Api.PostAsync("/api/v1/problems", Body(problem ?? Problem()));
        Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);
        return (await JsonOf(posted)).GetProperty("id").GetInt64();
    }

    public async Task<long> RespondAsync(long problem)
    {
        using var responded = await CoopMember.Api.PostAsync($"/api/v1/problems/{problem}/responses",
            Body(new { organization_id = Coop, text = "We run Decidim for two cities and can set it up in eight weeks.", links = new[] { "https://example.org/decidim-plan" } }));
        Assert.Equal(System.Net.HttpStatusCode.Created, responded.StatusCode);
        return (await JsonOf(responded)).GetProperty("responses").EnumerateArray().Last().GetProperty("id").GetInt64();
    }

    public async Task SolveAsync(long problem)
    {
        var response = await RespondAsync(problem);
        using var accepted = await CityTeam.Api.PostAsync($"/api/v1/problems/{problem}/accept", Body(new { response_id = response }));
        using var solved = await CityTeam.Api.PostAsync($"/api/v1/problems/{problem}/solve", Body(new { solution_id = Solution }));
        Assert.Equal(System.Net.HttpStatusCode.OK, solved.StatusCode);
    }
}
