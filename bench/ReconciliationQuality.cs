using System.Diagnostics;
using System.Globalization;
using System.Text;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Reconciliation;

namespace Coopdir.Bench;

/// <summary>
/// Precision, recall and throughput of reconciliation on MatchingQuality's labelled set: the 2023 file is the
/// directory; 2,000 rows of the 2017 file, spread evenly through it, are the spreadsheet, their Co-operatives UK
/// id hidden and kept as the truth. Each row is asked as written, and again with one deterministic kind of noise
/// (the case changed, the legal form dropped or changed, one typo, "and" and "&amp;" swapped); each by name alone and
/// by name with the postcode. Queries go through <see cref="Reconciler"/> in batches of ten, as OpenRefine sends them.
/// </summary>
public static class ReconciliationQuality
{
    private const int Sample = 2000, Batch = 10;

    public static async Task RunAsync(string work, Dictionary<string, object> results, TextWriter log)
    {
        var files = MatchingQuality.Files.Read();
        var labelled = await MatchingQuality.ImportAsync(Path.Combine(work, "reconcile-2023.db"), files.Sea2023, files.SeaOptions, log);
        var rows = files.Cuk2017.Records;
        var sample = Enumerable.Range(0, Sample).Select(i => rows[(int)((long)i * rows.Count / Sample)]).ToList();
        var reconciler = new Reconciler(labelled.Store.Search);
        await using var connection = await labelled.Store.OpenForReadingAsync();
        // Warmed first, untimed: the first pass over a fresh file reads its pages and compiles the code paths.
        foreach (var batch in sample.Chunk(Batch)) await reconciler.MatchAsync(connection, batch.Select(r => Query(r, r.Content.Name, withPostcode: false)).ToList());

        foreach (var (noisy, noiseName) in new[] { (false, "as_written"), (true, "with_noise") })
            foreach (var withPostcode in new[] { false, true })
            {
                var queries = sample.Select((r, i) => Query(r, noisy ? Noise(r.Content.Name, i) : r.Content.Name, withPostcode)).ToList();
                var tally = new Tally();
                var clock = Stopwatch.StartNew();
                for (var start = 0; start < queries.Count; start += Batch)
                {
                    var batch = queries.Skip(start).Take(Batch).ToList();
                    var answers = await reconciler.MatchAsync(connection, batch);
                    for (var i = 0; i < batch.Count; i++) tally.Add(answers[i], labelled.TrueOrganization(sample[start + i]));
                }
                clock.Stop();
                var figures = tally.Figures();
                figures["queries_per_s"] = Math.Round(queries.Count / clock.Elapsed.TotalSeconds);
                results[$"{noiseName}_{(withPostcode ? "name_and_postcode" : "name_only")}"] = figures;
                log.WriteLine($"{noiseName}, {(withPostcode ? "name and postcode" : "name only")}: done");
            }
        results["sample_rows"] = sample.Count;
        results["rows_with_a_true_match"] = sample.Count(r => labelled.TrueOrganization(r) is not null);
        results["noise_examples"] = sample.Take(8).Select((r, i) => $"{r.Content.Name} -> {Noise(r.Content.Name, i)}").ToList();
    }

    private static ReconcileQuery Query(ImportRecord record, string name, bool withPostcode)
    {
        var postcode = record.Content.Locations.FirstOrDefault()?.Postcode;
        return new ReconcileQuery(name, [], ReconcileQuery.DefaultLimit,
            withPostcode && postcode is not null ? [new QueryProperty(ReconcileProperties.Postcode, [postcode])] : []);
    }

    private static readonly (string From, string To)[] LegalForms =
    [
        (" Limited", ""), (" Ltd", " Limited"), (" Co-operative", " Coop"), (" Co-op", " Cooperative"), (" Society", ""), (" LLP", ""), (" CIC", ""),
    ];

    /// <summary>One kind of noise per row, by its position: case, legal form, a typo, and/&amp;; a row the chosen kind cannot change gets a typo.</summary>
    public static string Noise(string name, int i)
    {
        var noisy = (i % 4) switch
        {
            0 => i % 8 == 0 ? name.ToUpperInvariant() : name.ToLowerInvariant(),
            1 => LegalForms.Where(f => name.Contains(f.From, StringComparison.OrdinalIgnoreCase))
                .Select(f => Replace(name, f.From, f.To)).FirstOrDefault() ?? name,
            2 => Typo(name, i),
            _ => name.Contains(" & ", StringComparison.Ordinal) ? name.Replace(" & ", " and ", StringComparison.Ordinal)
                : name.Contains(" and ", StringComparison.OrdinalIgnoreCase) ? Replace(name, " and ", " & ") : name,
        };
        return noisy == name ? Typo(name, i) : noisy;
    }

    private static string Replace(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.OrdinalIgnoreCase);
        return text[..at] + to + text[(at + from.Length)..];
    }

    // Two neighbouring letters swapped in the name's longest word, at a place that depends on the row.
    private static string Typo(string name, int i)
    {
        var words = name.Split(' ');
        var longest = words.Select((w, n) => (w, n)).MaxBy(x => x.w.Length);
        if (longest.w.Length < 4) return name + "s";
        var at = 1 + i % (longest.w.Length - 2);
        var letters = new StringBuilder(longest.w);
        (letters[at], letters[at + 1]) = (letters[at + 1], letters[at]);
        words[longest.n] = letters.ToString();
        return string.Join(' ', words);
    }

    private sealed class Tally
    {
        private int rows, truePairs, topAny, topRight, matchAny, matchRight;
        private readonly List<string> wrongMatches = [];

        public void Add(IReadOnlyList<ReconcileCandidate> candidates, long? truth)
        {
            rows++;
            if (truth is not null) truePairs++;
            if (candidates.FirstOrDefault() is not { } top) return;
            topAny++;
            if (top.Id == truth) topRight++;
            if (!top.Match) return;
            matchAny++;
            if (top.Id == truth) matchRight++;
            else if (wrongMatches.Count < 10) wrongMatches.Add($"#{top.Id} {top.Name} ({top.Score.ToString(CultureInfo.InvariantCulture)}), truly #{truth?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        public Dictionary<string, object> Figures() => new()
        {
            ["rows"] = rows,
            ["top_candidate_precision"] = Ratio(topRight, topAny),
            ["top_candidate_recall"] = Ratio(topRight, truePairs),
            ["match_precision"] = Ratio(matchRight, matchAny),
            ["match_recall"] = Ratio(matchRight, truePairs),
            ["matches"] = matchAny,
            ["wrong_matches_first_10"] = wrongMatches,
        };

        private static double Ratio(int a, int b) => b == 0 ? 0 : Math.Round((double)a / b, 4);
    }
}
