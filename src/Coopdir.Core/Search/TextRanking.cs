using Dapper;

namespace Coopdir.Core.Search;

/// <summary>
/// "Every query word is in this column" as SQL, for suggestions. Search ranks in memory with the
/// same comparison (<see cref="Columns.TextTiers"/>).
/// </summary>
internal static class TextRanking
{
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
