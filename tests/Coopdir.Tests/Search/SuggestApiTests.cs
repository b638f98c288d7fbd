using System.Net;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Search;

public sealed class SuggestApiTests : SiteTest
{
    private static List<string> Names(JsonElement result, string list) =>
        result.GetProperty(list).EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();

    [Fact]
    public async Task Suggest_offers_names_and_places_starting_with_what_was_typed()
    {
        var ids = await Site.SeedAsync(
            An.Organization("Manchester Bakers Co-op").In("GB", "Manchester"),
            An.Organization("Unicorn Grocery").In("GB", "Manchester"),
            An.Organization("Mansfield Credit Union").In("GB", "Mansfield"),
            An.Organization("Leeds Bread").In("GB", "Leeds"));

        var result = await Site.Http.GetJsonAsync("/api/v1/suggest?q=manch");

        Assert.Equal("manch", result.GetProperty("query").GetString());
        Assert.Equal(["Manchester Bakers Co-op"], Names(result, "names"));
        var name = result.GetProperty("names")[0];
        Assert.Equal(ids[0], name.GetProperty("id").GetInt64());
        Assert.Equal("Manchester, United Kingdom", name.GetProperty("place").GetString());
        Assert.Equal($"/organizations/{ids[0]}", name.GetProperty("url").GetString());
        var place = result.GetProperty("places")[0];
        Assert.Equal("Manchester", place.GetProperty("name").GetString());
        Assert.Equal(2, place.GetProperty("count").GetInt64());
        Assert.Equal("/search?place=Manchester&radius_km=10", place.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Suggest_finds_names_by_any_of_their_words_and_forgives_case_diacritics_and_co_op_spellings()
    {
        await Site.SeedAsync(An.Organization("Cooperativa Agrícola San José"), An.Organization("The Phone Co-op"));

        Assert.Equal(["Cooperativa Agrícola San José"], Names(await Site.Http.GetJsonAsync("/api/v1/suggest?q=AGRICO"), "names"));
        Assert.Equal(["The Phone Co-op"], Names(await Site.Http.GetJsonAsync("/api/v1/suggest?q=phone%20coop"), "names"));
        Assert.Equal(["The Phone Co-op"], Names(await Site.Http.GetJsonAsync("/api/v1/suggest?q=the%20pho"), "names"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("%22%20NEAR(%20*")]
    public async Task Suggest_with_nothing_to_search_answers_empty_lists(string q)
    {
        await Site.SeedAsync(An.Organization("Bread"));
        var result = await Site.Http.GetJsonAsync($"/api/v1/suggest?q={q}");
        Assert.Empty(Names(result, "names"));
        Assert.Empty(Names(result, "places"));
    }

    [Fact]
    public async Task A_suggest_query_that_is_too_long_gets_400_naming_q()
    {
        using var response = await Site.Http.GetAsync($"/api/v1/suggest?q={new string('a', 101)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }
}
