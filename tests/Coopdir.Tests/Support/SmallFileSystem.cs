using System.Diagnostics;

namespace Coopdir.Tests.Support;

/// <summary>
/// A size-capped tmpfs mounted for one test (the tests run as root, as CI does), so a disk can really fill
/// up or become read-only under a running store. Unmounted when disposed.
/// </summary>
public sealed class SmallFileSystem : IDisposable
{
    private SmallFileSystem(string path) => Path = path;

    public string Path { get; }

    public static SmallFileSystem Mount(int megabytes)
    {
        var path = TestStores.TempDirectory();
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", path);
        return new SmallFileSystem(path);
    }

    /// <summary>Fills what is left with a file, until the file system refuses another byte.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true) file.Write(chunk);
        }
        catch (IOException)
        {
            // Full: write what still fits, byte by byte in small pieces.
            for (var size = 4096; size > 0; size /= 2)
                try { while (true) file.Write(chunk, 0, size); } catch (IOException) { }
        }
        return filler;
    }

    public void RemountReadOnly() => Run("mount", "-o", "remount,ro", Path);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Run("umount", "-l", Path);
    }

    private static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({errors.Trim()}): these tests mount a small tmpfs and need root, as CI has");
    }
}
