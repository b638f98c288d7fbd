using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Coopdir.Core.PdfTables;
using CsvHelper;

namespace Coopdir.Bench;

/// <summary>
/// Tables out of PDFs measured on tables nobody here made: tabula-java's fixtures (its expected CSV and JSON) and
/// the ICDAR 2013 documents it ships (their cell ground truth, -str.xml). Each PDF is read whole, on every page,
/// without Tabula's hand-given areas or column positions. An expected table is found when one detected table on
/// its page holds at least half of its non-empty cells' texts; its cells are exact as far as they equal the
/// detected table's at the best placing of one over the other (a row and column offset). Texts are compared
/// trimmed, with runs of whitespace made one space, as upstream compares parsed records.
/// </summary>
public static partial class PdfTablesQuality
{
    private static readonly (string Pdf, int Page, string Expected)[] TabulaCases =
    [
        ("AnimalSounds.pdf", 1, "csv/AnimalSounds.csv"),
        ("AnimalSounds1.pdf", 1, "json/AnimalSounds1.json"),
        ("MultiColumn.pdf", 1, "csv/MultiColumn.csv"),
        ("Publication_of_award_of_Bids_for_Transport_Sector__August_2016.pdf", 1, "csv/Publication_of_award_of_Bids_for_Transport_Sector__August_2016.csv"),
        ("argentina_diputados_voting_record.pdf", 1, "csv/argentina_diputados_voting_record.csv"),
        ("frx_2012_disclosure.pdf", 1, "csv/frx_2012_disclosure.csv"),
        ("indictb1h_14.pdf", 1, "csv/indictb1h_14.csv"),
        ("schools.pdf", 1, "csv/schools.csv"),
        ("spanning_cells.pdf", 1, "json/spanning_cells.json"),
        ("twotables.pdf", 1, "json/twotables.json"),
        ("us-020.pdf", 2, "csv/us-020.csv"),
        ("icdar2013-dataset/competition-dataset-eu/eu-001.pdf", 1, "csv/TestCommandLineApp_testGuessOption_with_guessing.csv"),
    ];

    public static void Run(string fixtures, Dictionary<string, object> results, TextWriter log)
    {
        var files = new List<FileScore>();
        foreach (var (pdf, page, expected) in TabulaCases)
            files.Add(Score($"{Path.GetFileNameWithoutExtension(pdf)} (tabula {Path.GetFileName(expected)})", Path.Combine(fixtures, pdf),
                Tabula(Path.Combine(fixtures, expected)).Select(t => (page, t)).ToList()));
        foreach (var structure in Directory.GetFiles(Path.Combine(fixtures, "icdar2013-dataset"), "*-str.xml", SearchOption.AllDirectories).Order())
        {
            var pdf = structure.Replace("-str.xml", ".pdf", StringComparison.Ordinal);
            files.Add(Score($"{Path.GetFileNameWithoutExtension(pdf)} (ICDAR 2013)", pdf, Icdar(structure)));
        }
        foreach (var file in files)
        {
            log.WriteLine($"{file.Name,-75} found {file.Found}/{file.Expected}  cells {file.ExactCells}/{file.Cells} ({Percent(file.ExactCells, file.Cells)} %)  detected {file.Detected}");
            results[file.Name] = new Dictionary<string, object>
            {
                ["expected_tables"] = file.Expected, ["found"] = file.Found, ["cells"] = file.Cells, ["exact_cells"] = file.ExactCells,
                ["cell_exact_percent"] = Percent(file.ExactCells, file.Cells), ["detected_tables"] = file.Detected,
            };
        }
        results["expected_tables"] = files.Sum(f => f.Expected);
        results["tables_found_percent"] = Percent(files.Sum(f => f.Found), files.Sum(f => f.Expected));
        results["cell_exact_percent"] = Percent(files.Sum(f => f.ExactCells), files.Sum(f => f.Cells));
        results["tables_fully_exact_percent"] = Percent(files.Sum(f => f.FullyExact), files.Sum(f => f.Expected));
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);

    private static FileScore Score(string name, string pdf, List<(int Page, string[][] Cells)> expected)
    {
        var detected = PdfTables.Read(pdf).Select(t => (t.Page, Cells: t.Rows.Select(r => r.Select(Normal).ToArray()).ToArray())).ToList();
        int found = 0, cells = 0, exact = 0, fullyExact = 0;
        foreach (var (page, table) in expected)
        {
            var wanted = table.Select(r => r.Select(Normal).ToArray()).ToArray();
            var nonEmpty = wanted.Sum(r => r.Count(c => c.Length > 0));
            cells += nonEmpty;
            var candidates = detected.Where(d => d.Page == page).Select(d => d.Cells).ToList();
            if (candidates.Count == 0) continue;
            var best = candidates.MaxBy(c => Shared(wanted, c))!;
            if (Shared(wanted, best) * 2 < nonEmpty) continue;
            found++;
            var matched = candidates.Max(c => Aligned(wanted, c));
            exact += matched;
            if (matched == nonEmpty) fullyExact++;
        }
        return new FileScore(name, expected.Count, found, cells, exact, fullyExact, detected.Count);
    }

    // Non-empty expected texts also in the detected table, each counted as often as it occurs in both.
    private static int Shared(string[][] wanted, string[][] got)
    {
        var counts = got.SelectMany(r => r).Where(c => c.Length > 0).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var shared = 0;
        foreach (var text in wanted.SelectMany(r => r).Where(c => c.Length > 0))
            if (counts.TryGetValue(text, out var left) && left > 0)
            {
                shared++;
                counts[text] = left - 1;
            }
        return shared;
    }

    // The most non-empty expected cells equal to the detected cell at the same place, over every row and column offset.
    private static int Aligned(string[][] wanted, string[][] got)
    {
        var wantedColumns = wanted.Max(r => r.Length);
        var gotColumns = got.Length == 0 ? 0 : got.Max(r => r.Length);
        var best = 0;
        for (var dr = -wanted.Length; dr <= got.Length; dr++)
            for (var dc = -wantedColumns; dc <= gotColumns; dc++)
            {
                var count = 0;
                for (var r = 0; r < wanted.Length; r++)
                {
                    var gr = r + dr;
                    if (gr < 0 || gr >= got.Length) continue;
                    for (var c = 0; c < wanted[r].Length; c++)
                    {
                        var gc = c + dc;
                        if (wanted[r][c].Length > 0 && gc >= 0 && gc < got[gr].Length && got[gr][gc] == wanted[r][c]) count++;
                    }
                }
                best = Math.Max(best, count);
            }
        return best;
    }

    private static string Normal(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static List<string[][]> Tabula(string path)
    {
        if (path.EndsWith(".json", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            return json.RootElement.EnumerateArray()
                .Select(t => t.GetProperty("data").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetProperty("text").GetString() ?? "").ToArray()).ToArray())
                .ToList();
        }
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(csv.Record ?? []);
        return [rows.ToArray()];
    }

    // A table of the ICDAR ground truth: each cell's content at its start row and column (a spanning cell's other places empty).
    private static List<(int Page, string[][] Cells)> Icdar(string path)
    {
        var tables = new List<(int, string[][])>();
        foreach (var region in XDocument.Load(path).Descendants("region"))
        {
            var cells = region.Elements("cell").Select(c => (
                Row: (int)c.Attribute("start-row")!, Column: (int)c.Attribute("start-col")!, Text: (string?)c.Element("content") ?? "")).ToList();
            if (cells.Count == 0) continue;
            var grid = new string[cells.Max(c => c.Row) + 1][];
            var width = cells.Max(c => c.Column) + 1;
            for (var r = 0; r < grid.Length; r++) grid[r] = Enumerable.Repeat("", width).ToArray();
            foreach (var (row, column, text) in cells) grid[row][column] = text;
            tables.Add(((int)region.Attribute("page")!, grid));
        }
        return tables;
    }

    private sealed record FileScore(string Name, int Expected, int Found, int Cells, int ExactCells, int FullyExact, int Detected);
}
