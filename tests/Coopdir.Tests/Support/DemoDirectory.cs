namespace Coopdir.Tests.Support;

/// <summary>
/// The demo data (7,387 real Co-operatives UK organizations) imported once through `serve`'s
/// first-start path; tests start sites from copies of the result.
/// </summary>
public sealed class DemoDirectory : IAsyncLifetime
{
    private string setting = "";

    /// <summary>Pass to <see cref="TestSite.StartAsync"/> as the template.</summary>
    public string Snapshot { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var site = await TestSite.StartAsync(loadDemoData: true);
        setting = site.StoreSetting;
        if (TestStores.Kind == Core.Data.StoreKind.Sqlite) Snapshot = TestStores.Snapshot(site.Store);
        await site.DisposeWithoutDroppingAsync();
        // A PostgreSQL template must have no connections left, so it is taken after the site stops.
        if (TestStores.Kind == Core.Data.StoreKind.Postgres) Snapshot = TestStores.Snapshot(site.Store);
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
