using System.Text.RegularExpressions;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>
/// Collects a reader's rows into a <see cref="ParsedFile"/>: checks source ids are unique within the
/// file, runs <see cref="OrganizationValidator"/>, and reports its errors under the source column.
/// </summary>
internal sealed partial class ParsedFileBuilder(CsvHeader header)
{
    private readonly List<ImportRecord> records = [];
    private readonly List<RejectedRow> rejected = [];
    private readonly Dictionary<string, int> firstLineOfId = new(StringComparer.Ordinal);

    /// <param name="fieldColumns">
    /// Validator field (indexes dropped, e.g. "locations.latitude") to the column that fed it.
    /// </param>
    public void Add(CsvRow row, string idColumn, string? sourceId, OrganizationContent content,
        IReadOnlyDictionary<string, string> fieldColumns)
    {
        if (sourceId is not null && !firstLineOfId.TryAdd(sourceId, row.Line))
            row.Error(idColumn, $"'{sourceId}' is already the identifier of the row on line {firstLineOfId[sourceId]}");

        // The reader's own message about a column is the more specific one; don't repeat it.
        var reported = row.Errors.Select(e => e.Field).ToHashSet();
        foreach (var error in OrganizationValidator.Validate(content))
        {
            var column = ColumnOf(error.Field, fieldColumns);
            if (!reported.Contains(column)) row.Error(column, error.Message);
        }

        if (row.Errors.Count == 0 && sourceId is not null) records.Add(new ImportRecord(row.Line, sourceId, content));
        // In column order, so a report reads left to right like the row; row-wide problems come first.
        else rejected.Add(new RejectedRow(row.Line, row.Cells, row.Errors.OrderBy(e => header.IndexOf(e.Field) ?? -1).ToList()));
    }

    public ParsedFile Build() => new(header.Names, records, rejected, []);

    private static string ColumnOf(string field, IReadOnlyDictionary<string, string> fieldColumns) =>
        fieldColumns.GetValueOrDefault(field) ?? fieldColumns.GetValueOrDefault(Index().Replace(field, "")) ?? field;

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();
}
