using System.Net;
using System.Text.Json.Nodes;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Reconciliation;

/// <summary>Calls the reconciliation service the way its clients do, checking each answer against the version's official schema.</summary>
internal static class ReconcileClient
{
    /// <summary>POSTs a form (what OpenRefine sends) and returns the JSON answer, which must validate against <paramref name="schema"/>.</summary>
    public static async Task<JsonNode> PostFormAsync(this HttpClient http, string url, string field, JsonNode value, string schema, SchemaSet schemas)
    {
        using var response = await http.PostAsync(url, new FormUrlEncodedContent([KeyValuePair.Create(field, value.ToJsonString())]));
        return await ValidAsync(response, schema, schemas);
    }

    public static async Task<JsonNode> PostJsonAsync(this HttpClient http, string url, JsonNode body, string schema, SchemaSet schemas)
    {
        using var response = await http.PostAsync(url, new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        return await ValidAsync(response, schema, schemas);
    }

    public static async Task<JsonNode> GetValidAsync(this HttpClient http, string url, string schema, SchemaSet schemas)
    {
        using var response = await http.GetAsync(url);
        return await ValidAsync(response, schema, schemas);
    }

    /// <summary>A request that must be refused with <paramref name="status"/> and a problem naming <paramref name="field"/> (when given).</summary>
    public static async Task<JsonNode> ProblemAsync(this HttpClient http, HttpRequestMessage request, HttpStatusCode status, string? field = null)
    {
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{request.Method} {request.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        if (field is not null) Assert.True(problem["errors"]?[field] is not null, $"no error for {field}: {body}");
        return problem;
    }

    public static HttpRequestMessage Form(string url, string field, string value) =>
        new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent([KeyValuePair.Create(field, value)]) };

    private static async Task<JsonNode> ValidAsync(HttpResponseMessage response, string schema, SchemaSet schemas)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode}: {body}");
        var json = JsonNode.Parse(body)!;
        schemas.AssertValid(schema, json, $"{response.RequestMessage?.RequestUri}");
        return json;
    }
}
