using System.Globalization;
using Coopdir.Core.Data;
using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Coopdir.Payments;

/// <summary>
/// A currency's public ledger, for anyone: the signed tree head, the entries (each with the head signed when it was
/// appended), and RFC 9162 inclusion and consistency proofs. `coopdir ledger verify` reads these.
/// </summary>
public static class LedgerEndpoints
{
    internal static void Map(IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/api/v1/money/currencies/{code}/ledger").WithTags("Public ledger");
        ledger.MapGet("", Head).WithSummary("The latest signed tree head (404 while the log is empty)");
        ledger.MapGet("/entries", Entries).WithSummary($"Entries from start=, at most limit= (≤ {LedgerLog.MaxPage}), each with its signed head");
        ledger.MapGet("/entries/{index:long}", Entry).WithSummary("One entry and the head signed when it was appended");
        ledger.MapGet("/proofs/inclusion", Inclusion).WithSummary("The audit path of entry index= in the tree of tree_size= entries (default: the latest)");
        ledger.MapGet("/proofs/consistency", Consistency).WithSummary("That the tree of first= entries is a prefix of the tree of second= entries (default: the latest)");
    }

    private static async Task<Results<Ok<SignedHeadResponse>, ProblemHttpResult>> Head(string code, Store store)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } c) return PaymentsEndpoints.NoCurrency(code);
        if (await LedgerLog.HeadAsync(connection, c) is not { } head) return Problems.NotFound($"The ledger of {c.Code} has no entries yet.");
        return TypedResults.Ok(new SignedHeadResponse(c.Code, head.TreeSize, head.RootHash, head.Timestamp, head.Signature, c.PublicKey));
    }

    private static async Task<Results<Ok<LedgerEntriesResponse>, ValidationProblem, ProblemHttpResult>> Entries(string code,
        [FromQuery(Name = "start")] string? start, [FromQuery(Name = "limit")] string? limit, Store store)
    {
        var errors = new List<Core.Organizations.FieldError>();
        var from = Number(errors, "start", start, 0, long.MaxValue, 0);
        var size = (int)Number(errors, "limit", limit, 1, LedgerLog.MaxPage, LedgerLog.MaxPage);
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        await using var connection = await store.OpenAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } c) return PaymentsEndpoints.NoCurrency(code);
        var entries = await LedgerLog.EntriesAsync(connection, c.Id, from, size);
        var treeSize = (await LedgerLog.HeadAsync(connection, c))?.TreeSize ?? 0;
        long? next = entries.Count == size && from + size < treeSize ? from + size : null;
        return TypedResults.Ok(new LedgerEntriesResponse(c.Code, c.PublicKey, treeSize,
            entries.Select(e => new LedgerEntryResponse(e.Index, e.Leaf, e.Head(c.Code))).ToList(), next));
    }

    private static async Task<Results<Ok<LedgerEntryResponse>, ProblemHttpResult>> Entry(string code, long index, Store store)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } c) return PaymentsEndpoints.NoCurrency(code);
        var entry = index < 0 ? null : (await LedgerLog.EntriesAsync(connection, c.Id, index, 1)).FirstOrDefault(e => e.Index == index);
        return entry is null ? Problems.NotFound($"The ledger of {c.Code} has no entry {index}.") : TypedResults.Ok(new LedgerEntryResponse(entry.Index, entry.Leaf, entry.Head(c.Code)));
    }

    private static async Task<Results<Ok<InclusionProofResponse>, ValidationProblem, ProblemHttpResult>> Inclusion(string code,
        [FromQuery(Name = "index")] string? index, [FromQuery(Name = "tree_size")] string? treeSize, Store store)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } c) return PaymentsEndpoints.NoCurrency(code);
        var latest = (await LedgerLog.HeadAsync(connection, c))?.TreeSize ?? 0;
        var errors = new List<Core.Organizations.FieldError>();
        var size = Number(errors, "tree_size", treeSize, 1, Math.Max(1, latest), latest);
        var leaf = Number(errors, "index", index, 0, Math.Max(0, size - 1), -1);
        if (index is null) errors.Add(new("index", "is required: the entry to prove"));
        if (latest == 0) return Problems.NotFound($"The ledger of {c.Code} has no entries yet.");
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        var (leafHash, path, root) = await LedgerLog.InclusionAsync(connection, c.Id, leaf, size);
        return TypedResults.Ok(new InclusionProofResponse(leaf, size, Hex(leafHash), path.Select(Hex).ToList(), Hex(root)));
    }

    private static async Task<Results<Ok<ConsistencyProofResponse>, ValidationProblem, ProblemHttpResult>> Consistency(string code,
        [FromQuery(Name = "first")] string? first, [FromQuery(Name = "second")] string? second, Store store)
    {
        await using var connection = await store.OpenAsync();
        if (await PaymentQueries.CurrencyAsync(connection, code) is not { } c) return PaymentsEndpoints.NoCurrency(code);
        var latest = (await LedgerLog.HeadAsync(connection, c))?.TreeSize ?? 0;
        if (latest == 0) return Problems.NotFound($"The ledger of {c.Code} has no entries yet.");
        var errors = new List<Core.Organizations.FieldError>();
        var to = Number(errors, "second", second, 1, latest, latest);
        var from = Number(errors, "first", first, 1, Math.Max(1, to), -1);
        if (first is null) errors.Add(new("first", "is required: the size of the earlier tree head"));
        if (errors.Count > 0) return Problems.InvalidParameters(errors);
        var (proof, firstRoot, secondRoot) = await LedgerLog.ConsistencyAsync(connection, c.Id, from, to);
        return TypedResults.Ok(new ConsistencyProofResponse(from, to, proof.Select(Hex).ToList(), Hex(firstRoot), Hex(secondRoot)));
    }

    private static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static long Number(List<Core.Organizations.FieldError> errors, string field, string? text, long min, long max, long fallback)
    {
        if (text is null) return fallback;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            errors.Add(new(field, $"must be a whole number from {min} to {max}"));
            return fallback;
        }
        return value;
    }
}
