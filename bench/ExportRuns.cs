using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Coopdir.Core.Exports;

namespace Coopdir.Bench;

/// <summary>
/// Every export format written by the real CLI (`coopdir export`, Release build), each in a process of
/// its own, so that its peak memory is its own: the child's VmHWM (peak resident set) is read from
/// /proc while it runs, and so is its CPU time (user + system), which a busy machine disturbs less than
/// the wall clock. Rows per second count the whole process, start-up included.
/// </summary>
public static partial class ExportRuns
{
    /// <summary>What every format must stay under, whatever the size of the directory.</summary>
    public const double PeakMemoryLimitMb = 200;

    /// <summary>Runs every format over the directory; returns how long the CSV export took (wall clock and CPU), for the floor ratios.</summary>
    public static (TimeSpan Elapsed, TimeSpan Cpu) Run(string database, string work, Dictionary<string, object> results, TextWriter log)
    {
        var cli = BuildCli(log);
        var csv = (TimeSpan.Zero, TimeSpan.Zero);
        foreach (var format in ExportFormats.All)
        {
            var file = Path.Combine(work, "export." + format.Extension);
            var (elapsed, peakBytes, cpu, stderr) = RunChild(["exec", cli, "export", "--format", format.Key, "--out", file, "--db", database]);
            var rows = ExportedCount().Match(stderr) is { Success: true } m
                ? long.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"coopdir export --format {format.Key} failed: {stderr}");
            var peakMb = Math.Round(peakBytes / 1e6);
            log.WriteLine($"  export {format.Key}: {rows:N0} rows in {elapsed.TotalSeconds:0.0} s ({cpu.TotalSeconds:0.0} s CPU), peak {peakMb} MB, {new FileInfo(file).Length / 1e6:0} MB written"
                + (peakMb > PeakMemoryLimitMb ? $"  OVER THE {PeakMemoryLimitMb} MB LIMIT" : ""));
            results[$"export_{format.Key}_rows_per_s"] = Math.Round(rows / elapsed.TotalSeconds);
            results[$"export_{format.Key}_peak_rss_mb"] = peakMb;
            results[$"export_{format.Key}_cpu_s"] = Math.Round(cpu.TotalSeconds, 1);
            File.Delete(file);
            if (format.Key == "csv") csv = (elapsed, cpu);
        }
        return csv;
    }

    // The CLI as users run it: a Release build of this checkout, brought up to date first.
    private static string BuildCli(TextWriter log)
    {
        var root = RepositoryRoot();
        var project = Path.Combine(root, "src", "Coopdir");
        log.WriteLine("Building the CLI (Release) for the export runs");
        var build = Process.Start(new ProcessStartInfo("dotnet", ["build", project, "-c", "Release", "-v", "quiet", "-nologo"]) { RedirectStandardOutput = true })!;
        var output = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0) throw new InvalidOperationException("dotnet build src/Coopdir failed:\n" + output);
        return Path.Combine(project, "bin", "Release", "net10.0", "coopdir.dll");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Coopdir.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Coopdir.slnx not found above the benchmark's folder");
    }

    /// <summary>Runs dotnet with the arguments, polling the child's peak resident set and CPU time until it exits.</summary>
    private static (TimeSpan Elapsed, long PeakBytes, TimeSpan Cpu, string Stderr) RunChild(IReadOnlyList<string> arguments)
    {
        var clock = Stopwatch.StartNew();
        using var child = Process.Start(new ProcessStartInfo("dotnet", arguments) { RedirectStandardError = true })!;
        var stderr = child.StandardError.ReadToEndAsync();
        var proc = $"/proc/{child.Id}";
        var (peak, cpu) = (0L, TimeSpan.Zero);
        // Both only grow, so the last reading before exit stands for the whole run (within 10 ms);
        // they are gone once the process has ended.
        while (!child.WaitForExit(10))
        {
            peak = Math.Max(peak, HighWaterMark(proc + "/status"));
            var used = CpuTime(proc + "/stat");
            if (used > cpu) cpu = used;
        }
        var elapsed = clock.Elapsed;
        return (elapsed, peak, cpu, stderr.Result);
    }

    // Fields 14 and 15 of /proc/PID/stat, after the command name in parentheses: user and system time in
    // clock ticks, which are 1/100 s on Linux.
    private static TimeSpan CpuTime(string stat)
    {
        try
        {
            var text = File.ReadAllText(stat);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException) { return TimeSpan.Zero; }
    }

    private static long HighWaterMark(string status)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException) { } // the child exited between two readings
        catch (UnauthorizedAccessException) { }
        return 0;
    }

    [GeneratedRegex(@"Exported ([\d,]+) organizations")]
    private static partial Regex ExportedCount();
}
