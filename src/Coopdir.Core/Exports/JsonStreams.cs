using System.Buffers;
using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>
/// JSON written into a buffer that is moved to the stream every 32 KB or so. A Utf8JsonWriter over the
/// stream itself would flush the stream each time it empties its buffer: a system call per record for a
/// file, a chunk per record for an HTTP response.
/// </summary>
internal sealed class JsonOutput : IDisposable
{
    private const int SpillAt = 32 * 1024;
    private readonly Stream output;
    private readonly ArrayBufferWriter<byte> buffer = new(2 * SpillAt);

    public JsonOutput(Stream output, bool indented = false)
    {
        this.output = output;
        Writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = PublicJson.Options.Encoder, Indented = indented });
    }

    public Utf8JsonWriter Writer { get; }

    /// <summary>Raw bytes after what the writer holds, such as the line break between JSON Lines records.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        Writer.Flush();
        buffer.Write(bytes);
    }

    /// <summary>Moves the buffered JSON to the stream once there is enough of it.</summary>
    public void Spill()
    {
        Writer.Flush();
        if (buffer.WrittenCount < SpillAt) return;
        output.Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
    }

    /// <summary>Writes out everything and flushes the stream.</summary>
    public void Complete()
    {
        Writer.Flush();
        output.Write(buffer.WrittenSpan);
        buffer.ResetWrittenCount();
        output.Flush();
    }

    public void Dispose() => Writer.Dispose();
}

/// <summary>Helpers for the JSON formats that write one big document a record at a time.</summary>
internal static class JsonStreams
{
    /// <summary>Writes each item into the open array, moving the output to the stream as it grows.</summary>
    public static long WriteEach<T>(JsonOutput json, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        var count = 0L;
        foreach (var item in items)
        {
            write(json.Writer, item);
            if (++count % 16 == 0) json.Spill();
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
