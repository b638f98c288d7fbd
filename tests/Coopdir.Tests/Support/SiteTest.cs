namespace Coopdir.Tests.Support;

/// <summary>A test class whose every test gets a fresh site over a fresh, empty store.</summary>
public abstract class SiteTest : IAsyncLifetime
{
    protected TestSite Site { get; private set; } = null!;

    public async Task InitializeAsync() => Site = await TestSite.StartAsync();

    public async Task DisposeAsync() => await Site.DisposeAsync();
}
