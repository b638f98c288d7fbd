namespace Coopdir.Core.PdfTables;

/// <summary>Pages as a person writes them, "1,3-4": 1-based, ranges inclusive.</summary>
public static class PageSelection
{
    public static IReadOnlySet<int>? Parse(string text, out string? error)
    {
        error = null;
        var pages = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length > 2 || !int.TryParse(bounds[0], out var first) || !int.TryParse(bounds[^1], out var last) || first < 1 || last < first || last - first > PdfTables.MaxPages)
            {
                error = $"'{part}' is not a page or a range of pages like 3-4";
                return null;
            }
            for (var page = first; page <= last; page++) pages.Add(page);
        }
        if (pages.Count == 0) error = "no pages given";
        return pages.Count == 0 ? null : pages;
    }
}
