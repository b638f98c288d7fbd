using System.Diagnostics;
using System.Text;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Data.Sqlite;
using Coopdir.Core.Organizations;
using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Ledger;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;

namespace Coopdir.Bench;

/// <summary>
/// Payments (--payments): concurrent transfers through the real <see cref="Movements.TransferAsync"/> with the store's
/// durability on (SQLite WAL with synchronous=FULL; PostgreSQL's synchronous_commit), in one currency and spread over
/// several; then a ledger of --ledger-size entries (default 10,000,000) and the time of appending to it and of
/// inclusion and consistency proofs read from it. A SQLite file of its own, and with --postgres a database of its own
/// (coopdir_payments_bench, made afresh).
/// </summary>
public static class PaymentsBench
{
    private const string Database = "coopdir_payments_bench";
    private const int Payers = 64;

    public static async Task RunAsync(string work, string? postgres, int payments, int concurrency, long ledgerSize, Dictionary<string, object> results, TextWriter log)
    {
        var path = Path.Combine(work, "payments.db");
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        await RunStoreAsync("sqlite", await new SqliteStore(path).MigrateAsync(), payments, concurrency, ledgerSize, results, log);
        if (postgres is not null)
        {
            await using (var admin = new NpgsqlConnection(postgres))
            {
                await admin.OpenAsync();
                await using var command = admin.CreateCommand();
                command.CommandText = $"DROP DATABASE IF EXISTS {Database} WITH (FORCE); CREATE DATABASE {Database}";
                await command.ExecuteNonQueryAsync();
            }
            var setting = new NpgsqlConnectionStringBuilder(postgres) { Database = Database, MaxPoolSize = Math.Max(100, concurrency * 2) }.ConnectionString;
            await RunStoreAsync("postgres", await Store.For(setting).MigrateAsync(), payments, concurrency, ledgerSize, results, log);
        }
    }

    private static async Task RunStoreAsync(string name, Store store, int payments, int concurrency, long ledgerSize, Dictionary<string, object> results, TextWriter log)
    {
        var world = await World.SeedAsync(store, currencies: 4);
        var movements = new Movements(store, TimeProvider.System, NullLogger<Movements>.Instance);
        await TransfersAsync(movements, world, [world.Codes[0]], 200, concurrency, null, log); // warm-up
        foreach (var (label, codes) in new[] { ("", world.Codes.Take(1).ToArray()), ("_4_currencies", world.Codes) })
        {
            var figures = new Dictionary<string, object>();
            await TransfersAsync(movements, world, codes, payments, concurrency, figures, log);
            foreach (var (key, value) in figures) results[$"{name}_payments{label}_{key}"] = value;
            log.WriteLine($"{name}{label}: {figures["per_s"]} payments/s, p99 {figures["p99_ms"]} ms");
        }
        if (ledgerSize > 0) await LedgerAsync(name, store, world, ledgerSize, results, log); // --ledger-size 0: payments alone
    }

    /// <summary>Concurrent transfers, each from a payer to the next, round-robin over the currencies; every one must be done.</summary>
    private static async Task TransfersAsync(Movements movements, World world, string[] codes, int payments, int concurrency, Dictionary<string, object>? figures, TextWriter log)
    {
        var latencies = new double[payments];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < payments; i = Interlocked.Increment(ref next))
            {
                var code = codes[i % codes.Length];
                var payer = world.Accounts[code][i / codes.Length % Payers];
                var payee = world.Accounts[code][(i / codes.Length + 1) % Payers];
                var started = Stopwatch.GetTimestamp();
                var result = await movements.TransferAsync(payer.User, code, new MovementDraft(payer.Id, payee.Id, $"{1 + i % 50}.25", null, Guid.NewGuid().ToString("N")));
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (result.Outcome != PaymentOutcome.Done) throw new InvalidOperationException($"payment {i}: {result.Outcome} {result.Detail}");
            }
        })));
        var wall = clock.Elapsed.TotalSeconds;
        if (figures is null) return;
        figures["count"] = payments;
        figures["concurrency"] = concurrency;
        figures["per_s"] = Math.Round(payments / wall);
        figures["p50_ms"] = Math.Round(Runs.Percentile(latencies.ToList(), 50), 2);
        figures["p99_ms"] = Math.Round(Runs.Percentile(latencies.ToList(), 99), 2);
    }

    /// <summary>
    /// A log of <paramref name="size"/> entries built through the ledger's own <see cref="Frontier.Append"/> (the code
    /// every append runs: it yields the perfect subtrees each leaf completes), its nodes written in bulk and the log's
    /// size and frontier set as the last append leaves them; the entries' rows themselves are not written (no proof
    /// reads them; signing 10 million heads would take the run's hours). Then real appends through
    /// <see cref="LedgerLog.AppendAsync(WriteSession, PayCurrency, Func{long, string}, string)"/> on top, and proofs through <see cref="LedgerLog.InclusionAsync"/> and
    /// <see cref="LedgerLog.ConsistencyAsync"/>, each in a connection of its own as the API answers them.
    /// </summary>
    private static async Task LedgerAsync(string name, Store store, World world, long size, Dictionary<string, object> results, TextWriter log)
    {
        var currency = (await PaymentQueries.CurrencyAsync(await store.OpenAsync(), world.Codes[^1]))!;
        await using (var connection = await store.OpenAsync())
            await connection.ExecuteAsync("DELETE FROM pay_ledger_nodes WHERE currency_id = @Id", new { currency.Id });
        var clock = Stopwatch.StartNew();
        var frontier = new Frontier();
        var at = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
        const int Chunk = 500_000;
        for (long start = 0; start < size; start += Chunk)
        {
            var nodes = new List<(int Level, long Index, byte[] Hash)>(Chunk * 2);
            for (var i = start; i < Math.Min(size, start + Chunk); i++)
                nodes.AddRange(frontier.Append(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(
                    LedgerLog.Leaf(currency, i, TransferKind.Transfer, $"acct-{i % 997:x16}", $"acct-{(i + 1) % 997:x16}", 100 + i % 5000, at)))));
            await WriteNodesAsync(store, currency.Id, nodes);
            log.WriteLine($"{name}: ledger of {Math.Min(size, start + Chunk):N0} entries built");
        }
        await using (var connection = await store.OpenAsync())
            await connection.ExecuteAsync("UPDATE pay_currencies SET log_size = @Size, log_frontier = @frontier WHERE id = @Id",
                new { frontier.Size, frontier = frontier.ToString(), currency.Id });
        results[$"{name}_ledger_entries"] = size;
        results[$"{name}_ledger_build_s"] = Math.Round(clock.Elapsed.TotalSeconds);

        var append = new Timings();
        for (var i = 0; i < 1000; i++)
            await append.TimeAsync(async () =>
            {
                await using var session = await store.BeginWriteAsync();
                await LedgerLog.LockAsync(session, currency.Id);
                await LedgerLog.AppendAsync(session, currency, index => LedgerLog.Leaf(currency, index, TransferKind.Transfer, "acct-a", "acct-b", 100, at), at);
                await session.CommitAsync();
            });
        var treeSize = size + 1000;
        var random = new Random(9162);
        var inclusion = new Timings();
        var consistency = new Timings();
        for (var i = 0; i < 1000; i++)
        {
            var index = random.NextInt64(treeSize);
            var first = random.NextInt64(1, treeSize);
            await inclusion.TimeAsync(async () =>
            {
                await using var connection = await store.OpenAsync();
                var (leaf, path, root) = await LedgerLog.InclusionAsync(connection, currency.Id, index, treeSize);
                if (!MerkleTree.VerifyInclusion(leaf, index, treeSize, path, root)) throw new InvalidOperationException($"inclusion of {index} does not verify");
            });
            await consistency.TimeAsync(async () =>
            {
                await using var connection = await store.OpenAsync();
                var (proof, firstRoot, secondRoot) = await LedgerLog.ConsistencyAsync(connection, currency.Id, first, treeSize);
                if (!MerkleTree.VerifyConsistency(first, treeSize, firstRoot, secondRoot, proof)) throw new InvalidOperationException($"consistency from {first} does not verify");
            });
        }
        foreach (var (what, timings) in new[] { ("append", append), ("inclusion_proof", inclusion), ("consistency_proof", consistency) })
        {
            results[$"{name}_ledger_{what}_p50_ms"] = Math.Round(timings.Percentile(50), 2);
            results[$"{name}_ledger_{what}_p99_ms"] = Math.Round(timings.Percentile(99), 2);
        }
        log.WriteLine($"{name}: append p99 {results[$"{name}_ledger_append_p99_ms"]} ms, inclusion p99 {results[$"{name}_ledger_inclusion_proof_p99_ms"]} ms, consistency p99 {results[$"{name}_ledger_consistency_proof_p99_ms"]} ms at {treeSize:N0}");
    }

    // SQLite: the ledger's own prepared insert, in one bulk write per chunk; PostgreSQL: binary COPY of the same rows.
    private static async Task WriteNodesAsync(Store store, long currencyId, List<(int Level, long Index, byte[] Hash)> nodes)
    {
        if (store.Kind == StoreKind.Sqlite)
        {
            await using var session = await store.BeginWriteAsync(bulk: true);
            var insert = session.Command("INSERT INTO pay_ledger_nodes (currency_id, level, idx, hash) VALUES (@c, @level, @i, @hash)", "c", "level", "i", "hash");
            foreach (var (level, index, hash) in nodes) await insert.ExecuteAsync(currencyId, level, index, hash);
            await session.CommitAsync();
            return;
        }
        await using var connection = (NpgsqlConnection)await store.OpenAsync();
        await using var copy = await connection.BeginBinaryImportAsync("COPY pay_ledger_nodes (currency_id, level, idx, hash) FROM STDIN (FORMAT BINARY)");
        foreach (var (level, index, hash) in nodes)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(currencyId, NpgsqlDbType.Bigint);
            await copy.WriteAsync(level, NpgsqlDbType.Integer);
            await copy.WriteAsync(index, NpgsqlDbType.Bigint);
            await copy.WriteAsync(hash, NpgsqlDbType.Bytea);
        }
        await copy.CompleteAsync();
    }

    private sealed record Holder(User User, string Id);

    /// <summary>A city running <c>currencies</c> mutual credit currencies, with room enough that no payment is refused, and 64 payers in each.</summary>
    private sealed record World(string[] Codes, Dictionary<string, List<Holder>> Accounts)
    {
        public static async Task<World> SeedAsync(Store store, int currencies)
        {
            var writer = new OrganizationWriter(TimeProvider.System);
            var users = new Users(TimeProvider.System);
            var claims = new ListingClaims(TimeProvider.System);
            var operations = new CurrencyOperations(store, TimeProvider.System);
            long city;
            var records = new List<long>();
            await using (var session = await store.BeginWriteAsync())
            {
                city = (await writer.CreateAsync(session, new OrganizationContent { Name = "City of Benchton", Kind = "municipality" }, new ChangeNote("bench", "seed"))).Id;
                for (var c = 0; c < currencies; c++)
                    records.Add((await writer.CreateAsync(session, new OrganizationContent { Name = $"Benchton Pound {c}", Kind = "currency" }, new ChangeNote("bench", "seed"))).Id);
                await session.CommitAsync();
            }
            await using var connection = await store.OpenAsync();
            var (treasurer, _) = await users.CreateAsync(connection, "treasurer@bench.example.org", "Treasurer", "correct horse battery staple", Roles.Contributor);
            var payers = new List<User>();
            for (var p = 0; p < Payers; p++)
                payers.Add((await users.CreateAsync(connection, $"payer{p}@bench.example.org", $"Payer {p}", "correct horse battery staple", Roles.Contributor)).User!);
            await claims.MarkVerifiedAsync(connection, (await claims.StartAsync(connection, city, treasurer!.Id)).Id);
            var codes = new List<string>();
            var accounts = new Dictionary<string, List<Holder>>();
            foreach (var record in records)
            {
                await claims.MarkVerifiedAsync(connection, (await claims.StartAsync(connection, record, treasurer.Id)).Id);
                var code = $"BEN{codes.Count}";
                var created = await operations.CreateAsync(treasurer, new CurrencyDraft(record, city, code, "Benchton Pound", "B£", 2, MoneyModel.MutualCredit, "100000000", null, null));
                if (created.Outcome != PaymentOutcome.Done) throw new InvalidOperationException($"{code}: {created.Outcome} {created.Detail}");
                codes.Add(code);
                accounts[code] = [];
                foreach (var payer in payers) accounts[code].Add(new Holder(payer, (await operations.OpenAccountAsync(payer, code, null)).Value!.PublicId));
            }
            return new World([.. codes], accounts);
        }
    }
}
