using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Coopdir.Core.Imports;

/// <summary>A whole CSV file: its header and every non-empty data row, each with the line it starts on.</summary>
internal sealed record CsvTable(CsvHeader Header, IReadOnlyList<CsvRow> Rows)
{
    public static CsvTable Read(TextReader reader)
    {
        var badData = new List<string>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // Blank lines come back as rows so RawRow stays in step with the file; we skip them ourselves.
            IgnoreBlankLines = false,
            BadDataFound = args => badData.Add(args.Field),
        };
        using var parser = new CsvParser(reader, config);
        if (!parser.Read()) return new CsvTable(new CsvHeader([]), []);

        var header = new CsvHeader(parser.Record ?? []);
        var rows = new List<CsvRow>();
        var previousEnd = parser.RawRow;
        badData.Clear();
        while (parser.Read())
        {
            // RawRow is the physical line a record ends on, so the next one starts on the line after.
            var line = previousEnd + 1;
            previousEnd = parser.RawRow;
            var cells = parser.Record ?? [];
            if (cells.Any(c => !string.IsNullOrWhiteSpace(c))) rows.Add(new CsvRow(line, cells, header, badData));
            badData.Clear();
        }
        return new CsvTable(header, rows);
    }
}

/// <summary>Column names and where they are. Names match trimmed and case-insensitively; the first of duplicates wins.</summary>
internal sealed class CsvHeader
{
    private readonly Dictionary<string, int> index = new(StringComparer.OrdinalIgnoreCase);

    public CsvHeader(IReadOnlyList<string> names)
    {
        // A byte order mark survives when the caller hands us a reader that did not strip it.
        Names = names.Select((n, i) => (i == 0 ? n.TrimStart('\uFEFF') : n).Trim()).ToList();
        for (var i = 0; i < Names.Count; i++) index.TryAdd(Names[i], i);
    }

    public IReadOnlyList<string> Names { get; }

    public int? IndexOf(string column) => index.TryGetValue(column, out var i) ? i : null;

    public bool Has(string column) => index.ContainsKey(column);

    public RowError[] MissingRequired(params string[] columns) =>
        columns.Where(c => !Has(c)).Select(c => new RowError(1, c, "required column is missing")).ToArray();
}
