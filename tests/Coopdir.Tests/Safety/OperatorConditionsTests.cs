using System.Diagnostics;
using System.Net;
using Coopdir.Core.Data;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Safety;

/// <summary>
/// An operator's conditions are named, never a 500 or a stack trace: a full disk (507; one line from the CLI),
/// a read-only store (serve refuses to start, export still reads it), a lock held by another process (a
/// bounded wait, then 503 with Retry-After), and two first starts at once (both start).
/// </summary>
public sealed class OperatorConditionsTests
{
    [Fact]
    public async Task With_the_disk_full_a_write_answers_507_the_cli_says_so_in_one_line_and_both_work_again_once_space_is_freed()
    {
        if (TestStores.Kind != StoreKind.Sqlite) return; // a full disk is made for the SQLite file; PostgreSQL's disk_full maps to the same answer
        using var disk = SmallFileSystem.Mount(megabytes: 24);
        var db = Path.Combine(disk.Path, "coopdir.db");
        var site = await TestSite.StartAsync(new SiteOptions { Store = db });
        try
        {
            var id = (await site.SeedAsync(An.Organization("Full Disk Co-op")))[0];
            var editor = await site.AccountAsync("editor");
            await using (var connection = await site.Store.OpenAsync())
                await connection.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            var filler = disk.Fill();

            using var refused = await editor.Api.SendAsync(Patches.Phone(id, "0111 111111", "*"));
            var cli = await CommandLine.RunAsync("tokens", "create", "--db", db, "--email", editor.User.Email);

            Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Contains("disk is full", await refused.Content.ReadAsStringAsync());
            Assert.Equal(1, cli.ExitCode);
            Assert.Single(cli.Errors.Trim().Split('\n'));
            Assert.Contains("coopdir: the disk is full", cli.Errors);

            File.Delete(filler);
            using var accepted = await editor.Api.SendAsync(Patches.Phone(id, "0222 222222", "*"));
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            Assert.Contains("\"revision\":2", await accepted.Content.ReadAsStringAsync());
        }
        finally
        {
            await site.DisposeAsync();
        }
    }

    [Fact]
    public async Task On_a_read_only_store_serve_refuses_to_start_saying_why_and_export_still_reads_it()
    {
        using var disk = TestStores.Kind == StoreKind.Sqlite ? SmallFileSystem.Mount(megabytes: 24) : null;
        var db = disk is null ? TestStores.NewSetting() : Path.Combine(disk.Path, "coopdir.db");
        try
        {
            using (var store = await Store.For(db).MigrateAsync())
            await using (var session = await store.BeginWriteAsync())
            {
                await new Core.Organizations.OrganizationWriter(TimeProvider.System).CreateAsync(session, An.Organization("Read Only Co-op"), new Core.Organizations.ChangeNote("test", "seed"));
                await session.CommitAsync();
                await using var connection = await store.OpenAsync();
                await new Core.Accounts.Users(TimeProvider.System).CreateAsync(connection, "admin@example.org", "Admin", Support.Accounts.Password, "admin");
            }
            await MakeReadOnlyAsync(db, disk);

            var serve = await CommandLine.RunAsync("serve", "--db", db, "--urls", "http://127.0.0.1:0", "--no-demo-data");
            var quiet = await CommandLine.RunAsync("tokens", "create", "--db", db, "--email", "admin@example.org");
            var verbose = await CommandLine.RunAsync("tokens", "create", "--db", db, "--email", "admin@example.org", "--verbose");
            var out_ = Path.Combine(TestStores.TempDirectory(), "organizations.csv");
            var export = await CommandLine.RunAsync("export", "--format", "csv", "--db", db, "--out", out_);

            Assert.Equal(1, serve.ExitCode);
            Assert.Single(serve.Errors.Trim().Split('\n'));
            Assert.Contains("read-only", serve.Errors);
            Assert.Contains("serve needs to write to it", serve.Errors);
            Assert.DoesNotContain("   at ", serve.Errors);
            Assert.Single(quiet.Errors.Trim().Split('\n'));
            Assert.Contains("read-only", quiet.Errors);
            Assert.Contains("   at ", verbose.Errors);
            Assert.True(export.ExitCode == 0, export.Errors);
            Assert.Contains("Read Only Co-op", await File.ReadAllTextAsync(out_));
        }
        finally
        {
            if (disk is null) TestStores.Drop(db);
        }
    }

    [Fact]
    public async Task A_write_lock_held_by_another_process_gets_a_bounded_wait_then_503_with_retry_after()
    {
        if (TestStores.Kind != StoreKind.Sqlite) return; // PostgreSQL's bounded lock wait: StoreUnavailableTests
        var site = await TestSite.StartAsync(new SiteOptions());
        try
        {
            var id = (await site.SeedAsync(An.Organization("Locked Co-op")))[0];
            var editor = await site.AccountAsync("editor");
            var holder = Process.Start(new ProcessStartInfo("/usr/bin/python3")
            {
                ArgumentList = { "-c", "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(120)", site.StoreSetting },
                RedirectStandardOutput = true, UseShellExecute = false,
            })!;
            HttpResponseMessage refused;
            TimeSpan waited;
            try
            {
                Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync());
                var clock = Stopwatch.StartNew();
                refused = await editor.Api.SendAsync(Patches.Phone(id, "0111 111111", "*"));
                waited = clock.Elapsed;
            }
            finally
            {
                holder.Kill();
                await holder.WaitForExitAsync();
            }
            using var accepted = await editor.Api.SendAsync(Patches.Phone(id, "0111 111111", "*"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(waited >= SqliteWait, $"gave up after {waited}, before the busy wait");
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }
        finally
        {
            await site.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_first_starts_on_one_new_store_at_once_both_start()
    {
        var db = TestStores.NewSetting();
        try
        {
            var both = await Task.WhenAll(ServerProcess.StartAsync(db), ServerProcess.StartAsync(db));
            foreach (var server in both)
            {
                using var response = await server.Http.GetAsync("/api/v1/organizations");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                await server.DisposeAsync();
            }
            using var store = Store.For(db);
            await using var connection = await store.OpenAsync();
            Assert.Equal(Migrations.Available(store.Kind).Count, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        }
        finally
        {
            TestStores.Drop(db);
        }
    }

    private static readonly TimeSpan SqliteWait = Core.Data.Sqlite.SqliteStore.BusyWait - TimeSpan.FromMilliseconds(100);

    // SQLite: the file system under it becomes read-only. PostgreSQL: the database refuses writes by default.
    private static async Task MakeReadOnlyAsync(string db, SmallFileSystem? disk)
    {
        if (disk is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            disk.RemountReadOnly();
            return;
        }
        using var store = Store.For(db);
        await using var connection = await store.OpenAsync();
        var name = new Npgsql.NpgsqlConnectionStringBuilder(db).Database;
        await connection.ExecuteAsync($"ALTER DATABASE {name} SET default_transaction_read_only = on");
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
