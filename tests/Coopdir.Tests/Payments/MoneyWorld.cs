using System.Net;
using System.Text;
using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Payments;

/// <summary>
/// What the money tests start from: a city (its treasurer a verified claimer), the directory's record of the city's
/// currency, a shop (its owner a verified claimer) and a resident. Every currency here is invented for the test.
/// </summary>
public sealed record MoneyWorld(TestSite Site, long City, long CurrencyRecord, long Shop, TestAccount Treasurer, TestAccount ShopOwner, TestAccount Resident)
{
    public static async Task<MoneyWorld> SeedAsync(TestSite site)
    {
        var ids = await site.SeedAsync(
            An.Organization("City of Riverton", "municipality").In("GB", "Riverton"),
            An.Organization("Riverton Pound", "currency"),
            An.Organization("Riverton Corner Shop Co-op").In("GB", "Riverton"));
        // The treasurer speaks for the city and for the currency's own listing: both are needed to run it.
        var treasurer = await site.VerifiedClaimAsync(await site.ClaimerAsync(ids[0], "Tess the Treasurer"), ids[1]);
        return new MoneyWorld(site, ids[0], ids[1], ids[2], treasurer,
            await site.ClaimerAsync(ids[2], "Omar of the Corner Shop"), await site.AccountAsync("contributor", "Rita Resident"));
    }

    public static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public Dictionary<string, object?> Currency(string model, string code = "RIV", int decimals = 2, string? creditLimit = null, string? rule = null, string? cap = null) => new()
    {
        ["currency_id"] = CurrencyRecord, ["operator_id"] = City, ["code"] = code, ["name"] = "Riverton Pound", ["unit"] = "R£",
        ["decimals"] = decimals, ["model"] = model, ["credit_limit"] = creditLimit, ["issuance_rule"] = rule, ["payment_cap"] = cap,
    };

    public async Task<string> RunAsync(string model, string? creditLimit = null, string? cap = null, string code = "RIV")
    {
        using var created = await Treasurer.Api.PostAsync("/api/v1/money/currencies",
            Body(Currency(model, code, creditLimit: creditLimit, cap: cap, rule: model == "operator_issued" ? "Residents get 10 R£ for each hour of volunteering." : null)));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await JsonOf(created)).GetProperty("code").GetString()!;
    }

    /// <summary>Opens an account: the caller's own, or the organization's.</summary>
    public static async Task<string> OpenAsync(TestAccount holder, string code, long? organization = null)
    {
        using var opened = await holder.Api.PostAsync($"/api/v1/money/currencies/{code}/accounts", Body(new { organization_id = organization }));
        Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
        return (await JsonOf(opened)).GetProperty("id").GetString()!;
    }

    public static Task<HttpResponseMessage> PayAsync(TestAccount payer, string code, string from, string to, string amount, string? key = null) =>
        payer.Api.PostAsync($"/api/v1/money/currencies/{code}/transfers",
            Body(new { from, to, amount, idempotency_key = key ?? Guid.NewGuid().ToString("N") }));

    public async Task IssueAsync(string code, string to, string amount)
    {
        using var issued = await Treasurer.Api.PostAsync($"/api/v1/money/currencies/{code}/issuances", Body(new { to, amount, idempotency_key = Guid.NewGuid().ToString("N") }));
        Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
    }

    public async Task DepositAsync(string code, string amount)
    {
        using var deposited = await Treasurer.Api.PostAsync($"/api/v1/money/currencies/{code}/reserve-deposits",
            Body(new { amount, memo = "Credit union deposit", idempotency_key = Guid.NewGuid().ToString("N") }));
        Assert.True(deposited.StatusCode == HttpStatusCode.Created, await deposited.Content.ReadAsStringAsync());
    }

    public static async Task<string> BalanceAsync(TestAccount holder, string code, string account)
    {
        using var response = await holder.Api.GetAsync($"/api/v1/money/currencies/{code}/accounts/{account}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await JsonOf(response)).GetProperty("balance").GetString()!;
    }
}
