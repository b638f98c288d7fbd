using System.Diagnostics;
using Coopdir.Core.Data;
using Coopdir.Core.Data.Sqlite;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Sources.Matching;
using Dapper;

namespace Coopdir.Bench;

/// <summary>
/// Matching a source of M rows into a directory of N generated organizations on SQLite. The directory is the
/// generator's (Generator.cs), each organization carrying a "bench" identifier (its row id), written straight
/// into the tables matching reads (<see cref="DirectoryLoad"/>); with --through-importer, imported through the
/// real importer in batches of 100,000 instead (about 500 rows/s on this machine: over half an hour for 1M). The source: 30% organizations already in the directory (a third with
/// their identifier, the rest by name with some noise and coordinates within ~50 m) and 70% new ones from
/// the generator with another seed, half of them with a registered number the directory does not have.
/// </summary>
public static class MatchingThroughput
{
    private const string Scheme = "bench";
    private const int Batch = 100_000;

    public static async Task RunAsync(RealData data, int orgs, int rows, string work, bool reuse, bool import, bool throughImporter,
        Dictionary<string, object> results, TextWriter log)
    {
        var path = Path.Combine(work, $"matching-{orgs}.db");
        var random = new Random(7);
        var existing = new HashSet<int>();
        while (existing.Count < rows * 3 / 10) existing.Add(1 + random.Next(orgs));
        var picked = new List<ImportRecord>();
        if (!reuse || !File.Exists(path))
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*")) File.Delete(file);
            var clock0 = Stopwatch.StartNew();
            var directory = new Generator(data).Records(orgs).Select(r => existing.Contains(r.Line) ? Keep(r, picked) : r);
            if (throughImporter) await ImportDirectoryAsync(directory, path, log);
            else await DirectoryLoad.SqliteAsync(path, directory, Scheme);
            results["directory_build"] = throughImporter ? "importer, batches of 100,000" : "prepared inserts (DirectoryLoad.cs)";
            results["directory_build_s"] = Math.Round(clock0.Elapsed.TotalSeconds);
            results["directory_build_rows_per_s"] = Math.Round(orgs / clock0.Elapsed.TotalSeconds);
        }
        else picked.AddRange(new Generator(data).Records(orgs).Where(r => existing.Contains(r.Line)));
        var source = Source(data, picked, rows, random);

        var store = await new SqliteStore(path).MigrateAsync();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var loadCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        MatchIndex index;
        await using (var connection = await store.OpenAsync()) index = await MatchIndex.LoadAsync(connection);
        var load = clock.Elapsed.TotalSeconds;
        results["directory_organizations"] = index.Count;
        results["index_load_s"] = Math.Round(load, 2);
        results["index_load_cpu_s"] = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - loadCpu).TotalSeconds, 2);
        results["index_heap_mb"] = Math.Round((GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1e6);
        log.WriteLine($"Index of {index.Count:N0} loaded in {load:0.0} s");

        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var connection = await store.OpenAsync())
            foreach (var (org, value) in await connection.QueryAsync<(long, string)>("SELECT organization_id, value FROM identifiers WHERE scheme = @Scheme", new { Scheme }))
                truth[value] = org;

        var matcher = new Matcher(index);
        var decisions = new List<MatchResult>(source.Count);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        foreach (var row in source) decisions.Add(matcher.Match(row.Content));
        var matching = clock.Elapsed.TotalSeconds;
        // The machine is shared: the CPU time says what the work costs when the wall clock is stretched by others.
        results["matching_cpu_s"] = Math.Round((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, 2);
        results["matching_s"] = Math.Round(matching, 2);
        results["matching_rows_per_s"] = Math.Round(source.Count / matching);
        results["matching_rows_per_s_with_index_load"] = Math.Round(source.Count / (matching + load));
        results["heap_after_matching_mb"] = Math.Round((GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / 1e6);
        Score(source, decisions, truth, results);

        if (import) await ImportAsync(store, path, source, results, log);
    }

    private static ImportRecord Keep(ImportRecord record, List<ImportRecord> picked)
    {
        picked.Add(record);
        return record;
    }

    private static async Task ImportDirectoryAsync(IEnumerable<ImportRecord> records, string path, TextWriter log)
    {
        var importer = new Importer(await new SqliteStore(path).MigrateAsync(), TimeProvider.System);
        var clock = Stopwatch.StartNew();
        foreach (var batch in records.Chunk(Batch))
        {
            var report = await importer.RunAsync(new ParsedFile([], batch, [], []),
                new ImportOptions("bench directory", "CC0-1.0", Author: "bench", IdScheme: Scheme));
            if (!report.Written) throw new InvalidOperationException("the directory import wrote nothing: " + string.Join("; ", report.Errors.Take(3)));
            log.WriteLine($"  directory: {batch[^1].Line:N0} imported ({report.Merged:N0} of this batch merged), {clock.Elapsed.TotalSeconds:0} s");
        }
    }

    /// <summary>The source rows, each with the directory row it truly is (its "bench" id), or null for a new organization.</summary>
    private static List<(OrganizationContent Content, string? Truly)> Source(RealData data, List<ImportRecord> picked, int rows, Random random)
    {
        var source = new List<(OrganizationContent, string?)>(rows);
        foreach (var (record, n) in picked.Select((r, n) => (r, n)))
        {
            var content = record.Content with { Name = Noisy(record.Content.Name, random) };
            content = n % 3 == 0
                ? content with { Identifiers = [new Identifier(Scheme, record.SourceRecordId)] }
                : content with { Locations = [.. content.Locations.Take(1).Select(l => l with { Latitude = Near(l.Latitude, random), Longitude = Near(l.Longitude, random) })] };
            source.Add((content, record.SourceRecordId));
        }
        foreach (var record in new Generator(data, seed: 1).Records(rows - picked.Count))
            source.Add((record.Line % 2 == 0 ? record.Content with { Identifiers = [new Identifier("GB-COH", $"NEW{record.Line:D7}")] } : record.Content, null));
        return [.. source.OrderBy(_ => random.Next())];
    }

    // How another source writes the same name: as it is, with the legal ending written otherwise, in capitals, or with a typo.
    private static string Noisy(string name, Random random)
    {
        var roll = random.NextDouble();
        if (roll < 0.25) return name;
        if (roll < 0.5) return name.EndsWith(" Limited", StringComparison.Ordinal) ? name[..^8] + " Ltd" : name + " Ltd";
        if (roll < 0.7) return name.ToUpperInvariant();
        var words = name.Split(' ');
        var longest = words.Select((w, i) => (w, i)).MaxBy(x => x.w.Length);
        if (longest.w.Length < 4) return name;
        var at = 1 + random.Next(longest.w.Length - 2);
        var chars = longest.w.ToCharArray();
        (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
        words[longest.i] = new string(chars);
        return string.Join(' ', words);
    }

    // Within about 50 m.
    private static double? Near(double? degrees, Random random) => degrees is null ? null : Math.Round(degrees.Value + (random.NextDouble() - 0.5) * 0.0008, 6);

    private static void Score(List<(OrganizationContent Content, string? Truly)> source, List<MatchResult> decisions, Dictionary<string, long> truth, Dictionary<string, object> results)
    {
        var counts = new Dictionary<string, int>();
        foreach (var ((_, truly), result) in source.Zip(decisions))
        {
            long? trueOrg = truly is not null && truth.TryGetValue(truly, out var t) ? t : null;
            var right = result.OrganizationId is not null && result.OrganizationId == trueOrg;
            var key = result.Decision switch
            {
                MatchDecision.Same => right ? "same_right" : "same_wrong",
                MatchDecision.Possible => right ? "possible_right" : "possible_wrong",
                _ => trueOrg is null ? "new_right" : "new_missed",
            };
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        results["truth_existing"] = source.Count(s => s.Truly is not null);
        results["truth_new"] = source.Count(s => s.Truly is null);
        foreach (var key in new[] { "same_right", "same_wrong", "possible_right", "possible_wrong", "new_right", "new_missed" })
            results["decisions_" + key] = counts.GetValueOrDefault(key);
    }

    /// <summary>The same rows through the full importer, on a copy of the directory so that it stays as built.</summary>
    private static async Task ImportAsync(Store store, string path, List<(OrganizationContent Content, string? Truly)> source, Dictionary<string, object> results, TextWriter log)
    {
        await using (var connection = await store.OpenAsync()) await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        var copy = path + ".import.db";
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(copy)!, Path.GetFileName(copy) + "*")) File.Delete(file);
        File.Copy(path, copy);
        var target = await new SqliteStore(copy).MigrateAsync();
        var records = source.Select((s, i) => new ImportRecord(i + 1, $"S{i + 1:D8}", s.Content)).ToList();
        var clock = Stopwatch.StartNew();
        var report = await new Importer(target, TimeProvider.System).RunAsync(new ParsedFile([], records, [], []), new ImportOptions("bench source", "CC0-1.0", Author: "bench"));
        results["import_s"] = Math.Round(clock.Elapsed.TotalSeconds, 1);
        results["import_rows_per_s"] = Math.Round(records.Count / clock.Elapsed.TotalSeconds);
        results["import_added_merged_queued"] = $"{report.Added} / {report.Merged} / {report.Queued}";
        log.WriteLine($"Import of the source: {clock.Elapsed.TotalSeconds:0} s");
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(copy)!, Path.GetFileName(copy) + "*")) File.Delete(file);
    }
}
