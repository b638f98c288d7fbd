using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Currencies;

public sealed class CurrenciesApiTests : SiteTest
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient api, HttpMethod method, string url, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url)
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json"),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static IReadOnlyDictionary<string, string> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => string.Join(" ", p.Value.EnumerateArray().Select(m => m.GetString())));

    [Fact]
    public async Task An_editor_creates_a_currency_whose_facets_read_back_with_their_labels()
    {
        var editor = await Site.AccountAsync("editor");

        var (status, proposal) = await SendAsync(editor.Api, HttpMethod.Post, "/api/v1/proposals", new
        {
            patch = new
            {
                name = "Test Valley Pound", kind = "currency", founded_on = "2012",
                classifications = new[]
                {
                    new { scheme = "cc-monetary-model", code = "selfIssued" }, new { scheme = "cc-convertibility", code = "fullReserve" },
                    new { scheme = "cc-cost-recovery", code = "grants" }, new { scheme = "cc-cost-recovery", code = "membershipFee" },
                },
            },
            summary = "A test currency",
        });

        Assert.Equal(HttpStatusCode.Created, status);
        var id = proposal.GetProperty("organization_id").GetInt64();
        var currency = await Site.Http.GetJsonAsync($"/api/v1/currencies/{id}");
        Assert.Equal(2012, currency.GetProperty("launch_year").GetInt32());
        var facets = currency.GetProperty("facets").EnumerateArray().ToDictionary(f => f.GetProperty("scheme").GetString()!,
            f => f.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("code").GetString()!).ToList());
        Assert.Equal(["selfIssued"], facets["cc-monetary-model"]);
        Assert.Equal(["fullReserve"], facets["cc-convertibility"]);
        Assert.Equal(["membershipFee", "grants"], facets["cc-cost-recovery"]);
        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        var reserve = record.GetProperty("classifications").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "fullReserve");
        Assert.Equal("Legal money is 100% held in a reserve E.g Bristol Pound", reserve.GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_facet_code_outside_its_vocabulary_gets_400_naming_the_field_and_the_allowed_codes()
    {
        var id = (await Site.SeedAsync(Currency.Named("Test Hours")))[0];
        var editor = await Site.AccountAsync("editor");

        var (status, problem) = await SendAsync(editor.Api, HttpMethod.Patch, $"/api/v1/organizations/{id}",
            new { classifications = new[] { new { scheme = "cc-monetary-model", code = "gold" } } }, "*");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = Errors(problem)["classifications[0].code"];
        Assert.Contains("'gold' is not in the cc-monetary-model vocabulary", message);
        Assert.Contains("tokens, points, mutual, selfIssued, mesh, hybrid, other", message);
    }

    [Fact]
    public async Task Facets_belong_to_currencies_only_one_code_for_a_single_facet_and_cc_schemes_are_reserved()
    {
        var ids = await Site.SeedAsync(An.Organization("Test Bakery"), Currency.Named("Test Hours"));
        var editor = await Site.AccountAsync("editor");

        var (onBakery, bakeryProblem) = await SendAsync(editor.Api, HttpMethod.Patch, $"/api/v1/organizations/{ids[0]}",
            new { classifications = new[] { new { scheme = "cc-movement", code = "timebank" } } }, "*");
        var (twice, twiceProblem) = await SendAsync(editor.Api, HttpMethod.Patch, $"/api/v1/organizations/{ids[1]}",
            new { classifications = new[] { new { scheme = "cc-movement", code = "timebank" }, new { scheme = "cc-movement", code = "lets" } } }, "*");
        var (unknown, unknownProblem) = await SendAsync(editor.Api, HttpMethod.Patch, $"/api/v1/organizations/{ids[1]}",
            new { classifications = new[] { new { scheme = "cc-colour", code = "green" } } }, "*");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (onBakery, twice, unknown));
        Assert.Contains("only an organization of kind currency", Errors(bakeryProblem)["classifications[0].scheme"]);
        Assert.Contains("cc-movement holds one code", Errors(twiceProblem)["classifications[1].code"]);
        Assert.Contains("'cc-colour' is not a community currency facet", Errors(unknownProblem)["classifications[0].scheme"]);
    }

    [Fact]
    public async Task Accepting_a_currency_needs_a_currency_at_the_other_end()
    {
        var ids = await Site.SeedAsync(An.Organization("Test Bakery"), An.Organization("Test Grocer"));
        var editor = await Site.AccountAsync("editor");

        var (status, problem) = await SendAsync(editor.Api, HttpMethod.Post, "/api/v1/relationships",
            new { subject_id = ids[0], object_id = ids[1], type = "accepts_currency" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("cannot be the object of accepts_currency (only Community currency)", Errors(problem)["object_id"]);
    }

    [Fact]
    public async Task A_business_is_listed_where_to_spend_only_once_the_currency_confirms_it_accepts_it()
    {
        var ids = await Site.SeedAsync(Currency.Named("Test Pound"), An.Organization("Test Bakery").In("GB", "Leeds", 53.8, -1.55),
            An.Organization("Test Grocer").In("GB", "Leeds", 53.79, -1.54));
        var (currency, bakery, grocer) = (ids[0], ids[1], ids[2]);
        var currencyClaimer = await Site.ClaimerAsync(currency);
        var bakeryRelationship = await Currency.AssertAcceptsAsync(await Site.ClaimerAsync(bakery), bakery, currency);
        await Currency.AssertAcceptsAsync(await Site.ClaimerAsync(grocer), grocer, currency);

        Assert.Empty(Currency.Ids(await Site.Http.GetJsonAsync($"/api/v1/currencies/{currency}/accepted-by")));
        Assert.Equal(0, (await Site.Http.GetJsonAsync($"/api/v1/currencies/{currency}")).GetProperty("accepted_by_count").GetInt32());

        await Currency.ConfirmAsync(currencyClaimer, bakeryRelationship);

        Assert.Equal([bakery], Currency.Ids(await Site.Http.GetJsonAsync($"/api/v1/currencies/{currency}/accepted-by")));
        Assert.Equal(1, (await Site.Http.GetJsonAsync($"/api/v1/currencies/{currency}")).GetProperty("accepted_by_count").GetInt32());
        var points = await Site.Http.GetJsonAsync($"/api/v1/currencies/{currency}/accepted-by/map-points");
        Assert.Equal(bakery, Assert.Single(points.GetProperty("points").EnumerateArray())[0].GetInt64());
        using var geoJson = await Site.Http.GetAsync($"/api/v1/currencies/{currency}/accepted-by.geojson");
        Assert.Equal("application/geo+json", geoJson.Content.Headers.ContentType?.MediaType);
        var feature = Assert.Single(JsonDocument.Parse(await geoJson.Content.ReadAsStringAsync()).RootElement.GetProperty("features").EnumerateArray());
        Assert.Equal([-1.55, 53.8], feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal("Test Bakery", feature.GetProperty("properties").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_list_holds_currencies_only_with_their_facets_and_issuers()
    {
        var ids = await Site.SeedAsync(Currency.Named("Test Hours", ("cc-movement", "timebank")), An.Organization("Test Bakery"));
        var issuer = await Site.ClaimerAsync(ids[1]);
        using var issued = await issuer.Api.PostAsJsonAsync("/api/v1/relationships", new { subject_id = ids[1], object_id = ids[0], type = "issues_currency" });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);

        var list = await Site.Http.GetJsonAsync("/api/v1/currencies");

        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("Test Hours", item.GetProperty("name").GetString());
        Assert.Equal("Time bank", item.GetProperty("facets")[0].GetProperty("values")[0].GetProperty("label").GetString());
        Assert.Equal("Test Bakery", Assert.Single(item.GetProperty("issued_by").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_currencies_endpoints()
    {
        var paths = (await Site.Http.GetJsonAsync("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "/api/v1/currencies", "/api/v1/currencies/{id}", "/api/v1/currencies/{id}/accepted-by",
                     "/api/v1/currencies/{id}/accepted-by/map-points", "/api/v1/currencies/{id}/accepted-by.geojson" })
            Assert.True(paths.TryGetProperty(path, out var item) && item.GetProperty("get").GetProperty("tags")[0].GetString() == "Currencies", path);
    }

    [Theory]
    [InlineData("/api/v1/currencies/{bakery}", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/currencies/{bakery}/accepted-by", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/currencies/99999/accepted-by.geojson", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/currencies/{currency}/accepted-by?page=first", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/currencies/{currency}/accepted-by/map-points?near=north", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/currencies?country=Atlantis", HttpStatusCode.BadRequest)]
    public async Task Bad_input_gets_a_specific_problem_never_a_500(string url, HttpStatusCode expected)
    {
        var ids = await Site.SeedAsync(Currency.Named("Test Pound"), An.Organization("Test Bakery"));

        using var response = await Site.Http.GetAsync(url.Replace("{currency}", $"{ids[0]}").Replace("{bakery}", $"{ids[1]}"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
