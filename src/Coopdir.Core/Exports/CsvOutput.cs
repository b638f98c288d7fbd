using System.Globalization;
using System.Text;
using CsvHelper;

namespace Coopdir.Core.Exports;

/// <summary>
/// CSV rows written field by field through CsvHelper (UTF-8 without a byte order mark, CRLF rows,
/// RFC 4180 quoting). Numbers and times are written in the invariant culture: doubles as the
/// shortest text that reads back as the same value ("R"), times as ISO 8601 with the offset ("O").
/// </summary>
internal sealed class CsvOutput(Stream output) : IDisposable
{
    private readonly CsvWriter csv = new(
        new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true), CultureInfo.InvariantCulture);

    public void Field(string? value) => csv.WriteField(value);

    public void Field(long? value) => csv.WriteField(value?.ToString(CultureInfo.InvariantCulture));

    public void Field(double? value) => csv.WriteField(value?.ToString("R", CultureInfo.InvariantCulture));

    public void Field(DateTimeOffset value) => csv.WriteField(value.ToString("O", CultureInfo.InvariantCulture));

    public void Row(IEnumerable<string?> fields)
    {
        foreach (var field in fields) csv.WriteField(field);
        csv.NextRecord();
    }

    public void EndRow() => csv.NextRecord();

    public void Dispose() => csv.Dispose();
}
