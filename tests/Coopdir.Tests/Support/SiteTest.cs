namespace Coopdir.Tests.Support;

/// <summary>
/// The one way a test gets a site. Each test of a class deriving from this gets <see cref="Site"/>,
/// started before it with the class's options (by default over a fresh, empty store). A test that
/// needs another site (a second app instance, a site over a store the CLI wrote, two directories)
/// starts it with <see cref="StartSiteAsync"/>. After the test every site it had is stopped and
/// every store of a site's own is dropped.
/// </summary>
public abstract class SiteTest(SiteOptions? siteOptions = null) : IAsyncLifetime
{
    private readonly List<TestSite> sites = [];

    protected TestSite Site { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Site = await StartSiteAsync(siteOptions);

    protected async Task<TestSite> StartSiteAsync(SiteOptions? options = null)
    {
        var site = await TestSite.StartAsync(options ?? new SiteOptions());
        sites.Add(site);
        return site;
    }

    public virtual async Task DisposeAsync()
    {
        // Latest first, so that a second instance stops before the site whose store it serves.
        foreach (var site in Enumerable.Reverse(sites)) await site.DisposeAsync();
    }
}
