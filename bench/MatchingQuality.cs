using Coopdir.Core.Data;
using Coopdir.Core.Data.Sqlite;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Sources.Matching;
using Dapper;

namespace Coopdir.Bench;

/// <summary>
/// Precision and recall of automatic merges on a sample labelled by the real files themselves: Co-operatives UK's
/// 2023 SEA-standard file and its 2017 extract both carry Co-operatives UK's ids (5,540 in common). One file is
/// imported through the real importer; the other's rows, with that id hidden, are matched one by one against the
/// directory it made (the index is not updated between rows). A row truly is the organization carrying its id;
/// a row whose id the directory lacks has no true match.
/// </summary>
public static class MatchingQuality
{
    private const string Scheme = "coops-uk";
    private const string Sea2023File = "sea_standard_coops-uk_Q2-2023.csv", Cuk2017File = "cuk_open_data_organisations_2017-06.csv";

    /// <summary>The two files, each with the import options of DemoData.Sources (the rows' own ids are Co-operatives UK ids).</summary>
    public sealed record Files(ParsedFile Sea2023, ImportOptions SeaOptions, ParsedFile Cuk2017, ImportOptions CukOptions)
    {
        public static Files Read()
        {
            var directory = Path.Combine(AppContext.BaseDirectory, "relevance");
            return new Files(
                MatchingQuality.Read(Path.Combine(directory, Sea2023File), EssglobalCsvReader.Read),
                new ImportOptions("Co-operatives UK open data (SEA standard CSV, Q2 2023)", "ODC-By-1.0", SkipInvalid: true, Vintage: "2023-06-30", IdScheme: Scheme),
                MatchingQuality.Read(Path.Combine(directory, Cuk2017File), CoopsUkReader.Read),
                new ImportOptions("Co-operatives UK open data (organisations, June 2017)", "ODC-By-1.0", SkipInvalid: true, Vintage: "2017-06-30", IdScheme: Scheme));
        }
    }

    /// <summary>A directory made of one file, and the truth for the other's rows: which organization carries each Co-operatives UK id.</summary>
    public sealed record LabelledDirectory(Store Store, IReadOnlyDictionary<string, long> Truth)
    {
        /// <summary>The organization a row of the other file truly is, or null when the directory lacks it.</summary>
        public long? TrueOrganization(ImportRecord record) =>
            Truth.TryGetValue(Key(record.Content.Identifiers.FirstOrDefault(i => i.Scheme == Scheme)?.Value ?? record.SourceRecordId), out var t) ? t : null;

        /// <summary>The row as another source would give it: without the Co-operatives UK id that labels it.</summary>
        public static OrganizationContent Hidden(ImportRecord record) =>
            record.Content with { Identifiers = record.Content.Identifiers.Where(i => i.Scheme != Scheme).ToList() };
    }

    public static async Task RunAsync(string work, Dictionary<string, object> results, TextWriter log)
    {
        var files = Files.Read();
        results["2017_into_2023"] = await DirectionAsync(Path.Combine(work, "quality-2023.db"), files.Sea2023, files.SeaOptions, files.Cuk2017, log);
        results["2023_into_2017"] = await DirectionAsync(Path.Combine(work, "quality-2017.db"), files.Cuk2017, files.CukOptions, files.Sea2023, log);
    }

    /// <summary>Imports <paramref name="imported"/> through the real importer into a fresh SQLite directory at <paramref name="path"/>.</summary>
    public static async Task<LabelledDirectory> ImportAsync(string path, ParsedFile imported, ImportOptions options, TextWriter log)
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*")) File.Delete(file);
        var store = await new SqliteStore(path).MigrateAsync();
        var report = await new Importer(store, TimeProvider.System).RunAsync(imported, options);
        log.WriteLine($"{options.SourceName}: {report.Added:N0} added, {report.Merged:N0} merged within the file, {report.Rejected:N0} rejected");
        await using var connection = await store.OpenAsync();
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (org, value) in await connection.QueryAsync<(long, string)>("SELECT organization_id, value FROM identifiers WHERE scheme = @Scheme", new { Scheme }))
            truth[Key(value)] = org;
        return new LabelledDirectory(store, truth);
    }

    private static async Task<Dictionary<string, object>> DirectionAsync(string path, ParsedFile imported, ImportOptions options, ParsedFile probes, TextWriter log)
    {
        var labelled = await ImportAsync(path, imported, options, log);
        await using var connection = await labelled.Store.OpenAsync();
        var matcher = new Matcher(await MatchIndex.LoadAsync(connection));
        var shown = (await connection.QueryAsync<(long Id, string Name, string? Postcode)>(
            "SELECT o.id, o.name, l.postcode FROM organizations o LEFT JOIN locations l ON l.organization_id = o.id AND l.position = 0")).ToDictionary(o => o.Id);

        var tally = new Tally();
        var falseMerges = new List<string>();
        foreach (var record in probes.Records)
        {
            var trueOrg = labelled.TrueOrganization(record);
            var result = matcher.Match(LabelledDirectory.Hidden(record));
            tally.Add(result, trueOrg);
            if (trueOrg is { } missed && result.Decision == MatchDecision.New)
                tally.Missed(record.Content.Name, record.Content.Locations.FirstOrDefault()?.Postcode, shown[missed].Name, shown[missed].Postcode);
            if (result.Decision == MatchDecision.Same && result.OrganizationId != trueOrg && falseMerges.Count < 20)
            {
                var matched = shown[result.OrganizationId!.Value];
                falseMerges.Add($"'{record.Content.Name}' ({record.Content.Locations.FirstOrDefault()?.Postcode}) -> #{matched.Id} '{matched.Name}' ({matched.Postcode}); " +
                    $"{string.Join(", ", result.Reasons)}; truly: {(trueOrg is { } o ? $"#{o} '{shown[o].Name}' ({shown[o].Postcode})" : "none")}");
            }
        }
        var figures = tally.Figures();
        figures["rows_matched"] = probes.Records.Count;
        figures["directory_organizations"] = matcher.Index.Count;
        if (falseMerges.Count > 0) figures["false_merges_first_20"] = falseMerges;
        return figures;
    }

    private sealed class Tally
    {
        private int truePairs, sameRight, sameWrong, sameWrongNoTrue, possibleRight, possibleWrong, newMissed, newRight;
        private readonly Dictionary<string, (int Right, int Wrong)> sameBy = [];
        private readonly Dictionary<string, int> missedBy = [];

        // Why a true pair scored too low: the two records' name keys and postcodes compared.
        public void Missed(string name, string? postcode, string trueName, string? truePostcode)
        {
            var names = MatchKeys.Name(name) == MatchKeys.Name(trueName) ? "same name" : "other name";
            var (a, b) = (MatchKeys.Postcode(postcode), MatchKeys.Postcode(truePostcode));
            var places = a is null || b is null ? "a postcode missing" : a == b ? "same postcode" : "other postcode";
            var key = $"{names}, {places}";
            missedBy[key] = missedBy.GetValueOrDefault(key) + 1;
        }

        public void Add(MatchResult result, long? trueOrg)
        {
            if (trueOrg is not null) truePairs++;
            var right = trueOrg is not null && result.OrganizationId == trueOrg;
            switch (result.Decision)
            {
                case MatchDecision.Same:
                    _ = right ? sameRight++ : sameWrong++;
                    if (trueOrg is null) sameWrongNoTrue++;
                    var by = FirstReason(result);
                    var (r, w) = sameBy.GetValueOrDefault(by);
                    sameBy[by] = right ? (r + 1, w) : (r, w + 1);
                    break;
                case MatchDecision.Possible:
                    _ = right ? possibleRight++ : possibleWrong++;
                    break;
                default:
                    _ = trueOrg is null ? newRight++ : newMissed++;
                    break;
            }
        }

        // "same gb-mpr 1234R" (an identifier), "same domain x.coop", or "same name" / "names 0.93 alike" (name and place).
        private static string FirstReason(MatchResult result)
        {
            var first = result.Reasons.FirstOrDefault() ?? "";
            if (first == "same name" || first.StartsWith("names ", StringComparison.Ordinal)) return "name_and_place";
            return first.StartsWith("same domain", StringComparison.Ordinal) ? "website_domain" : "identifier";
        }

        public Dictionary<string, object> Figures() => new()
        {
            ["true_pairs"] = truePairs,
            ["same"] = sameRight + sameWrong,
            ["same_true_positives"] = sameRight,
            ["same_false_positives"] = sameWrong,
            ["same_false_positives_with_no_true_match"] = sameWrongNoTrue,
            ["precision"] = sameRight + sameWrong == 0 ? 0 : Math.Round((double)sameRight / (sameRight + sameWrong), 4),
            ["recall"] = truePairs == 0 ? 0 : Math.Round((double)sameRight / truePairs, 4),
            ["possible_true"] = possibleRight,
            ["possible_false"] = possibleWrong,
            ["new_missed_true_pairs"] = newMissed,
            ["new_missed_by_name_and_postcode"] = missedBy.OrderByDescending(m => m.Value).ToDictionary(m => m.Key, m => (object)m.Value),
            ["new_correct"] = newRight,
            ["same_by_first_reason"] = sameBy.ToDictionary(b => b.Key, b => (object)$"{b.Value.Right} right, {b.Value.Wrong} wrong"),
        };
    }

    private static string Key(string value) => MatchKeys.Identifier(new Identifier(Scheme, value));

    private static ParsedFile Read(string path, Func<TextReader, ParsedFile> reader)
    {
        using var text = new StreamReader(path);
        return reader(text);
    }
}
