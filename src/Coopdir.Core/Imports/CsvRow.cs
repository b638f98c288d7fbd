using System.Globalization;
using System.Text.RegularExpressions;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>
/// One data row: reads cells by column name (trimmed, blanks as null), turns them into typed values,
/// and collects every problem against the source column so a reader never stops at the first one.
/// </summary>
internal sealed partial class CsvRow
{
    private readonly CsvHeader header;
    private readonly List<RowError> errors = [];

    public CsvRow(int line, string[] cells, CsvHeader header, IEnumerable<string> badData)
    {
        Line = line;
        Cells = cells;
        this.header = header;
        foreach (var field in badData) Error("row", $"badly quoted field {field.Trim()}");
        for (var i = 0; i < cells.Length; i++) CheckText(i < header.Names.Count ? header.Names[i] : $"column {i + 1}", cells[i]);
        if (cells.Length < header.Names.Count)
            Error(header.Names[cells.Length], $"is missing: the row has {cells.Length} cells but the header has {header.Names.Count}");
        else if (cells.Length > header.Names.Count)
            Error("row", $"has {cells.Length} cells but the header has {header.Names.Count}");
    }

    // Text hygiene at the door, by row and column (ImportText marks bytes that are not UTF-8).
    private void CheckText(string column, string cell)
    {
        if (cell.Length > Input.InputLimits.ImportFieldChars) Error(column, $"is longer than {Input.InputLimits.ImportFieldChars:N0} characters");
        else if (cell.IndexOf(Input.ImportText.InvalidByte) is var bad and >= 0) Error(column, $"is not valid UTF-8 at character {bad + 1}");
        else if (PlainText.Problem(cell) is { } problem) Error(column, problem);
    }

    public int Line { get; }
    public IReadOnlyList<string> Cells { get; }
    public IReadOnlyList<RowError> Errors => errors;

    public void Error(string column, string message) => errors.Add(new RowError(Line, column, message));

    public string? Text(string column) =>
        header.IndexOf(column) is { } i && i < Cells.Count && !string.IsNullOrWhiteSpace(Cells[i]) ? Cells[i].Trim() : null;

    public string? Required(string column)
    {
        var value = Text(column);
        if (value is null) Error(column, "is required");
        return value;
    }

    public IReadOnlyList<string> List(string column, string separator) => Split(Text(column), separator);

    public static IReadOnlyList<string> Split(string? value, string separator) =>
        value?.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    public double? Number(string column) => Number(column, Text(column));

    public double? Number(string column, string? value)
    {
        if (value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return number;
        Error(column, $"'{value}' is not a number");
        return null;
    }

    public int? WholeNumber(string column, string? value)
    {
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return number;
        Error(column, $"'{value}' is not a whole number");
        return null;
    }

    public string? Date(string column) => Date(column, Text(column));

    /// <summary>
    /// ISO dates pass through (a year or year-month too); d/m/yyyy, as UK registers write them, becomes ISO.
    /// A date-time ("2019-03-01T00:00:00Z", "2019-03-01 12:00:00") keeps the calendar date it was written
    /// with: exports put midnight on a date, and shifting it to UTC could move it to the day before.
    /// </summary>
    public string? Date(string column, string? value)
    {
        if (value is null) return null;
        if (OrganizationValidator.IsDate(value)) return value;
        if (DateOnly.TryParseExact(value, "d/M/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (value.Length > 10 && value[10] is 'T' or ' ' && OrganizationValidator.IsDate(value[..10])
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
            return value[..10];
        Error(column, $"'{value}' is not a date (YYYY-MM-DD, YYYY-MM-DDThh:mm:ss or D/M/YYYY)");
        return null;
    }

    public string? Country(string column) => Country(column, Text(column));

    public string? Country(string column, string? value)
    {
        if (value is null) return null;
        var code = Countries.Normalize(value);
        if (code is null) Error(column, Countries.Unknown(value));
        return code;
    }

    /// <summary>
    /// Lists often give "www.example.coop"; a host name without a scheme is taken as http. Anything else
    /// ("update6", "-", "mailto:...") is left as it is for <see cref="OrganizationValidator"/> to report.
    /// </summary>
    public static string? Website(string? value) =>
        value is null || SchemePrefix().IsMatch(value) || !DottedHost().IsMatch(value) ? value : "http://" + value;

    [GeneratedRegex(@"^[^\s/.]+(\.[^\s/.]+)+(/\S*)?$")]
    private static partial Regex DottedHost();

    // A scheme has no dots and is not followed by a port number, so "example.coop:8080" has none.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+\-]*:(?!\d)")]
    private static partial Regex SchemePrefix();

    /// <summary>The other name as an alternate, unless it is the same name written differently.</summary>
    public static IReadOnlyList<string> AlternateName(string? name, string? other) =>
        other is not null && (name is null || TextKey.Of(name) != TextKey.Of(other)) ? [other] : [];
}
