using System.Net;
using System.Text.Json;

namespace Coopdir.Tests.Support;

public static class Json
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        (await GetAsync(http, url, expected)).Body;

    /// <summary>GETs a request that must be refused with 400 problem details, and returns the problem.</summary>
    public static async Task<JsonElement> GetProblemAsync(this HttpClient http, string url)
    {
        var (mediaType, problem) = await GetAsync(http, url, HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", mediaType);
        return problem;
    }

    private static async Task<(string? MediaType, JsonElement Body)> GetAsync(HttpClient http, string url, HttpStatusCode expected)
    {
        using var response = await http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return (response.Content.Headers.ContentType?.MediaType, JsonDocument.Parse(body).RootElement.Clone());
    }

    public static IReadOnlyList<string> Names(this JsonElement searchResult) =>
        searchResult.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
}
