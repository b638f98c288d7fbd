using Dapper;

namespace Coopdir.Core.Search;

/// <summary>
/// The relevance order of a text search, from values both stores hold identically (see
/// <see cref="SearchDocument"/>), so both return the same order: exact name, then name prefix,
/// then all words in the name, then all words that matter in the name (without co-op), then all
/// words in name or place, then the rest (description); within each, fuller records first, then
/// by name and id.
/// </summary>
internal static class TextRanking
{
    public static string OrderBy(TextQuery query, DynamicParameters parameters)
    {
        var words = query.Ranking;
        parameters.Add("rankExact", query.NameExact);
        parameters.Add("rankPrefix", query.NamePrefix + "%");
        var significant = words.Where(w => !w.Optional).ToList();
        var tiers = new List<string>
        {
            "WHEN o.search_name = @rankExact THEN 0",
            "WHEN o.search_name LIKE @rankPrefix THEN 1",
            $"WHEN {AllIn("o.search_name", words, "rankName", parameters)} THEN 2",
        };
        if (significant.Count > 0 && significant.Count < words.Count)
            tiers.Add($"WHEN {AllIn("o.search_name", significant, "rankCore", parameters)} THEN 3");
        tiers.Add($"WHEN {AllIn("o.search_head", words, "rankHead", parameters)} THEN 4");
        return $"CASE {string.Join(' ', tiers)} ELSE 5 END, o.completeness DESC, o.name_key, o.id";
    }

    // Each word's stems (or its typed prefix) among the space-separated stems of the column.
    public static string AllIn(string column, IReadOnlyList<QueryWord> words, string name, DynamicParameters parameters) =>
        string.Join(" AND ", words.Select((word, i) =>
        {
            var patterns = word.Stems.Select(s => $"% {s} %").ToList();
            if (word.NamePrefix is { } prefix) patterns.Add($"% {prefix}%");
            return "(" + string.Join(" OR ", patterns.Select((pattern, j) =>
            {
                parameters.Add($"{name}{i}_{j}", pattern);
                return $"' ' || {column} || ' ' LIKE @{name}{i}_{j}";
            })) + ")";
        }));
}
