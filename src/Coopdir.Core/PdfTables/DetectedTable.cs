namespace Coopdir.Core.PdfTables;

/// <summary>How a table was found: ruled lines around its cells, or text aligned in columns.</summary>
public enum TableLayout { Lattice, Stream }

/// <summary>A rectangle on a page in PDF points, measured from the page's top-left corner (as Tabula gives areas).</summary>
public readonly record struct TableBox(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;
    public double Height => Bottom - Top;
    public double CentreX => (Left + Right) / 2;
    public double CentreY => (Top + Bottom) / 2;
    public bool Contains(double x, double y) => x >= Left && x <= Right && y >= Top && y <= Bottom;
    public TableBox Union(TableBox other) =>
        new(Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));
}

/// <summary>
/// A table found on a page: its rows of cell text, every row as long as the widest. A cell spanning several
/// rows or columns holds its text in its top-left position and leaves the others empty, as Tabula does.
/// </summary>
public sealed record DetectedTable(int Page, TableBox Box, TableLayout Layout, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public int RowCount => Rows.Count;
    public int ColumnCount => Rows.Count == 0 ? 0 : Rows[0].Count;
}
