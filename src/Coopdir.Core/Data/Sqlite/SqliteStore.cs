using System.Data.Common;
using Coopdir.Core.Search.Sqlite;
using Microsoft.Data.Sqlite;

namespace Coopdir.Core.Data.Sqlite;

/// <summary>The embedded store: one SQLite file, WAL mode, FTS5 inside it.</summary>
public sealed class SqliteStore : Store
{
    private readonly string connectionString;

    public SqliteStore(string path) : base(new SqliteTextIndex())
    {
        Path = System.IO.Path.GetFullPath(path);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public override StoreKind Kind => StoreKind.Sqlite;
    public override string Description => Path;

    // SQLite answers RETURNING by collecting the rows in a temporary table on every run: several
    // times slower, for one row, than asking for the id the insert just took.
    internal override string ReturningId(string insert) => insert + ";\nSELECT last_insert_rowid()";

    public override Task<DbConnection> OpenAsync() => Task.FromResult<DbConnection>(Open(connectionString));

    // Without a cache larger than the default 2 MB, a big transaction keeps writing its changed pages
    // out to the WAL file before it commits and reading them back while it updates the indexes.
    // Unpooled, so the cache goes when the import's connection closes; commits stay as durable.
    protected override Task<DbConnection> OpenForBulkWriteAsync()
    {
        var connection = Open(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size = -262144"; // KiB: 256 MB
        command.ExecuteNonQuery();
        return Task.FromResult<DbConnection>(connection);
    }

    // SQLite runs in-process: opening a file and running PRAGMAs has nothing to wait for asynchronously.
    private SqliteConnection Open(string setting)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

        var connection = new SqliteConnection(setting);
        connection.Open();
        // WAL lets readers run beside the one writer; synchronous=FULL makes every
        // acknowledged commit survive a crash or power cut, not only a killed process.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                PRAGMA foreign_keys = ON;
                PRAGMA busy_timeout = 30000;
                """;
            command.ExecuteNonQuery();
        }
        return connection;
    }
}
