using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Coopdir.Bench;
using Coopdir.Core.Data;
using Coopdir.Core.Data.Sqlite;
using Coopdir.Core.Search;

// dotnet run -c Release --project bench -- [--orgs N] [--json] [--postgres CONNSTRING] [--data DIR] [--work DIR] [--per-category K] [--exports]
// dotnet run -c Release --project bench -- --exports --db FILE [--json] [--work DIR]
// dotnet run -c Release --project bench -- --searches --db FILE --orgs N [--json] [--work DIR]
// dotnet run -c Release --project bench -- --graph [--reuse] [--orgs N] [--relationships M] [--postgres CONNSTRING] [--json] [--work DIR] [--per-category K]
// dotnet run -c Release --project bench -- --matching-quality [--json] [--work DIR]
// dotnet run -c Release --project bench -- --reconciliation [--json] [--work DIR]
// dotnet run -c Release --project bench -- --pdf-tables [--json]
// dotnet run -c Release --project bench -- --payments [--transfers N] [--concurrency C] [--ledger-size L] [--postgres CONNSTRING] [--json] [--work DIR]
// dotnet run -c Release --project bench -- --matching [--reuse] [--orgs N] [--rows M] [--import] [--through-importer] [--json] [--work DIR]
// Generates N organizations from the real data's distributions, imports them through the real
// import path, runs the fixed query mix (QueryMix.cs) and prints latencies and ratios to the floor.
// --exports adds every export format through the CLI (ExportRuns.cs); with --db it runs only those,
// over an existing directory, which it leaves as it is. --searches --db runs only the query mix (and
// its FTS5 floor) over a directory an earlier full run built with the same --orgs. --graph measures
// relationships instead (GraphBench.cs): neighbourhoods, paths, network sizes and network searches.
// --matching-quality measures automatic merges on the real Co-operatives UK files (MatchingQuality.cs);
// --matching measures matching a source of M rows into a directory of N (MatchingThroughput.cs).
// --reconciliation measures the reconciliation service on the same labelled files (ReconciliationQuality.cs).
// --payments measures concurrent transfers with durability on, ledger appends and proofs at 10M entries (PaymentsBench.cs).
// --pdf-tables measures the PDF table engine on tabula-java's fixtures and ICDAR 2013 (PdfTablesQuality.cs).
var options = BenchOptions.Parse(args);
var log = Console.Error;
Directory.CreateDirectory(options.Work);
if (options.Graph)
{
    var graphResults = new Dictionary<string, object> { ["orgs"] = options.Orgs, ["machine"] = Machine() };
    await GraphBench.RunAsync(options.Orgs, options.Relationships, options.Work, options.Postgres, options.PerCategory, args.Contains("--reuse"), graphResults, log);
    graphResults["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6);
    Print(graphResults);
    return;
}
if (options.MatchingQuality)
{
    var qualityResults = new Dictionary<string, object> { ["machine"] = Machine() };
    await MatchingQuality.RunAsync(options.Work, qualityResults, log);
    Print(qualityResults);
    return;
}
if (args.Contains("--reconciliation"))
{
    var reconciliationResults = new Dictionary<string, object> { ["machine"] = Machine() };
    await ReconciliationQuality.RunAsync(options.Work, reconciliationResults, log);
    Print(reconciliationResults);
    return;
}
if (args.Contains("--payments"))
{
    string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var paymentResults = new Dictionary<string, object> { ["machine"] = Machine(), ["load_average"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "" };
    await PaymentsBench.RunAsync(options.Work, options.Postgres, int.Parse(Value("--transfers") ?? "20000", CultureInfo.InvariantCulture),
        int.Parse(Value("--concurrency") ?? "32", CultureInfo.InvariantCulture), long.Parse(Value("--ledger-size") ?? "10000000", CultureInfo.InvariantCulture), paymentResults, log);
    Print(paymentResults);
    return;
}
if (args.Contains("--pdf-tables"))
{
    var pdfResults = new Dictionary<string, object> { ["machine"] = Machine() };
    PdfTablesQuality.Run(Path.Combine(AppContext.BaseDirectory, "pdf-tables", "tabula-java"), pdfResults, log);
    Print(pdfResults);
    return;
}
if (options.Matching)
{
    var matchingResults = new Dictionary<string, object> { ["orgs"] = options.Orgs, ["rows"] = options.Rows, ["machine"] = Machine() };
    await MatchingThroughput.RunAsync(RealData.Load(options.Data), options.Orgs, options.Rows, options.Work, args.Contains("--reuse"), args.Contains("--import"),
        args.Contains("--through-importer"), matchingResults, log);
    matchingResults["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6);
    Print(matchingResults);
    return;
}
if (options.Database is { } searched && options.Searches)
{
    // Over a directory this benchmark built before with the same --orgs: the seeded generator gives
    // the same first records, so the query mix is the same as in the full run.
    log.WriteLine($"Reading distributions from {options.Data}");
    var mixSample = new Generator(RealData.Load(options.Data)).Records(50_000).Select(r => r.Content).ToList();
    var searchResults = new Dictionary<string, object> { ["orgs"] = options.Orgs, ["machine"] = Machine() };
    var store = await new SqliteStore(searched).MigrateAsync();
    var measured = await Runs.SearchesAsync(store, QueryMix.Normal(mixSample, options.PerCategory), options.Orgs, "sqlite", searchResults, log);
    using var searchFloor = new Floor(Path.Combine(options.Work, "floor.db"));
    searchFloor.CopyFrom(searched);
    searchFloor.BuildIndexes();
    var floorTimings = new Timings();
    var textMeasured = measured.Where(s => QueryMix.IsText(s.Category)).ToList();
    foreach (var query in textMeasured) floorTimings.Time(() => searchFloor.Text(query.Query.Text!));
    searchResults["fts_floor_p50_ms"] = Math.Round(floorTimings.Percentile(50), 2);
    searchResults["fts_floor_ratio"] = Math.Round(Runs.Percentile(textMeasured.Select(s => s.Ms), 50) / floorTimings.Percentile(50), 2);
    searchResults["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6);
    Print(searchResults);
    return;
}
if (options.Database is { } existing)
{
    using var existingFloor = new Floor(Path.Combine(options.Work, "floor.db"));
    existingFloor.CopyFrom(existing);
    var existingResults = new Dictionary<string, object> { ["orgs"] = existingFloor.Count, ["machine"] = Machine() };
    var csv = ExportRuns.Run(existing, options.Work, existingResults, log);
    var floorCpu = Process.GetCurrentProcess().TotalProcessorTime;
    existingResults["export_csv_floor_ratio"] = Math.Round(csv.Elapsed / existingFloor.ExportCsv(Path.Combine(options.Work, "floor.csv")), 2);
    existingResults["export_csv_floor_cpu_ratio"] = Math.Round(csv.Cpu / (Process.GetCurrentProcess().TotalProcessorTime - floorCpu), 2);
    Print(existingResults);
    return;
}
log.WriteLine($"Reading distributions from {options.Data}");
var data = RealData.Load(options.Data);
// The generator is seeded, so every call gives the same records. They are dropped before the
// searches: a million records held by the benchmark would make its garbage collections (not
// Coopdir's) show in the latencies.
List<Coopdir.Core.Imports.ImportRecord> Generate() => new Generator(data).Records(options.Orgs).ToList();
List<Coopdir.Core.Imports.ImportRecord>? records = Generate();
log.WriteLine($"Generated {records.Count:N0} organizations");
var results = new Dictionary<string, object>
{
    ["orgs"] = options.Orgs,
    ["machine"] = Machine(),
};

var floor = new Floor(Path.Combine(options.Work, "floor.db"));
var floorImport = floor.Import(records);
log.WriteLine($"Floor import: {floorImport.TotalSeconds:0.0} s");

var sqlitePath = Path.Combine(options.Work, "coopdir.db");
foreach (var file in Directory.GetFiles(options.Work, "coopdir.db*")) File.Delete(file);
var sqlite = await new SqliteStore(sqlitePath).MigrateAsync();
var import = await Runs.ImportAsync(sqlite, records, log);
results["import_rows_per_s"] = Math.Round(records.Count / import.TotalSeconds);
results["import_floor_ratio"] = Math.Round(import / floorImport, 2);
results["db_file_mb"] = Math.Round(new FileInfo(sqlitePath).Length / 1e6 + (File.Exists(sqlitePath + "-wal") ? new FileInfo(sqlitePath + "-wal").Length / 1e6 : 0));

var sample = records.Take(50_000).Select(r => r.Content).ToList();
records = null;
GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
var mix = QueryMix.Normal(sample, options.PerCategory);
var searches = await Runs.SearchesAsync(sqlite, mix, options.Orgs, "sqlite", results, log);

var floorText = new Timings();
var coopdirText = searches.Where(s => QueryMix.IsText(s.Category)).ToList();
foreach (var query in coopdirText) floorText.Time(() => floor.Text(query.Query.Text!));
results["fts_floor_p50_ms"] = Math.Round(floorText.Percentile(50), 2);
results["fts_floor_ratio"] = Math.Round(Runs.Percentile(coopdirText.Select(s => s.Ms), 50) / floorText.Percentile(50), 2);

var export = await Runs.ExportAsync(sqlite, Path.Combine(options.Work, "export.csv"));
var floorExport = floor.ExportCsv(Path.Combine(options.Work, "floor.csv"));
results["export_rows_per_s"] = Math.Round(options.Orgs / export.TotalSeconds);
results["export_floor_ratio"] = Math.Round(export / floorExport, 2);
if (options.Exports)
    results["export_csv_floor_ratio"] = Math.Round(ExportRuns.Run(sqlitePath, options.Work, results, log).Elapsed / floorExport, 2);

var relevance = await Runs.RelevanceAsync(Path.Combine(options.Work, "relevance.db"));
results["precision_at_1"] = Math.Round(RelevanceSet.PrecisionAt1(relevance), 3);
results["mrr"] = Math.Round(RelevanceSet.MeanReciprocalRank(relevance), 3);

if (options.Postgres is not null)
{
    using var postgres = await Store.For(options.Postgres).MigrateAsync();
    records = Generate();
    var pgImport = await Runs.ImportAsync(postgres, records, log);
    // Fresh statistics, as autovacuum would gather soon after a large load.
    // CommandType.Text: Dapper takes a one-word command for a stored procedure name.
    await using (var connection = await postgres.OpenAsync()) Dapper.SqlMapper.Execute(connection, "ANALYZE", commandType: System.Data.CommandType.Text, commandTimeout: 0);
    results["postgres_import_rows_per_s"] = Math.Round(records.Count / pgImport.TotalSeconds);
    var pgSearches = await Runs.SearchesAsync(postgres, mix, options.Orgs, "postgres", results, log);

    using var pgFloor = new PostgresFloor(options.Postgres);
    results["postgres_floor_import_s"] = Math.Round(pgFloor.Import(records).TotalSeconds, 1);
    var pgFloorText = new Timings();
    var pgText = pgSearches.Where(s => QueryMix.IsText(s.Category)).ToList();
    foreach (var query in pgText) pgFloorText.Time(() => pgFloor.Text(query.Query.Text!));
    results["postgres_fts_floor_p50_ms"] = Math.Round(pgFloorText.Percentile(50), 2);
    results["postgres_fts_floor_ratio"] = Math.Round(Runs.Percentile(pgText.Select(s => s.Ms), 50) / pgFloorText.Percentile(50), 2);
}

results["peak_rss_mb"] = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6);
results["sqlite_db"] = sqlitePath;
floor.Dispose();

Print(results);

string Machine() => $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}";

void Print(Dictionary<string, object> figures)
{
    if (options.Json) Console.WriteLine(JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    else foreach (var (key, value) in figures) Console.WriteLine($"{key,-32} {(value is Dictionary<string, object> or System.Collections.IList ? JsonSerializer.Serialize(value) : Convert.ToString(value, CultureInfo.InvariantCulture))}");
}

sealed record BenchOptions(int Orgs, bool Json, string? Postgres, string Data, string Work, int PerCategory, bool Exports, string? Database, bool Searches,
    bool Graph, int Relationships, bool MatchingQuality, bool Matching, int Rows)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var orgs = int.Parse(Value("--orgs") ?? "1000000", CultureInfo.InvariantCulture);
        return new BenchOptions(
            orgs,
            args.Contains("--json"),
            Value("--postgres"),
            Value("--data") ?? (args.Contains("--graph") || args.Contains("--matching-quality") || args.Contains("--reconciliation") || args.Contains("--pdf-tables") || args.Contains("--payments") ? "" : FindSharedData()),
            Value("--work") ?? Path.Combine(Path.GetTempPath(), "coopdir-bench"),
            int.Parse(Value("--per-category") ?? "100", CultureInfo.InvariantCulture),
            args.Contains("--exports"),
            Value("--db") is { } database ? Path.GetFullPath(database) : null,
            args.Contains("--searches"),
            args.Contains("--graph"),
            int.Parse(Value("--relationships") ?? (5L * orgs).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            args.Contains("--matching-quality"),
            args.Contains("--matching"),
            int.Parse(Value("--rows") ?? "100000", CultureInfo.InvariantCulture));
    }

    // ../shared/data beside the repository, found from the working directory upwards.
    private static string FindSharedData()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("shared/data not found above the working directory; pass --data DIR");
    }
}
