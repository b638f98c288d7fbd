using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Coopdir.Tests.Support;

/// <summary>
/// The real site on Kestrel at a free loopback port, over a fresh store of its own (SQLite or
/// PostgreSQL, see <see cref="TestStores"/>). Tests talk to it over real HTTP. (Not
/// WebApplicationFactory: the program's entry point is a CLI, so the host is built by Site.Build,
/// which this calls directly.)
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestSite(WebApplication app, string setting)
    {
        this.app = app;
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

    /// <param name="template">A snapshot (<see cref="TestStores.Snapshot"/>) to start from; by default an empty directory.</param>
    public static async Task<TestSite> StartAsync(string? template = null, bool loadDemoData = false, params string[] configuration)
    {
        var setting = TestStores.NewSetting(template);
        return await StartOverAsync(setting, loadDemoData, configuration);
    }

    /// <summary>The site over an existing store, e.g. one the CLI wrote; disposing it drops the store.</summary>
    public static async Task<TestSite> StartOverAsync(string setting, bool loadDemoData = false, params string[] configuration)
    {
        var args = configuration.Concat(["--Map:TileUrl=http://127.0.0.1:9/tiles/{z}/{x}/{y}.png", "--Logging:LogLevel:Default=Warning"]).ToArray();
        var app = Site.Build(new SiteSettings(setting, "http://127.0.0.1:0", loadDemoData), args);
        await app.StartAsync();
        return new TestSite(app, setting);
    }

    /// <summary>Runs writes through the product's one write path in one transaction, as an editor would.</summary>
    public T Write<T>(Func<OrganizationWriter, System.Data.Common.DbConnection, System.Data.Common.DbTransaction, T> write)
    {
        using var connection = Store.Open();
        using var transaction = connection.BeginTransaction();
        var result = write(new OrganizationWriter(Store, TimeProvider.System), connection, transaction);
        transaction.Commit();
        return result;
    }

    /// <summary>A second app instance over an existing site's store, as behind a load balancer. Stop it with DisposeWithoutDroppingAsync.</summary>
    public static async Task<TestSite> StartOnAsync(string setting)
    {
        var app = Site.Build(new SiteSettings(setting, "http://127.0.0.1:0", false), ["--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        return new TestSite(app, setting);
    }

    /// <summary>Writes organizations through the product's one write path, as an editor would.</summary>
    public IReadOnlyList<long> Seed(params OrganizationContent[] organizations)
    {
        using var connection = Store.Open();
        using var transaction = connection.BeginTransaction();
        var writer = new OrganizationWriter(Store, TimeProvider.System);
        var ids = organizations.Select(o => writer.Create(connection, transaction, o, new ChangeNote("test", "seed")).Id).ToList();
        transaction.Commit();
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeWithoutDroppingAsync();
        TestStores.Drop(StoreSetting);
    }

    /// <summary>Stops the site but keeps its store, e.g. to serve as a template.</summary>
    public async Task DisposeWithoutDroppingAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
