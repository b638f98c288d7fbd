namespace Coopdir.Tests.Support;

/// <summary>The repository the tests run from: scripts and the npm tools the tests drive live there.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Coopdir.slnx"))) return directory.FullName;
        throw new InvalidOperationException("Coopdir.slnx not found above the test binaries");
    }
}
