namespace Coopdir.Core.Tests;

/// <summary>Files from tests/data (and the linked demo data set), copied next to the test assembly.</summary>
internal static class TestData
{
    public static StreamReader Open(string relativePath) =>
        new(Path.Combine(AppContext.BaseDirectory, "data", relativePath));
}
