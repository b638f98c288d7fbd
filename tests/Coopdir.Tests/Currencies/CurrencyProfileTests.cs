using System.Text.Json.Nodes;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Currencies;

public sealed class CurrencyProfileTests : SiteTest
{
    private const string CurrencySchema = "complementary_currencies-v2.0.0.json";
    private const string OrganizationSchema = "organizations_schema-v1.0.0.json";

    private async Task<JsonObject> ProfileAsync(long id) =>
        JsonNode.Parse((await Site.Http.GetJsonAsync($"/organizations/{id}/murmurations.json")).GetRawText())!.AsObject();

    [Fact]
    public async Task A_currencys_murmurations_profile_is_valid_against_the_complementary_currencies_and_organizations_schemas()
    {
        var currency = Currency.Named("Test Valley Pound",
            ("cc-monetary-model", "selfIssued"), ("cc-unit-of-account", "legal"), ("cc-convertibility", "fullReserve"),
            ("cc-accounting-tech", "cyclos"), ("cc-movement", "transition"), ("cc-cost-recovery", "grants"), ("cc-cost-recovery", "demurrage"));
        var id = (await Site.SeedAsync((currency with { FoundedOn = "2012-09", Website = "https://pound.example/" })
            .In("GB", "Stroud", 51.74, -2.22, region: "Gloucestershire")))[0];

        var profile = await ProfileAsync(id);

        OfficialSchemas.Murmurations.AssertValid(CurrencySchema, profile, "The currency's profile");
        OfficialSchemas.Murmurations.AssertValid(OrganizationSchema, profile, "The currency's profile");
        Assert.Equal(["organizations_schema-v1.0.0", "complementary_currencies-v2.0.0"], profile["linked_schemas"]!.AsArray().Select(s => (string?)s));
        Assert.Equal(("selfIssued", "legal", "fullReserve", "cyclos", "transition"),
            ((string?)profile["monetary_model"], (string?)profile["unit_of_account_type"], (string?)profile["convert_to_legal_money"],
             (string?)profile["accounting_tech"], (string?)profile["movement"]));
        // In the typology's order, whatever order they were given in.
        Assert.Equal(["demurrage", "grants"], profile["cost_recovery"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(2012, (int?)profile["launch_year"]);
        Assert.Equal(("Stroud", "Gloucestershire", 51.74, -2.22),
            ((string?)profile["locality"], (string?)profile["region"], (double?)profile["latitude"], (double?)profile["longitude"]));
    }

    [Fact]
    public async Task A_bare_currency_is_valid_too_and_the_schema_refuses_a_code_outside_its_typology()
    {
        var id = (await Site.SeedAsync(Currency.Named("Test Hours") with { FoundedOn = "1890" }))[0];

        var profile = await ProfileAsync(id);

        OfficialSchemas.Murmurations.AssertValid(CurrencySchema, profile, "A bare currency's profile");
        Assert.Null(profile["launch_year"]);
        profile["monetary_model"] = "gold";
        Assert.NotEmpty(OfficialSchemas.Murmurations.Errors(CurrencySchema, profile));
    }

    [Fact]
    public async Task Only_a_currency_links_the_complementary_currencies_schema()
    {
        var id = (await Site.SeedAsync(An.Organization("Test Bakery")))[0];

        var profile = await ProfileAsync(id);

        Assert.Equal(["organizations_schema-v1.0.0"], profile["linked_schemas"]!.AsArray().Select(s => (string?)s));
    }
}
