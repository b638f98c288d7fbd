using System.Globalization;
using Coopdir.Core.Data;
using CsvHelper;

namespace Coopdir.Core.Search;

/// <summary>A query of the relevance set and the names any of which is a right first answer.</summary>
public sealed record RelevanceQuery(string Query, IReadOnlySet<string> Expected, string Checks);

/// <summary>Where the first right answer came (1-based; null when not in the first page).</summary>
public sealed record RelevanceOutcome(RelevanceQuery Query, int? Rank, string? Top);

/// <summary>
/// The yardstick of search quality: real queries over the real co-op data (tests/data/relevance/queries.csv)
/// with the names of the right answers. The tests hold the search to it on both stores; the benchmark prints it.
/// </summary>
public static class RelevanceSet
{
    public const int Depth = 10;

    public static IReadOnlyList<RelevanceQuery> Load(string path)
    {
        using var reader = new CsvReader(new StreamReader(path), CultureInfo.InvariantCulture);
        return reader.GetRecords<Row>().Select(r => new RelevanceQuery(r.Query,
            r.Expected.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
            r.Checks)).ToList();
    }

    public static async Task<IReadOnlyList<RelevanceOutcome>> RunAsync(Store store, IEnumerable<RelevanceQuery> queries)
    {
        await using var connection = await store.OpenAsync();
        var outcomes = new List<RelevanceOutcome>();
        foreach (var q in queries)
        {
            var ids = (await store.Search.RunAsync(connection, new SearchQuery { Text = q.Query, Sort = SearchSort.Relevance, PageSize = Depth }))
                .Items.Select(i => i.Id).ToList();
            // A record merged from several sources answers to every name they give it (a trading name, a registered one).
            var found = await Organizations.OrganizationQueries.LoadAsync(connection, ids);
            var index = found.ToList().FindIndex(o => q.Expected.Contains(o.Content.Name) || o.Content.AlternateNames.Any(q.Expected.Contains));
            outcomes.Add(new RelevanceOutcome(q, index < 0 ? null : index + 1, found.FirstOrDefault()?.Content.Name));
        }
        return outcomes;
    }

    public static double PrecisionAt1(IReadOnlyList<RelevanceOutcome> outcomes) =>
        outcomes.Count(o => o.Rank == 1) / (double)outcomes.Count;

    /// <summary>Mean reciprocal rank of the first right answer (0 when none is on the first page).</summary>
    public static double MeanReciprocalRank(IReadOnlyList<RelevanceOutcome> outcomes) =>
        outcomes.Sum(o => o.Rank is { } rank ? 1.0 / rank : 0) / outcomes.Count;

    private sealed class Row
    {
        [CsvHelper.Configuration.Attributes.Name("query")] public string Query { get; set; } = "";
        [CsvHelper.Configuration.Attributes.Name("expected")] public string Expected { get; set; } = "";
        [CsvHelper.Configuration.Attributes.Name("what it checks")] public string Checks { get; set; } = "";
    }
}
