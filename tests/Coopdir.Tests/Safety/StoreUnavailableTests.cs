using System.Diagnostics;
using System.Net;
using System.Text;
using Coopdir.Core.Data;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Safety;

/// <summary>When the store cannot serve a request for now, the answer is 503 with Retry-After, never 500, and serve waits for it at start.</summary>
public sealed class StoreUnavailableTests : SiteTest
{
    [Fact]
    public async Task An_edit_queued_behind_a_held_writers_turn_answers_503_with_retry_after_and_goes_through_once_it_is_free()
    {
        // SQLite bounds the same wait by its 30-second busy timeout, too long for a test; the handler
        // that turns SQLITE_BUSY into 503 is the same one.
        if (TestStores.Kind != StoreKind.Postgres) return;
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods")))[0];
        var editor = await Site.AccountAsync("editor");

        HttpResponseMessage refused;
        await using (var held = await Site.Store.BeginWriteAsync(bulk: true))
        {
            await held.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = Coopdir.Core.Data.Postgres.PostgresStore.ChangesLockKey });
            var clock = Stopwatch.StartNew();
            refused = await editor.Api.SendAsync(Patches.Phone(id, "0111 111111", "*"));
            Assert.InRange(clock.Elapsed.TotalSeconds, 0, 30);
        }
        var accepted = await editor.Api.SendAsync(Patches.Phone(id, "0111 111111", "*"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("1", refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Serve_waits_for_an_unreachable_database_saying_so_in_one_line_per_attempt()
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(Site).Assembly.Location, "serve", "--db", "Host=127.0.0.1;Port=1;Database=coopdir;Username=coopdir;Timeout=1", "--urls", "http://127.0.0.1:0" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) errors.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        for (var i = 0; i < 300 && !Said(errors, "(attempt 2)"); i++) await Task.Delay(100);
        var stillWaiting = !process.HasExited;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        Assert.True(stillWaiting, errors.ToString());
        Assert.True(Said(errors, "Waiting for the database at postgres://coopdir@127.0.0.1:1/coopdir (attempt 1)"), errors.ToString());
        Assert.False(Said(errors, "Unhandled exception"), errors.ToString());
    }

    private static bool Said(StringBuilder errors, string text)
    {
        lock (errors) return errors.ToString().Contains(text, StringComparison.Ordinal);
    }
}
