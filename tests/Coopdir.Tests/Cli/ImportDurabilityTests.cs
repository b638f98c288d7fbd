using System.Diagnostics;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Cli;

public sealed class ImportDurabilityTests
{
    private const int RowsInCoopsUkFile = 8371;

    [Fact]
    public async Task An_import_killed_mid_way_leaves_all_or_nothing_and_a_sound_database()
    {
        using var store = new TemporaryStore();
        var db = store.Setting;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(Site).Assembly.Location, "import", "--format", "coops-uk", CommandLine.DataFile("coops-uk", "cuk_open_data_organisations_2017-06.csv"), "--db", db })
            start.ArgumentList.Add(arg);
        using var import = Process.Start(start)!;

        await WhileWritingAsync(import, db);
        if (!import.HasExited) import.Kill(entireProcessTree: true);
        await import.WaitForExitAsync();

        await using (var connection = await store.OpenConnectionAsync())
        {
            if (TestStores.Kind == Core.Data.StoreKind.Sqlite)
                Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
            Assert.Contains(await OrganizationQueries.CountAsync(connection), new long[] { 0, RowsInCoopsUkFile });
            Assert.Equal(await OrganizationQueries.CountAsync(connection), connection.ExecuteScalar<long>("SELECT count(DISTINCT organization_id) FROM revisions"));
        }

        var again = await CommandLine.RunAsync("import", "--format", "coops-uk", CommandLine.DataFile("coops-uk", "cuk_open_data_organisations_2017-06.csv"), "--db", db);
        Assert.True(again.ExitCode == 0, again.Errors);
        await using var after = await store.OpenConnectionAsync();
        Assert.Equal(RowsInCoopsUkFile, await OrganizationQueries.CountAsync(after));
    }

    /// <summary>
    /// Returns once the import's transaction is under way (on SQLite, its WAL has grown; on
    /// PostgreSQL, its rows are being inserted), or when the import has ended on its own.
    /// </summary>
    private static async Task WhileWritingAsync(Process import, string db)
    {
        if (TestStores.Kind == Core.Data.StoreKind.Sqlite)
        {
            var wal = db + "-wal";
            while (!import.HasExited && (!File.Exists(wal) || new FileInfo(wal).Length < 512 * 1024)) await Task.Delay(20);
            return;
        }
        using var connection = new Npgsql.NpgsqlConnection(db);
        await connection.OpenAsync();
        while (!import.HasExited && await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'revisions' AND l.mode = 'RowExclusiveLock'") == 0)
            await Task.Delay(20);
        await Task.Delay(500);
    }
}
