namespace Coopdir.Core.Input;

/// <summary>
/// The one way a stream of unknown length is read whole: never past <c>maxBytes</c>, whatever a header (Content-Length,
/// a zip entry's size) claimed. Null means "larger than the limit", which the caller names in its answer.
/// </summary>
public static class BoundedRead
{
    private const int ChunkBytes = 81920;

    public static async Task<byte[]?> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellation = default)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static byte[]? Read(Stream stream, long maxBytes)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
