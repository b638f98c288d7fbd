using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>Helpers for the JSON formats that write one big document a record at a time.</summary>
internal static class JsonStreams
{
    public static Utf8JsonWriter Writer(Stream output) =>
        new(output, new JsonWriterOptions { Encoder = PublicJson.Options.Encoder, Indented = false });

    /// <summary>Writes each item into the open array, flushing every so often so the buffer stays small.</summary>
    public static long WriteEach<T>(Utf8JsonWriter writer, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        var count = 0L;
        foreach (var item in items)
        {
            write(writer, item);
            if (++count % 100 == 0) writer.Flush();
        }
        return count;
    }

    public static void WriteIfPresent(this Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) writer.WriteString(name, value);
    }

    public static void WriteStrings(this Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
