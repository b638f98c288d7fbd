using System.Net;
using System.Security.Cryptography;
using Coopdir.Core.Exports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

/// <summary>The same data gives the same bytes in every export format: no time of generation inside a file.</summary>
public sealed class DeterministicExportTests : SiteTest
{
    [Fact]
    public async Task Every_export_format_gives_byte_identical_files_in_two_runs_over_the_same_data()
    {
        await Site.SeedAsync(
            An.Organization("Suma Wholefoods").In("GB", "Elland", 53.68, -1.84),
            An.Organization("Unicorn Grocery").In("GB", "Manchester", 53.44, -2.27),
            An.Organization("Decidim", kind: "solution"));

        var first = await DownloadEveryFormatAsync();
        // Past the two-second resolution of a zip entry's time, so that any clock read inside a file shows.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var second = await DownloadEveryFormatAsync();

        Assert.Equal(ExportFormats.All.Count, first.Count);
        var differing = ExportFormats.All.Where(f => first[f.Key] != second[f.Key]).Select(f => f.Key).ToList();
        Assert.True(differing.Count == 0, "differ between runs: " + string.Join(", ", differing));
    }

    private async Task<Dictionary<string, string>> DownloadEveryFormatAsync()
    {
        var hashes = new Dictionary<string, string>();
        foreach (var format in ExportFormats.All)
        {
            using var response = await Site.Http.GetAsync(format.Url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{format.Url}: {(int)response.StatusCode}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.NotEmpty(bytes);
            hashes[format.Key] = Convert.ToHexString(SHA256.HashData(bytes));
        }
        return hashes;
    }
}
