namespace Coopdir.Tests.Support;

/// <summary>
/// The demo data (7,387 real Co-operatives UK organizations) imported once through `serve`'s
/// first-start path; tests start sites over copies of the result (<see cref="Copy"/>).
/// </summary>
public sealed class DemoDirectory : IAsyncLifetime
{
    private string setting = "";

    public string Snapshot { get; private set; } = "";

    /// <summary>A site over its own copy of the demo directory, for <see cref="SiteTest"/>.</summary>
    public SiteOptions Copy => new() { Template = Snapshot };

    public async Task InitializeAsync()
    {
        setting = TestStores.NewSetting();
        var site = await TestSite.StartAsync(new SiteOptions { Store = setting, LoadDemoData = true });
        if (TestStores.Kind == Core.Data.StoreKind.Sqlite) Snapshot = await TestStores.SnapshotAsync(site.Store);
        await site.DisposeAsync();
        // A PostgreSQL template must have no connections left, so it is taken after the site stops.
        if (TestStores.Kind == Core.Data.StoreKind.Postgres) Snapshot = await TestStores.SnapshotAsync(site.Store);
    }

    public Task DisposeAsync()
    {
        if (TestStores.Kind == Core.Data.StoreKind.Postgres) TestStores.Drop(setting);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class DemoDirectoryCollection : ICollectionFixture<DemoDirectory>
{
    public const string Name = "demo directory";
}
