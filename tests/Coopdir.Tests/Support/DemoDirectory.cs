namespace Coopdir.Tests.Support;

/// <summary>
/// The demo data (7,387 real Co-operatives UK organizations) imported once through `serve`'s
/// first-start path; tests serve copies of the resulting file.
/// </summary>
public sealed class DemoDirectory : IAsyncLifetime
{
    public string DatabaseFile { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await using var site = await TestSite.StartAsync(loadDemoData: true);
        DatabaseFile = Path.Combine(Path.GetTempPath(), "coopdir-tests", $"demo-{Guid.NewGuid():N}.db");
        using (var connection = site.Database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"VACUUM INTO '{DatabaseFile.Replace("'", "''")}'";
            command.ExecuteNonQuery();
        }
    }

    public Task DisposeAsync()
    {
        File.Delete(DatabaseFile);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoDirectoryCollection : ICollectionFixture<DemoDirectory>
{
    public const string Name = "demo directory";
}
