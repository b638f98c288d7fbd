using System.Net;
using Coopdir.Tests.Support;
using static Coopdir.Tests.Payments.MoneyWorld;

namespace Coopdir.Tests.Payments;

/// <summary>Running a currency over the API: who may run it, accounts and who sees them, and bad input named field by field.</summary>
public sealed class MoneyApiTests : SiteTest
{
    [Fact]
    public async Task The_citys_treasurer_runs_a_mutual_credit_currency_and_members_pay_on_credit_down_to_their_limit()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "100.00");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);

        using (var paid = await PayAsync(world.Resident, code, rita, shop, "60.50")) Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal("-60.50", await BalanceAsync(world.Resident, code, rita));
        Assert.Equal("60.50", await BalanceAsync(world.ShopOwner, code, shop));

        using var refused = await PayAsync(world.Resident, code, rita, shop, "39.51");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("below its credit limit of 100.00", (await JsonOf(refused)).GetProperty("detail").GetString());
        Assert.Equal("-60.50", await BalanceAsync(world.Resident, code, rita));
        using (var exact = await PayAsync(world.Resident, code, rita, shop, "39.50")) Assert.Equal(HttpStatusCode.Created, exact.StatusCode);
        Assert.Equal("-100.00", await BalanceAsync(world.Resident, code, rita));
    }

    [Fact]
    public async Task Only_a_verified_claimer_of_the_operator_runs_a_currency_and_bad_fields_are_named()
    {
        var world = await SeedAsync(Site);
        using (var stranger = await world.Resident.Api.PostAsync("/api/v1/money/currencies", Body(world.Currency("mutual_credit"))))
            Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        using (var shopRuns = await world.ShopOwner.Api.PostAsync("/api/v1/money/currencies", Body(world.Currency("mutual_credit"))))
            Assert.Equal(HttpStatusCode.Forbidden, shopRuns.StatusCode);
        // A co-op's verified claimer cannot take the city's currency by naming its own co-op as the operator.
        var squat = world.Currency("mutual_credit");
        squat["operator_id"] = world.Shop;
        using (var squatting = await world.ShopOwner.Api.PostAsync("/api/v1/money/currencies", Body(squat)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, squatting.StatusCode);
            Assert.Contains("currency's own listing", await squatting.Content.ReadAsStringAsync());
        }

        var bad = world.Currency("gold_standard", code: "riv", decimals: 9);
        bad["currency_id"] = world.Shop;
        using var invalid = await world.Treasurer.Api.PostAsync("/api/v1/money/currencies", Body(bad));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await JsonOf(invalid)).GetProperty("errors");
        Assert.Contains("capital letters", errors.GetProperty("code")[0].GetString());
        Assert.Contains("0 to 6", errors.GetProperty("decimals")[0].GetString());
        Assert.Contains("gold_standard", errors.GetProperty("model")[0].GetString());

        var notACurrency = world.Currency("mutual_credit");
        notACurrency["currency_id"] = world.Shop;
        using var wrongRecord = await world.Treasurer.Api.PostAsync("/api/v1/money/currencies", Body(notACurrency));
        Assert.Contains("not a currency of the directory", (await JsonOf(wrongRecord)).GetProperty("errors").GetProperty("currency_id")[0].GetString());

        using var tooFine = await world.Treasurer.Api.PostAsync("/api/v1/money/currencies", Body(world.Currency("mutual_credit", creditLimit: "10.001")));
        Assert.Contains("more than 2 decimals", (await JsonOf(tooFine)).GetProperty("errors").GetProperty("credit_limit")[0].GetString());

        await world.RunAsync("mutual_credit");
        using var again = await world.Treasurer.Api.PostAsync("/api/v1/money/currencies", Body(world.Currency("mutual_credit")));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var list = await Site.Http.GetAsync("/api/v1/money/currencies");
        Assert.Single((await JsonOf(list)).EnumerateArray());
    }

    [Fact]
    public async Task A_balance_and_statement_are_seen_only_by_the_holder_and_the_operator()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "50");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);
        using (var paid = await PayAsync(world.Resident, code, rita, shop, "12.5")) Assert.Equal(HttpStatusCode.Created, paid.StatusCode);

        Assert.Equal("12.50", await BalanceAsync(world.Treasurer, code, shop));
        using (var other = await world.Resident.Api.GetAsync($"/api/v1/money/currencies/{code}/accounts/{shop}")) Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        using (var statement = await world.Resident.Api.GetAsync($"/api/v1/money/currencies/{code}/accounts/{shop}/statement.csv"))
            Assert.Equal(HttpStatusCode.Forbidden, statement.StatusCode);
        using (var anonymous = await Site.Http.GetAsync($"/api/v1/money/currencies/{code}/accounts/{shop}")) Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var fromShop = await PayAsync(world.Resident, code, shop, rita, "1.00")) Assert.Equal(HttpStatusCode.Forbidden, fromShop.StatusCode);

        using var csv = await world.ShopOwner.Api.GetAsync($"/api/v1/money/currencies/{code}/accounts/{shop}/statement.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("id,date,kind,counterparty,amount,balance,memo,ledger_index", lines[0]);
        Assert.EndsWith($",transfer,{rita},12.50,12.50,,0", lines[1]);

        using var mine = await world.ShopOwner.Api.GetAsync("/api/v1/money/accounts");
        var account = Assert.Single((await JsonOf(mine)).EnumerateArray());
        Assert.Equal("Riverton Corner Shop Co-op", account.GetProperty("holder").GetString());
    }

    [Fact]
    public async Task An_operator_freezes_an_account_and_caps_payments_and_each_action_is_in_the_audit_trail()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "500", cap: "200");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);

        using (var capped = await PayAsync(world.Resident, code, rita, shop, "200.01"))
            Assert.Contains("payment cap of 200.00", (await JsonOf(capped)).GetProperty("detail").GetString());
        using (var frozen = await world.Treasurer.Api.PatchAsync($"/api/v1/money/currencies/{code}/accounts/{rita}", Body(new { frozen = true, credit_limit = "20" })))
            Assert.Equal(HttpStatusCode.OK, frozen.StatusCode);
        using (var refused = await PayAsync(world.Resident, code, rita, shop, "1.00"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("frozen", (await JsonOf(refused)).GetProperty("detail").GetString());
        }
        using (var notOperator = await world.ShopOwner.Api.PatchAsync($"/api/v1/money/currencies/{code}/accounts/{rita}", Body(new { frozen = false })))
            Assert.Equal(HttpStatusCode.Forbidden, notOperator.StatusCode);
        using (var unfrozen = await world.Treasurer.Api.PatchAsync($"/api/v1/money/currencies/{code}/accounts/{rita}", Body(new { frozen = false }))) { }
        using (var overLimit = await PayAsync(world.Resident, code, rita, shop, "20.01"))
            Assert.Contains("credit limit of 20.00", (await JsonOf(overLimit)).GetProperty("detail").GetString());

        using var audit = await world.Treasurer.Api.GetAsync($"/api/v1/money/currencies/{code}/audit");
        var details = (await JsonOf(audit)).EnumerateArray().Select(a => a.GetProperty("detail").GetString()).ToList();
        Assert.Contains($"Account {rita}: credit limit 20.00, frozen", details);
        Assert.Contains($"Account {rita}: unfrozen", details);
        Assert.Contains(details, d => d!.StartsWith("Created RIV", StringComparison.Ordinal));
        using (var shopAudit = await world.ShopOwner.Api.GetAsync($"/api/v1/money/currencies/{code}/audit")) Assert.Equal(HttpStatusCode.Forbidden, shopAudit.StatusCode);
    }

    [Fact]
    public async Task A_malformed_transfer_or_an_amount_outside_the_precision_is_a_400_naming_the_field_and_nothing_moves()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "100");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);
        foreach (var (body, field) in new[]
        {
            ("{\"from\":\"x\",\"to\":\"y\",\"amount\":\"1\",\"idempotency_key\":\"k\",\"extra\":1}", "extra"),
            ("{\"from\":\"x\",\"to\":\"y\",\"amount\":\"1\"}", "idempotency_key"),
            ("{\"to\":\"y\",\"amount\":\"1\",\"idempotency_key\":\"k\"}", "from"),
            ("[1,2]", "body"),
        })
        {
            using var response = await world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/transfers",
                new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await JsonOf(response)).GetProperty("errors").TryGetProperty(field, out _), body);
        }
        foreach (var (amount, message) in new[]
        {
            ("-5", "not a positive decimal"), ("0", "more than zero"), ("1.234", "more than 2 decimals"), ("1e3", "not a positive decimal"),
            ("99999999999999999999999", "larger than"), ("NaN", "not a positive decimal"),
        })
        {
            using var response = await PayAsync(world.Resident, code, rita, shop, amount);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, (await JsonOf(response)).GetProperty("errors").GetProperty("amount")[0].GetString());
        }
        Assert.Equal("0.00", await BalanceAsync(world.Resident, code, rita));
    }

    [Fact]
    public async Task A_body_past_the_limit_is_a_413()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit");
        using var response = await world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/transfers",
            Body(new { memo = new string('x', 20_000) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
