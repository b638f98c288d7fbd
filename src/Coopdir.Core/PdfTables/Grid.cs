namespace Coopdir.Core.PdfTables;

internal static class Grid
{
    /// <summary>The rows without those that are all empty, and the columns likewise: a table's shape is its text's.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> WithoutEmptyRowsAndColumns(IReadOnlyList<string[]> rows)
    {
        var kept = rows.Where(r => r.Any(c => c.Length > 0)).ToList();
        if (kept.Count == 0) return [];
        var columns = Enumerable.Range(0, kept[0].Length).Where(c => kept.Any(r => r[c].Length > 0)).ToList();
        return kept.Select(r => (IReadOnlyList<string>)columns.Select(c => r[c]).ToList()).ToList();
    }
}
