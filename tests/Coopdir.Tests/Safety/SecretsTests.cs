using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AngleSharp.Html.Parser;
using Coopdir.Core.Data;
using Coopdir.Tests.Support;
using Npgsql;

namespace Coopdir.Tests.Safety;

/// <summary>The real `coopdir serve` with every log category at Trace, its output captured, then its database read whole.</summary>
public sealed class SecretsTests
{
    [Fact]
    public async Task Passwords_and_api_tokens_are_never_stored_or_logged_in_clear()
    {
        using var store = new TemporaryStore();
        var password = $"Password-{Guid.NewGuid():N}";
        var wrongPassword = $"Wrong-{Guid.NewGuid():N}";
        var email = $"ada-{Guid.NewGuid():N}@example.org";
        var logs = new StringBuilder();
        var port = ServerProcess.FreePort();
        using var server = Start(store.Setting, port, logs);
        string token;
        try
        {
            var address = new Uri($"http://127.0.0.1:{port}/");
            await WaitUntilUp(address);
            var session = Session.Anonymous(address);
            using (var signUp = await session.PostFormAsync("/sign-up", new() { ["name"] = "Ada", ["email"] = email, ["password"] = password }, "/sign-up"))
                Assert.Equal(HttpStatusCode.OK, signUp.StatusCode);
            using (var signedIn = await session.PostFormAsync("/sign-in", new() { ["email"] = email, ["password"] = password }, "/sign-in"))
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            using (var created = await session.PostFormAsync("/account/tokens", new() { ["label"] = "laptop" }, "/account"))
                token = new HtmlParser().ParseDocument(await created.Content.ReadAsStringAsync()).QuerySelector("#new-token")!.TextContent.Trim();
            using (var api = new HttpClient { BaseAddress = address })
            {
                api.DefaultRequestHeaders.Authorization = new("Bearer", token);
                using var proposal = await api.PostAsync("/api/v1/proposals", new StringContent(
                    """{"patch":{"name":"Token Co-op","kind":"cooperative"},"summary":"new"}""", Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.Created, proposal.StatusCode);
            }
            var again = Session.Anonymous(address);
            using (await again.PostFormAsync("/sign-in", new() { ["email"] = email, ["password"] = wrongPassword }, "/sign-in")) { }
            using (var signIn = await again.PostFormAsync("/sign-in", new() { ["email"] = email, ["password"] = password }, "/sign-in"))
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
        finally
        {
            // SIGTERM, so the host shuts down and the console logger flushes everything it queued.
            using (var term = Process.Start("kill", ["-TERM", server.Id.ToString()])) await term.WaitForExitAsync();
            await server.WaitForExitAsync();
        }

        var database = DatabaseText(store.Setting);
        var output = logs.ToString();
        Assert.Contains(email, database);
        Assert.Contains("Request starting", output);
        foreach (var secret in new[] { password, wrongPassword, token })
        {
            Assert.DoesNotContain(secret, database);
            Assert.DoesNotContain(secret, output);
        }
    }

    private static Process Start(string setting, int port, StringBuilder logs)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { typeof(Site).Assembly.Location, "serve", "--db", setting, "--urls", $"http://127.0.0.1:{port}",
                     "--no-demo-data", "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Trace" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (logs) logs.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (logs) logs.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilUp(Uri address)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = await http.GetAsync(address);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"coopdir serve did not answer at {address}");
    }

    /// <summary>Everything the store holds, as text: the SQLite file and its WAL, or a pg_dump.</summary>
    private static string DatabaseText(string setting)
    {
        if (TestStores.Kind == StoreKind.Sqlite)
            return string.Concat(new[] { setting, setting + "-wal" }.Where(File.Exists).Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        var builder = new NpgsqlConnectionStringBuilder(setting);
        var dump = new ProcessStartInfo("pg_dump") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", builder.Host!, "-p", builder.Port.ToString(), "-U", builder.Username!, "-d", builder.Database! })
            dump.ArgumentList.Add(arg);
        if (builder.Password is not null) dump.Environment["PGPASSWORD"] = builder.Password;
        using var process = Process.Start(dump)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
