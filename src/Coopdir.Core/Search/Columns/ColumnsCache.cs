using System.Data.Common;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// One store's <see cref="SearchColumns"/>, read on the first search and kept current: each search
/// first reads the newest revision id (one index look-up), and when it moved, the organizations that
/// the new revisions name are read again. Every write is a revision, so this holds whichever process
/// wrote, and several app instances on one PostgreSQL each keep their own columns current.
/// Searches read under a shared lock; an update takes the lock alone for the few rows it rewrites.
/// </summary>
internal sealed class ColumnsCache
{
    // Past this many changed organizations, reading everything again is as quick and frees the pools' garbage.
    private const double ReloadFraction = 0.2;

    private readonly ReaderWriterLockSlim access = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim updating = new(1, 1);
    private SearchColumns? columns;

    /// <summary>Runs <paramref name="read"/> while no update rewrites the columns.</summary>
    public T Read<T>(SearchColumns current, Func<SearchColumns, T> read)
    {
        access.EnterReadLock();
        try { return read(current); }
        finally { access.ExitReadLock(); }
    }

    /// <summary>
    /// Brings the columns up to the connection's newest revision. Rows are read first, then written
    /// into the columns at once under the writer side of the lock, which is thread-affine and so never
    /// held across a wait on the database.
    /// </summary>
    public async Task<SearchColumns> CurrentAsync(DbConnection connection)
    {
        var version = await ColumnsLoader.VersionAsync(connection);
        var seen = columns;
        if (seen is not null && seen.Version >= version) return seen;
        await updating.WaitAsync();
        try
        {
            seen = columns;
            if (seen is not null && seen.Version >= version) return seen;
            if (seen is null || ManyChanged(seen, version))
            {
                // Built aside while searches go on reading the old columns.
                var fresh = await ColumnsLoader.LoadAllAsync(connection, version);
                Write(() => columns = fresh);
                return fresh;
            }
            var changes = await ColumnsLoader.ReadChangesAsync(connection, seen, version);
            // Only this updater changes the columns, so it may plan from them without the lock; searches
            // then see the changes and their name order together.
            var nameOrder = changes.PlanNameOrder(seen) ?? await NameOrder.ReadAllAsync(connection);
            Write(() => changes.ApplyTo(seen, nameOrder));
            return seen;
        }
        finally
        {
            updating.Release();
        }
    }

    private void Write(Action write)
    {
        access.EnterWriteLock();
        try { write(); }
        finally { access.ExitWriteLock(); }
    }

    private static bool ManyChanged(SearchColumns seen, long version) =>
        version - seen.Version > Math.Max(1000, seen.Count * ReloadFraction);
}
