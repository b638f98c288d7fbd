using Coopdir.Tests.Support;

namespace Coopdir.Tests.Cli;

/// <summary>`coopdir tables` reads no store: it needs only a PDF and a directory to write to.</summary>
public sealed class TablesCommandTests
{
    [Fact]
    public async Task Tables_writes_one_csv_per_table_named_by_page_and_position_and_prints_a_line_for_each()
    {
        var output = Path.GetDirectoryName(CommandLine.TempFile("tables"))!;

        var run = await CommandLine.RunAsync("tables", CommandLine.DataFile("pdf-tables", "tabula-java", "twotables.pdf"), "--out", output);

        Assert.True(run.ExitCode == 0, run.Errors);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal($"page 1\tlattice\t11 × 6\t{Path.Combine(output, "page-1-table-1.csv")}", lines[0]);
        Assert.Equal($"page 1\tlattice\t11 × 8\t{Path.Combine(output, "page-1-table-2.csv")}", lines[1]);
        var first = await File.ReadAllLinesAsync(Path.Combine(output, "page-1-table-1.csv"));
        Assert.Equal(11, first.Length);
        Assert.Equal("当期首残高,\"5,664\",749,\"12,017\",△747,\"17,683\"", first[2]);
    }

    [Fact]
    public async Task Tables_reads_only_the_pages_asked_for()
    {
        var output = Path.GetDirectoryName(CommandLine.TempFile("tables"))!;

        var run = await CommandLine.RunAsync("tables", CommandLine.DataFile("pdf-tables", "tabula-java", "schools.pdf"), "--out", output, "--pages", "2,4-5");

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(["page-2-table-1.csv", "page-4-table-1.csv", "page-5-table-1.csv"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Tables_refuses_an_encrypted_pdf_and_a_file_that_is_not_a_pdf_in_one_line()
    {
        var output = Path.GetDirectoryName(CommandLine.TempFile("tables"))!;
        var csv = CommandLine.TempFile("members.pdf", "name,town\nA,B\n");

        var encrypted = await CommandLine.RunAsync("tables", CommandLine.DataFile("pdf-tables", "tabula-java", "encrypted.pdf"), "--out", output);
        var notPdf = await CommandLine.RunAsync("tables", csv, "--out", output);
        var badPages = await CommandLine.RunAsync("tables", csv, "--out", output, "--pages", "3-1");

        Assert.Equal((2, "encrypted.pdf: the PDF is encrypted with a password\n"), (encrypted.ExitCode, encrypted.Errors));
        Assert.Equal((2, "members.pdf: not a PDF (it does not start with %PDF-)\n"), (notPdf.ExitCode, notPdf.Errors));
        Assert.Equal(2, badPages.ExitCode);
        Assert.Contains("--pages: '3-1' is not a page", badPages.Errors);
        Assert.Empty(Directory.GetFiles(output));
    }
}
