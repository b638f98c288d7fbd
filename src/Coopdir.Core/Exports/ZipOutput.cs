using System.IO.Compression;

namespace Coopdir.Core.Exports;

/// <summary>
/// A zip written front to back onto any stream, a response body included: each entry is compressed as
/// it is written and never held whole, so a zip of any size takes the same memory.
/// </summary>
internal sealed class ZipOutput(Stream output, DateTimeOffset time) : IDisposable
{
    private readonly ZipArchive archive = new(output, ZipArchiveMode.Create, leaveOpen: true);

    public T Entry<T>(string name, Func<Stream, T> write)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        // The entries carry the export's time, not the clock's, so the same data gives the same bytes.
        entry.LastWriteTime = time;
        using var stream = entry.Open();
        return write(stream);
    }

    /// <summary>A JSON document as an entry, indented for people to read.</summary>
    public void Json(string name, System.Text.Json.Nodes.JsonNode document) => Entry(name, stream =>
    {
        using var writer = new System.Text.Json.Utf8JsonWriter(stream,
            new System.Text.Json.JsonWriterOptions { Indented = true, Encoder = Organizations.PublicJson.Options.Encoder });
        document.WriteTo(writer);
        return 0;
    });

    public void Dispose() => archive.Dispose();
}
