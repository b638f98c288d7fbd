using System.Data.Common;
using Coopdir.Core.Data.Sqlite;
using Coopdir.Core.Search;

namespace Coopdir.Core.Data;

public enum StoreKind { Sqlite, Postgres }

/// <summary>
/// Where the directory lives: an embedded SQLite file or a PostgreSQL database. Everything above
/// this works on plain ADO.NET connections and <see cref="WriteSession"/>s; what differs between
/// the two stores is here (one subclass each), in the migrations, and in the text index.
/// </summary>
public abstract class Store : IDisposable
{
    protected Store(ITextIndex textIndex)
    {
        TextIndex = textIndex;
        Search = new OrganizationSearch(textIndex, Areas);
        Solutions = new Solutions.SolutionCatalogue(Search);
    }

    public abstract StoreKind Kind { get; }

    /// <summary>A description safe to print: the file path, or the server and database without the password.</summary>
    public abstract string Description { get; }

    /// <summary>A connection for reads that must see the latest writes (on PostgreSQL, to the primary).</summary>
    public abstract Task<DbConnection> OpenAsync();

    /// <summary>
    /// A connection for reads that may lag a moment behind writes: on PostgreSQL with several hosts
    /// in the connection string, a read replica when one is up; otherwise the same as <see cref="OpenAsync"/>.
    /// </summary>
    public virtual Task<DbConnection> OpenForReadingAsync() => OpenAsync();

    /// <summary>
    /// Opens a write: a connection to the primary and a transaction, owned by the session.
    /// <paramref name="bulk"/> is for one large write such as an import of a whole file (see <see cref="WriteSession.Bulk"/>).
    /// </summary>
    public async Task<WriteSession> BeginWriteAsync(bool bulk = false)
    {
        var connection = bulk ? await OpenForBulkWriteAsync() : await OpenAsync();
        try
        {
            var session = new WriteSession(this, connection, await connection.BeginTransactionAsync(), bulk);
            await LimitWaitsAsync(session);
            return session;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Bounds how long a write waits for locks, so that a write queued behind a long one fails with
    /// a clear "unavailable" (<see cref="IsUnavailable"/>) instead of waiting indefinitely.
    /// SQLite's busy timeout, set on every connection, already bounds its waits.
    /// </summary>
    protected virtual Task LimitWaitsAsync(WriteSession session) => Task.CompletedTask;

    /// <summary>The same durability as <see cref="OpenAsync"/>; on SQLite a page cache that holds the indexes being written.</summary>
    protected virtual Task<DbConnection> OpenForBulkWriteAsync() => OpenAsync();

    /// <summary>The areas (places) in memory, read again when they change.</summary>
    public Areas.AreaCache Areas { get; } = new();

    /// <summary>Search over this store: store-independent code over the store's <see cref="TextIndex"/>.</summary>
    public OrganizationSearch Search { get; }

    /// <summary>The catalogue of shared solutions in memory, read again when the directory changes.</summary>
    public Solutions.SolutionCatalogue Solutions { get; }

    /// <summary>The store's full-text index: the one part of search that differs between stores.</summary>
    public ITextIndex TextIndex { get; }

    /// <summary>
    /// Whether writes hold their revisions and vocabulary words and write them last, taking turns (see
    /// <see cref="WrittenLast"/>). PostgreSQL runs writers side by side, so it does; SQLite, one writer
    /// at a time, writes them at once.
    /// </summary>
    internal virtual bool WritesLast => false;

    /// <summary>Queues, with the session's next round trip, the wait for the writers' turn to write revisions, held until the transaction ends.</summary>
    internal virtual Task TakeChangesTurnAsync(WriteSession session) => Task.CompletedTask;

    /// <summary>SQLite's AUTOINCREMENT already keeps ids past any written explicitly; PostgreSQL's identity does not.</summary>
    internal virtual Task KeepIdsAboveAsync(WriteSession session, string table, long id) => Task.CompletedTask;

    /// <summary>
    /// Whether an exception means the store could not serve the request for now (down, restarting,
    /// a lock or statement timeout, a busy database) rather than a bug: the caller may try again.
    /// </summary>
    public abstract bool IsUnavailable(Exception exception);

    /// <summary>An INSERT of one row made to return the row's new id (null when it wrote nothing).</summary>
    internal virtual string ReturningId(string insert) => insert + " RETURNING id";

    /// <summary>
    /// Locks an organization's row until the write ends, before the write reads it, so that what it then
    /// writes follows from what it read; <paramref name="removing"/> when the write will delete it.
    /// SQLite's one writer at a time already holds everything.
    /// </summary>
    internal virtual Task LockOrganizationAsync(WriteSession session, long id, bool removing) => Task.CompletedTask;

    /// <summary>
    /// Before a write locks the organization it changes: the organizations its relationships will point
    /// at, in id order, so that every write takes objects before subjects and none waits on another in a circle.
    /// </summary>
    internal virtual Task LockRelatedAsync(WriteSession session, IReadOnlyList<long> objectIds) => Task.CompletedTask;

    /// <summary>The id for a new relationship: never one handed out before, nor one a row was written under.</summary>
    internal abstract Task<long> NextRelationshipIdAsync(WriteSession session);

    // The store's own catalog, for migrate-store (StoreCopy, StoreSchema) and for migrating.

    /// <summary>The directory's tables, without the schema version table and search indexes (rebuilt, not copied).</summary>
    internal abstract Task<List<string>> TableNamesAsync(DbConnection connection);

    internal abstract Task<List<string>> ColumnNamesAsync(DbConnection connection, string table);

    internal abstract Task<List<string>> ReferencedTablesAsync(DbConnection connection, string table);

    /// <summary>The highest id the table's id generator handed out, or its highest id (rows since deleted included).</summary>
    internal abstract Task<long> LastIssuedIdAsync(DbConnection connection, string table, DbTransaction? transaction);

    /// <summary>Makes the table's id generator continue after <paramref name="used"/>.</summary>
    internal abstract Task SetLastIssuedIdAsync(WriteSession session, string table, long used);

    /// <summary>Why the store refuses writes (a read-only SQLite file, a PostgreSQL standby), or null when it takes them.</summary>
    public abstract Task<string?> WhyReadOnlyAsync();

    /// <summary>Held while migrating: several app instances may start at once against one PostgreSQL, and one migrates.</summary>
    internal virtual Task<IAsyncDisposable?> LockForMigrationAsync(DbConnection connection) => Task.FromResult<IAsyncDisposable?>(null);

    public virtual void Dispose() { }

    /// <summary>The migration after which what is indexed for search changed.</summary>
    private const int SearchIndexVersion = 4;

    /// <summary>Creates the schema if needed and brings it up to date, re-indexing search if what it indexes changed.</summary>
    public async Task<Store> MigrateAsync()
    {
        if (await WhyReadOnlyAsync() is { } reason)
        {
            // A read-only store can still be read (exported), if its schema is current.
            await using var connection = await OpenAsync();
            if (await Migrations.PendingAsync(connection, Kind) is { Count: > 0 } pending)
                throw new StoreReadOnlyException($"{reason}, and its schema needs migration {pending[0]} before it can be used");
            return this;
        }
        List<int> applied;
        await using (var connection = await OpenAsync())
        await using (await LockForMigrationAsync(connection))
            applied = await Migrations.ApplyAsync(connection, Kind);
        if (applied.Contains(SearchIndexVersion) && applied.Min() > 1) await Coopdir.Core.Search.SearchIndex.RebuildAsync(this);
        await Coopdir.Core.Payments.Ledger.LedgerLog.WriteMissingNodesAsync(this);
        return this;
    }

    /// <summary>
    /// A PostgreSQL connection string (postgres://user:pass@host:port/db or Host=...;Database=...)
    /// selects PostgreSQL; anything else is the path of a SQLite file.
    /// </summary>
    public static Store For(string setting) =>
        Postgres.PostgresStore.IsConnectionString(setting) ? new Postgres.PostgresStore(setting) : new SqliteStore(setting);
}
