using UglyToad.PdfPig.Content;

namespace Coopdir.Core.PdfTables;

/// <summary>A letter as PdfPig read it, with its box turned to top-left coordinates like every box here.</summary>
internal sealed record PlacedLetter(Letter Letter, TableBox Box)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Letter.Value);
}

/// <summary>What the detectors read of one page: its letters and its ruling lines, in top-left coordinates.</summary>
internal sealed record PageContent(int Number, double Width, double Height, IReadOnlyList<PlacedLetter> Letters, IReadOnlyList<Ruling> Rulings)
{
    public static PageContent Of(Page page)
    {
        var height = page.Height;
        var letters = page.Letters
            .Where(l => l.Value.Length > 0)
            .Select(l => new PlacedLetter(l, Flip(l, height)))
            .ToList();
        return new PageContent(page.Number, page.Width, height, letters, PageRulings.Of(page));
    }

    // Blank letters have an empty glyph box; their place is where the pen stood on the baseline.
    private static TableBox Flip(Letter letter, double height)
    {
        var glyph = letter.BoundingBox;
        if (glyph.Width > 0 && glyph.Height > 0)
            return new TableBox(glyph.Left, height - glyph.Top, glyph.Right, height - glyph.Bottom);
        var x0 = Math.Min(letter.StartBaseLine.X, letter.EndBaseLine.X);
        var x1 = Math.Max(letter.StartBaseLine.X, letter.EndBaseLine.X);
        var baseline = height - letter.StartBaseLine.Y;
        return new TableBox(x0, baseline - letter.PointSize * 0.7, x1, baseline);
    }
}
