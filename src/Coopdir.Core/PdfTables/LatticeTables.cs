namespace Coopdir.Core.PdfTables;

/// <summary>
/// Ruled tables. Every x of a vertical ruling and every y of a horizontal one cut the page into a fine grid;
/// two neighbouring grid squares belong to one cell when no ruling runs between them. A cell is a closed
/// rectangle of squares (a spanning cell covers several); squares open to the page's edge, and regions that are
/// not rectangles (the space between a frame and the table inside it), are outside every table. Cells that share
/// a border make one table, whose own rulings give its rows and columns. Each letter goes into the cell that
/// holds its centre.
/// </summary>
internal static class LatticeTables
{
    private const double Cluster = 2.0, Reach = 3.0;

    public static IReadOnlyList<DetectedTable> Find(PageContent page)
    {
        var horizontals = page.Rulings.Where(r => r.Horizontal).ToList();
        var verticals = page.Rulings.Where(r => !r.Horizontal).ToList();
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
            .Where(t => t is not null && (t.RowCount > 1 || t.ColumnCount > 1))
            .Select(t => t!)
            .OrderBy(t => t.Box.Top).ThenBy(t => t.Box.Left)
            .ToList();
    }

    private static List<double> Positions(IEnumerable<Ruling> rulings)
    {
        var positions = new List<double>();
        foreach (var p in rulings.Select(r => r.Position).Order())
            if (positions.Count == 0 || p - positions[^1] > Cluster) positions.Add(p);
        return positions;
    }

    // Whether some ruling at this position runs the whole way from start to end (a little short still counts).
    private static bool Covered(List<Ruling> rulings, double position, double start, double end) =>
        rulings.Any(r => Math.Abs(r.Position - position) <= Cluster && r.Start <= start + Reach && r.End >= end - Reach);

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

    private static DetectedTable? Build(PageContent page, List<GridCell> cells, List<double> xs, List<double> ys)
    {
        // The table's own rows and columns: only the grid lines some of its cells start at.
        var rowStarts = cells.Select(c => c.Top).Distinct().Order().ToList();
        var columnStarts = cells.Select(c => c.Left).Distinct().Order().ToList();
        var text = new string[rowStarts.Count][];
        for (var r = 0; r < text.Length; r++) text[r] = Enumerable.Repeat("", columnStarts.Count).ToArray();
        var box = new TableBox(xs[cells.Min(c => c.Left)], ys[cells.Min(c => c.Top)], xs[cells.Max(c => c.Right) + 1], ys[cells.Max(c => c.Bottom) + 1]);
        var letters = page.Letters.Where(l => box.Contains(l.Box.CentreX, l.Box.CentreY)).ToList();
        foreach (var cell in cells)
        {
            var area = new TableBox(xs[cell.Left], ys[cell.Top], xs[cell.Right + 1], ys[cell.Bottom + 1]);
            text[rowStarts.IndexOf(cell.Top)][columnStarts.IndexOf(cell.Left)] =
                CellText.Of(letters.Where(l => area.Contains(l.Box.CentreX, l.Box.CentreY)));
        }
        return new DetectedTable(page.Number, box, TableLayout.Lattice, text);
    }

    private sealed record GridCell(int Top, int Left, int Bottom, int Right);
}
