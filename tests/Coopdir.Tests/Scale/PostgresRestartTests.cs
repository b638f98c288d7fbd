using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Coopdir.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Coopdir.Tests.Scale;

/// <summary>
/// A PostgreSQL restart while the site is busy: the requests that fail are 503 with Retry-After,
/// only around the restart, and the site serves again as soon as the server is back. On a server of
/// its own (scripts/start-test-postgres.sh with another folder and port), so no other test sees it.
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output) : SiteTest
{
    [Fact]
    public async Task Requests_during_a_restart_fail_only_as_503_with_retry_after_and_the_site_recovers()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"coopdir-restart-{Guid.NewGuid():N}");
        var port = ServerProcess.FreePort();
        var admin = await Shell($"COOPDIR_TEST_PGDIR={folder} COOPDIR_TEST_PGPORT={port} bash scripts/start-test-postgres.sh");
        try
        {
            var database = $"coopdir_restart";
            await using (var connection = new NpgsqlConnection(admin.Trim()))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            var setting = new NpgsqlConnectionStringBuilder(admin.Trim()) { Database = database }.ConnectionString;
            var site = await StartSiteAsync(new SiteOptions { Store = setting });
            var ids = await site.SeedAsync(An.Organization("Suma Wholefoods"), An.Organization("Unicorn Grocery"));

            var outcomes = new List<(TimeSpan At, HttpStatusCode Status, bool RetryAfter)>();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource();
            var load = Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
            {
                using var http = new HttpClient { BaseAddress = site.BaseAddress };
                while (!stop.IsCancellationRequested)
                {
                    var url = worker % 2 == 0 ? $"/api/v1/organizations/{ids[worker / 2 % 2]}" : "/api/v1/organizations?q=grocery";
                    using var response = await http.GetAsync(url);
                    lock (outcomes) outcomes.Add((clock.Elapsed, response.StatusCode, response.Headers.RetryAfter is not null));
                }
            }));
            await Task.Delay(1000);
            var restartStarted = clock.Elapsed;
            await Shell($"{Runuser} \"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl\" -D {folder}/data -m fast -w restart -l {folder}/server.log >/dev/null");
            var restartEnded = clock.Elapsed;
            await Task.Delay(3000);
            stop.Cancel();
            await load;

            var failed = outcomes.Where(o => o.Status != HttpStatusCode.OK).ToList();
            output.WriteLine($"{outcomes.Count} requests; restart from {restartStarted.TotalSeconds:0.00} s to {restartEnded.TotalSeconds:0.00} s; " +
                $"{failed.Count} failed ({string.Join(", ", failed.GroupBy(f => f.Status).Select(g => $"{g.Count()} x {(int)g.Key}"))}) " +
                (failed.Count == 0 ? "" : $"from {failed.Min(f => f.At).TotalSeconds:0.00} s to {failed.Max(f => f.At).TotalSeconds:0.00} s"));
            Assert.All(failed, f => Assert.True(f.Status == HttpStatusCode.ServiceUnavailable && f.RetryAfter, $"{f.Status} at {f.At}"));
            // Recovered: no time window is asserted (a loaded machine stretches any), but once the restart is over every
            // connection the pool hands out works again, so a run of requests afterwards all succeed.
            Assert.Contains(outcomes, o => o.At > restartEnded && o.Status == HttpStatusCode.OK);
            using var after = new HttpClient { BaseAddress = site.BaseAddress };
            for (var i = 0; i < 20; i++)
            {
                using var response = await after.GetAsync($"/api/v1/organizations/{ids[i % 2]}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }
        finally
        {
            await Shell($"{Runuser} \"$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl\" -D {folder}/data -m immediate stop >/dev/null 2>&1 || true");
        }
    }

    // The server runs as the postgres user, as scripts/start-test-postgres.sh starts it.
    private static string Runuser => Environment.UserName == "root" ? "runuser -u postgres --" : "";

    private static async Task<string> Shell(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Repository.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{command}: {errors}");
        return output;
    }
}
