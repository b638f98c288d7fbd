using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Ledger;
using Coopdir.Tests.Support;
using Dapper;
using Xunit.Abstractions;

namespace Coopdir.Tests.Payments;

/// <summary>
/// `kill -9` of the real server while payers send transfers side by side, each retried with its own idempotency key
/// until the restarted server acknowledges it: every acknowledged transfer is on the books exactly once, every
/// balance is the sum of its entries, and the public ledger verifies from outside. CI runs 2 kills × 200 transfers;
/// COOPDIR_PAYMENTS_CRASH=full runs the 10 × 1,000 (figures in bench/README.md).
/// </summary>
public sealed class KilledPaymentsTests(ITestOutputHelper output)
{
    private const int Payers = 16;
    private const string Code = "KIL";
    private static readonly bool Full = Environment.GetEnvironmentVariable("COOPDIR_PAYMENTS_CRASH") == "full";
    private static readonly int Kills = Full ? 10 : 2;
    private static readonly int TransfersPerKill = Full ? 1000 : 200;

    [Fact]
    public async Task Transfers_retried_across_kills_are_each_on_the_books_once_and_the_ledger_verifies()
    {
        var db = TestStores.NewSetting();
        try
        {
            var accounts = await SeedAsync(db);
            var acknowledged = new ConcurrentDictionary<string, (long Id, long Index)>();
            int created = 0, replayed = 0, attempts = 0;
            var refused = new ConcurrentBag<string>();
            var random = new Random(21);
            TreeHead? earlier = null;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            for (var kill = 0; kill < Kills; kill++)
            {
                var server = new CurrentServer(await StartAsync(db));
                var queue = new ConcurrentQueue<Payment>(Enumerable.Range(0, TransfersPerKill).Select(i =>
                    new Payment(accounts[i % Payers], accounts[(i + 1) % Payers].Id, $"{random.Next(1, 5000)}.{random.Next(0, 100):00}", Guid.NewGuid().ToString("N"))));
                var before = acknowledged.Count;
                var payers = Enumerable.Range(0, Payers).Select(_ => Task.Run(async () =>
                {
                    while (queue.TryDequeue(out var payment))
                    {
                        // The same key on every try, whatever happened to the last one: a retry can never pay twice.
                        while (true)
                        {
                            Interlocked.Increment(ref attempts);
                            var (status, body) = await SendAsync(http, server, payment);
                            if (status is HttpStatusCode.Created or HttpStatusCode.OK)
                            {
                                var transfer = JsonDocument.Parse(body).RootElement;
                                acknowledged[payment.Key] = (transfer.GetProperty("id").GetInt64(), transfer.GetProperty("ledger_index").GetInt64());
                                Interlocked.Increment(ref status == HttpStatusCode.Created ? ref created : ref replayed);
                                break;
                            }
                            if (status is null or >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests)
                            {
                                await Task.Delay(100);
                                continue;
                            }
                            refused.Add($"{payment.Key}: {(int)status} {body}");
                            break;
                        }
                    }
                })).ToList();
                // Kill mid-stream, at a different point each time, then start again on the same store.
                var killAt = before + random.Next(TransfersPerKill / 5, TransfersPerKill * 4 / 5);
                while (acknowledged.Count < killAt && !Task.WhenAll(payers).IsCompleted) await Task.Delay(5);
                await server.KillAndRestartAsync(() => StartAsync(db));
                await Task.WhenAll(payers);
                earlier ??= (await new LedgerVerifier(http).VerifyAsync(LedgerUrl(server.Now), null)).Head;
                await server.Now.DisposeAsync();
            }
            Assert.Empty(refused);

            await using var final = await StartAsync(db);
            var check = await new LedgerVerifier(http).VerifyAsync(LedgerUrl(final), earlier);
            Assert.True(check.Ok, check.Message);
            using var store = Store.For(db);
            await using var connection = await store.OpenAsync();
            var transfers = (await connection.QueryAsync<(long Id, string Key, long Index, string From, string To, long Amount, string Leaf)>("""
                SELECT t.id, t.idempotency_key, t.ledger_index, d.ledger_id, c.ledger_id, t.amount, l.leaf
                FROM pay_transfers t JOIN pay_accounts d ON d.id = t.debit_id JOIN pay_accounts c ON c.id = t.credit_id
                LEFT JOIN pay_ledger l ON l.currency_id = t.currency_id AND l.idx = t.ledger_index
                """)).AsList();
            var byKey = transfers.GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.ToList());
            var duplicates = byKey.Values.Count(g => g.Count > 1);
            var present = acknowledged.Count(a => byKey.TryGetValue(a.Key, out var rows) && rows.Count == 1 && rows[0].Id == a.Value.Id && rows[0].Index == a.Value.Index);
            output.WriteLine($"store {TestStores.Kind}: kills {Kills}, transfers sent {Kills * TransfersPerKill}, attempts {attempts}, acknowledged {acknowledged.Count} " +
                $"({created} created, {replayed} replayed after a kill), present exactly once {present}, duplicates {duplicates}, on the books {transfers.Count}, ledger entries {check.Head?.TreeSize}");

            Assert.Equal(Kills * TransfersPerKill, acknowledged.Count);
            Assert.Equal(acknowledged.Count, present);
            Assert.Equal(0, duplicates);
            Assert.Equal(acknowledged.Count, transfers.Count); // nothing on the books that was not asked for
            Assert.Equal(transfers.Count, check.Head!.TreeSize); // one ledger entry per transfer, and each transfer's is its own
            Assert.All(transfers, t =>
            {
                var leaf = JsonDocument.Parse(t.Leaf ?? "{}").RootElement;
                Assert.True(t.Leaf is not null && leaf.GetProperty("from").GetString() == t.From && leaf.GetProperty("to").GetString() == t.To
                    && leaf.GetProperty("amount").GetString() == Amounts.Format(t.Amount, 2), $"transfer {t.Id} is not ledger entry {t.Index}: {t.Leaf}");
            });
            var unbalanced = await connection.QueryAsync<string>("""
                SELECT a.public_id FROM pay_accounts a
                WHERE a.balance <> COALESCE((SELECT sum(amount) FROM pay_transfers WHERE credit_id = a.id), 0)
                                - COALESCE((SELECT sum(amount) FROM pay_transfers WHERE debit_id = a.id), 0)
                """);
            Assert.Empty(unbalanced);
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COALESCE(sum(balance), 0) FROM pay_accounts"));
            if (TestStores.Kind == StoreKind.Sqlite) Assert.Equal("ok", await connection.ExecuteScalarAsync<string>("PRAGMA integrity_check"));
        }
        finally
        {
            TestStores.Drop(db);
        }
    }

    private sealed record Payer(string Id, string Token);

    private sealed record Payment(Payer From, string To, string Amount, string Key);

    /// <summary>The server the payers talk to now; swapped for a new process after each kill.</summary>
    private sealed class CurrentServer(ServerProcess first)
    {
        private volatile ServerProcess? now = first;

        public ServerProcess Now => now!;

        public Uri? BaseAddress => now?.BaseAddress;

        public async Task KillAndRestartAsync(Func<Task<ServerProcess>> start)
        {
            var killed = now!;
            now = null;
            await killed.DisposeAsync(); // SIGKILL, mid-request for some payers
            now = await start();
        }
    }

    private static async Task<(HttpStatusCode? Status, string Body)> SendAsync(HttpClient http, CurrentServer server, Payment payment)
    {
        if (server.BaseAddress is not { } site) return (null, "");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(site, $"/api/v1/money/currencies/{Code}/transfers"))
        {
            Content = MoneyWorld.Body(new { from = payment.From.Id, to = payment.To, amount = payment.Amount, idempotency_key = payment.Key }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", payment.From.Token);
        try
        {
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (null, ""); // the server died under the request: it may or may not have paid, the retry will tell
        }
    }

    // Twenty starts in a row: on a loaded machine one can miss ServerProcess's 30 seconds, so each gets a second chance.
    private static async Task<ServerProcess> StartAsync(string db)
    {
        string[] options = ["--RateLimits:PaymentsPerMinute=1000000", "--RateLimits:WritesPerMinute=1000000"];
        try
        {
            return await ServerProcess.StartAsync(db, options);
        }
        catch (InvalidOperationException)
        {
            return await ServerProcess.StartAsync(db, options);
        }
    }

    private static Uri LedgerUrl(ServerProcess server) => new(server.BaseAddress, $"/api/v1/money/currencies/{Code}/ledger");

    // A city runs a mutual credit currency with room enough that no payment is refused; each payer holds an account.
    private static async Task<List<Payer>> SeedAsync(string db)
    {
        using var store = await Store.For(db).MigrateAsync();
        long city, record;
        await using (var session = await store.BeginWriteAsync())
        {
            var writer = new OrganizationWriter(TimeProvider.System);
            city = (await writer.CreateAsync(session, An.Organization("City of Killingworth", "municipality"), new ChangeNote("test", "seed"))).Id;
            record = (await writer.CreateAsync(session, An.Organization("Killingworth Pound", "currency"), new ChangeNote("test", "seed"))).Id;
            await session.CommitAsync();
        }
        var users = new Users(TimeProvider.System);
        var tokens = new ApiTokens(TimeProvider.System);
        var claims = new ListingClaims(TimeProvider.System);
        var operations = new CurrencyOperations(store, TimeProvider.System);
        await using var connection = await store.OpenAsync();
        var (treasurer, _) = await users.CreateAsync(connection, "treasurer@example.org", "Treasurer", Support.Accounts.Password, Roles.Contributor);
        foreach (var org in new[] { city, record }) await claims.MarkVerifiedAsync(connection, (await claims.StartAsync(connection, org, treasurer!.Id)).Id);
        var currency = await operations.CreateAsync(treasurer!, new CurrencyDraft(record, city, Code, "Killingworth Pound", "K£", 2, MoneyModel.MutualCredit, "10000000", null, null));
        Assert.Equal(PaymentOutcome.Done, currency.Outcome);
        var payers = new List<Payer>();
        for (var i = 0; i < Payers; i++)
        {
            var (user, _) = await users.CreateAsync(connection, $"payer{i}@example.org", $"Payer {i}", Support.Accounts.Password, Roles.Contributor);
            var account = await operations.OpenAccountAsync(user!, Code, null);
            payers.Add(new Payer(account.Value!.PublicId, await tokens.CreateAsync(connection, user!.Id, "kill test")));
        }
        return payers;
    }
}
