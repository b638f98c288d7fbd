using System.Net;
using Coopdir.Core.Exports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Safety;

/// <summary>
/// With Directory:BaseUrl set, every absolute URL the site writes uses it and no other host is served, so a client's
/// Host header is never written into /data.json, Atom, JSON-LD, Murmurations or GeoJSON.
/// </summary>
public sealed class PublicUrlTests() : SiteTest(new SiteOptions
{
    Configuration = ["--Directory:BaseUrl=https://coops.example/"],
})
{
    private const string Public = "https://coops.example";

    [Fact]
    public async Task Every_absolute_url_uses_the_configured_base_url_and_other_hosts_are_refused()
    {
        var id = (await Site.SeedAsync(An.Organization("Suma Wholefoods").In("GB", "Leeds")))[0];
        var paths = new List<string> { "/data.json", "/changes.atom", $"/organizations/{id}/murmurations.json", $"/organizations/{id}" };
        paths.AddRange(ExportFormats.All.Where(f => f.Key is "geojson" or "jsonld").Select(f => f.Url));
        foreach (var path in paths)
        {
            var body = await GetAsync(path, "coops.example", HttpStatusCode.OK);
            Assert.True(body.Contains(Public + "/", StringComparison.Ordinal), $"{path} does not name {Public}: {body[..Math.Min(300, body.Length)]}");
            Assert.DoesNotContain("127.0.0.1", body);
            Assert.DoesNotContain("evil.example", body);
        }
        var refused = await GetAsync("/data.json", "evil.example", HttpStatusCode.BadRequest);
        Assert.Contains("coops.example", refused);
    }

    private async Task<string> GetAsync(string path, string host, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        using var response = await Site.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{path} with Host {host}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
        return body;
    }
}
