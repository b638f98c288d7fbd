using Coopdir.Core.Data;
using Npgsql;

namespace Coopdir.Tests.Support;

/// <summary>
/// Fresh, empty stores for tests. The whole suite runs once per store: COOPDIR_TEST_STORE=postgres
/// (with COOPDIR_TEST_POSTGRES, an admin connection string) gives each test a new PostgreSQL
/// database; otherwise each test gets a new SQLite file. scripts/test.sh runs both.
/// </summary>
public static class TestStores
{
    public static StoreKind Kind { get; } =
        string.Equals(Environment.GetEnvironmentVariable("COOPDIR_TEST_STORE"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? StoreKind.Postgres
            : StoreKind.Sqlite;

    // The server scripts/start-test-postgres.sh starts, unless COOPDIR_TEST_POSTGRES names another.
    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("COOPDIR_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres;Timeout=5";

    /// <summary>The --db setting of a new, empty store (of this run's kind unless asked for another).</summary>
    public static string NewSetting(string? template = null, StoreKind? kind = null)
    {
        if ((kind ?? Kind) == StoreKind.Sqlite)
        {
            var path = Path.Combine(TempDirectory(), "coopdir.db");
            if (template is not null) File.Copy(template, path);
            return path;
        }
        var name = $"coopdir_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            admin.Open();
            using var command = admin.CreateCommand();
            command.CommandText = template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}";
            command.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Freezes a store's content as a template that <see cref="NewSetting"/> copies: a SQLite file,
    /// or a PostgreSQL database with no open connections.
    /// </summary>
    public static async Task<string> SnapshotAsync(Store store)
    {
        if (store is Core.Data.Sqlite.SqliteStore sqlite)
        {
            var file = Path.Combine(TempDirectory(), "snapshot.db");
            await using var connection = await sqlite.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = $"VACUUM INTO '{file.Replace("'", "''")}'";
            command.ExecuteNonQuery();
            return file;
        }
        NpgsqlConnection.ClearAllPools();
        return new NpgsqlConnectionStringBuilder(((Core.Data.Postgres.PostgresStore)store).ConnectionString).Database!;
    }

    public static void Drop(string setting)
    {
        if (!Core.Data.Postgres.PostgresStore.IsConnectionString(setting))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(Path.GetDirectoryName(setting)!, recursive: true); }
            catch (IOException) { /* another process may still hold the file; the temp folder is cleaned later */ }
            return;
        }
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(setting).Database;
        using var admin = new NpgsqlConnection(AdminConnectionString);
        admin.Open();
        using var command = admin.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {database} WITH (FORCE)";
        command.ExecuteNonQuery();
    }

    public static string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "coopdir-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }
}

/// <summary>A fresh store for a test that drives the CLI; dropped when disposed.</summary>
public sealed class TemporaryStore(StoreKind? kind = null) : IDisposable
{
    public string Setting { get; } = TestStores.NewSetting(kind: kind);

    public Task<Store> OpenAsync() => Store.For(Setting).MigrateAsync();

    /// <summary>A connection to the store, for reading what the CLI wrote.</summary>
    public async Task<System.Data.Common.DbConnection> OpenConnectionAsync() => await (await OpenAsync()).OpenAsync();

    public async Task<long> OrganizationCountAsync()
    {
        using var store = await OpenAsync();
        await using var connection = await store.OpenAsync();
        return await Core.Organizations.OrganizationQueries.CountAsync(connection);
    }

    public void Dispose() => TestStores.Drop(Setting);
}
