using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Coopdir.Tests.Support;

/// <summary>
/// The real site on Kestrel at a free loopback port, over a fresh SQLite file of its own.
/// Tests talk to it over real HTTP. (Not WebApplicationFactory: the program's entry point is a
/// CLI, so the host is built by Site.Build, which this calls directly.)
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string directory;

    private TestSite(WebApplication app, string directory, DirectoryDatabase database)
    {
        this.app = app;
        this.directory = directory;
        Database = database;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public DirectoryDatabase Database { get; }
    public string DatabasePath => Database.Path;

    /// <param name="databaseFile">An existing SQLite file to copy and serve; by default an empty directory.</param>
    public static async Task<TestSite> StartAsync(string? databaseFile = null, bool loadDemoData = false, params string[] configuration)
    {
        var directory = Path.Combine(Path.GetTempPath(), "coopdir-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "coopdir.db");
        if (databaseFile is not null) File.Copy(databaseFile, path);
        var args = configuration.Concat(["--Map:TileUrl=http://127.0.0.1:9/tiles/{z}/{x}/{y}.png", "--Logging:LogLevel:Default=Warning"]).ToArray();
        var app = Site.Build(new SiteSettings(path, "http://127.0.0.1:0", loadDemoData), args);
        await app.StartAsync();
        return new TestSite(app, directory, app.Services.GetRequiredService<DirectoryDatabase>());
    }

    /// <summary>Writes organizations through the product's one write path, as an editor would.</summary>
    public IReadOnlyList<long> Seed(params OrganizationContent[] organizations)
    {
        using var connection = Database.Open();
        using var transaction = connection.BeginTransaction();
        var writer = new OrganizationWriter(TimeProvider.System);
        var ids = organizations.Select(o => writer.Create(connection, transaction, o, new ChangeNote("test", "seed")).Id).ToList();
        transaction.Commit();
        return ids;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { /* a reader may still hold the file on slow machines */ }
    }
}
