using System.Data.Common;
using Coopdir.Core.Data.Sqlite;
using Coopdir.Core.Search;

namespace Coopdir.Core.Data;

public enum StoreKind { Sqlite, Postgres }

/// <summary>
/// Where the directory lives: an embedded SQLite file or a PostgreSQL database. Everything above
/// this works on plain ADO.NET connections; what differs between the two is here, in the
/// migrations, and in the search implementations.
/// </summary>
public abstract class Store : IDisposable
{
    public abstract StoreKind Kind { get; }

    /// <summary>A description safe to print: the file path, or the server and database without the password.</summary>
    public abstract string Description { get; }

    /// <summary>A connection for reading and writing (on PostgreSQL, to the primary).</summary>
    public abstract DbConnection Open();

    /// <summary>
    /// A connection for reads that may lag a moment behind writes: on PostgreSQL with several hosts
    /// in the connection string, a read replica when one is up; otherwise the same as <see cref="Open"/>.
    /// </summary>
    public virtual DbConnection OpenForReading() => Open();

    /// <summary>
    /// A connection for one large write, such as an import of a whole file in one transaction. The
    /// same durability as <see cref="Open"/>; on SQLite a page cache that holds the indexes being
    /// written, on a connection of its own that gives the memory back when it closes.
    /// </summary>
    public virtual DbConnection OpenForBulkWrite() => Open();

    /// <summary>Full-text and geo search over this store.</summary>
    public abstract IOrganizationSearch Search { get; }

    /// <summary>Keeps the store's search indexes in step with writes.</summary>
    public abstract ISearchIndex SearchIndex { get; }

    /// <summary>
    /// Called by every write before it records a revision, inside its transaction: makes writers take
    /// turns, so revision ids become visible in the order they were handed out and a follower of the
    /// changes feed never reads past a change that has yet to commit. SQLite already has one writer at a time.
    /// </summary>
    public virtual void SerializeChanges(DbConnection connection, DbTransaction transaction) { }

    /// <summary>
    /// After a row was written with an explicit id (a mirror or a restore keeps its source's ids), keeps
    /// the table's id generator past it. SQLite's AUTOINCREMENT already does; PostgreSQL's identity does not.
    /// </summary>
    public virtual void KeepIdsAbove(DbConnection connection, DbTransaction transaction, string table, long id) { }

    /// <summary>An INSERT of one row made to return the row's new id.</summary>
    public virtual string ReturningId(string insert) => insert + " RETURNING id";

    public virtual void Dispose() { }

    /// <summary>The migration after which what is indexed for search changed.</summary>
    private const int SearchIndexVersion = 4;

    /// <summary>Creates the schema if needed and brings it up to date, re-indexing search if what it indexes changed.</summary>
    public Store Migrate()
    {
        using var connection = Open();
        var applied = Migrations.Apply(connection, Kind);
        if (applied.Contains(SearchIndexVersion) && applied.Min() > 1) SearchIndex.Rebuild(connection);
        return this;
    }

    /// <summary>
    /// A PostgreSQL connection string (postgres://user:pass@host:port/db or Host=...;Database=...)
    /// selects PostgreSQL; anything else is the path of a SQLite file.
    /// </summary>
    public static Store For(string setting) =>
        Postgres.PostgresStore.IsConnectionString(setting) ? new Postgres.PostgresStore(setting) : new SqliteStore(setting);
}
