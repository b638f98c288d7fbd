using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Payments.Clearing;
using Coopdir.Core.Payments.Ledger;
using Coopdir.Tests.Support;
using static Coopdir.Tests.Payments.MoneyWorld;

namespace Coopdir.Tests.Payments;

/// <summary>
/// Two real servers, two stores, one payment from an account of RIV (on the first) to one of BRK (on the second) per
/// step of the protocol, with the coordinator or the participant killed (SIGKILL, by the test-only fault hook
/// <see cref="ClearingFaults"/>) at that step, then restarted: once the recovery has run, both legs are committed or
/// both are absent, balances and clearing accounts agree, the same idempotency key answers with that outcome, and
/// both public ledgers verify.
/// </summary>
public sealed class ClearingCrashTests
{
    private const string Secret = "riverton-and-brookfield-agreed-on-this-secret";
    private static readonly string[] Fast = ["--Clearing:RetrySeconds=1", "--Clearing:PrepareTimeoutSeconds=2", "--Clearing:PeerTimeoutSeconds=5",
        "--RateLimits:PaymentsPerMinute=100000", "--RateLimits:WritesPerMinute=100000"];

    // The steps after which the coordinator has decided commit: the payment must end committed on both sides.
    private static readonly string[] Decided = [ClearingFaults.CoordinatorDecided, ClearingFaults.ParticipantCommitted];

    [Fact]
    public async Task A_payment_between_two_instances_with_either_killed_at_each_step_ends_with_both_legs_committed_or_both_absent()
    {
        var (dbA, dbB) = (TestStores.NewSetting(), TestStores.NewSetting());
        try
        {
            var (portA, portB) = (ServerProcess.FreePort(), ServerProcess.FreePort());
            var riv = await Instance.SeedAsync(dbA, portA, "RIV", "Riverton");
            var brk = await Instance.SeedAsync(dbB, portB, "BRK", "Brookfield");
            // A process is started with the next step it is to die at (if any): until a payment reaches that step it
            // serves like any other, so the restart after one kill is also the start for the next.
            var steps = ClearingFaults.Steps;
            var (a, b) = (await riv.StartAsync(steps[0]), await brk.StartAsync());
            string? bDiesAt = null;
            try
            {
                var payer = await riv.SetUpAsync(a, brk, rateUnits: "4", ratePeerUnits: "5");
                var payee = await brk.SetUpAsync(b, riv, rateUnits: "5", ratePeerUnits: "4");
                var committed = 0;
                for (var i = 0; i < steps.Count; i++)
                {
                    var step = steps[i];
                    var coordinatorDies = step.StartsWith("coordinator", StringComparison.Ordinal);
                    var next = i + 1 < steps.Count && steps[i + 1].StartsWith(coordinatorDies ? "coordinator" : "participant", StringComparison.Ordinal) ? steps[i + 1] : null;
                    if (!coordinatorDies && bDiesAt != step)
                    {
                        await b.DisposeAsync();
                        (b, bDiesAt) = (await brk.StartAsync(step), step);
                    }
                    var key = "pay-" + step;
                    try
                    {
                        using var _ = await riv.PayAsync(a, payer, payee, "1.00", key);
                    }
                    catch (HttpRequestException)
                    {
                        // The coordinator died under the request.
                    }
                    var killed = coordinatorDies ? a : b;
                    Assert.True(await killed.ExitedAsync(TimeSpan.FromSeconds(20)), $"{step}: the server was not killed at the step");
                    await killed.DisposeAsync();
                    if (coordinatorDies) a = await riv.StartAsync(next); else (b, bDiesAt) = (await brk.StartAsync(next), next);
                    await WaitUntilSettledAsync(step, (riv, a), (brk, b));

                    if (Decided.Contains(step)) committed++;
                    Assert.Equal(Format(-100 * committed, 2), await BalanceAsync(a, riv, payer));
                    Assert.Equal(Format(125 * committed, 2), await BalanceAsync(b, brk, payee));
                    Assert.Equal((Format(100 * committed, 2), 0L), await riv.ClearingAsync(a));
                    Assert.Equal((Format(-125 * committed, 2), 0L), await brk.ClearingAsync(b));
                    Assert.Equal(committed, await LedgerSizeAsync(a, "RIV"));
                    Assert.Equal(committed, await LedgerSizeAsync(b, "BRK"));
                    // The payer's retry gets the outcome, and pays nothing more.
                    using var retry = await riv.PayAsync(a, payer, payee, "1.00", key);
                    Assert.Equal(Decided.Contains(step) ? HttpStatusCode.OK : HttpStatusCode.UnprocessableEntity, retry.StatusCode);
                    Assert.Equal(Format(-100 * committed, 2), await BalanceAsync(a, riv, payer));
                }
                Assert.Equal(Decided.Length, committed);
                Assert.True((await new LedgerVerifier(a.Http).VerifyAsync(new Uri(a.BaseAddress, "/api/v1/money/currencies/RIV/ledger"), null)).Ok);
                Assert.True((await new LedgerVerifier(b.Http).VerifyAsync(new Uri(b.BaseAddress, "/api/v1/money/currencies/BRK/ledger"), null)).Ok);
            }
            finally
            {
                await a.DisposeAsync();
                await b.DisposeAsync();
            }
        }
        finally
        {
            TestStores.Drop(dbA);
            TestStores.Drop(dbB);
        }
    }

    /// <summary>Until neither side has an unfinished transfer (the recovery re-drives them every second).</summary>
    private static async Task WaitUntilSettledAsync(string step, params (Instance Instance, ServerProcess Server)[] sides)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var unfinished = 0L;
            foreach (var (instance, server) in sides) unfinished += (await instance.ClearingAsync(server)).Unfinished;
            if (unfinished == 0) return;
            await Task.Delay(200);
        }
        Assert.Fail($"{step}: transfers were still unfinished after 30 s");
    }

    private static string Format(long cents, int decimals) => Core.Payments.Amounts.Format(cents, decimals);

    private static async Task<string> BalanceAsync(ServerProcess server, Instance instance, string account)
    {
        using var response = await instance.Api(server).GetAsync($"/api/v1/money/currencies/{instance.Code}/accounts/{account}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await JsonOf(response)).GetProperty("balance").GetString()!;
    }

    private static async Task<long> LedgerSizeAsync(ServerProcess server, string code) =>
        JsonDocument.Parse(await server.Http.GetStringAsync($"/api/v1/money/currencies/{code}/totals")).RootElement.GetProperty("ledger_size").GetInt64();

    /// <summary>One instance: its store, its fixed port (the peer knows it by it) and the token of its treasurer, who also holds the member account.</summary>
    private sealed record Instance(string Db, int Port, string Code, string Town, long City, long Record, string Token)
    {
        public static async Task<Instance> SeedAsync(string db, int port, string code, string town)
        {
            using var store = await Store.For(db).MigrateAsync();
            List<long> ids = [];
            await using (var session = await store.BeginWriteAsync())
            {
                var writer = new OrganizationWriter(TimeProvider.System);
                foreach (var o in new[] { An.Organization($"City of {town}", "municipality"), An.Organization($"{town} money", "currency") })
                    ids.Add((await writer.CreateAsync(session, o, new ChangeNote("test", "seed"))).Id);
                await session.CommitAsync();
            }
            await using var connection = await store.OpenAsync();
            var (user, _) = await new Users(TimeProvider.System).CreateAsync(connection, $"treasurer@{town.ToLowerInvariant()}.example.org", "Treasurer", Support.Accounts.Password, Roles.Contributor);
            var claims = new ListingClaims(TimeProvider.System);
            foreach (var id in ids) await claims.MarkVerifiedAsync(connection, (await claims.StartAsync(connection, id, user!.Id)).Id);
            return new Instance(db, port, code, town, ids[0], ids[1], await new ApiTokens(TimeProvider.System).CreateAsync(connection, user!.Id, "clearing test"));
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

        /// <param name="crashAt">The protocol step at which this process kills itself, if any.</param>
        public Task<ServerProcess> StartAsync(string? crashAt = null) => ServerProcess.StartAsync(Db, Port,
            crashAt is null ? null : new Dictionary<string, string> { [ClearingFaults.Variable] = crashAt }, Fast);

        public HttpClient Api(ServerProcess server)
        {
            var api = new HttpClient { BaseAddress = server.BaseAddress };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            return api;
        }

        /// <summary>Runs the currency (mutual credit, 2 decimals), opens the treasurer's own account and records the agreement with the peer.</summary>
        public async Task<string> SetUpAsync(ServerProcess server, Instance peer, string rateUnits, string ratePeerUnits)
        {
            using var api = Api(server);
            using var created = await api.PostAsync("/api/v1/money/currencies", Body(new Dictionary<string, object?>
            {
                ["currency_id"] = Record, ["operator_id"] = City, ["code"] = Code, ["name"] = $"{Town} money", ["unit"] = Code, ["decimals"] = 2,
                ["model"] = "mutual_credit", ["credit_limit"] = "1000",
            }));
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            using var agreed = await api.PostAsync($"/api/v1/money/currencies/{Code}/clearing/agreements", Body(new
            {
                name = "riv-brk", peer_url = peer.BaseAddress.ToString(), peer_currency = peer.Code, rate_units = rateUnits, rate_peer_units = ratePeerUnits,
                limit = "1000", secret = Secret,
            }));
            Assert.True(agreed.StatusCode == HttpStatusCode.Created, await agreed.Content.ReadAsStringAsync());
            using var opened = await api.PostAsync($"/api/v1/money/currencies/{Code}/accounts", Body(new { organization_id = (long?)null }));
            Assert.True(opened.StatusCode == HttpStatusCode.Created, await opened.Content.ReadAsStringAsync());
            return (await JsonOf(opened)).GetProperty("id").GetString()!;
        }

        public async Task<HttpResponseMessage> PayAsync(ServerProcess server, string from, string to, string amount, string key)
        {
            using var api = Api(server);
            return await api.PostAsync($"/api/v1/money/currencies/{Code}/clearing/transfers",
                Body(new { agreement = "riv-brk", from, to, amount, idempotency_key = key }));
        }

        public async Task<(string Balance, long Unfinished)> ClearingAsync(ServerProcess server)
        {
            using var api = Api(server);
            var agreement = (await JsonOf(await api.GetAsync($"/api/v1/money/currencies/{Code}/clearing/agreements")))[0];
            return (agreement.GetProperty("clearing_balance").GetString()!, agreement.GetProperty("unfinished").GetInt64());
        }
    }
}
