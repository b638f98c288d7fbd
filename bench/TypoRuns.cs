using Coopdir.Core.Data;
using Coopdir.Core.Search;

namespace Coopdir.Bench;

/// <summary>
/// Typo correction on the generated directory, for the two misspellings issue 17 names: the corrected
/// text, the top result and how long correcting the text takes (its look-ups in search_terms and the
/// order by how many organizations hold each candidate, counted in the columns once per version).
/// </summary>
public static class TypoRuns
{
    private static readonly string[] Misspelt = ["credti", "hosuing"];

    public static async Task RunAsync(Store store, string key, Dictionary<string, object> results)
    {
        await using var connection = await store.OpenAsync();
        foreach (var text in Misspelt)
        {
            var found = await store.Search.RunAsync(connection, new SearchQuery { Text = text, Sort = SearchSort.Relevance });
            var timings = new Timings();
            string? corrected = null;
            for (var i = 0; i < 20; i++) await timings.TimeAsync(async () => corrected = await store.Search.CorrectedTextAsync(connection, text));
            results[$"{key}typo_{text}"] = $"corrected to {corrected ?? "(nothing)"}; top result {found.Items.FirstOrDefault()?.Name ?? "(none)"} of {found.Total:N0}; "
                + $"correction p50 {timings.Percentile(50):0.00} ms, max {timings.Max:0.00} ms";
        }
    }
}
