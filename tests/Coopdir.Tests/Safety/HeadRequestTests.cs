using System.Net;
using Coopdir.Tests.Support;
using Microsoft.AspNetCore.Routing;

namespace Coopdir.Tests.Safety;

/// <summary>HEAD answers as GET does, without the body: what <c>curl -I</c>, link checkers and uptime monitors see.</summary>
public sealed class HeadRequestTests : SiteTest
{
    [Fact]
    public async Task A_page_a_record_and_an_export_answer_HEAD_with_the_GETs_status_and_headers_and_no_body()
    {
        var id = (await Site.SeedAsync(An.Organization().In("GB", "Manchester")))[0];
        foreach (var path in new[] { "/", $"/organizations/{id}", $"/api/v1/organizations/{id}", "/api/v1/exports/organizations.csv", "/nowhere" })
        {
            using var get = await Site.Http.GetAsync(path);
            using var head = await Site.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal((path, get.StatusCode), (path, head.StatusCode));
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Equal(get.Headers.CacheControl, head.Headers.CacheControl);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Every_GET_route_without_parameters_answers_HEAD_as_it_answers_GET()
    {
        var routes = Site.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true && e.RoutePattern.Parameters.Count == 0)
            .Select(e => "/" + e.RoutePattern.RawText!.Trim('/')).Distinct().ToList();
        Assert.True(routes.Count > 50, $"only {routes.Count} routes found");
        var differ = new List<string>();
        foreach (var route in routes)
        {
            using var get = await Site.Http.GetAsync(route, HttpCompletionOption.ResponseHeadersRead);
            using var head = await Site.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, route));
            if (head.StatusCode != get.StatusCode || head.StatusCode == HttpStatusCode.MethodNotAllowed)
                differ.Add($"{route}: GET {(int)get.StatusCode}, HEAD {(int)head.StatusCode}");
        }
        Assert.True(differ.Count == 0, string.Join("\n", differ));
    }
}
