using System.Data.Common;
using Coopdir.Core.Search.Sqlite;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Coopdir.Core.Data.Sqlite;

/// <summary>The embedded store: one SQLite file, WAL mode, FTS5 inside it.</summary>
public sealed class SqliteStore : Store
{
    private readonly string connectionString;

    /// <summary>
    /// How long a statement waits for another writer (another process, an import) before failing as
    /// unavailable (503 on the site): long enough for ordinary writes to queue, short enough that a
    /// request held by a lock gives up well before a client or proxy would.
    /// </summary>
    public static readonly TimeSpan BusyWait = TimeSpan.FromSeconds(5);

    /// <summary>An import's or another bulk write's wait: it has more to lose than a request.</summary>
    public static readonly TimeSpan BulkBusyWait = TimeSpan.FromSeconds(60);

    public SqliteStore(string path) : base(new SqliteTextIndex())
    {
        Path = System.IO.Path.GetFullPath(path);
        ReadOnlyReason = WhyNotWritable(Path);
        connectionString = new SqliteConnectionStringBuilder
        {
            // A file that cannot be written is opened immutable: SQLite can then read it in WAL mode without
            // creating the -shm file beside it, which a read-only folder or file system would refuse.
            DataSource = ReadOnlyReason is null ? Path : "file:" + Uri.EscapeDataString(Path).Replace("%2F", "/", StringComparison.Ordinal) + "?immutable=1",
            Mode = ReadOnlyReason is null ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly,
            Pooling = true,
            DefaultTimeout = (int)BusyWait.TotalSeconds,
        }.ToString();
    }

    public string Path { get; }

    /// <summary>Why the file cannot be written (read-only file, folder or file system), or null.</summary>
    public string? ReadOnlyReason { get; }

    public override Task<string?> WhyReadOnlyAsync() => Task.FromResult(ReadOnlyReason);

    private static string? WhyNotWritable(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                return null;
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return $"the database file {path} is read-only ({e.Message})";
        }
        return null;
    }

    public override StoreKind Kind => StoreKind.Sqlite;
    public override string Description => Path;

    // SQLITE_BUSY and SQLITE_LOCKED: another writer held the database past the busy timeout.
    public override bool IsUnavailable(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 };

    // SQLite answers RETURNING by collecting the rows in a temporary table on every run: several
    // times slower, for one row, than asking for the id the insert just took (none when an
    // ON CONFLICT DO NOTHING insert wrote nothing, as RETURNING would say).
    internal override string ReturningId(string insert) => insert + ";\nSELECT CASE changes() WHEN 0 THEN NULL ELSE last_insert_rowid() END";

    // AUTOINCREMENT keeps the highest id ever taken in sqlite_sequence, which ordinary statements may
    // move; taking the next one there reserves it for a row written later in this (the only) write.
    internal override async Task<long> NextRelationshipIdAsync(WriteSession session) =>
        Convert.ToInt64(await session.Command("""
            INSERT INTO sqlite_sequence (name, seq) SELECT 'relationships', coalesce((SELECT max(id) FROM relationships), 0)
            WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'relationships');
            UPDATE sqlite_sequence SET seq = seq + 1 WHERE name = 'relationships';
            SELECT seq FROM sqlite_sequence WHERE name = 'relationships'
            """).ScalarAsync());

    public override Task<DbConnection> OpenAsync() => Task.FromResult<DbConnection>(Open(connectionString));

    // Without a cache larger than the default 2 MB, a big transaction keeps writing its changed pages
    // out to the WAL file before it commits and reading them back while it updates the indexes.
    // Unpooled, so the cache goes when the import's connection closes; commits stay as durable.
    protected override Task<DbConnection> OpenForBulkWriteAsync()
    {
        var connection = Open(new SqliteConnectionStringBuilder(connectionString) { Pooling = false, DefaultTimeout = (int)BulkBusyWait.TotalSeconds }.ToString());
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size = -262144"; // KiB: 256 MB
        command.ExecuteNonQuery();
        return Task.FromResult<DbConnection>(connection);
    }

    // Search indexes are virtual tables (and their shadow tables, named after them): rebuilt, not copied.
    internal override async Task<List<string>> TableNamesAsync(DbConnection connection)
    {
        var names = (await connection.QueryAsync<string>("""
            SELECT name FROM sqlite_master
            WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name <> 'schema_migrations'
            """)).AsList();
        var virtualTables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")).AsList();
        return names.Where(n => !virtualTables.Any(v => n.StartsWith(v + "_", StringComparison.Ordinal))).ToList();
    }

    internal override async Task<List<string>> ColumnNamesAsync(DbConnection connection, string table) =>
        (await connection.QueryAsync<string>("SELECT name FROM pragma_table_info(@table) ORDER BY cid", new { table })).AsList();

    internal override async Task<List<string>> ReferencedTablesAsync(DbConnection connection, string table) =>
        (await connection.QueryAsync<string>("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(@table)", new { table })).AsList();

    // AUTOINCREMENT keeps the last id handed out in sqlite_sequence, which exists once such a table has had a row.
    internal override async Task<long> LastIssuedIdAsync(DbConnection connection, string table, DbTransaction? transaction)
    {
        var maxId = await connection.ExecuteScalarAsync<long?>($"SELECT max(id) FROM \"{table}\"", transaction: transaction) ?? 0;
        var sequence = await HasSequencesAsync(connection, transaction)
            ? await connection.ExecuteScalarAsync<long?>("SELECT seq FROM sqlite_sequence WHERE name = @table", new { table }, transaction)
            : null;
        return Math.Max(maxId, sequence ?? 0);
    }

    internal override async Task SetLastIssuedIdAsync(WriteSession session, string table, long used)
    {
        if (!await HasSequencesAsync(session.Connection, session.Transaction)) return;
        await session.ExecuteAsync("DELETE FROM sqlite_sequence WHERE name = @table", new { table });
        await session.ExecuteAsync("INSERT INTO sqlite_sequence (name, seq) VALUES (@table, @used)", new { table, used });
    }

    private static async Task<bool> HasSequencesAsync(DbConnection connection, DbTransaction? transaction) =>
        await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_sequence'", transaction: transaction) > 0;

    // SQLite runs in-process: opening a file and running PRAGMAs has nothing to wait for asynchronously.
    private SqliteConnection Open(string setting)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);

        var connection = new SqliteConnection(setting);
        connection.Open();
        if (ReadOnlyReason is not null) return connection;
        // WAL lets readers run beside the one writer; synchronous=FULL makes every
        // acknowledged commit survive a crash or power cut, not only a killed process.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $$"""
                PRAGMA busy_timeout = {{(int)TimeSpan.FromSeconds(connection.DefaultTimeout).TotalMilliseconds}};
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                PRAGMA foreign_keys = ON;
                """;
            command.ExecuteNonQuery();
        }
        return connection;
    }
}
