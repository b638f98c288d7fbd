namespace Coopdir.Core.PdfTables;

/// <summary>
/// Tables without rulings, found from how their text is aligned (Tabula's stream mode with its area guess,
/// Camelot's stream). Each text line is a row. A line split by wide gaps into two or more phrases may be a table
/// row; consecutive such lines, close together, make a candidate area. Its columns are the gaps that no phrase
/// crosses in the area's fuller rows (those with at least the median number of phrases, so that a title or a
/// heading over several columns does not close a gap); an area with at least three such rows and one such gap is
/// a table, and each word goes into the column holding its centre.
/// </summary>
internal static class StreamTables
{
    // In units of the line's letter height: a wider gap between words splits a line into phrases; a wider gap
    // between lines ends an area; a narrower column gap is not a gap.
    private const double PhraseGap = 1.0, LineGap = 2.2, ColumnGap = 0.4;
    private const int MinimumRows = 3;

    public static IReadOnlyList<DetectedTable> Find(PageContent page, IReadOnlyList<TableBox> taken)
    {
        var letters = page.Letters.Where(l => !taken.Any(t => t.Contains(l.Box.CentreX, l.Box.CentreY)));
        var lines = CellText.Lines(CellText.Words(letters)).Select(words => new TextLine(words)).ToList();
        var tables = new List<DetectedTable>();
        foreach (var area in Areas(lines))
            if (Build(page.Number, area) is { } table) tables.Add(table);
        return tables;
    }

    private static IEnumerable<List<TextLine>> Areas(List<TextLine> lines)
    {
        var area = new List<TextLine>();
        foreach (var line in lines)
        {
            var close = area.Count > 0 && line.Box.Top - area[^1].Box.Bottom <= LineGap * Math.Max(area[^1].LetterHeight, line.LetterHeight);
            if (area.Count > 0 && !close)
            {
                yield return Trimmed(area);
                area = [];
            }
            area.Add(line);
        }
        if (area.Count > 0) yield return Trimmed(area);
    }

    // An area runs from its first line of several phrases to its last: a title above or a paragraph below is not the table.
    private static List<TextLine> Trimmed(List<TextLine> area)
    {
        var first = area.FindIndex(l => l.Phrases.Count > 1);
        var last = area.FindLastIndex(l => l.Phrases.Count > 1);
        return first < 0 ? [] : area.GetRange(first, last - first + 1);
    }

    private static DetectedTable? Build(int pageNumber, List<TextLine> area)
    {
        var tabular = area.Where(l => l.Phrases.Count > 1).ToList();
        if (tabular.Count < MinimumRows) return null;
        var median = tabular.Select(l => l.Phrases.Count).Order().ElementAt(tabular.Count / 2);
        var fuller = tabular.Where(l => l.Phrases.Count >= median).ToList();
        var separators = Separators(fuller);
        if (separators.Count == 0) return null;

        var rows = area.Select(line =>
        {
            var cells = new List<PlacedWord>[separators.Count + 1];
            for (var i = 0; i < cells.Length; i++) cells[i] = [];
            foreach (var word in line.Words)
            {
                var column = separators.FindIndex(s => word.Box.CentreX < s);
                cells[column < 0 ? separators.Count : column].Add(word);
            }
            return cells.Select(c => string.Join(' ', c.Select(w => w.Text))).ToArray();
        }).ToList();
        var box = area.Select(l => l.Box).Aggregate((a, b) => a.Union(b));
        return new DetectedTable(pageNumber, box, TableLayout.Stream, Grid.WithoutEmptyRowsAndColumns(rows));
    }

    // The middles of the x ranges that no phrase of these lines covers, between the leftmost and rightmost text.
    private static List<double> Separators(List<TextLine> lines)
    {
        var spans = lines.SelectMany(l => l.Phrases).Select(p => (p.Left, p.Right)).OrderBy(s => s.Left).ToList();
        var minimum = ColumnGap * lines.Average(l => l.LetterHeight);
        var separators = new List<double>();
        var reach = spans[0].Right;
        foreach (var (left, right) in spans.Skip(1))
        {
            if (left - reach >= minimum) separators.Add((left + reach) / 2);
            reach = Math.Max(reach, right);
        }
        return separators;
    }

    private sealed class TextLine
    {
        public TextLine(List<PlacedWord> words)
        {
            Words = words;
            Box = words.Select(w => w.Box).Aggregate((a, b) => a.Union(b));
            LetterHeight = words.Select(w => w.Box.Height).Order().ElementAt(words.Count / 2);
            Phrases = [];
            foreach (var word in words)
            {
                if (Phrases.Count > 0 && word.Box.Left - Phrases[^1].Right < PhraseGap * LetterHeight)
                    Phrases[^1] = Phrases[^1].Union(word.Box);
                else Phrases.Add(word.Box);
            }
        }

        public List<PlacedWord> Words { get; }
        public TableBox Box { get; }
        public double LetterHeight { get; }
        public List<TableBox> Phrases { get; }
    }
}
