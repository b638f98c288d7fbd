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
    private const string Sea2023 = "sea_standard_coops-uk_Q2-2023.csv", Cuk2017 = "cuk_open_data_organisations_2017-06.csv";

    public static async Task RunAsync(string work, Dictionary<string, object> results, TextWriter log)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "relevance");
        var sea = Read(Path.Combine(directory, Sea2023), EssglobalCsvReader.Read);
        var cuk = Read(Path.Combine(directory, Cuk2017), CoopsUkReader.Read);
        // The import options of DemoData.Sources: the rows' own ids are Co-operatives UK ids.
        var seaOptions = new ImportOptions("Co-operatives UK open data (SEA standard CSV, Q2 2023)", "ODC-By-1.0", SkipInvalid: true, Vintage: "2023-06-30", IdScheme: Scheme);
        var cukOptions = new ImportOptions("Co-operatives UK open data (organisations, June 2017)", "ODC-By-1.0", SkipInvalid: true, Vintage: "2017-06-30", IdScheme: Scheme);

        results["2017_into_2023"] = await DirectionAsync(Path.Combine(work, "quality-2023.db"), sea, seaOptions, cuk, log);
        results["2023_into_2017"] = await DirectionAsync(Path.Combine(work, "quality-2017.db"), cuk, cukOptions, sea, log);
    }

    private static async Task<Dictionary<string, object>> DirectionAsync(string path, ParsedFile imported, ImportOptions options, ParsedFile probes, TextWriter log)
    {
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*")) File.Delete(file);
        var store = await new SqliteStore(path).MigrateAsync();
        var report = await new Importer(store, TimeProvider.System).RunAsync(imported, options);
        log.WriteLine($"{options.SourceName}: {report.Added:N0} added, {report.Merged:N0} merged within the file, {report.Rejected:N0} rejected");

        await using var connection = await store.OpenAsync();
        var matcher = new Matcher(await MatchIndex.LoadAsync(connection));
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (org, value) in await connection.QueryAsync<(long, string)>("SELECT organization_id, value FROM identifiers WHERE scheme = @Scheme", new { Scheme }))
            truth[Key(value)] = org;
        var shown = (await connection.QueryAsync<(long Id, string Name, string? Postcode)>(
            "SELECT o.id, o.name, l.postcode FROM organizations o LEFT JOIN locations l ON l.organization_id = o.id AND l.position = 0")).ToDictionary(o => o.Id);

        var tally = new Tally();
        var falseMerges = new List<string>();
        foreach (var record in probes.Records)
        {
            var id = Key(record.Content.Identifiers.FirstOrDefault(i => i.Scheme == Scheme)?.Value ?? record.SourceRecordId);
            long? trueOrg = truth.TryGetValue(id, out var t) ? t : null;
            var hidden = record.Content with { Identifiers = record.Content.Identifiers.Where(i => i.Scheme != Scheme).ToList() };
            var result = matcher.Match(hidden);
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
