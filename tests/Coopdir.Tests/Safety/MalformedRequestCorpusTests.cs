using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Coopdir.Tests.Support;
using Microsoft.AspNetCore.Routing;

namespace Coopdir.Tests.Safety;

/// <summary>
/// Every endpoint the running site lists (so a new one is covered without being named here), sent a corpus of
/// malformed requests as an admin would send them — past authorization, so the handlers themselves see the input:
/// broken JSON of every kind, invalid UTF-8, wrong types, bodies over the limit, bad query values and bad headers.
/// A client's mistake is a 4xx; any 5xx fails the test, naming the endpoint and the case.
/// </summary>
public sealed class MalformedRequestCorpusTests() : SiteTest(new SiteOptions
{
    Configuration = ["--RateLimits:SignInsPerMinute=100000", "--RateLimits:SignUpsPerMinute=100000", "--RateLimits:WritesPerMinute=100000",
        "--RateLimits:WebsiteReadsPerMinute=100000", "--RateLimits:ProblemReportsPerTenMinutes=100000"],
})
{
    private static readonly (string Case, string ContentType, byte[] Body)[] Bodies =
    [
        ("duplicate keys", "application/json", Encoding.UTF8.GetBytes("""{"summary":"a","summary":"b","reason":"x","reason":"y","patch":{"name":"a","name":"b"}}""")),
        ("null inside a list", "application/json", Encoding.UTF8.GetBytes("""{"patch":{"types":[null],"locations":[null],"identifiers":[null]},"kinds":[null],"queries":[null],"ids":[null]}""")),
        ("lone surrogate", "application/json", Encoding.UTF8.GetBytes("""{"summary":"\ud800","reason":"\udfff","patch":{"name":"\ud800x"},"name":"\ud800"}""")),
        ("invalid UTF-8", "application/json", [.. "{\"summary\":\""u8, 0xFF, 0xFE, 0xC3, .. "\",\"reason\":\"x\"}"u8]),
        ("wrong types", "application/json", Encoding.UTF8.GetBytes("""{"summary":1,"reason":[],"patch":"x","organization_id":"one","base_revision":{},"object_id":true,"type":7,"queries":5}""")),
        ("array at the root", "application/json", Encoding.UTF8.GetBytes("[1,2,3]")),
        ("not JSON", "application/json", Encoding.UTF8.GetBytes("{summary: 'x',")),
        ("deep nesting", "application/json", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000))),
        ("NUL in strings", "application/json", Encoding.UTF8.GetBytes("""{"summary":"a\u0000b","reason":"\u0001","patch":{"name":"x\u0000y","description":"\u001b[31m"}}""")),
        ("empty body", "application/json", []),
        ("huge numbers", "application/json", Encoding.UTF8.GetBytes("""{"organization_id":1e400,"base_revision":99999999999999999999999,"object_id":-1e309}""")),
        ("body over every limit", "application/json", Encoding.UTF8.GetBytes("{\"summary\":\"" + new string('a', 2 * 1024 * 1024) + "\"}")),
        ("form with invalid percent-encoding", "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("name=%FF%FE&email=%C0%80&returnUrl=%0A//evil.com&reason=%00&summary=%ZZ")),
        ("form with raw invalid UTF-8", "application/x-www-form-urlencoded", [.. "name="u8, 0xFF, 0xC3, .. "&email=a%40b"u8]),
        ("garbage content type", "text/x-nonsense; charset=klingon", Encoding.UTF8.GetBytes("x")),
        ("multipart without boundary", "multipart/form-data", Encoding.UTF8.GetBytes("--x\r\n")),
        ("yaml that is not", "application/yaml", Encoding.UTF8.GetBytes("a: [\n  - {b: *c\n\0")),
        ("zip that is not", "application/zip", Encoding.UTF8.GetBytes("PK\u0003\u0004 not a zip")),
    ];

    private static readonly string[] Queries =
    [
        "?page=-1&limit=abc&since=%00&after=x&size=1e9&depth=-5&offset=99999999999999999999",
        "?page=99999999999999999999&limit=2147483648&per_page=0",
        "?q=%FF%FE&text=%C0%80&kind=%00&country=%0A&sort=%22zzz&type=%ED%A0%80",
        "?bbox=a,b,c,d&lat=NaN&lon=Infinity&near=1,2,3&radius=-1&zoom=1e99",
        "?returnUrl=%0A//evil.com&returnUrl=/%09/evil.com&format=%2e%2e%2f",
        "?q=" + new string('x', 20_000),
        "?since=2026-13-45T99:99:99Z&from=not-a-date&to=-1&year=0",
        "?ids=1,2,,x&id=-9223372036854775808&group=&by=",
    ];

    private static readonly (string Case, Action<HttpRequestMessage> Apply)[] Headers =
    [
        ("If-Match garbage", r => r.Headers.TryAddWithoutValidation("If-Match", "\"unterminated")),
        ("If-None-Match garbage", r => r.Headers.TryAddWithoutValidation("If-None-Match", "W/ \"x")),
        ("Accept garbage", r => r.Headers.TryAddWithoutValidation("Accept", ";;;/;q=x")),
        ("Accept-Language garbage", r => r.Headers.TryAddWithoutValidation("Accept-Language", "xx-;q=-1,,")),
        ("Range garbage", r => r.Headers.TryAddWithoutValidation("Range", "bytes=9-1,-")),
        ("If-Modified-Since garbage", r => r.Headers.TryAddWithoutValidation("If-Modified-Since", "yesterday")),
        ("Authorization garbage", r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer a b, c==")),
        ("Cookie garbage", r => r.Headers.TryAddWithoutValidation("Cookie", ".AspNetCore.Cookies=%%%; coopdir_antiforgery=%FF")),
    ];

    [Fact]
    public async Task No_malformed_request_to_any_endpoint_gets_a_5xx()
    {
        var id = (await Site.SeedAsync(An.Organization("Corpus Co-op"), An.Organization("Other Co-op")))[0];
        var admin = await Site.AccountAsync("admin");
        var failures = new List<string>();
        using var http = new HttpClient { BaseAddress = Site.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin.Token);
        var endpoints = Endpoints(id);
        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} endpoints found");

        foreach (var (method, url) in endpoints)
        {
            async Task Send(string @case, Func<HttpRequestMessage> make)
            {
                using var request = make();
                try
                {
                    using var response = await http.SendAsync(request);
                    if ((int)response.StatusCode >= 500) failures.Add($"{method} {url} [{@case}]: {(int)response.StatusCode}");
                }
                catch (HttpRequestException) when (@case == "body over every limit")
                {
                    // The server may answer 413 and close before the client has sent everything; that is a refusal.
                }
                catch (HttpRequestException e)
                {
                    failures.Add($"{method} {url} [{@case}]: no answer ({e.InnerException?.Message ?? e.Message})");
                }
            }

            foreach (var query in Queries)
                await Send($"query {query[..Math.Min(query.Length, 40)]}", () => new HttpRequestMessage(new HttpMethod(method), url + query));
            foreach (var (@case, apply) in Headers)
                await Send(@case, () => { var r = new HttpRequestMessage(new HttpMethod(method), url); apply(r); return r; });
            if (method is "GET" or "HEAD") continue;
            foreach (var (@case, type, body) in Bodies)
                await Send(@case, () =>
                {
                    var content = new ByteArrayContent(body);
                    content.Headers.TryAddWithoutValidation("Content-Type", method == "PATCH" && type == "application/json" ? "application/merge-patch+json" : type);
                    var r = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
                    r.Headers.TryAddWithoutValidation("If-Match", "*");
                    // A server that refuses a body early closes the connection; no later case should be sent on it.
                    r.Headers.ConnectionClose = body.Length > 1024 * 1024;
                    return r;
                });
        }
        Assert.True(failures.Count == 0, $"{failures.Count} 5xx answers:\n" + string.Join("\n", failures));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[::1")]
    [InlineData("exa mple.org")]
    public async Task An_empty_or_malformed_Host_header_is_a_4xx(string host)
    {
        foreach (var path in new[] { "/", "/data.json", "/changes.atom", "/api/v1/organizations", "/sign-in?returnUrl=/x" })
        {
            var status = await RawStatusAsync($"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
            Assert.True(status is >= 400 and < 500, $"{path} with Host '{host}': {status}");
        }
    }

    private async Task<int> RawStatusAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Site.BaseAddress.Host, Site.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var line = await reader.ReadLineAsync() ?? "";
        return int.Parse(line.Split(' ')[1]);
    }

    private List<(string Method, string Url)> Endpoints(long id) =>
        Site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m is not ("OPTIONS" or "HEAD"))
                .Select(m => (m, Url(e.RoutePattern, id))))
            .Where(e => e.Item2 is not null && !e.Item2.StartsWith("/_", StringComparison.Ordinal))
            .Select(e => (e.m, e.Item2!))
            .Distinct().ToList();

    // Route parameters get values that reach the handler: the seeded record's id for numbers, a word for the rest.
    private static string? Url(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, long id)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = new StringBuilder();
            foreach (var part in segment.Parts)
                text.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart s => s.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.IsCatchAll => "x/y",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content is "long" or "int") => p.Name == "revision" ? "1" : id.ToString(),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "x",
                    _ => "",
                });
            segments.Add(text.ToString());
        }
        return "/" + string.Join('/', segments);
    }
}
