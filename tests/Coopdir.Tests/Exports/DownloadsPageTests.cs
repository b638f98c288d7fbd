using Coopdir.Core.Exports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

public sealed class DownloadsPageTests : SiteTest
{
    [Fact]
    public async Task The_downloads_page_is_linked_from_the_header_and_offers_every_format_relationships_as_csv_and_graphml_too()
    {
        var home = await Site.Http.GetStringAsync("/");
        var page = await Site.Http.GetStringAsync("/downloads");

        Assert.Contains("href=\"/downloads\"", home);
        foreach (var format in ExportFormats.All) Assert.Contains($"href=\"{format.Url}\"", page);
        Assert.Contains("href=\"/api/v1/exports/relationships.graphml\"", page);
        Assert.Contains("href=\"/api/v1/exports/relationships.csv\"", page);
        Assert.Contains("There are no releases yet", page);
        Assert.Contains("href=\"/data.json\"", page);
    }

    [Fact]
    public async Task The_search_page_offers_to_download_the_results_with_the_same_filters()
    {
        await ExportTestData.SeedAsync(Site);

        var page = await Site.Http.GetStringAsync("/search?country=GB&type=housing&page=1");

        Assert.Contains("Download these results", page);
        Assert.Contains("href=\"/api/v1/exports/organizations.csv?country=GB&amp;type=housing\"", page);
        var rows = ExportTestData.ReadCsv(System.Text.Encoding.UTF8.GetString(await Site.DownloadAsync("csv", "?country=GB&type=housing")));
        Assert.Equal("Gamma Housing Co-op", Assert.Single(rows)["name"]);
    }
}
