using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coopdir.Tests.Support;

/// <summary>A real `coopdir serve` process on a free loopback port, stopped when disposed.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }

    /// <summary>Whether the process has ended (killed itself, say), waiting up to <paramref name="timeout"/>.</summary>
    public async Task<bool> ExitedAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(wait.Token); } catch (OperationCanceledException) { }
        return process.HasExited;
    }

    /// <param name="options">More `serve` arguments, e.g. "--RateLimits:WritesPerMinute=10000".</param>
    public static Task<ServerProcess> StartAsync(string storeSetting, params string[] options) => StartAsync(storeSetting, FreePort(), null, options);

    /// <param name="port">A port of its own, e.g. one another instance knows it by across restarts.</param>
    /// <param name="environment">More environment variables for the process.</param>
    public static async Task<ServerProcess> StartAsync(string storeSetting, int port, IReadOnlyDictionary<string, string>? environment, params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        foreach (var arg in (string[])[typeof(Site).Assembly.Location, "serve", "--db", storeSetting, "--urls", $"http://127.0.0.1:{port}", "--no-demo-data", .. options])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        for (var attempt = 0; attempt < 300 && !process.HasExited; attempt++)
        {
            try
            {
                using var response = await server.Http.GetAsync("/api/v1/organizations?page_size=1");
                if (response.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"coopdir serve did not start on port {port}");
    }

    /// <summary>A loopback port no one listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
