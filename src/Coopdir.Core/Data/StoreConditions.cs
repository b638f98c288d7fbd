using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coopdir.Core.Data;

/// <summary>
/// An operator's condition, not a bug: the disk is full, or the store refuses writes. Named here once so
/// that the site answers them (507; serve refusing to start) and the command line says them in one line.
/// </summary>
public static class StoreConditions
{
    private const int Enospc = 28;
    private const int SqliteIoErrWrite = 10 | (3 << 8);
    private const int SqliteIoErrShmSize = 10 | (19 << 8);

    /// <summary>Whether the failure, or one it wraps, is a full disk (SQLite's SQLITE_FULL, PostgreSQL's disk_full, a file write's ENOSPC).</summary>
    public static bool IsDiskFull(Exception exception) => Chain(exception).Any(e => e switch
    {
        // SQLITE_FULL; and a write or a growth of the WAL index that the file system refused (ENOSPC reaches SQLite as
        // these extended I/O errors when it comes from the -shm file or a short write rather than the database file).
        SqliteException s => s.SqliteErrorCode == 13 || s.SqliteExtendedErrorCode is SqliteIoErrWrite or SqliteIoErrShmSize,
        PostgresException p => p.SqlState is PostgresErrorCodes.DiskFull or PostgresErrorCodes.OutOfMemory,
        IOException io => io.HResult == Enospc || (io.HResult & 0xFFFF) == 0x70, // ENOSPC, or ERROR_DISK_FULL on Windows
        _ => false,
    });

    /// <summary>Whether the failure is the store refusing writes (a read-only SQLite file, a PostgreSQL standby or read-only transaction).</summary>
    public static bool IsReadOnly(Exception exception) => Chain(exception).Any(e => e switch
    {
        SqliteException s => s.SqliteErrorCode == 8,
        PostgresException p => p.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction,
        StoreReadOnlyException => true,
        _ => false,
    });

    /// <summary>One line for a person at a terminal, or null when the failure is none of the conditions named here.</summary>
    public static string? Describe(Exception exception, string storeDescription) =>
        IsDiskFull(exception) ? $"the disk is full (writing to {storeDescription}): nothing was half-written; free some space and try again"
        : Chain(exception).OfType<StoreReadOnlyException>().FirstOrDefault() is { } readOnly ? readOnly.Message
        : IsReadOnly(exception) ? $"the database {storeDescription} is read-only: it can be read (e.g. `coopdir export`), not written"
        : null;

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain)) yield return inner;
        }
    }
}

/// <summary>The store cannot take writes and the caller needs it to: the message says why, for one line on a terminal.</summary>
public sealed class StoreReadOnlyException(string message) : Exception(message);
