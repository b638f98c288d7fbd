using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace Coopdir.Core.PdfTables;

/// <summary>
/// The tables of a PDF, ruled (lattice) and whitespace-aligned (stream), found on whole pages without being
/// told where they are. PdfPig reads the letters and lines; <see cref="LatticeTables"/> and
/// <see cref="StreamTables"/> find the tables. A file that cannot be read at all throws
/// <see cref="PdfTablesException"/> saying why.
/// </summary>
public static class PdfTables
{
    public const long MaxBytes = 200L * 1024 * 1024;
    public const int MaxPages = 2000;

    public static IReadOnlyList<DetectedTable> Read(string path, IReadOnlySet<int>? pages = null)
    {
        using var file = File.OpenRead(path);
        return Read(file, pages);
    }

    /// <summary>Tables in page order, then top to bottom; <paramref name="pages"/> (1-based) limits the pages read, and pages past the end are ignored.</summary>
    public static IReadOnlyList<DetectedTable> Read(Stream pdf, IReadOnlySet<int>? pages = null)
    {
        var bytes = ReadWhole(pdf);
        if (!LooksLikePdf(bytes)) throw new PdfTablesException(UnreadablePdf.NotAPdf, "not a PDF (it does not start with %PDF-)");
        try
        {
            using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (document.NumberOfPages > MaxPages)
                throw new PdfTablesException(UnreadablePdf.TooManyPages, $"{document.NumberOfPages:N0} pages; at most {MaxPages:N0} are read");
            var tables = new List<DetectedTable>();
            var anyText = false;
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                if (pages is not null && !pages.Contains(number)) continue;
                var page = PageContent.Of(document.GetPage(number));
                anyText |= page.Letters.Any(l => !l.IsBlank);
                tables.AddRange(OnPage(page));
            }
            if (!anyText) throw new PdfTablesException(UnreadablePdf.ImageOnly, "no text on any page read (a scan or images only; text recognition is not done)");
            return tables;
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new PdfTablesException(UnreadablePdf.Encrypted, "the PDF is encrypted with a password", e);
        }
        catch (PdfDocumentFormatException e)
        {
            throw new PdfTablesException(UnreadablePdf.NotAPdf, $"not a readable PDF ({e.Message})", e);
        }
    }

    private static IEnumerable<DetectedTable> OnPage(PageContent page)
    {
        var lattice = LatticeTables.Find(page);
        var stream = StreamTables.Find(page, lattice.Select(t => t.Box).ToList());
        return lattice.Concat(stream).OrderBy(t => t.Box.Top).ThenBy(t => t.Box.Left);
    }

    private static byte[] ReadWhole(Stream pdf)
    {
        if (pdf.CanSeek && pdf.Length - pdf.Position > MaxBytes) throw TooLarge();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = pdf.Read(buffer)) > 0)
        {
            if (copy.Length + read > MaxBytes) throw TooLarge();
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    private static PdfTablesException TooLarge() => new(UnreadablePdf.TooLarge, $"larger than {MaxBytes / (1024 * 1024)} MB");

    // The header may follow some junk, but within the first kilobyte (as readers accept it).
    private static bool LooksLikePdf(byte[] bytes) =>
        Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 1024)).Contains("%PDF-", StringComparison.Ordinal);
}
