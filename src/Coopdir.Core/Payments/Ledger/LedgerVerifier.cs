using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coopdir.Core.Payments.Ledger;

/// <summary>What a verification found: OK with the head it checked, or the first thing wrong, naming the entry.</summary>
public sealed record LedgerCheck(bool Ok, string Message, TreeHead? Head = null, long? BadEntry = null);

/// <summary>
/// Checks a currency's public ledger from outside, as anyone can: reads every entry from the API, recomputes each
/// leaf hash and the RFC 9162 root after each append, checks that root and the operator's signature against the head
/// the entry carries, and that the latest head matches. Given a tree head seen earlier, it also checks it was signed
/// by the same key and that the log now is an extension of it (a consistency proof from the server, verified here).
/// </summary>
public sealed class LedgerVerifier(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<LedgerCheck> VerifyAsync(Uri ledger, TreeHead? earlier, CancellationToken cancellation = default)
    {
        var base_ = ledger.ToString().TrimEnd('/');
        var head = await GetAsync<HeadJson>($"{base_}", cancellation);
        if (head is null) return new(false, $"{base_} did not answer with a signed tree head.");
        var latest = new TreeHead(head.Currency, head.TreeSize, head.RootHash, head.Timestamp, head.Signature);
        if (!latest.IsSignedBy(head.PublicKey)) return new(false, $"The latest tree head (size {latest.TreeSize}) is not signed by the currency's key.");

        var frontier = new Frontier();
        long next = 0;
        while (next < latest.TreeSize)
        {
            var page = await GetAsync<EntriesJson>($"{base_}/entries?start={next}&limit={LedgerLog.MaxPage}", cancellation);
            if (page is null || page.Entries.Count == 0) return new(false, $"The ledger stopped at entry {next}, short of the head's {latest.TreeSize}.", BadEntry: next);
            if (page.PublicKey != head.PublicKey) return new(false, "The entries are served with another public key than the head.");
            foreach (var entry in page.Entries)
            {
                if (entry.Index != next) return new(false, $"Entry {next} is missing (the next served is {entry.Index}).", BadEntry: next);
                if (Problem(entry, head.Currency, next) is { } problem) return new(false, $"Entry {next}: {problem}", BadEntry: next);
                frontier.Append(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(entry.Leaf)));
                var root = Convert.ToHexStringLower(frontier.Root());
                if (entry.Head.RootHash != root || entry.Head.TreeSize != next + 1 || entry.Head.Currency != head.Currency)
                    return new(false, $"Entry {next}: its contents do not match the tree head signed when it was appended (root {Short(entry.Head.RootHash)}, recomputed {Short(root)}).", BadEntry: next);
                if (!entry.Head.IsSignedBy(head.PublicKey)) return new(false, $"Entry {next}: the tree head it carries is not signed by the currency's key.", BadEntry: next);
                if (next + 1 == latest.TreeSize && root != latest.RootHash) return new(false, $"The latest tree head's root is not the root of the entries served.", BadEntry: next);
                next++;
                if (next == latest.TreeSize) break;
            }
        }
        if (earlier is not null && await CheckEarlierAsync(base_, earlier, latest, head.PublicKey, cancellation) is { } wrong) return wrong;
        return new(true, $"{head.Currency}: {latest.TreeSize} entries verified; root {latest.RootHash}" +
            (earlier is null ? "" : $"; consistent with the earlier head of size {earlier.TreeSize}"), latest);
    }

    private async Task<LedgerCheck?> CheckEarlierAsync(string base_, TreeHead earlier, TreeHead latest, string publicKey, CancellationToken cancellation)
    {
        if (earlier.Currency != latest.Currency) return new(false, $"The earlier tree head is of {earlier.Currency}, not {latest.Currency}.");
        if (!earlier.IsSignedBy(publicKey)) return new(false, $"The earlier tree head (size {earlier.TreeSize}) is not signed by the currency's key now served: the key changed, or the head is forged.");
        if (earlier.TreeSize > latest.TreeSize) return new(false, $"The log shrank: the earlier head had {earlier.TreeSize} entries, it now has {latest.TreeSize}.");
        var proof = await GetAsync<ConsistencyJson>($"{base_}/proofs/consistency?first={earlier.TreeSize}&second={latest.TreeSize}", cancellation);
        if (proof is null) return new(false, "The server gave no consistency proof.");
        if (!MerkleTree.VerifyConsistency(earlier.TreeSize, latest.TreeSize, Convert.FromHexString(earlier.RootHash), Convert.FromHexString(latest.RootHash),
                proof.Proof.Select(Convert.FromHexString).ToList()))
            return new(false, $"The log now is not an extension of the earlier head of size {earlier.TreeSize}: an entry up to {earlier.TreeSize - 1} was rewritten.", BadEntry: null);
        return null;
    }

    /// <summary>A leaf names its currency and its own index: an entry cannot be moved to another place or log.</summary>
    private static string? Problem(EntryJson entry, string currency, long index)
    {
        try
        {
            using var leaf = JsonDocument.Parse(entry.Leaf);
            if (leaf.RootElement.GetProperty("currency").GetString() != currency) return "its leaf names another currency";
            if (leaf.RootElement.GetProperty("index").GetInt64() != index) return "its leaf names another index";
            return null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return "its leaf is not a ledger entry";
        }
    }

    private static string Short(string hash) => hash.Length <= 16 ? hash : hash[..16] + "…";

    private async Task<T?> GetAsync<T>(string url, CancellationToken cancellation) where T : class
    {
        using var response = await http.GetAsync(url, cancellation);
        if (!response.IsSuccessStatusCode) return null;
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellation);
    }

    public static TreeHead ReadHead(string json)
    {
        var head = JsonSerializer.Deserialize<HeadJson>(json, Json) ?? throw new JsonException("not a tree head");
        if (head.Currency is null || head.RootHash is null || head.Timestamp is null || head.Signature is null || head.TreeSize < 1)
            throw new JsonException("a tree head needs currency, tree_size, root_hash, timestamp and signature");
        return new TreeHead(head.Currency, head.TreeSize, head.RootHash, head.Timestamp, head.Signature);
    }

    private sealed record HeadJson(string Currency, long TreeSize, string RootHash, string Timestamp, string Signature, string PublicKey);
    private sealed record EntriesJson(string PublicKey, long TreeSize, List<EntryJson> Entries);
    private sealed record EntryJson(long Index, string Leaf, TreeHead Head);
    private sealed record ConsistencyJson(List<string> Proof);
}
