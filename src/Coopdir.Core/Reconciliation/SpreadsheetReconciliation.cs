using System.Globalization;
using Coopdir.Core.Data;
using Coopdir.Core.Imports;
using CsvHelper;

namespace Coopdir.Core.Reconciliation;

/// <summary>The columns of a spreadsheet that say which organization each row is: a name, and optionally its place and website.</summary>
public sealed record SpreadsheetColumns(string Name, string? Country = null, string? Locality = null, string? Postcode = null, string? Website = null)
{
    public IEnumerable<(string Property, string Column)> Properties =>
        new[] { (ReconcileProperties.Country, Country), (ReconcileProperties.Locality, Locality), (ReconcileProperties.Postcode, Postcode), (ReconcileProperties.Website, Website) }
            .Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!));
}

/// <summary>What reconciling a spreadsheet did, or why it could not (a missing column names the columns there are).</summary>
public sealed record SpreadsheetResult(int Rows, int Matched, int WithCandidate, string? Error);

/// <summary>
/// `coopdir reconcile`: every row of a CSV file reconciled as the API does it (batches of ten through the
/// same <see cref="Reconciler"/>), written back with four columns added: the best candidate's id, name and
/// score, and whether it is a match.
/// </summary>
public static class SpreadsheetReconciliation
{
    public const int BatchSize = 10, MaxRows = 1_000_000;
    public static readonly string[] AddedColumns = ["coopdir_id", "coopdir_name", "coopdir_score", "coopdir_match"];

    public static async Task<SpreadsheetResult> RunAsync(Store store, TextReader input, TextWriter output, SpreadsheetColumns columns, IProgress<int>? progress = null)
    {
        var table = CsvTable.Read(input);
        var missing = new[] { columns.Name }.Concat(columns.Properties.Select(p => p.Column)).Where(c => !table.Header.Has(c)).ToList();
        if (table.Header.Names.Count == 0) return new(0, 0, 0, "the file is empty: it needs a header row naming its columns");
        if (missing.Count > 0)
            return new(0, 0, 0, $"no column {string.Join(", ", missing.Select(m => $"'{m}'"))}; the columns are {string.Join(", ", table.Header.Names.Select(n => $"'{n}'"))}");
        if (table.Rows.Count > MaxRows) return new(0, 0, 0, $"{table.Rows.Count:N0} rows; at most {MaxRows:N0} at once");

        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in table.Header.Names.Concat(AddedColumns)) csv.WriteField(name);
        await csv.NextRecordAsync();
        var reconciler = new Reconciler(store.Search);
        int done = 0, matched = 0, withCandidate = 0;
        await using var connection = await store.OpenForReadingAsync();
        foreach (var batch in table.Rows.Chunk(BatchSize))
        {
            var queries = batch.Select(row => new ReconcileQuery(Shorten(row.Text(columns.Name)), [], 1,
                columns.Properties.Select(p => row.Text(p.Column) is { } v ? new QueryProperty(p.Property, [v]) : null).OfType<QueryProperty>().ToList())).ToList();
            var answerable = queries.Select((q, i) => (q, i)).Where(x => x.q.Text is not null).ToList();
            var results = await reconciler.MatchAsync(connection, answerable.Select(x => x.q).ToList());
            var best = new ReconcileCandidate?[batch.Length];
            for (var i = 0; i < answerable.Count; i++) best[answerable[i].i] = results[i].FirstOrDefault();
            for (var i = 0; i < batch.Length; i++)
            {
                // A short row is padded, so that the added columns stay under their headings.
                for (var j = 0; j < table.Header.Names.Count; j++) csv.WriteField(j < batch[i].Cells.Count ? batch[i].Cells[j] : "");
                if (best[i] is { } c)
                {
                    csv.WriteField(c.Id.ToString(CultureInfo.InvariantCulture));
                    csv.WriteField(c.Name);
                    csv.WriteField(c.Score.ToString(CultureInfo.InvariantCulture));
                    csv.WriteField(c.Match ? "true" : "false");
                    withCandidate++;
                    if (c.Match) matched++;
                }
                else foreach (var _ in AddedColumns) csv.WriteField("");
                await csv.NextRecordAsync();
            }
            done += batch.Length;
            progress?.Report(done);
        }
        return new(done, matched, withCandidate, null);
    }

    private static string? Shorten(string? name) => name is { Length: > ReconcileQuery.MaxTextLength } ? name[..ReconcileQuery.MaxTextLength] : name;
}
