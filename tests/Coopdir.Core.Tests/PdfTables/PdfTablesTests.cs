using System.Globalization;
using System.Text;
using Coopdir.Core.PdfTables;
using CsvHelper;

namespace Coopdir.Core.Tests.PdfTables;

/// <summary>Golden tests on tabula-java's fixtures (tests/data/pdf-tables): whole pages, no areas given.</summary>
public sealed class PdfTablesTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "pdf-tables", "tabula-java", name);

    [Fact]
    public void Two_ruled_tables_on_one_page_are_read_apart_with_their_cells()
    {
        var tables = Core.PdfTables.PdfTables.Read(Fixture("twotables.pdf"));

        Assert.Equal(2, tables.Count);
        Assert.All(tables, t => Assert.Equal(TableLayout.Lattice, t.Layout));
        Assert.Equal((11, 6), (tables[0].RowCount, tables[0].ColumnCount));
        Assert.Equal((11, 8), (tables[1].RowCount, tables[1].ColumnCount));
        Assert.Equal(["当期首残高", "5,664", "749", "12,017", "△747", "17,683"], tables[0].Rows[2]);
        // A cell of two lines is one cell, its lines joined with a space.
        Assert.Equal("その他有価証券 評価差額金", tables[1].Rows[1][1]);
        Assert.True(tables[0].Box.Bottom <= tables[1].Box.Top, "the first table is the upper one");
    }

    [Fact]
    public void A_spanning_cell_keeps_its_text_in_its_first_place_and_leaves_the_rest_empty()
    {
        var tables = Core.PdfTables.PdfTables.Read(Fixture("spanning_cells.pdf"));

        Assert.Equal([(21, 6), (4, 6)], tables.Select(t => (t.RowCount, t.ColumnCount)));
        Assert.Equal(["Improved operation scenario", "", "", "", "", ""], tables[0].Rows[0]);
        Assert.Equal(["Volume servers in:", "2007", "2008", "2009", "2010", "2011"], tables[0].Rows[1]);
        Assert.Equal(["High-end", "76,295", "81,624", "86,849", "92,662", "98,864"], tables[1].Rows[3]);
    }

    [Fact]
    public void A_ruled_table_over_several_pages_is_found_on_each_page_with_tabulas_cells()
    {
        var page1 = Core.PdfTables.PdfTables.Read(Fixture("schools.pdf"), new HashSet<int> { 1 });

        var table = Assert.Single(page1);
        Assert.Equal(1, table.Page);
        var expected = ExpectedCsv("schools.csv").Select(r => r.Skip(1).ToArray()).ToList();
        Assert.Equal(expected.Count + 1, table.RowCount);
        // Tabula's first column is an empty sliver between two close rules; the cells are otherwise the same.
        Assert.Equal(expected[0], table.Rows[0]);
        Assert.Equal(expected[^1], table.Rows[expected.Count - 1]);
    }

    [Fact]
    public void The_voting_record_gives_every_deputy_with_party_province_and_vote_as_tabula_does()
    {
        var expected = ExpectedCsv("argentina_diputados_voting_record.csv");

        var table = Core.PdfTables.PdfTables.Read(Fixture("argentina_diputados_voting_record.pdf")).Single(t => t.ColumnCount == 4);

        Assert.Equal(["Apellido y Nombre", "Bloque político", "Provincia", ""], table.Rows[0]);
        Assert.Equal(expected, table.Rows.Skip(1).Select(r => r.ToArray()));
    }

    [Fact]
    public void A_table_aligned_by_spaces_alone_is_found_with_its_columns()
    {
        var tables = Core.PdfTables.PdfTables.Read(Fixture("us-020.pdf"), new HashSet<int> { 2 });

        var table = Assert.Single(tables);
        Assert.Equal(TableLayout.Stream, table.Layout);
        Assert.Equal(7, table.ColumnCount);
        var expected = ExpectedCsv("us-020.csv");
        Assert.Equal(expected[^1], table.Rows[^1]);
        Assert.Contains(["Australia", "100", "4", "96", "98", "95", "93"], table.Rows);
        Assert.Contains(["Education system", "coverage", "exclusion rate", "before substitution", "after substitution", "response rate", "response rate"], table.Rows);
    }

    [Fact]
    public void Encrypted_image_only_and_non_pdf_files_are_refused_with_the_reason()
    {
        var encrypted = Assert.Throws<PdfTablesException>(() => Core.PdfTables.PdfTables.Read(Fixture("encrypted.pdf")));
        Assert.Equal(UnreadablePdf.Encrypted, encrypted.Reason);

        var notPdf = Assert.Throws<PdfTablesException>(() => Core.PdfTables.PdfTables.Read(new MemoryStream(Encoding.UTF8.GetBytes("name,town\nA,B\n"))));
        Assert.Equal(UnreadablePdf.NotAPdf, notPdf.Reason);

        var imageOnly = Assert.Throws<PdfTablesException>(() => Core.PdfTables.PdfTables.Read(new MemoryStream(BlankPdf())));
        Assert.Equal(UnreadablePdf.ImageOnly, imageOnly.Reason);
    }

    [Theory]
    [InlineData("1,3-4", new[] { 1, 3, 4 })]
    [InlineData(" 2 ", new[] { 2 })]
    public void Pages_are_written_as_numbers_and_ranges(string text, int[] pages)
    {
        Assert.Equal(pages, PageSelection.Parse(text, out var error)!.Order());
        Assert.Null(error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4-2")]
    [InlineData("a")]
    [InlineData(",")]
    public void Page_lists_that_name_no_real_page_are_refused(string text)
    {
        Assert.Null(PageSelection.Parse(text, out var error));
        Assert.NotNull(error);
    }

    private static List<string[]> ExpectedCsv(string name)
    {
        using var reader = new StreamReader(Fixture(Path.Combine("csv", name)));
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record!);
        return rows;
    }

    // A one-page PDF with nothing on it but a drawn rectangle: what a scan's text layer looks like to us (no letters).
    private static byte[] BlankPdf()
    {
        var content = "0 0 0 RG 100 100 200 200 re S";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
