using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;

namespace Coopdir.Core.PdfTables;

/// <summary>A horizontal or vertical line drawn on the page: at <see cref="Position"/> (y or x), from <see cref="Start"/> to <see cref="End"/>.</summary>
internal sealed record Ruling(bool Horizontal, double Position, double Start, double End);

/// <summary>
/// The ruling lines of a page: every straight stroke, and every thin rectangle (many PDFs draw their rules as
/// filled bars), horizontal or vertical; the edges of wider rectangles (cell borders drawn as boxes); collinear
/// pieces that touch or nearly touch merged into one line, as Tabula collapses them.
/// </summary>
internal static class PageRulings
{
    // A bar thinner than this is a line; pieces closer than this along one line are one line.
    private const double Thin = 2.0, Join = 2.5, Skew = 1.0;

    public static IReadOnlyList<Ruling> Of(Page page)
    {
        var height = page.Height;
        var pieces = new List<Ruling>();
        foreach (var path in page.Paths)
        {
            if (path.IsClipping) continue;
            foreach (var subpath in path)
            {
                if (subpath.IsDrawnAsRectangle || IsAxisAlignedBox(subpath))
                    AddRectangle(pieces, subpath.GetBoundingRectangle(), height);
                else
                    AddLines(pieces, subpath, height);
            }
        }
        return Merge(pieces);
    }

    private static bool IsAxisAlignedBox(PdfSubpath subpath)
    {
        var lines = subpath.Commands.OfType<PdfSubpath.Line>().ToList();
        return lines.Count is 3 or 4 && subpath.Commands.Count(c => c is PdfSubpath.BezierCurve) == 0
            && lines.All(l => Math.Abs(l.From.X - l.To.X) < Skew || Math.Abs(l.From.Y - l.To.Y) < Skew)
            && subpath.IsClosed();
    }

    private static void AddRectangle(List<Ruling> pieces, PdfRectangle? bounds, double height)
    {
        if (bounds is not { } r) return;
        double left = r.Left, right = r.Right, top = height - r.Top, bottom = height - r.Bottom;
        if (r.Width < Thin && r.Height < Thin) return;
        if (r.Height < Thin) pieces.Add(new Ruling(true, (top + bottom) / 2, left, right));
        else if (r.Width < Thin) pieces.Add(new Ruling(false, (left + right) / 2, top, bottom));
        else
        {
            pieces.Add(new Ruling(true, top, left, right));
            pieces.Add(new Ruling(true, bottom, left, right));
            pieces.Add(new Ruling(false, left, top, bottom));
            pieces.Add(new Ruling(false, right, top, bottom));
        }
    }

    private static void AddLines(List<Ruling> pieces, PdfSubpath subpath, double height)
    {
        PdfPoint? start = null, current = null;
        foreach (var command in subpath.Commands)
        {
            switch (command)
            {
                case PdfSubpath.Move move:
                    start = current = move.Location;
                    break;
                case PdfSubpath.Line line:
                    AddLine(pieces, line.From, line.To, height);
                    current = line.To;
                    break;
                case PdfSubpath.Close when start is { } s && current is { } c:
                    AddLine(pieces, c, s, height);
                    current = s;
                    break;
                case PdfSubpath.BezierCurve curve:
                    current = curve.EndPoint;
                    break;
            }
        }
    }

    private static void AddLine(List<Ruling> pieces, PdfPoint from, PdfPoint to, double height)
    {
        if (Math.Abs(from.Y - to.Y) < Skew && Math.Abs(from.X - to.X) >= Thin)
            pieces.Add(new Ruling(true, height - (from.Y + to.Y) / 2, Math.Min(from.X, to.X), Math.Max(from.X, to.X)));
        else if (Math.Abs(from.X - to.X) < Skew && Math.Abs(from.Y - to.Y) >= Thin)
            pieces.Add(new Ruling(false, (from.X + to.X) / 2, height - Math.Max(from.Y, to.Y), height - Math.Min(from.Y, to.Y)));
    }

    internal static IReadOnlyList<Ruling> Merge(IEnumerable<Ruling> pieces)
    {
        var merged = new List<Ruling>();
        foreach (var group in pieces.GroupBy(p => p.Horizontal))
        {
            var sorted = group.OrderBy(p => p.Position).ThenBy(p => p.Start).ToList();
            // Lines within Join of each other across are one line (a double stroke, or a box edge on a rule).
            var bands = new List<List<Ruling>>();
            foreach (var piece in sorted)
            {
                if (bands.Count > 0 && piece.Position - bands[^1][0].Position <= Join) bands[^1].Add(piece);
                else bands.Add([piece]);
            }
            foreach (var band in bands)
            {
                var position = band.Average(p => p.Position);
                Ruling? open = null;
                foreach (var piece in band.OrderBy(p => p.Start))
                {
                    if (open is not null && piece.Start <= open.End + Join) open = open with { End = Math.Max(open.End, piece.End) };
                    else
                    {
                        if (open is not null) merged.Add(open);
                        open = new Ruling(group.Key, position, piece.Start, piece.End);
                    }
                }
                if (open is not null) merged.Add(open);
            }
        }
        return merged;
    }
}
