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

    public abstract DbConnection Open();

    /// <summary>Full-text and geo search over this store.</summary>
    public abstract IOrganizationSearch Search { get; }

    /// <summary>Keeps the store's search indexes in step with writes.</summary>
    public abstract ISearchIndex SearchIndex { get; }

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
