using System.Net;
using Coopdir.Core.Data;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Scale;

/// <summary>Downloads whose clients stop reading hold neither a connection nor a server thread.</summary>
[Collection(DemoDirectoryCollection.Name)]
public sealed class SlowDownloadTests(DemoDirectory demo) : SiteTest(demo.Copy)
{
    [Fact]
    public async Task With_more_stalled_downloads_than_pooled_connections_the_site_goes_on_answering()
    {
        // The pool is PostgreSQL's; SQLite opens a connection per request.
        if (TestStores.Kind != StoreKind.Postgres) return;
        // A second instance over the same directory, with a pool of three connections.
        var small = await StartSiteAsync(new SiteOptions { Store = Site.StoreSetting + ";Maximum Pool Size=3" });

        // The JSON-LD of 7,387 organizations is far larger than what the socket and the pipe buffer.
        var stalled = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            stalled.Add(await small.Http.GetAsync("/api/v1/exports/organizations.jsonld", HttpCompletionOption.ResponseHeadersRead));
        using var search = await small.Http.GetAsync("/api/v1/organizations?q=housing");
        using var page = await small.Http.GetAsync("/organizations/1");

        Assert.All(stalled, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        foreach (var response in stalled) response.Dispose();
    }
}
