namespace Coopdir.Core.PdfTables;

/// <summary>
/// Ruled tables. Rulings that cross or touch make one group, read on its own. In a group, the x of every vertical
/// ruling and the y of every horizontal one cut the area into a fine grid (rulings a few points apart count as
/// one: a double rule, or the white gap between shaded cells); two neighbouring grid squares belong to one cell
/// when no ruling runs between them. A cell is a closed rectangle of squares (a spanning cell covers several);
/// squares open to the outside, and regions that are not rectangles (the space between a frame and the table
/// inside it), are in no cell. Cells that share a border make one table. Each letter goes into the cell that
/// holds its centre; rows and columns left empty are dropped.
/// </summary>
internal static class LatticeTables
{
    // Rulings closer than Cluster across are one; a ruling that stops within Reach of a crossing still reaches it.
    private const double Cluster = 6.0, Reach = 3.0;

    // A "cell" of more lines than this is a frame around text laid out by spaces: the stream reader reads it.
    private const int MaxLinesInCell = 10;

    // Cells of this many lines side by side in one ruled row are rows not ruled apart (see Bands).
    private const int MinLinesToSplit = 3;

    public static IReadOnlyList<DetectedTable> Find(PageContent page) =>
        Groups(page.Rulings)
            .SelectMany(group => FindInGroup(page, group))
            .OrderBy(t => t.Box.Top).ThenBy(t => t.Box.Left)
            .ToList();

    private static IEnumerable<List<Ruling>> Groups(IReadOnlyList<Ruling> rulings)
    {
        var groups = new UnionFind(rulings.Count);
        var reach = Cluster + Reach;
        for (var i = 0; i < rulings.Count; i++)
            for (var j = i + 1; j < rulings.Count; j++)
            {
                var (a, b) = (rulings[i], rulings[j]);
                if (a.Horizontal == b.Horizontal) continue;
                if (b.Position >= a.Start - reach && b.Position <= a.End + reach && a.Position >= b.Start - reach && a.Position <= b.End + reach)
                    groups.Join(i, j);
            }
        return Enumerable.Range(0, rulings.Count).GroupBy(groups.Find).Select(g => g.Select(i => rulings[i]).ToList());
    }

    private static IEnumerable<DetectedTable> FindInGroup(PageContent page, List<Ruling> rulings)
    {
        var horizontals = rulings.Where(r => r.Horizontal).ToList();
        var verticals = rulings.Where(r => !r.Horizontal).ToList();
        if (horizontals.Count < 2 || verticals.Count < 2) return [];
        var xs = Positions(verticals);
        var ys = Positions(horizontals);
        int columns = xs.Count - 1, rows = ys.Count - 1;
        if (columns < 1 || rows < 1) return [];

        // Squares are numbered row * columns + column; one more number stands for everything outside the grid.
        var outside = rows * columns;
        var regions = new UnionFind(outside + 1);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var square = r * columns + c;
                if (!Covered(horizontals, ys[r], xs[c], xs[c + 1])) regions.Join(square, r == 0 ? outside : square - columns);
                if (!Covered(verticals, xs[c], ys[r], ys[r + 1])) regions.Join(square, c == 0 ? outside : square - 1);
                if (r == rows - 1 && !Covered(horizontals, ys[r + 1], xs[c], xs[c + 1])) regions.Join(square, outside);
                if (c == columns - 1 && !Covered(verticals, xs[c + 1], ys[r], ys[r + 1])) regions.Join(square, outside);
            }

        var cells = new Dictionary<int, GridCell>();
        foreach (var group in Enumerable.Range(0, outside).GroupBy(regions.Find))
        {
            if (regions.Find(outside) == group.Key) continue;
            int top = group.Min(s => s / columns), bottom = group.Max(s => s / columns), left = group.Min(s => s % columns), right = group.Max(s => s % columns);
            if ((bottom - top + 1) * (right - left + 1) != group.Count()) continue;
            cells[group.Key] = new GridCell(top, left, bottom, right);
        }
        return Tables(cells, regions, rows, columns)
            .Select(table => Build(page, table, xs, ys))
            .OfType<DetectedTable>()
            .Where(t => t.RowCount > 1 && t.ColumnCount > 1);
    }

    // Ruling positions, those within Cluster of the previous one taken together as one band.
    private static List<Band> Positions(IEnumerable<Ruling> rulings)
    {
        var bands = new List<Band>();
        foreach (var p in rulings.Select(r => r.Position).Order())
        {
            if (bands.Count > 0 && p - bands[^1].High <= Cluster) bands[^1] = bands[^1] with { High = p };
            else bands.Add(new Band(p, p));
        }
        return bands;
    }

    // Whether some ruling in this band runs the whole way from one band to the next (a little short still counts).
    private static bool Covered(List<Ruling> rulings, Band at, Band from, Band to) =>
        rulings.Any(r => r.Position >= at.Low - Reach && r.Position <= at.High + Reach && r.Start <= from.High + Reach && r.End >= to.Low - Reach);

    // Cells grouped into tables: two cells are in one table when squares on either side of one border belong to them.
    private static IEnumerable<List<GridCell>> Tables(Dictionary<int, GridCell> cells, UnionFind regions, int rows, int columns)
    {
        var tables = new UnionFind(rows * columns);
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var here = regions.Find(r * columns + c);
                if (!cells.ContainsKey(here)) continue;
                if (c + 1 < columns && cells.ContainsKey(regions.Find(r * columns + c + 1))) tables.Join(here, regions.Find(r * columns + c + 1));
                if (r + 1 < rows && cells.ContainsKey(regions.Find((r + 1) * columns + c))) tables.Join(here, regions.Find((r + 1) * columns + c));
            }
        return cells.GroupBy(kv => tables.Find(kv.Key)).Select(g => g.Select(kv => kv.Value).ToList());
    }

    private static DetectedTable? Build(PageContent page, List<GridCell> cells, List<Band> xs, List<Band> ys)
    {
        // The table's own rows and columns: only the grid lines some of its cells start at.
        var rowStarts = cells.Select(c => c.Top).Distinct().Order().ToList();
        var columnStarts = cells.Select(c => c.Left).Distinct().Order().ToList();
        var box = new TableBox(xs[cells.Min(c => c.Left)].Low, ys[cells.Min(c => c.Top)].Low, xs[cells.Max(c => c.Right) + 1].High, ys[cells.Max(c => c.Bottom) + 1].High);
        var letters = page.Letters.Where(l => box.Contains(l.Box.CentreX, l.Box.CentreY)).ToList();
        var lines = new Dictionary<GridCell, List<List<PlacedWord>>>();
        foreach (var cell in cells)
        {
            var area = new TableBox(xs[cell.Left].Middle, ys[cell.Top].Middle, xs[cell.Right + 1].Middle, ys[cell.Bottom + 1].Middle);
            lines[cell] = CellText.Lines(CellText.Words(letters.Where(l => area.Contains(l.Box.CentreX, l.Box.CentreY))));
            if (lines[cell].Count > MaxLinesInCell) return null;
        }
        var rows = new List<string[]>();
        foreach (var top in rowStarts)
        {
            var inRow = cells.Where(c => c.Top == top).ToList();
            foreach (var band in Bands(inRow, cells, lines, top))
            {
                var row = Enumerable.Repeat("", columnStarts.Count).ToArray();
                foreach (var cell in inRow)
                    row[columnStarts.IndexOf(cell.Left)] = CellText.Of(lines[cell].Where(l => band is null || Overlaps(l, band.Value)).ToList());
                rows.Add(row);
            }
        }
        return new DetectedTable(page.Number, box, TableLayout.Lattice, Grid.WithoutEmptyRowsAndColumns(rows));
    }

    // A ruled row where most cells hold several lines, in step (us-008: "3-year-olds / 4-year-olds / Total" beside
    // three numbers each), is several rows the table's maker did not rule apart: one row per line. A row with a few
    // wrapped cells (a header), or with a cell spanning rows, stays one row (null: all its lines together).
    private static IEnumerable<(double Top, double Bottom)?> Bands(List<GridCell> inRow, List<GridCell> cells, Dictionary<GridCell, List<List<PlacedWord>>> lines, int top)
    {
        var multiLine = inRow.Where(c => lines[c].Count >= MinLinesToSplit).ToList();
        var filled = inRow.Count(c => lines[c].Count > 0);
        if (multiLine.Count < 2 || multiLine.Count * 2 < filled || inRow.Any(c => c.Bottom != c.Top) || cells.Any(c => c.Top < top && c.Bottom >= top)) return [null];
        var bands = new List<(double Top, double Bottom)>();
        foreach (var line in inRow.SelectMany(c => lines[c]).Select(Extent).OrderBy(e => e.Top))
        {
            if (bands.Count > 0 && line.Top < bands[^1].Bottom) bands[^1] = (bands[^1].Top, Math.Max(bands[^1].Bottom, line.Bottom));
            else bands.Add(line);
        }
        var inStep = inRow.All(c => lines[c].Select(l => bands.FindIndex(b => Overlaps(l, b))).Distinct().Count() == lines[c].Count);
        return inStep && bands.Count >= MinLinesToSplit ? bands.Select(b => ((double, double)?)b) : [null];
    }

    private static (double Top, double Bottom) Extent(List<PlacedWord> line) => (line.Min(w => w.Box.Top), line.Max(w => w.Box.Bottom));

    private static bool Overlaps(List<PlacedWord> line, (double Top, double Bottom) band)
    {
        var (lineTop, lineBottom) = Extent(line);
        var middle = (lineTop + lineBottom) / 2;
        return middle >= band.Top && middle <= band.Bottom;
    }

    private sealed record GridCell(int Top, int Left, int Bottom, int Right);

    private readonly record struct Band(double Low, double High)
    {
        public double Middle => (Low + High) / 2;
    }
}
