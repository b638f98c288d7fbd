using System.Buffers;
using System.Globalization;
using System.Text;

namespace Coopdir.Core.Exports;

/// <summary>
/// CSV rows written field by field (UTF-8 without a byte order mark, CRLF rows). A field is quoted, with
/// its quotes doubled, when it holds a quote, a comma, CR or LF, or starts or ends with a space: RFC 4180,
/// with the same choices CsvHelper's writer makes, which wrote these files before. Numbers and times are
/// formatted straight into the buffer, without a string each.
/// </summary>
internal sealed class CsvOutput(Stream output) : IDisposable
{
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create("\",\r\n");
    private readonly StreamWriter writer = new(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
    private bool rowStarted;

    public void Field(string? value)
    {
        Separate();
        if (string.IsNullOrEmpty(value)) return;
        if (value.AsSpan().IndexOfAny(NeedQuotes) < 0 && value[0] != ' ' && value[^1] != ' ')
        {
            writer.Write(value);
            return;
        }
        writer.Write('"');
        var rest = value.AsSpan();
        for (var quote = rest.IndexOf('"'); quote >= 0; quote = rest.IndexOf('"'))
        {
            writer.Write(rest[..(quote + 1)]);
            writer.Write('"');
            rest = rest[(quote + 1)..];
        }
        writer.Write(rest);
        writer.Write('"');
    }

    public void Field(long? value) => Formatted(value, null);

    /// <summary>The shortest text that reads back as the same double ("R").</summary>
    public void Field(double? value) => Formatted(value, "R");

    /// <summary>ISO 8601 with the offset ("O").</summary>
    public void Field(DateTimeOffset value) => Formatted<DateTimeOffset>(value, "O");

    public void Row(IEnumerable<string?> fields)
    {
        foreach (var field in fields) Field(field);
        EndRow();
    }

    public void EndRow()
    {
        writer.Write("\r\n");
        rowStarted = false;
    }

    public void Dispose() => writer.Dispose();

    private void Formatted<T>(T? value, string? format) where T : struct, ISpanFormattable
    {
        Separate();
        if (value is not { } present) return;
        Span<char> text = stackalloc char[64];
        if (present.TryFormat(text, out var length, format, CultureInfo.InvariantCulture)) writer.Write(text[..length]);
        else writer.Write(present.ToString(format, CultureInfo.InvariantCulture));
    }

    private void Separate()
    {
        if (rowStarted) writer.Write(',');
        rowStarted = true;
    }
}
