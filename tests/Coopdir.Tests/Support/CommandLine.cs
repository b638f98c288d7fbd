using System.Diagnostics;

namespace Coopdir.Tests.Support;

public sealed record CliRun(int ExitCode, string Output, string Errors);

/// <summary>Runs the real `coopdir` program (the built coopdir.dll) as a separate process.</summary>
public static class CommandLine
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Site).Assembly.Location);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliRun(process.ExitCode, await output, await errors);
    }

    public static string TempFile(string name, string? content = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "coopdir-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        if (content is not null) File.WriteAllText(path, content);
        return path;
    }

    public static string DataFile(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "data", .. parts]);
}
