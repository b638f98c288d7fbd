using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Coopdir.Tests.Support;

/// <summary>
/// The real site on Kestrel at a free loopback port, over a store of its own (SQLite or PostgreSQL,
/// see <see cref="TestStores"/>) unless told to serve another. Tests talk to it over real HTTP and get
/// it from <see cref="SiteTest"/>. (Not WebApplicationFactory: the program's entry point is a CLI, so
/// the host is built by Site.BuildAsync, which this calls directly.)
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly bool ownsStore;
    private bool stopped;

    private TestSite(WebApplication app, string setting, bool ownsStore)
    {
        this.app = app;
        this.ownsStore = ownsStore;
        StoreSetting = setting;
        Store = app.Services.GetRequiredService<Store>();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>The running site's services, e.g. its endpoint data source.</summary>
    public IServiceProvider Services => app.Services;
    public HttpClient Http { get; }
    public Store Store { get; }

    /// <summary>What `coopdir --db` takes to reach this site's store.</summary>
    public string StoreSetting { get; }

    /// <summary>Tests start sites through <see cref="SiteTest"/>, which stops them after the test.</summary>
    public static async Task<TestSite> StartAsync(SiteOptions options)
    {
        var setting = options.Store ?? TestStores.NewSetting(options.Template);
        var args = options.Configuration.Concat(["--Map:TileUrl=http://127.0.0.1:9/tiles/{z}/{x}/{y}.png", "--Logging:LogLevel:Default=Warning"]).ToArray();
        var app = await Site.BuildAsync(new SiteSettings(setting, "http://127.0.0.1:0", options.LoadDemoData), args);
        await app.StartAsync();
        return new TestSite(app, setting, ownsStore: options.Store is null);
    }
    /// <summary>Runs writes through the product's one write path in one write session, as an editor would.</summary>
    public async Task<T> WriteAsync<T>(Func<OrganizationWriter, WriteSession, Task<T>> write)
    {
        await using var session = await Store.BeginWriteAsync();
        var result = await write(new OrganizationWriter(TimeProvider.System), session);
        await session.CommitAsync();
        return result;
    }

    /// <summary>Writes organizations through the product's one write path, as an editor would.</summary>
    public Task<List<long>> SeedAsync(params OrganizationContent[] organizations) => WriteAsync(async (writer, session) =>
    {
        var ids = new List<long>();
        foreach (var organization in organizations) ids.Add((await writer.CreateAsync(session, organization, new ChangeNote("test", "seed"))).Id);
        return ids;
    });

    /// <summary>Stops the site and drops its store if the store is its own; stopping it again does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopped) return;
        stopped = true;
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        if (ownsStore) TestStores.Drop(StoreSetting);
    }
}
