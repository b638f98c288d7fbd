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
    /// Appends a leaf inside the write. The caller holds the currency's row (<see cref="LockAsync"/>), so appends
    /// of one currency take turns and the log has no gaps; the leaf's index is the log's size before it.
    /// </summary>
    public static async Task<TreeHead> AppendAsync(WriteSession session, PayCurrency currency, Func<long, string> leafAt, string at)
    {
        var state = await session.QuerySingleOrDefaultAsync<(long Size, string Frontier, string PrivateKey)>(
            "SELECT log_size, log_frontier, private_key FROM pay_currencies WHERE id = @Id", new { currency.Id });
        var frontier = Frontier.Parse(state.Size, state.Frontier);
        var index = state.Size;
        var leaf = leafAt(index);
        frontier.Append(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(leaf)));
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(state.PrivateKey), out _);
        var head = TreeHead.Sign(key, currency.Code, frontier.Size, frontier.Root(), at);
        await session.ExecuteAsync("""
            INSERT INTO pay_ledger (currency_id, idx, leaf, root, signed_at, signature) VALUES (@Id, @index, @leaf, @RootHash, @Timestamp, @Signature)
            """, new { currency.Id, index, leaf, head.RootHash, head.Timestamp, head.Signature });
        await session.ExecuteAsync("UPDATE pay_currencies SET log_size = @TreeSize, log_frontier = @frontier WHERE id = @Id",
            new { head.TreeSize, frontier = frontier.ToString(), currency.Id });
        return head;
    }

    /// <summary>Takes the currency's row until the write ends: movements of one currency are written one at a time.</summary>
    public static Task LockAsync(WriteSession session, long currencyId) =>
        session.ExecuteAsync("UPDATE pay_currencies SET log_size = log_size WHERE id = @currencyId", new { currencyId });

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

    /// <summary>The leaf hashes of the first <paramref name="size"/> entries, recomputed from the leaves, for proofs.</summary>
    public static async Task<List<byte[]>> LeafHashesAsync(DbConnection connection, long currencyId, long size)
    {
        var hashes = new List<byte[]>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT leaf FROM pay_ledger WHERE currency_id = @c AND idx < @n ORDER BY idx";
        var c = command.CreateParameter(); c.ParameterName = "c"; c.Value = currencyId; command.Parameters.Add(c);
        var n = command.CreateParameter(); n.ParameterName = "n"; n.Value = size; command.Parameters.Add(n);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) hashes.Add(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(reader.GetString(0))));
        return hashes;
    }

    /// <summary>The signed head at a given size, from the entry that made it.</summary>
    public static async Task<TreeHead?> HeadAtAsync(DbConnection connection, PayCurrency currency, long size) =>
        size < 1 ? null : (await EntriesAsync(connection, currency.Id, size - 1, 1)).FirstOrDefault(e => e.Index == size - 1)?.Head(currency.Code);
}
