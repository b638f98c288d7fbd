using System.CommandLine;
using System.Globalization;
using Coopdir.Core.PdfTables;
using CsvHelper;

namespace Coopdir.Cli;

/// <summary>`coopdir tables FILE.pdf --out DIR [--pages 1,3-4]`: every table found in a PDF, one CSV each.</summary>
public static class TablesCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A PDF file" };
        var output = new Option<DirectoryInfo>("--out") { Description = "The directory the CSV files go to (created if needed)", Required = true };
        var pages = new Option<string?>("--pages") { Description = "Only these pages, e.g. 1,3-4 (default: all)" };
        var command = new Command("tables", "Find the tables in a PDF, ruled or aligned by spaces, and write each as a CSV file named by page and position")
        {
            file, output, pages,
        };
        command.SetAction(parse =>
        {
            var input = parse.GetValue(file)!;
            if (!input.Exists) return Fail($"{input.FullName}: no such file");
            IReadOnlySet<int>? selected = null;
            if (parse.GetValue(pages) is { } pageText && (selected = PageSelection.Parse(pageText, out var pageError)) is null)
                return Fail($"--pages: {pageError}");
            IReadOnlyList<DetectedTable> tables;
            try
            {
                tables = PdfTables.Read(input.FullName, selected);
            }
            catch (PdfTablesException e)
            {
                return Fail($"{input.Name}: {e.Message}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail($"{input.FullName}: {e.Message}");
            }
            var directory = parse.GetValue(output)!;
            directory.Create();
            foreach (var (table, name) in Named(tables))
            {
                var path = Path.Combine(directory.FullName, name);
                Write(table, path);
                Console.WriteLine($"page {table.Page}\t{table.Layout.ToString().ToLowerInvariant()}\t{table.RowCount} × {table.ColumnCount}\t{path}");
            }
            if (tables.Count == 0) Console.Error.WriteLine($"{input.Name}: no tables found");
            return 0;
        });
        return command;
    }

    // page-2-table-1.csv: tables numbered on each page from the top.
    private static IEnumerable<(DetectedTable Table, string Name)> Named(IReadOnlyList<DetectedTable> tables) =>
        tables.GroupBy(t => t.Page).SelectMany(page => page.Select((t, i) => (t, $"page-{page.Key}-table-{i + 1}.csv")));

    private static void Write(DetectedTable table, string path)
    {
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var row in table.Rows)
        {
            foreach (var cell in row) csv.WriteField(cell);
            csv.NextRecord();
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
