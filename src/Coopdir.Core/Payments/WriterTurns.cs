using System.Collections.Concurrent;
using Coopdir.Core.Data;
using Coopdir.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace Coopdir.Core.Payments;

/// <summary>
/// SQLite has one writer at a time, and a writer that finds the file taken sleeps and polls (its busy handler, up to
/// 100 ms a nap) rather than queueing: under many payers side by side most of the time went in naps, and writers that
/// lost every poll for 5 seconds failed. A <see cref="GroupCommit"/> has one queue per SQLite file, so its writes take
/// turns already; these turns are for several of them on one file in a process (the site has one, tests make more).
/// A turn not had within the busy wait fails as the store would, "database is locked" (a 503). PostgreSQL queues
/// writers on the currency's row itself: no turns there.
/// </summary>
internal static class WriterTurns
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Files = new(StringComparer.Ordinal);

    public static async Task<IDisposable?> TakeAsync(Store store)
    {
        if (store is not SqliteStore sqlite) return null;
        var turn = Files.GetOrAdd(sqlite.Path, _ => new SemaphoreSlim(1, 1));
        if (!await turn.WaitAsync(SqliteStore.BusyWait)) throw new SqliteException("database is locked: payments queued past the busy wait", 5);
        return new Turn(turn);
    }

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0) turn.Release();
        }
    }
}
