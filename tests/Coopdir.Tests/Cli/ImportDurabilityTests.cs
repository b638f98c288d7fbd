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
        var db = CommandLine.TempFile("coopdir.db");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(Site).Assembly.Location, "import", "--format", "coops-uk", CommandLine.DataFile("coops-uk", "cuk_open_data_organisations_2017-06.csv"), "--db", db })
            start.ArgumentList.Add(arg);
        using var import = Process.Start(start)!;

        // Kill it once the transaction has started writing (the WAL grows), or when it ends on its own.
        var wal = new FileInfo(db + "-wal");
        while (!import.HasExited && (!File.Exists(wal.FullName) || new FileInfo(wal.FullName).Length < 512 * 1024))
            await Task.Delay(20);
        if (!import.HasExited) import.Kill(entireProcessTree: true);
        await import.WaitForExitAsync();

        using (var connection = new DirectoryDatabase(db).Open())
        {
            Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
            Assert.Contains(OrganizationQueries.Count(connection), new long[] { 0, RowsInCoopsUkFile });
            Assert.Equal(OrganizationQueries.Count(connection), connection.ExecuteScalar<long>("SELECT count(DISTINCT organization_id) FROM revisions"));
        }

        var again = await CommandLine.RunAsync("import", "--format", "coops-uk", CommandLine.DataFile("coops-uk", "cuk_open_data_organisations_2017-06.csv"), "--db", db);
        Assert.True(again.ExitCode == 0, again.Errors);
        using var after = new DirectoryDatabase(db).Open();
        Assert.Equal(RowsInCoopsUkFile, OrganizationQueries.Count(after));
    }
}
