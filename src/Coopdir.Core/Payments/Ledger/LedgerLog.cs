using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Payments.Ledger;

/// <summary>One public entry: its index, its leaf (the exact bytes hashed, as UTF-8 text) and the head signed when it was appended.</summary>
public sealed class LedgerEntry
{
    public long Index { get; init; }
    public string Leaf { get; init; } = "";
    public string Root { get; init; } = "";
    public string SignedAt { get; init; } = "";
    public string Signature { get; init; } = "";

    public TreeHead Head(string currency) => new(currency, Index + 1, Root, SignedAt, Signature);
}

/// <summary>
/// A currency's public ledger: every movement appended, in the write that makes it, as a leaf of an RFC 9162
/// Merkle log; each append signs the new tree head with the operator's key. Leaves carry pseudonymous account
/// ids, the amount, the kind and the time: no names. The operator's key pair is made when the currency is
/// (ECDSA P-256); the private half is kept in the store (<c>pay_currencies.private_key</c>) and never served.
/// </summary>
public static class LedgerLog
{
    public const int MaxPage = 1000;

    // Importing a PKCS#8 key costs more than signing: each currency's key is imported once per process. A key signs
    // only under its currency's lock (appends take turns), so one instance is never used by two appends at once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(long, string), ECDsa> Keys = new();

    private static ECDsa Key(long currencyId, string privateKey) => Keys.GetOrAdd((currencyId, privateKey), k =>
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(k.Item2), out _);
        return key;
    });

    public static (string PublicKey, string PrivateKey) NewKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()), Convert.ToBase64String(key.ExportPkcs8PrivateKey()));
    }

    /// <summary>The leaf of a movement: canonical JSON, fields always in this order.</summary>
    public static string Leaf(PayCurrency currency, long index, string kind, string? from, string? to, long amount, string at)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("currency", currency.Code);
            json.WriteNumber("index", index);
            json.WriteString("kind", kind);
            if (from is null) json.WriteNull("from"); else json.WriteString("from", from);
            if (to is null) json.WriteNull("to"); else json.WriteString("to", to);
            json.WriteString("amount", currency.Format(amount));
            json.WriteString("at", at);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The log's state, read once by a write that holds the currency's row (<see cref="LockAsync"/>) and advanced in
    /// memory by each append it makes: nobody else can append meanwhile. Stale once the write rolls back past an append.
    /// </summary>
    public sealed class Tail(Frontier frontier, string privateKey)
    {
        public Frontier Frontier { get; } = frontier;
        public string PrivateKey { get; } = privateKey;
    }

    /// <summary>The log's tail as the write sees it; the caller holds the currency's row.</summary>
    public static async Task<Tail> TailAsync(WriteSession session, long currencyId)
    {
        var state = await session.Command("SELECT log_size, log_frontier, private_key FROM pay_currencies WHERE id = @Id", "Id")
            .FirstOrDefaultAsync<(long Size, string Frontier, string PrivateKey)>(currencyId);
        return new Tail(Frontier.Parse(state.Size, state.Frontier), state.PrivateKey);
    }

    /// <summary>Appends a leaf inside the write, reading the log's tail first (see the overload that is given one).</summary>
    public static async Task<TreeHead> AppendAsync(WriteSession session, PayCurrency currency, Func<long, string> leafAt, string at) =>
        await AppendAsync(session, await TailAsync(session, currency.Id), currency, leafAt, at);

    /// <summary>
    /// Appends a leaf inside the write. The caller holds the currency's row (<see cref="LockAsync"/>), so appends
    /// of one currency take turns and the log has no gaps; the leaf's index is the log's size before it.
    /// </summary>
    public static async Task<TreeHead> AppendAsync(WriteSession session, Tail tail, PayCurrency currency, Func<long, string> leafAt, string at)
    {
        var frontier = tail.Frontier;
        var index = frontier.Size;
        var leaf = leafAt(index);
        var completed = frontier.Append(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(leaf)));
        var head = TreeHead.Sign(Key(currency.Id, tail.PrivateKey), currency.Code, frontier.Size, frontier.Root(), at);
        // Nobody reads what these return: they go with the write's next round trip where the store can batch them.
        await session.Command("""
            INSERT INTO pay_ledger (currency_id, idx, leaf, root, signed_at, signature) VALUES (@c, @i, @leaf, @root, @at, @signature)
            """, "c", "i", "leaf", "root", "at", "signature").QueueAsync(currency.Id, index, leaf, head.RootHash, head.Timestamp, head.Signature);
        var node = session.Command("INSERT INTO pay_ledger_nodes (currency_id, level, idx, hash) VALUES (@c, @level, @i, @hash)", "c", "level", "i", "hash");
        foreach (var (level, i, hash) in completed) await node.QueueAsync(currency.Id, level, i, hash);
        await session.Command("UPDATE pay_currencies SET log_size = @size, log_frontier = @frontier WHERE id = @c", "size", "frontier", "c")
            .QueueAsync(head.TreeSize, frontier.ToString(), currency.Id);
        return head;
    }

    /// <summary>
    /// Takes the currency's row until the write ends: movements of one currency are written one at a time. Queued where
    /// the store batches statements: the row is taken by the write's next round trip, before anything that follows it.
    /// </summary>
    public static Task LockAsync(WriteSession session, long currencyId) =>
        session.Command("UPDATE pay_currencies SET log_size = log_size WHERE id = @currencyId", "currencyId").QueueAsync(currencyId);

    public static async Task<TreeHead?> HeadAsync(DbConnection connection, PayCurrency currency)
    {
        var last = await connection.QuerySingleOrDefaultAsync<LedgerEntry?>(
            "SELECT idx AS \"Index\", leaf AS Leaf, root AS Root, signed_at AS SignedAt, signature AS Signature FROM pay_ledger WHERE currency_id = @Id ORDER BY idx DESC LIMIT 1",
            new { currency.Id });
        return last?.Head(currency.Code);
    }

    public static async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(DbConnection connection, long currencyId, long start, int limit) =>
        (await connection.QueryAsync<LedgerEntry>("""
            SELECT idx AS "Index", leaf AS Leaf, root AS Root, signed_at AS SignedAt, signature AS Signature
            FROM pay_ledger WHERE currency_id = @currencyId AND idx >= @start ORDER BY idx LIMIT @limit
            """, new { currencyId, start, limit })).AsList();

    /// <summary>The audit path of entry <paramref name="index"/> in the tree of <paramref name="size"/> entries, its leaf hash and that tree's root.</summary>
    public static async Task<(byte[] LeafHash, List<byte[]> Path, byte[] Root)> InclusionAsync(DbConnection connection, long currencyId, long index, long size)
    {
        var node = await NodesAsync(connection, currencyId, MerkleTree.NodesRead(n =>
        {
            MerkleTree.InclusionProof(n, index, size);
            MerkleTree.Root(n, size);
            n(0, index);
        }));
        return (node(0, index), MerkleTree.InclusionProof(node, index, size), MerkleTree.Root(node, size));
    }

    /// <summary>The consistency proof from <paramref name="first"/> to <paramref name="second"/> entries and the roots of both trees.</summary>
    public static async Task<(List<byte[]> Proof, byte[] FirstRoot, byte[] SecondRoot)> ConsistencyAsync(DbConnection connection, long currencyId, long first, long second)
    {
        var node = await NodesAsync(connection, currencyId, MerkleTree.NodesRead(n =>
        {
            MerkleTree.ConsistencyProof(n, first, second);
            MerkleTree.Root(n, first);
            MerkleTree.Root(n, second);
        }));
        return (MerkleTree.ConsistencyProof(node, first, second), MerkleTree.Root(node, first), MerkleTree.Root(node, second));
    }

    /// <summary>
    /// The stored perfect subtrees asked for, read in one query: O(log n) of them for any proof. The wanted nodes are a
    /// list joined to the table, one primary-key lookup each: written as ORs, SQLite's planner scans every node of the
    /// currency once there are a few dozen (10 s a proof at 10 million entries).
    /// </summary>
    private static async Task<PerfectNode> NodesAsync(DbConnection connection, long currencyId, HashSet<(int Level, long Index)> wanted)
    {
        var values = new DynamicParameters(new { c = currencyId });
        var rowsWanted = wanted.Select((w, i) =>
        {
            values.Add($"l{i}", w.Level);
            values.Add($"i{i}", w.Index);
            return $"(@l{i}, @i{i})";
        });
        var rows = await connection.QueryAsync<(int Level, long Index, byte[] Hash)>(
            $"SELECT n.level, n.idx, n.hash FROM (VALUES {string.Join(", ", rowsWanted)}) w " +
            "JOIN pay_ledger_nodes n ON n.currency_id = @c AND n.level = w.column1 AND n.idx = w.column2", values);
        var found = rows.ToDictionary(r => (r.Level, r.Index), r => r.Hash);
        return (level, index) => found.TryGetValue((level, index), out var hash) ? hash
            : throw new InvalidDataException($"The ledger of currency {currencyId} lacks its node at level {level}, index {index}.");
    }

    private const string LacksNodes =
        "log_size > (SELECT COUNT(*) FROM pay_ledger_nodes n WHERE n.currency_id = c.id AND n.level = 0)";

    /// <summary>
    /// Computes the stored nodes of logs written before they were kept (migration 0020), from the leaves. Run at every
    /// start, so that a crash after the migration, or an instance that appended meanwhile, cannot leave a log without
    /// them: a log with fewer leaf nodes than entries has all its nodes rewritten, in one write under its lock.
    /// </summary>
    public static async Task WriteMissingNodesAsync(Store store)
    {
        List<long> currencies;
        await using (var connection = await store.OpenAsync())
            currencies = (await connection.QueryAsync<long>($"SELECT id FROM pay_currencies c WHERE {LacksNodes}")).AsList();
        foreach (var currencyId in currencies)
        {
            await using var session = await store.BeginWriteAsync();
            await LockAsync(session, currencyId);
            if (await session.ScalarAsync<long>($"SELECT COUNT(*) FROM pay_currencies c WHERE c.id = @currencyId AND {LacksNodes}", new { currencyId }) == 0)
                continue;
            await session.ExecuteAsync("DELETE FROM pay_ledger_nodes WHERE currency_id = @currencyId", new { currencyId });
            var frontier = new Frontier();
            var node = session.Command("INSERT INTO pay_ledger_nodes (currency_id, level, idx, hash) VALUES (@c, @level, @i, @hash)", "c", "level", "i", "hash");
            foreach (var leaf in await session.QueryAsync<string>("SELECT leaf FROM pay_ledger WHERE currency_id = @currencyId ORDER BY idx", new { currencyId }))
                foreach (var (level, i, hash) in frontier.Append(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(leaf))))
                    await node.QueueAsync(currencyId, level, i, hash);
            await session.CommitAsync();
        }
    }

    /// <summary>The signed head at a given size, from the entry that made it.</summary>
    public static async Task<TreeHead?> HeadAtAsync(DbConnection connection, PayCurrency currency, long size) =>
        size < 1 ? null : (await EntriesAsync(connection, currency.Id, size - 1, 1)).FirstOrDefault(e => e.Index == size - 1)?.Head(currency.Code);
}
