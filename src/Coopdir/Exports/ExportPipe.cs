using System.Buffers;
using System.IO.Pipelines;

namespace Coopdir.Exports;

/// <summary>
/// The export formats write synchronously (CsvHelper, Utf8JsonWriter, zip entries), batch by batch as
/// records are read. They run on a thread of their own, never one of the server's pool, and write
/// into a pipe that the response copies to the client asynchronously: a slow client or a slow
/// database then holds that one thread, and no request waits for a pool thread.
/// </summary>
internal static class ExportPipe
{
    // Writes pause past this much unsent output, so memory stays flat for a slow client.
    private const int PauseAt = 1 << 20;

    public static async Task WriteAsync(Stream body, Action<Stream> write, CancellationToken aborted)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseAt, resumeWriterThreshold: PauseAt / 2, useSynchronizationContext: false));
        var writing = Task.Factory.StartNew(() =>
        {
            try
            {
                using (var output = new BufferedStream(new PipeOutput(pipe.Writer), 64 * 1024)) write(output);
                pipe.Writer.Complete();
            }
            catch (Exception e)
            {
                pipe.Writer.Complete(e);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await pipe.Reader.CopyToAsync(body, aborted);
        }
        finally
        {
            // A client that went away completes the reader, which stops the writer at its next write.
            await pipe.Reader.CompleteAsync();
            await writing;
        }
    }

    /// <summary>A write-only stream into the pipe whose writes wait while the pipe is full, and fail once nobody reads.</summary>
    private sealed class PipeOutput(PipeWriter writer) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            writer.Write(buffer);
            // On the export's own thread: waiting here is the point (see ExportPipe).
            if (writer.FlushAsync().AsTask().GetAwaiter().GetResult().IsCompleted)
                throw new IOException("The client stopped reading the export.");
        }

        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
