using System.Net;
using System.Text;
using Coopdir.Core.Payments.Clearing;
using Coopdir.Tests.Support;
using static Coopdir.Tests.Payments.MoneyWorld;

namespace Coopdir.Tests.Payments;

/// <summary>
/// Clearing between two currencies run on one instance (both legs in one write) and the refusals of the protocol's
/// calls. Between two instances, with either killed at each step: ClearingCrashTests.
/// </summary>
public sealed class ClearingTests() : SiteTest(new SiteOptions { Configuration = ["--RateLimits:PaymentsPerMinute=100000", "--RateLimits:WritesPerMinute=100000"] })
{
    private const string Secret = "a-secret-both-operators-agreed-on-0123456789";

    [Fact]
    public async Task Two_currencies_on_one_instance_settle_a_payment_at_the_agreed_rate_through_their_clearing_accounts()
    {
        var (world, riv, rita, brk, bram, otherTreasurer) = await TwoCurrenciesAsync();
        await AgreeAsync(world.Treasurer, riv, new { name = "riv-brk", peer_currency = brk, rate_units = "4", rate_peer_units = "5", limit = "0", secret = Secret });
        await AgreeAsync(otherTreasurer, brk, new { name = "riv-brk", peer_currency = riv, rate_units = "5.000", rate_peer_units = "4", limit = "500", secret = Secret });

        // 10.01 RIV at 4 = 5 is 12.5125 BRK: BRK has 3 decimals, so 12.512 (rounded down; the payer pays exactly 10.01).
        using var paid = await ClearAsync(world.Resident, riv, "riv-brk", rita, bram, "10.01", "cross-1");
        Assert.True(paid.StatusCode == HttpStatusCode.Created, await paid.Content.ReadAsStringAsync());
        var transfer = await JsonOf(paid);
        Assert.Equal(("committed", "10.01", "12.512", true), (transfer.GetProperty("state").GetString(), transfer.GetProperty("amount").GetString(),
            transfer.GetProperty("peer_amount").GetString(), transfer.GetProperty("peer_confirmed").GetBoolean()));
        using var replay = await ClearAsync(world.Resident, riv, "riv-brk", rita, bram, "10.01", "cross-1");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(transfer.GetProperty("id").GetString(), (await JsonOf(replay)).GetProperty("id").GetString());

        Assert.Equal("-10.01", await BalanceAsync(world.Resident, riv, rita));
        Assert.Equal("12.512", await BalanceAsync(world.ShopOwner, brk, bram));
        Assert.Equal(("10.01", 0L), await ClearingAccountAsync(world.Treasurer, riv));
        Assert.Equal(("-12.512", 0L), await ClearingAccountAsync(otherTreasurer, brk));
        // Each currency's public ledger has its leg, through its clearing account.
        foreach (var (code, from, amount) in new[] { (riv, rita, "10.01"), (brk, (await AgreementAsync(otherTreasurer, brk)).GetProperty("clearing_account").GetString()!, "12.512") })
        {
            var entries = await JsonOf(await world.Site.Http.GetAsync($"/api/v1/money/currencies/{code}/ledger/entries"));
            var leaf = System.Text.Json.JsonDocument.Parse(Assert.Single(entries.GetProperty("entries").EnumerateArray()).GetProperty("leaf").GetString()!).RootElement;
            Assert.Equal(("clearing", await LedgerIdAsync(from), amount), (leaf.GetProperty("kind").GetString(), leaf.GetProperty("from").GetString(), leaf.GetProperty("amount").GetString()));
        }
    }

    [Fact]
    public async Task Refused_clearing_says_why_with_a_problem_detail_and_changes_nothing()
    {
        var (world, riv, rita, brk, bram, otherTreasurer) = await TwoCurrenciesAsync();
        using var badRate = await world.Treasurer.Api.PostAsync($"/api/v1/money/currencies/{riv}/clearing/agreements",
            Body(new { name = "riv-brk", peer_currency = brk, rate_units = "0", rate_peer_units = "5", limit = "0", secret = Secret }));
        await AssertProblemAsync(badRate, HttpStatusCode.BadRequest, "rate_units");
        using var notOperator = await world.Resident.Api.PostAsync($"/api/v1/money/currencies/{riv}/clearing/agreements",
            Body(new { name = "riv-brk", peer_currency = brk, rate_units = "1", rate_peer_units = "1", limit = "0", secret = Secret }));
        await AssertProblemAsync(notOperator, HttpStatusCode.Forbidden, "operator");
        await AgreeAsync(world.Treasurer, riv, new { name = "riv-brk", peer_currency = brk, rate_units = "4", rate_peer_units = "5", limit = "0", secret = Secret });
        await AgreeAsync(otherTreasurer, brk, new { name = "riv-brk", peer_currency = riv, rate_units = "5", rate_peer_units = "4", limit = "20", secret = Secret });
        // BRK recorded another agreement with a rate that is not the same one reversed.
        await AgreeAsync(world.Treasurer, riv, new { name = "riv-brk-2", peer_currency = brk, rate_units = "1", rate_peer_units = "1", limit = "0", secret = Secret });
        await AgreeAsync(otherTreasurer, brk, new { name = "riv-brk-2", peer_currency = riv, rate_units = "1", rate_peer_units = "2", limit = "20", secret = Secret });

        await AssertProblemAsync(await ClearAsync(world.Resident, riv, "no-such-agreement", rita, bram, "1.00"), HttpStatusCode.NotFound, "no clearing agreement named no-such-agreement");
        // 16.01 RIV is 20.0125 BRK: past BRK's limit of 20 for this agreement.
        await AssertProblemAsync(await ClearAsync(world.Resident, riv, "riv-brk", rita, bram, "16.01"), HttpStatusCode.UnprocessableEntity, "past its limit of 20.000");
        await AssertProblemAsync(await ClearAsync(world.Resident, riv, "riv-brk-2", rita, bram, "1.00"), HttpStatusCode.UnprocessableEntity, "Rate mismatch");
        await AssertProblemAsync(await ClearAsync(world.Resident, riv, "riv-brk", rita, "acct-nobody", "1.00"), HttpStatusCode.UnprocessableEntity, "no member account acct-nobody");
        await AssertProblemAsync(await ClearAsync(world.ShopOwner, riv, "riv-brk", rita, bram, "1.00"), HttpStatusCode.Forbidden, "holder");

        // The protocol's calls, as another instance would send them: only for an agreement with a peer URL, and signed.
        await AgreeAsync(otherTreasurer, brk, new { name = "with-riv-elsewhere", peer_url = "http://127.0.0.1:9", peer_currency = "RIVX", rate_units = "5", rate_peer_units = "4", limit = "20", secret = Secret });
        var prepare = new { transfer_id = "t1", payer_currency = "RIVX", from = "acct-x", to = bram, amount = "1.00", rate_units = "4", rate_peer_units = "5" };
        await AssertProblemAsync(await ProtocolAsync(brk, "no-such-agreement", "prepare", prepare, Secret), HttpStatusCode.NotFound, "no clearing agreement no-such-agreement");
        await AssertProblemAsync(await ProtocolAsync(brk, "with-riv-elsewhere", "prepare", prepare, "not-the-secret"), HttpStatusCode.Unauthorized, "HMAC-SHA256");
        await AssertProblemAsync(await ProtocolAsync(brk, "with-riv-elsewhere", "prepare", prepare with { rate_units = "3" }, Secret), HttpStatusCode.Conflict, "Rate mismatch");
        await AssertProblemAsync(await ProtocolAsync(brk, "with-riv-elsewhere", "prepare", prepare with { amount = "17.00" }, Secret), HttpStatusCode.UnprocessableEntity, "past its limit");
        await AssertProblemAsync(await ProtocolAsync(brk, "with-riv-elsewhere", "commit", new { transfer_id = "t1" }, Secret), HttpStatusCode.NotFound, "no prepared transfer t1");

        Assert.Equal("0.00", await BalanceAsync(world.Resident, riv, rita));
        Assert.Equal("0.000", await BalanceAsync(world.ShopOwner, brk, bram));
        Assert.Equal(0, (await JsonOf(await world.Site.Http.GetAsync($"/api/v1/money/currencies/{riv}/totals"))).GetProperty("ledger_size").GetInt64());
        Assert.Equal(0, (await JsonOf(await world.Site.Http.GetAsync($"/api/v1/money/currencies/{brk}/totals"))).GetProperty("ledger_size").GetInt64());

        // A signed prepare reserves the credit (17 of 20 would now pass), and a signed abort releases it.
        using var reserved = await ProtocolAsync(brk, "with-riv-elsewhere", "prepare", prepare with { amount = "16.00" }, Secret);
        Assert.True(reserved.StatusCode == HttpStatusCode.OK, await reserved.Content.ReadAsStringAsync());
        // The answer is signed too, over the call's method and path and the answer's bytes.
        var answerMac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            (byte[])[.. Encoding.UTF8.GetBytes($"ANSWER POST\n/api/v1/money/currencies/{brk}/clearing/with-riv-elsewhere/prepare\n"), .. await reserved.Content.ReadAsByteArrayAsync()]);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(answerMac), Assert.Single(reserved.Headers.GetValues(ClearingSignature.Header)));
        Assert.Equal(("prepared", "20.000"), ((await JsonOf(reserved)).GetProperty("state").GetString(), (await JsonOf(reserved)).GetProperty("credit_amount").GetString()));
        await AssertProblemAsync(await ProtocolAsync(brk, "with-riv-elsewhere", "prepare", prepare with { transfer_id = "t2", amount = "0.01" }, Secret),
            HttpStatusCode.UnprocessableEntity, "20.000 already promised");
        using var aborted = await ProtocolAsync(brk, "with-riv-elsewhere", "abort", new { transfer_id = "t1" }, Secret);
        Assert.Equal("aborted", (await JsonOf(aborted)).GetProperty("state").GetString());
        Assert.Equal("0.000", await BalanceAsync(world.ShopOwner, brk, bram));

        // Credits promised to a payee count toward the most an account may hold: Bram is 8.000 short of it.
        await using (var connection = await Site.Store.OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE pay_accounts SET balance = @balance WHERE public_id = @bram",
                new { balance = Core.Payments.Amounts.MaxBalanceMinor - 8000, bram });
        using (var first = await ProtocolAsync(brk, "with-riv-elsewhere", "prepare", prepare with { transfer_id = "t3", amount = "4.00" }, Secret))
            Assert.True(first.StatusCode == HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        await AssertProblemAsync(await ProtocolAsync(brk, "with-riv-elsewhere", "prepare", prepare with { transfer_id = "t4", amount = "4.00" }, Secret),
            HttpStatusCode.UnprocessableEntity, "5.000 G already promised to it");
        // A local payment counts them too: 4.000 fits beside the balance, not beside the 5.000 promised.
        var bea = await OpenAsync(otherTreasurer, brk);
        await AssertProblemAsync(await PayAsync(otherTreasurer, brk, bea, bram, "4.000"), HttpStatusCode.UnprocessableEntity, "5.000 G already promised to it by clearing");
        using (var fits = await PayAsync(otherTreasurer, brk, bea, bram, "3.000"))
            Assert.True(fits.StatusCode == HttpStatusCode.Created, await fits.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_agreement_recorded_with_plain_http_to_another_machine_before_https_was_required_is_not_used()
    {
        var (world, riv, rita, brk, bram, otherTreasurer) = await TwoCurrenciesAsync();
        await AgreeAsync(world.Treasurer, riv, new { name = "riv-far", peer_url = "http://127.0.0.1:9", peer_currency = "FAR", rate_units = "1", rate_peer_units = "1", limit = "0", secret = Secret });
        await AgreeAsync(otherTreasurer, brk, new { name = "brk-far", peer_url = "http://127.0.0.1:9", peer_currency = "FAR", rate_units = "1", rate_peer_units = "1", limit = "20", secret = Secret });
        await using (var connection = await Site.Store.OpenAsync())
        {
            // As stored before the rule: the rule is on recording, so only the store can hold such a URL now.
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE pay_clearing_agreements SET peer_url = 'http://coop.example'");
            // A decision the coordinator has not yet told the peer, left for the recovery.
            await Dapper.SqlMapper.ExecuteAsync(connection, """
                INSERT INTO pay_clearing_transfers (agreement_id, transfer_id, role, state, account_id, peer_account, amount, reason, peer_done, created_at, updated_at)
                SELECT id, 'told-nobody', 'coordinator', 'aborted', NULL, 'acct-far', 100, 'test', @no, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z'
                FROM pay_clearing_agreements WHERE name = 'riv-far'
                """, new { no = false });
        }

        await AssertProblemAsync(await ClearAsync(world.Resident, riv, "riv-far", rita, "acct-far", "1.00"), HttpStatusCode.UnprocessableEntity,
            "Clearing agreement riv-far has the peer URL http://coop.example, plain http to another machine");
        await AssertProblemAsync(await ProtocolAsync(brk, "brk-far", "prepare",
                new { transfer_id = "t1", payer_currency = "FAR", from = "acct-x", to = bram, amount = "1.00", rate_units = "1", rate_peer_units = "1" }, Secret),
            HttpStatusCode.UnprocessableEntity, "Clearing agreement brk-far has the peer URL http://coop.example");
        Assert.Equal(1L, (await AgreementAsync(world.Treasurer, riv)).GetProperty("unfinished").GetInt64());

        var calls = new List<Uri>();
        var logged = new List<string>();
        var peers = new ClearingPeerClient(new HttpClient(new Recording(calls)));
        var recovery = new ClearingRecovery(Site.Store, TimeProvider.System, new ClearingPayments(Site.Store, TimeProvider.System, peers),
            new ClearingParticipant(Site.Store, TimeProvider.System), peers, new Listening<ClearingRecovery>(logged));
        Assert.Equal(0, await recovery.RunOnceAsync(TimeSpan.Zero));
        Assert.Empty(calls);
        Assert.Contains(logged, line => line.Contains("riv-far of RIV", StringComparison.Ordinal) && line.Contains("change", StringComparison.Ordinal) && line.Contains("https", StringComparison.Ordinal));
        Assert.Equal(1L, (await AgreementAsync(world.Treasurer, riv)).GetProperty("unfinished").GetInt64());
        Assert.Equal("0.00", await BalanceAsync(world.Resident, riv, rita));
    }

    private sealed class Recording(List<Uri> calls) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }

    private sealed class Listening<T>(List<string> lines) : Microsoft.Extensions.Logging.ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;
        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => lines.Add(formatter(state, exception));
    }

    [Fact]
    public async Task A_peer_answer_without_the_agreements_signature_is_not_believed_and_a_peer_elsewhere_needs_https()
    {
        var (world, riv, rita, _, _, _) = await TwoCurrenciesAsync();
        using var plainHttp = await world.Treasurer.Api.PostAsync($"/api/v1/money/currencies/{riv}/clearing/agreements",
            Body(new { name = "riv-far", peer_url = "http://coop.example", peer_currency = "FAR", rate_units = "1", rate_peer_units = "1", limit = "0", secret = Secret }));
        await AssertProblemAsync(plainHttp, HttpStatusCode.BadRequest, "must be https");

        // Something between the instances answers every call "prepared" or "committed": well-formed, but unsigned.
        var port = ServerProcess.FreePort();
        using var forger = new HttpListener();
        forger.Prefixes.Add($"http://127.0.0.1:{port}/");
        forger.Start();
        _ = Task.Run(async () =>
        {
            while (forger.IsListening)
            {
                var call = await forger.GetContextAsync();
                using var reader = new StreamReader(call.Request.InputStream);
                var asked = System.Text.Json.JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.GetProperty("transfer_id").GetString();
                var state = call.Request.Url!.AbsolutePath.EndsWith("/prepare", StringComparison.Ordinal) ? "prepared" : "committed";
                var answer = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?> { ["transfer_id"] = asked, ["state"] = state, ["credit_amount"] = "1.00" });
                call.Response.ContentType = "application/json";
                await call.Response.OutputStream.WriteAsync(answer);
                call.Response.Close();
            }
        });
        await AgreeAsync(world.Treasurer, riv, new { name = "riv-far", peer_url = $"http://127.0.0.1:{port}", peer_currency = "FAR", rate_units = "1", rate_peer_units = "1", limit = "0", secret = Secret });

        await AssertProblemAsync(await ClearAsync(world.Resident, riv, "riv-far", rita, "acct-far", "1.00"), HttpStatusCode.UnprocessableEntity, "did not answer");
        Assert.Equal("0.00", await BalanceAsync(world.Resident, riv, rita));
        Assert.Equal(0, (await JsonOf(await world.Site.Http.GetAsync($"/api/v1/money/currencies/{riv}/totals"))).GetProperty("ledger_size").GetInt64());
        forger.Stop();
    }

    private async Task<(MoneyWorld World, string Riv, string Rita, string Brk, string Bram, TestAccount OtherTreasurer)> TwoCurrenciesAsync()
    {
        var world = await SeedAsync(Site);
        var riv = await world.RunAsync("mutual_credit", creditLimit: "100");
        var rita = await OpenAsync(world.Resident, riv);
        var ids = await Site.SeedAsync(An.Organization("Town of Brookfield", "municipality"), An.Organization("Brookfield Groat", "currency"));
        var otherTreasurer = await Site.VerifiedClaimAsync(await Site.ClaimerAsync(ids[0], "Bea of Brookfield"), ids[1]);
        using var created = await otherTreasurer.Api.PostAsync("/api/v1/money/currencies", Body(new Dictionary<string, object?>
        {
            ["currency_id"] = ids[1], ["operator_id"] = ids[0], ["code"] = "BRK", ["name"] = "Brookfield Groat", ["unit"] = "G", ["decimals"] = 3,
            ["model"] = "mutual_credit", ["credit_limit"] = "100",
        }));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (world, riv, rita, "BRK", await OpenAsync(world.ShopOwner, "BRK"), otherTreasurer);
    }

    /// <summary>The account's pseudonym in the public ledger, which only its holder and the operator are shown.</summary>
    private async Task<string> LedgerIdAsync(string account)
    {
        await using var connection = await Site.Store.OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, "SELECT ledger_id FROM pay_accounts WHERE public_id = @account", new { account }) ?? "";
    }

    private static async Task AgreeAsync(TestAccount treasurer, string code, object agreement)
    {
        using var response = await treasurer.Api.PostAsync($"/api/v1/money/currencies/{code}/clearing/agreements", Body(agreement));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> ClearAsync(TestAccount payer, string code, string agreement, string from, string to, string amount, string? key = null) =>
        payer.Api.PostAsync($"/api/v1/money/currencies/{code}/clearing/transfers",
            Body(new { agreement, from, to, amount, idempotency_key = key ?? Guid.NewGuid().ToString("N") }));

    private static async Task<System.Text.Json.JsonElement> AgreementAsync(TestAccount treasurer, string code) =>
        (await JsonOf(await treasurer.Api.GetAsync($"/api/v1/money/currencies/{code}/clearing/agreements")))[0];

    private static async Task<(string Balance, long Unfinished)> ClearingAccountAsync(TestAccount treasurer, string code)
    {
        var agreement = await AgreementAsync(treasurer, code);
        return (agreement.GetProperty("clearing_balance").GetString()!, agreement.GetProperty("unfinished").GetInt64());
    }

    /// <summary>A protocol call signed here, independently of the product's signing code.</summary>
    private async Task<HttpResponseMessage> ProtocolAsync(string code, string agreement, string action, object message, string secret)
    {
        var path = $"/api/v1/money/currencies/{code}/clearing/{agreement}/{action}";
        var body = System.Text.Json.JsonSerializer.Serialize(message);
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"POST\n{path}\n{body}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ClearingSignature.Header, "sha256=" + Convert.ToHexStringLower(mac));
        return await Site.Http.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
            Assert.Contains(detail, (await JsonOf(response)).GetProperty("detail").GetString());
        }
    }
}
