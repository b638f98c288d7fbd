using System.Diagnostics;
using Coopdir.Core.Data;
using Coopdir.Core.Data.Sqlite;
using Coopdir.Core.Exports;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Bench;

public sealed record Measured(string Category, SearchQuery Query, double Ms);

/// <summary>The measured runs: import, the query mix, suggest, organization pages, export, relevance.</summary>
public static class Runs
{
    public static async Task<TimeSpan> ImportAsync(Store store, IReadOnlyList<ImportRecord> records, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        var progress = new Progress(n => { if (n % 100_000 == 0) log.WriteLine($"  {store.Kind}: {n:N0} imported, {clock.Elapsed.TotalSeconds:0} s"); });
        var report = await new Importer(store, TimeProvider.System).RunAsync(new ParsedFile([], records, [], []),
            new ImportOptions("bench", "CC0-1.0", Author: "bench"), progress);
        if (!report.Written) throw new InvalidOperationException("the benchmark import wrote nothing: " + string.Join("; ", report.Errors.Take(3)));
        log.WriteLine($"{store.Kind} import: {report.Added:N0} rows in {clock.Elapsed.TotalSeconds:0.0} s");
        return clock.Elapsed;
    }

    public static async Task<List<Measured>> SearchesAsync(Store store, List<BenchQuery> mix, int orgs, string prefix, Dictionary<string, object> results, TextWriter log)
    {
        foreach (var query in mix.Take(mix.Count / 10)) await SearchAsync(store, query.Query);
        var measured = new List<Measured>();
        var all = Stopwatch.StartNew();
        foreach (var query in mix)
        {
            var clock = Stopwatch.StartNew();
            await SearchAsync(store, query.Query);
            measured.Add(new Measured(query.Category, query.Query, clock.Elapsed.TotalMilliseconds));
        }
        var key = prefix == "sqlite" ? "" : prefix + "_";
        results[key + "throughput_qps"] = Math.Round(measured.Count / all.Elapsed.TotalSeconds);
        var normal = measured.Select(m => m.Ms).ToList();
        results[key + "search_p50_ms"] = Math.Round(Percentile(normal, 50), 2);
        results[key + "search_p95_ms"] = Math.Round(Percentile(normal, 95), 2);
        results[key + "search_p99_ms"] = Math.Round(Percentile(normal, 99), 2);
        foreach (var category in measured.GroupBy(m => m.Category))
            results[$"{key}{category.Key.Replace(' ', '_').Replace('+', '_')}_p50_p99_ms"] =
                $"{Percentile(category.Select(m => m.Ms), 50):0.00} / {Percentile(category.Select(m => m.Ms), 99):0.00}";
        results[key + "geo_p99_ms"] = Math.Round(Percentile(measured.Where(m => QueryMix.IsGeo(m.Category)).Select(m => m.Ms), 99), 2);

        var pathological = new Timings();
        foreach (var query in QueryMix.PathologicalQueries())
        {
            for (var i = 0; i < 3; i++) await pathological.TimeAsync(() => SearchAsync(store, query.Query));
            log.WriteLine($"  {prefix} pathological '{query.Query.Text}': {pathological.Max:0} ms max so far");
        }
        results[key + "pathological_p99_ms"] = Math.Round(pathological.Percentile(99), 1);
        results[key + "pathological_max_ms"] = Math.Round(pathological.Max, 1);

        var suggest = new Timings();
        var random = new Random(11);
        await using (var connection = await store.OpenAsync())
        {
            foreach (var query in mix.Where(m => m.Category == "one word").Take(100))
            {
                var word = query.Query.Text!;
                for (var length = 1; length <= Math.Min(6, word.Length); length++)
                    await suggest.TimeAsync(() => store.Search.SuggestAsync(connection, word[..length]));
            }
            var page = new Timings();
            for (var i = 0; i < 1000; i++)
            {
                var id = 1 + random.Next(orgs);
                await page.TimeAsync(() => OrganizationQueries.GetAsync(connection, id));
            }
            results[key + "org_page_p99_ms"] = Math.Round(page.Percentile(99), 2);
        }
        results[key + "suggest_p50_ms"] = Math.Round(suggest.Percentile(50), 2);
        results[key + "suggest_p99_ms"] = Math.Round(suggest.Percentile(99), 2);
        await TypoRuns.RunAsync(store, key, results);
        return measured;
    }

    private static async Task SearchAsync(Store store, SearchQuery query)
    {
        await using var connection = await store.OpenAsync();
        await store.Search.RunAsync(connection, query);
    }

    public static async Task<TimeSpan> ExportAsync(Store store, string file)
    {
        var clock = Stopwatch.StartNew();
        using var output = File.Create(file);
        CsvExport.Write(await Coopdir.Core.Exports.Export.OfAsync(store, store.OpenAsync, new SearchQuery(), "Coopdir",
            Licences.Find(Licences.DirectoryDefault)!, "http://127.0.0.1:5080", DateTimeOffset.UtcNow), output);
        return clock.Elapsed;
    }

    /// <summary>The relevance set over the real data (demo data plus Co-operatives UK 2017), in a store of its own.</summary>
    public static async Task<IReadOnlyList<RelevanceOutcome>> RelevanceAsync(string path)
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*")) File.Delete(file);
        var store = await new SqliteStore(path).MigrateAsync();
        var directory = Path.Combine(AppContext.BaseDirectory, "relevance");
        var importer = new Importer(store, TimeProvider.System);
        using (var sea = new StreamReader(Path.Combine(directory, "sea_standard_coops-uk_Q2-2023.csv")))
            await importer.RunAsync(EssglobalCsvReader.Read(sea), new ImportOptions("Co-operatives UK open data (SEA standard CSV, Q2 2023)", "ODC-By-1.0", SkipInvalid: true));
        using (var cuk = new StreamReader(Path.Combine(directory, "cuk_open_data_organisations_2017-06.csv")))
            await importer.RunAsync(CoopsUkReader.Read(cuk), new ImportOptions("Co-operatives UK open data", "ODC-By-1.0"));
        return await RelevanceSet.RunAsync(store, RelevanceSet.Load(Path.Combine(directory, "queries.csv")));
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return 0;
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
