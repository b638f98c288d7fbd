using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Coopdir.Core.Exports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

public sealed class ExportsApiTests : SiteTest
{
    [Fact]
    public async Task Every_format_downloads_with_a_dated_file_name_an_etag_and_last_modified_and_answers_304_when_unchanged()
    {
        await ExportTestData.SeedAsync(Site);

        foreach (var format in ExportFormats.All)
        {
            var url = format.Url;
            using var response = await Site.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(format.MediaType, response.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"coopdir-{format.Subject}-{DateTime.UtcNow:yyyy-MM-dd}.{format.Extension}", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
            Assert.NotNull(response.Content.Headers.LastModified);
            var etag = response.Headers.ETag!;

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await Site.Http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
    }

    [Fact]
    public async Task The_etag_differs_by_filters_and_changes_when_the_data_changes()
    {
        await ExportTestData.SeedAsync(Site);

        var all = await ETagAsync("");
        var french = await ETagAsync("?country=FR");
        await Site.SeedAsync(An.Organization("Delta Bakery").In("GB", "York"));
        var afterChange = await ETagAsync("");

        Assert.NotEqual(all, french);
        Assert.NotEqual(all, afterChange);
    }

    [Fact]
    public async Task Text_exports_are_gzipped_for_clients_that_ask_and_zips_are_not_compressed_twice()
    {
        await ExportTestData.SeedAsync(Site);
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = Site.BaseAddress };
        http.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var csv = await http.GetAsync("/api/v1/exports/organizations.csv");
        using var zip = await http.GetAsync("/api/v1/exports/organizations.datapackage.zip");

        Assert.Equal("gzip", Assert.Single(csv.Content.Headers.ContentEncoding));
        await using var gunzip = new GZipStream(await csv.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var text = await new StreamReader(gunzip, Encoding.UTF8).ReadToEndAsync();
        Assert.Contains("Gamma Housing Co-op", text);
        Assert.Empty(zip.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task An_export_takes_the_search_filters()
    {
        await ExportTestData.SeedAsync(Site);

        var rows = ExportTestData.ReadCsv(Encoding.UTF8.GetString(await Site.DownloadAsync("csv", "?country=GB&type=housing")));

        Assert.Equal(["Gamma Housing Co-op"], rows.Select(r => r["name"]));
    }

    [Fact]
    public async Task A_bad_filter_gets_problem_details_naming_it()
    {
        var problem = await Site.Http.GetJsonAsync("/api/v1/exports/organizations.geojson?kind=spaceship", HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("kind", out _));
    }

    private async Task<string> ETagAsync(string query)
    {
        using var response = await Site.Http.GetAsync($"/api/v1/exports/organizations.jsonl{query}");
        return response.Headers.ETag!.Tag;
    }
}
