using System.Net;
using Coopdir.Tests.Support;
using static Coopdir.Tests.Payments.MoneyWorld;

namespace Coopdir.Tests.Payments;

/// <summary>Payments: exactly once per idempotency key, one of two racing payments when both cannot pass, requests paid once, the reserve's rule.</summary>
public sealed class TransfersTests() : SiteTest(new SiteOptions { Configuration = ["--RateLimits:PaymentsPerMinute=100000", "--RateLimits:WritesPerMinute=100000"] })
{
    [Fact]
    public async Task A_retried_payment_is_paid_once_and_a_key_reused_for_another_payment_is_a_conflict()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "100");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);

        using var first = await PayAsync(world.Resident, code, rita, shop, "10.00", key: "till-42");
        using var retry = await PayAsync(world.Resident, code, rita, shop, "10.00", key: "till-42");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        using var reused = await PayAsync(world.Resident, code, rita, shop, "11.00", key: "till-42");
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("till-42", (await JsonOf(reused)).GetProperty("detail").GetString());

        // Ten copies of one payment at once: one is written, every answer names it.
        var copies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PayAsync(world.Resident, code, rita, shop, "5.00", key: "till-43")));
        Assert.All(copies, c => Assert.True(c.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, c.StatusCode.ToString()));
        Assert.Single(copies, c => c.StatusCode == HttpStatusCode.Created);
        Assert.Single((await Task.WhenAll(copies.Select(JsonOf))).Select(j => j.GetProperty("id").GetInt64()).Distinct());
        Assert.Equal("-15.00", await BalanceAsync(world.Resident, code, rita));
        Assert.Equal("15.00", await BalanceAsync(world.ShopOwner, code, shop));

        // A payment up to the credit limit: its retry would break the limit now, and still gets the first answer.
        using var toTheLimit = await PayAsync(world.Resident, code, rita, shop, "85.00", key: "till-44");
        using var itsRetry = await PayAsync(world.Resident, code, rita, shop, "85.00", key: "till-44");
        Assert.Equal(HttpStatusCode.Created, toTheLimit.StatusCode);
        Assert.Equal(HttpStatusCode.OK, itsRetry.StatusCode);
        Assert.Equal(await toTheLimit.Content.ReadAsStringAsync(), await itsRetry.Content.ReadAsStringAsync());
        Assert.Equal("-100.00", await BalanceAsync(world.Resident, code, rita));
    }

    [Fact]
    public async Task Two_payments_that_together_exceed_a_balance_sent_at_once_one_succeeds()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("operator_issued");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);
        for (var round = 0; round < 5; round++)
        {
            await world.IssueAsync(code, rita, "70.00");
            var both = await Task.WhenAll(PayAsync(world.Resident, code, rita, shop, "40.00"), PayAsync(world.Resident, code, rita, shop, "40.00"));
            Assert.Equal(1, both.Count(r => r.StatusCode == HttpStatusCode.Created));
            var refused = Assert.Single(both, r => r.StatusCode == HttpStatusCode.UnprocessableEntity);
            Assert.Contains("less than 40.00", (await JsonOf(refused)).GetProperty("detail").GetString());
            // 70 in, 40 out: 30 left, paid out too, so each round starts from 70 and its two payments exceed it together.
            Assert.Equal("30.00", await BalanceAsync(world.Resident, code, rita));
            using var rest = await PayAsync(world.Resident, code, rita, shop, "30.00");
            Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        }
    }

    [Fact]
    public async Task Thirty_payments_at_once_share_writes_yet_each_stands_or_leaves_no_trace_on_its_own()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "100");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);
        // Room for ten payments of 10.00; every payment is also sent a second time with its key, at once.
        var keys = Enumerable.Range(0, 30).Select(i => $"burst-{i}").ToList();
        var answers = await Task.WhenAll(keys.Concat(keys).Select(key => world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/transfers",
            Body(new { from = rita, to = shop, amount = "10.00", idempotency_key = key }))));

        var paid = answers.Where(a => a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK).ToList();
        var entries = new HashSet<long>();
        foreach (var answer in paid) entries.Add((await JsonOf(answer)).GetProperty("ledger_index").GetInt64());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), entries.Order());
        Assert.Equal(10, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Except(paid), a => Assert.Equal(HttpStatusCode.UnprocessableEntity, a.StatusCode));
        Assert.Equal("-100.00", await BalanceAsync(world.Resident, code, rita));
        Assert.Equal(10, (await JsonOf(await world.Site.Http.GetAsync($"/api/v1/money/currencies/{code}/totals"))).GetProperty("ledger_size").GetInt64());
    }

    [Fact]
    public async Task Payments_in_two_currencies_at_once_each_land_on_their_own_currencys_books_and_ledger()
    {
        // Two cities on one Coopdir, each running its own currency.
        var towns = new Dictionary<string, (MoneyWorld World, string Rita, string Shop)>();
        foreach (var (code, limit) in new[] { ("RIV", "100"), ("OAK", "50") })
        {
            var world = await SeedAsync(Site);
            await world.RunAsync("mutual_credit", creditLimit: limit, code: code);
            towns[code] = (world, await OpenAsync(world.Resident, code), await OpenAsync(world.ShopOwner, code, world.Shop));
        }

        // Twenty payments of 5.00 in each, interleaved and at once: OAK's credit limit lets only ten through.
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? "RIV" : "OAK").Select(code =>
            PayAsync(towns[code].World.Resident, code, towns[code].Rita, towns[code].Shop, "5.00")));

        Assert.Equal(30, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        foreach (var answer in answers) answer.Dispose();
        Assert.Equal("-100.00", await BalanceAsync(towns["RIV"].World.Resident, "RIV", towns["RIV"].Rita));
        Assert.Equal("-50.00", await BalanceAsync(towns["OAK"].World.Resident, "OAK", towns["OAK"].Rita));
        Assert.Equal("50.00", await BalanceAsync(towns["OAK"].World.ShopOwner, "OAK", towns["OAK"].Shop));
        foreach (var (code, size) in new[] { ("RIV", 20L), ("OAK", 10L) })
            Assert.Equal(size, (await JsonOf(await Site.Http.GetAsync($"/api/v1/money/currencies/{code}/totals"))).GetProperty("ledger_size").GetInt64());
    }

    [Fact]
    public async Task A_shop_asks_for_a_payment_the_resident_pays_it_once_and_the_request_leads_to_no_ledger_pseudonym()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "100");
        var shop = await OpenAsync(world.ShopOwner, code, world.Shop);
        var rita = await OpenAsync(world.Resident, code);

        using var asked = await world.ShopOwner.Api.PostAsync($"/api/v1/money/currencies/{code}/requests", Body(new { to = shop, amount = "7.25", memo = "Bread and milk" }));
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var request = await JsonOf(asked);
        var token = request.GetProperty("token").GetString()!;
        using (var qr = await Site.Http.GetAsync(request.GetProperty("qr_url").GetString()))
        {
            Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType!.MediaType);
            Assert.Contains("<svg", await qr.Content.ReadAsStringAsync());
        }
        using (var notHolder = await world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/requests", Body(new { to = shop, amount = "1" })))
            Assert.Equal(HttpStatusCode.Forbidden, notHolder.StatusCode);

        using var wrongAmount = await world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/transfers",
            Body(new { from = rita, request = token, amount = "7.00", idempotency_key = "a" }));
        Assert.Equal(HttpStatusCode.BadRequest, wrongAmount.StatusCode);
        using var paid = await world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/transfers", Body(new { from = rita, request = token, idempotency_key = "b" }));
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal("Bread and milk", (await JsonOf(paid)).GetProperty("memo").GetString());
        using var twice = await world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/transfers", Body(new { from = rita, request = token, idempotency_key = "c" }));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("-7.25", await BalanceAsync(world.Resident, code, rita));

        using var after = await Site.Http.GetAsync($"/api/v1/money/requests/{token}");
        var state = await JsonOf(after);
        Assert.True(state.GetProperty("paid").GetBoolean());
        // The public ledger names the shop by a pseudonym of its own: neither the request's JSON nor its page shows it or the entry.
        using var account = await world.ShopOwner.Api.GetAsync($"/api/v1/money/currencies/{code}/accounts/{shop}");
        var pseudonym = (await JsonOf(account)).GetProperty("ledger_id").GetString()!;
        Assert.StartsWith("anon-", pseudonym);
        using var ledger = await Site.Http.GetAsync($"/api/v1/money/currencies/{code}/ledger/entries");
        var leaf = (await JsonOf(ledger)).GetProperty("entries")[0].GetProperty("leaf").GetString()!;
        Assert.Contains(pseudonym, leaf);
        Assert.DoesNotContain(shop, leaf);
        Assert.False(state.TryGetProperty("ledger_index", out _));
        using var page = await Site.Http.GetAsync($"/pay/{token}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain(pseudonym, html + state);
        Assert.DoesNotContain("Entry 0", html);
    }

    [Fact]
    public async Task A_reserve_backed_currency_issues_only_against_its_reserve_and_redemption_pays_the_reserve_out()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("reserve_backed");
        var rita = await OpenAsync(world.Resident, code);
        using (var unbacked = await world.Treasurer.Api.PostAsync($"/api/v1/money/currencies/{code}/issuances", Body(new { to = rita, amount = "1.00", idempotency_key = "i0" })))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, unbacked.StatusCode);
            Assert.Contains("more than the reserve of 0.00", (await JsonOf(unbacked)).GetProperty("detail").GetString());
        }
        await world.DepositAsync(code, "500.00");
        await world.IssueAsync(code, rita, "300.00");
        using (var over = await world.Treasurer.Api.PostAsync($"/api/v1/money/currencies/{code}/issuances", Body(new { to = rita, amount = "200.01", idempotency_key = "i1" })))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        using (var redeemed = await world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/redemptions", Body(new { from = rita, amount = "100.00", idempotency_key = "r1" })))
            Assert.Equal(HttpStatusCode.Created, redeemed.StatusCode);
        using (var byShop = await world.ShopOwner.Api.PostAsync($"/api/v1/money/currencies/{code}/issuances", Body(new { to = rita, amount = "1.00", idempotency_key = "i2" })))
            Assert.Equal(HttpStatusCode.Forbidden, byShop.StatusCode);

        using var totals = await Site.Http.GetAsync($"/api/v1/money/currencies/{code}/totals");
        var t = await JsonOf(totals);
        Assert.Equal("400.00", t.GetProperty("reserve").GetString());
        Assert.Equal("200.00", t.GetProperty("circulation").GetString());
        Assert.Equal("200.00", await BalanceAsync(world.Resident, code, rita));
        using var page = await Site.Http.GetAsync($"/money/{code}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Credit union deposit", html);
        Assert.Matches("In circulation: <strong>200.00</strong>.*held in reserve: <strong>400.00</strong>", html);
    }

    [Fact]
    public async Task Mutual_credit_has_no_issuance_and_a_non_reserve_currency_no_redemption()
    {
        var world = await SeedAsync(Site);
        var code = await world.RunAsync("mutual_credit", creditLimit: "10");
        var rita = await OpenAsync(world.Resident, code);
        using var issued = await world.Treasurer.Api.PostAsync($"/api/v1/money/currencies/{code}/issuances", Body(new { to = rita, amount = "1.00", idempotency_key = "i" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, issued.StatusCode);
        Assert.Contains("mutual credit", (await JsonOf(issued)).GetProperty("detail").GetString());
        using var redeemed = await world.Resident.Api.PostAsync($"/api/v1/money/currencies/{code}/redemptions", Body(new { from = rita, amount = "1.00", idempotency_key = "r" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, redeemed.StatusCode);
    }
}
