using System.Data.Common;
using Coopdir.Core.Search.Postgres;
using Dapper;
using Npgsql;

namespace Coopdir.Core.Data.Postgres;

/// <summary>
/// The scale-out store: PostgreSQL, with a tsvector of Coopdir's own search words for full text
/// (<see cref="PostgresTextIndex"/>); filters and geo run over the search columns, so neither PostGIS
/// nor earthdistance is needed. A connection string may name several hosts
/// (Host=primary,replica1,replica2): writes go to the primary, reads to a standby when one is up.
/// </summary>
public sealed class PostgresStore : Store
{
    private readonly NpgsqlDataSource dataSource;
    private readonly NpgsqlMultiHostDataSource? hosts;

    public PostgresStore(string setting) : base(new PostgresTextIndex())
    {
        ConnectionString = ToConnectionString(setting);
        var builder = new NpgsqlDataSourceBuilder(ConnectionString);
        // Every page and search runs the same few statements: prepared once per connection, they skip
        // PostgreSQL's parse and plan (the demo data's request mix: 302 against 515 requests/s). A
        // connection string that says otherwise (behind a pooler that cannot keep them) wins.
        if (!ConnectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 100;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        // A connection back from the pool is not reset (Npgsql's reset is several statements, sent with the next use):
        // nothing here leaves state in a session. Settings are SET LOCAL, temporary tables drop on commit, and the one
        // session lock (migrations) is let go explicitly. Payments on a durable server: 934 a second with the reset, 1,035-1,184 without.
        if (!ConnectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase)) builder.ConnectionStringBuilder.NoResetOnClose = true;
        // Sized to the machine: PostgreSQL works best with a few busy connections per core, and requests
        // past that wait for a connection here, without holding a thread, rather than compete for the
        // CPU inside PostgreSQL. Headroom for what holds one longer (a search columns reload, an edit
        // waiting for a lock); an export takes one per batch. The connection string may say otherwise.
        if (!ConnectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase))
            builder.ConnectionStringBuilder.MaxPoolSize = Math.Max(16, 4 * Environment.ProcessorCount);
        if (builder.ConnectionStringBuilder.Host?.Contains(',') == true)
        {
            // A host that fails is skipped for HostRecheckSeconds (10 by default): with replicas, a
            // restart of a second would otherwise cost ten seconds of errors.
            if (!ConnectionString.Contains("Host Recheck", StringComparison.OrdinalIgnoreCase)) builder.ConnectionStringBuilder.HostRecheckSeconds = 1;
            dataSource = hosts = builder.BuildMultiHost();
        }
        else
        {
            // One host: nothing to choose between, so a failed connection never marks it offline.
            dataSource = builder.Build();
        }
    }

    public string ConnectionString { get; }

    public override StoreKind Kind => StoreKind.Postgres;

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    public override async Task<DbConnection> OpenAsync() =>
        hosts is null ? await dataSource.OpenConnectionAsync() : await hosts.OpenConnectionAsync(TargetSessionAttributes.Primary);

    public override async Task<DbConnection> OpenForReadingAsync() =>
        hosts is null ? await dataSource.OpenConnectionAsync() : await hosts.OpenConnectionAsync(TargetSessionAttributes.PreferStandby);

    /// <summary>
    /// The server is unreachable or going away (a transient NpgsqlException, admin shutdown, crash
    /// shutdown, cannot connect now, too many connections), a lock or statement timeout expired, or a
    /// concurrent write got in the way (deadlock, a referenced row deleted meanwhile).
    /// </summary>
    public override async Task<string?> WhyReadOnlyAsync()
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT current_setting('transaction_read_only')") == "on"
            ? $"the PostgreSQL database {Description} is read-only (a standby, or default_transaction_read_only is on)"
            : null;
    }

    public override bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
            or PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled
            // Two writes locking rows in different orders, one cancelled by PostgreSQL.
            or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure
            // An organization deleted while a relationship to it was written: the retry meets validation's clear 400.
            || e is { SqlState: PostgresErrorCodes.ForeignKeyViolation, TableName: "relationships" },
        NpgsqlException e => e.IsTransient,
        TimeoutException => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    public override void Dispose() => dataSource.Dispose();

    // An edit waits at most a few seconds for a row or the writers' turn (an import holds the rows it
    // updates until it commits, and the turn while it writes its revisions); an import waits longer.
    // Queued: it rides with the write's first statement instead of costing a round trip of its own.
    // An edit's statements are small: one still running after 15 s is stuck behind something, and
    // answers 503; an import's may take as long as its file needs.
    protected override async Task LimitWaitsAsync(WriteSession session)
    {
        await session.Command(session.Bulk ? "SET LOCAL lock_timeout = '60s'" : "SET LOCAL lock_timeout = '5s'").QueueAsync();
        if (!session.Bulk) await session.Command("SET LOCAL statement_timeout = '15s'").QueueAsync();
    }

    /// <summary>Key of the transaction-scoped advisory lock that writers of revisions take in turn.</summary>
    public const long ChangesLockKey = 7243002;

    internal override bool WritesLast => true;

    // A statement of its own: a read that waited for a lock still sees, in joined tables, what was there
    // before the wait; the read after this one starts afresh.
    // FOR NO KEY UPDATE, unless the row goes: other writes may still add relationships pointing at it
    // (a foreign key takes FOR KEY SHARE, which only FOR UPDATE blocks).
    internal override Task LockOrganizationAsync(WriteSession session, long id, bool removing) =>
        session.Command(removing ? "SELECT 1 FROM organizations WHERE id = @id FOR UPDATE" : "SELECT 1 FROM organizations WHERE id = @id FOR NO KEY UPDATE", "@id")
            .ScalarAsync(id);

    internal override async Task LockRelatedAsync(WriteSession session, IReadOnlyList<long> objectIds)
    {
        if (objectIds.Count == 0) return;
        await using var reader = await session.Command("SELECT id FROM organizations WHERE id = ANY(@ids) ORDER BY id FOR KEY SHARE", "@ids")
            .ReadAsync(objectIds.Distinct().ToArray());
        while (await reader.ReadAsync()) { }
    }

    // Without this, two writers could take revision ids 10 and 11 and commit 11 first; a feed reader
    // seeing 11 would move its cursor past 10 and never see it. Held until commit or rollback.
    internal override Task TakeChangesTurnAsync(WriteSession session) =>
        session.Command("SELECT pg_advisory_xact_lock(@key)", "@key").QueueAsync(ChangesLockKey);

    internal override async Task<long> NextRelationshipIdAsync(WriteSession session) =>
        Convert.ToInt64(await session.Command("SELECT nextval(pg_get_serial_sequence('relationships', 'id'))").ScalarAsync());

    // An identity column does not move when a row names its own id; nextval - 1 is how far it got.
    internal override Task KeepIdsAboveAsync(WriteSession session, string table, long id) =>
        session.ExecuteAsync(
            "SELECT setval(pg_get_serial_sequence(@table, 'id'), GREATEST(@id, nextval(pg_get_serial_sequence(@table, 'id')) - 1))",
            new { table, id });

    internal override async Task<List<string>> TableNamesAsync(DbConnection connection) =>
        (await connection.QueryAsync<string>("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
            """)).AsList();

    internal override async Task<List<string>> ColumnNamesAsync(DbConnection connection, string table) =>
        (await connection.QueryAsync<string>("""
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = @table ORDER BY ordinal_position
            """, new { table })).AsList();

    internal override async Task<List<string>> ReferencedTablesAsync(DbConnection connection, string table) =>
        (await connection.QueryAsync<string>("""
            SELECT DISTINCT ccu.table_name FROM information_schema.table_constraints tc
            JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
            WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema() AND tc.table_name = @table
            """, new { table })).AsList();

    internal override async Task<long> LastIssuedIdAsync(DbConnection connection, string table, DbTransaction? transaction)
    {
        var maxId = await connection.ExecuteScalarAsync<long?>($"SELECT max(id) FROM \"{table}\"", transaction: transaction) ?? 0;
        var sequence = await connection.ExecuteScalarAsync<long?>(
            "SELECT pg_sequence_last_value(pg_get_serial_sequence(@table, 'id')::regclass)", new { table }, transaction);
        return Math.Max(maxId, sequence ?? 0);
    }

    internal override async Task SetLastIssuedIdAsync(WriteSession session, string table, long used)
    {
        var sequence = await session.ScalarAsync<string?>("SELECT pg_get_serial_sequence(@table, 'id')", new { table });
        if (sequence is not null) await session.ExecuteAsync("SELECT setval(@sequence, @used)", new { sequence, used });
    }

    /// <summary>Key of the session-level advisory lock that migrating instances take in turn.</summary>
    private const long MigrationLockKey = 7243001;

    internal override async Task<IAsyncDisposable?> LockForMigrationAsync(DbConnection connection)
    {
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@MigrationLockKey)", new { MigrationLockKey });
        return new MigrationLock(connection);
    }

    private sealed class MigrationLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await connection.ExecuteAsync("SELECT pg_advisory_unlock(@MigrationLockKey)", new { MigrationLockKey });
    }

    public static bool IsConnectionString(string setting) =>
        setting.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || setting.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || setting.Contains("Host=", StringComparison.OrdinalIgnoreCase) && setting.Contains(';');

    /// <summary>Accepts a postgres:// URL or an Npgsql keyword string.</summary>
    public static string ToConnectionString(string setting)
    {
        if (!setting.Contains("://", StringComparison.Ordinal)) return new NpgsqlConnectionStringBuilder(setting).ConnectionString;
        var uri = new Uri(setting);
        var credentials = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = credentials.Length > 0 && credentials[0].Length > 0 ? Uri.UnescapeDataString(credentials[0]) : null,
            Password = credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : null,
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(parts[0])] = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        return builder.ConnectionString;
    }
}
