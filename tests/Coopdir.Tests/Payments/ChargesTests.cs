using System.Net;
using Coopdir.Tests.Support;
using static Coopdir.Tests.Payments.MoneyWorld;

namespace Coopdir.Tests.Payments;

/// <summary>Fees and demurrage the operator sets: paid into its fee account, in statements and the public ledger, demurrage once a month.</summary>
public sealed class ChargesTests : SiteTest
{
    [Fact]
    public async Task The_payer_pays_the_operators_fee_on_top_and_a_payment_it_cannot_cover_with_the_fee_is_refused_saying_so()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("operator_issued");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);
        await world.IssueAsync(code, rita, "50.00");

        using (var byShop = await world.ShopOwner.Api.PutAsync($"/api/v1/money/currencies/{code}/charges", Body(new { fee_basis_points = 25 })))
            Assert.Equal(HttpStatusCode.Forbidden, byShop.StatusCode);
        using (var bad = await world.Treasurer.Api.PutAsync($"/api/v1/money/currencies/{code}/charges",
                   Body(new { fee_basis_points = 1001, fee_fixed = "0.001", demurrage_basis_points = -1 })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var errors = (await JsonOf(bad)).GetProperty("errors");
            Assert.Contains("0 to 1000", errors.GetProperty("fee_basis_points")[0].GetString());
            Assert.Contains("more than 2 decimals", errors.GetProperty("fee_fixed")[0].GetString());
            Assert.Contains("0 to 1000", errors.GetProperty("demurrage_basis_points")[0].GetString());
        }
        using (var set = await world.Treasurer.Api.PutAsync($"/api/v1/money/currencies/{code}/charges", Body(new { fee_basis_points = 25, fee_fixed = "0.10" })))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal("0.10", (await JsonOf(set)).GetProperty("fee_fixed").GetString());
        }

        // 25 basis points of 40.00 is 0.10, plus 0.10 fixed.
        using var paid = await PayAsync(world.Resident, code, rita, shop, "40.00", key: "fee-1");
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal("0.20", (await JsonOf(paid)).GetProperty("fee").GetString());
        // A retry is answered with the payment as stored: the same as the first answer, fee and all.
        using var retried = await PayAsync(world.Resident, code, rita, shop, "40.00", key: "fee-1");
        Assert.Equal(await paid.Content.ReadAsStringAsync(), await retried.Content.ReadAsStringAsync());
        Assert.Equal("9.80", await BalanceAsync(world.Resident, code, rita));
        Assert.Equal("40.00", await BalanceAsync(world.ShopOwner, code, shop));
        var fees = await FeeAccountAsync(world, code);
        Assert.Equal("0.20", fees.GetProperty("balance").GetString());

        // 9.75 + 0.02 (25 basis points of 9.75 is 0.024375, rounded down) + 0.10 = 9.87, more than the 9.80 held.
        using var refused = await PayAsync(world.Resident, code, rita, shop, "9.75");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("less than 9.75 and its fee of 0.12 (9.87 in all)", (await JsonOf(refused)).GetProperty("detail").GetString());
        Assert.Equal("9.80", await BalanceAsync(world.Resident, code, rita));

        using var statement = await world.Resident.Api.GetAsync($"/api/v1/money/currencies/{code}/accounts/{rita}/statement");
        var lines = (await JsonOf(statement)).GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(("fee", "-0.20"), (lines[0].GetProperty("kind").GetString(), lines[0].GetProperty("amount").GetString()));
        Assert.Equal(("transfer", "-40.00"), (lines[1].GetProperty("kind").GetString(), lines[1].GetProperty("amount").GetString()));
        using var ledger = await Site.Http.GetAsync($"/api/v1/money/currencies/{code}/ledger/entries");
        var newest = (await JsonOf(ledger)).GetProperty("entries").EnumerateArray().Last().GetProperty("leaf").GetString()!;
        Assert.Contains("\"kind\":\"fee\"", newest);
        Assert.Contains(fees.GetProperty("ledger_id").GetString()!, newest);
        using var page = await Site.Http.GetAsync($"/money/{code}");
        Assert.Contains("a fee of 0.25% of it plus 0.10", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Demurrage_charges_each_positive_balance_once_a_month_into_the_fee_account()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "100");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);
        using (var paid = await PayAsync(world.Resident, code, rita, shop, "77.77")) Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        using (var none = await world.Treasurer.Api.PostAsync($"/api/v1/money/currencies/{code}/demurrage", null))
            Assert.Contains("charges no demurrage", (await JsonOf(none)).GetProperty("detail").GetString());
        using (var set = await world.Treasurer.Api.PutAsync($"/api/v1/money/currencies/{code}/charges", Body(new { demurrage_basis_points = 150 })))
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using (var byShop = await world.ShopOwner.Api.PostAsync($"/api/v1/money/currencies/{code}/demurrage", null))
            Assert.Equal(HttpStatusCode.Forbidden, byShop.StatusCode);

        // 1.5% of 77.77 is 1.16655: 1.16, the fraction dropped. Rita's balance is negative: no demurrage.
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => world.Treasurer.Api.PostAsync($"/api/v1/money/currencies/{code}/demurrage", null)));
        Assert.Single(runs, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(runs, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var run = await JsonOf(runs[0]);
        Assert.Equal((1, "1.16"), (run.GetProperty("accounts").GetInt32(), run.GetProperty("charged").GetString()));
        Assert.Equal(TimeProvider.System.GetUtcNow().ToString("yyyy-MM"), run.GetProperty("period").GetString());
        using (var again = await world.Treasurer.Api.PostAsync($"/api/v1/money/currencies/{code}/demurrage", null))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        // The monthly cron job's command says so too, and charges nothing.
        var cron = await CommandLine.RunAsync("money", "demurrage", code, "--email", world.Treasurer.User.Email, "--db", Site.StoreSetting);
        Assert.True(cron.ExitCode == 0, cron.Errors);
        Assert.Contains($"{code} {run.GetProperty("period").GetString()}: already charged", cron.Output);
        var stranger = await CommandLine.RunAsync("money", "demurrage", code, "--email", world.ShopOwner.User.Email, "--db", Site.StoreSetting);
        Assert.Equal((2, true), (stranger.ExitCode, stranger.Errors.Contains("Only the operator")));

        Assert.Equal("76.61", await BalanceAsync(world.ShopOwner, code, shop));
        Assert.Equal("-77.77", await BalanceAsync(world.Resident, code, rita));
        Assert.Equal("1.16", (await FeeAccountAsync(world, code)).GetProperty("balance").GetString());
        using var statement = await world.ShopOwner.Api.GetAsync($"/api/v1/money/currencies/{code}/accounts/{shop}/statement");
        var line = (await JsonOf(statement)).GetProperty("lines")[0];
        Assert.Equal(("demurrage", "-1.16"), (line.GetProperty("kind").GetString(), line.GetProperty("amount").GetString()));
        using var ledger = await Site.Http.GetAsync($"/api/v1/money/currencies/{code}/ledger/entries");
        Assert.Equal(2, (await JsonOf(ledger)).GetProperty("entries").GetArrayLength());
        using var audit = await world.Treasurer.Api.GetAsync($"/api/v1/money/currencies/{code}/audit");
        Assert.Contains("demurrage", (await JsonOf(audit))[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Two_openings_of_one_account_at_once_give_one_account_and_a_conflict_never_a_server_error()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit");
        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/accounts", Body(new { organization_id = (long?)null }))));
        Assert.Single(opened, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(opened, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Contains("already have an account", (await JsonOf(opened.First(r => r.StatusCode == HttpStatusCode.Conflict))).GetProperty("detail").GetString());
    }

    /// <summary>The operator's fee account, as its holders (the treasurer, a claimer of the city) see it.</summary>
    private static async Task<System.Text.Json.JsonElement> FeeAccountAsync(MoneyWorld world, string code)
    {
        using var mine = await world.Treasurer.Api.GetAsync("/api/v1/money/accounts");
        return (await JsonOf(mine)).EnumerateArray().Single(a => a.GetProperty("role").GetString() == "fees" && a.GetProperty("currency").GetString() == code);
    }
}
