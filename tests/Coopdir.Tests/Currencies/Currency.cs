using System.Net.Http.Json;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Currencies;

/// <summary>Test currencies and the steps of acceptance, over the real API.</summary>
public static class Currency
{
    /// <summary>A made-up currency for tests: no open dataset of currencies exists, so every one here is invented for the test.</summary>
    public static OrganizationContent Named(string name, params (string Scheme, string Code)[] facets) =>
        An.Organization(name, kind: "currency") with
        {
            Classifications = facets.Select(f => new Classification(f.Scheme, f.Code)).ToList(),
        };

    /// <summary>The business's claimer says it accepts the currency (claimed); returns the relationship's id.</summary>
    public static async Task<long> AssertAcceptsAsync(TestAccount businessClaimer, long business, long currency)
    {
        using var response = await businessClaimer.Api.PostAsJsonAsync("/api/v1/relationships",
            new { subject_id = business, object_id = currency, type = "accepts_currency" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal("claimed", body.GetProperty("status").GetString());
        return body.GetProperty("id").GetInt64();
    }

    /// <summary>The currency's claimer confirms the relationship from its side.</summary>
    public static async Task ConfirmAsync(TestAccount currencyClaimer, long relationship)
    {
        using var response = await currencyClaimer.Api.PostAsJsonAsync($"/api/v1/relationships/{relationship}/assertions", new { party = "object", stance = "asserts" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.Equal("confirmed", body.GetProperty("status").GetString());
    }

    public static IEnumerable<long> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64());
}
