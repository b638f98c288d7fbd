using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Coopdir.Core.Exports;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

public sealed class ReleaseAndCatalogueTests : SiteTest
{
    [Fact]
    public async Task Data_json_is_a_valid_dcat_us_catalogue_listing_every_download()
    {
        await ExportTestData.SeedAsync(Site);

        var catalogue = JsonNode.Parse((await Site.Http.GetJsonAsync("/data.json")).GetRawText())!;

        OfficialSchemas.ProjectOpenData.AssertValid("catalog.json", catalogue, "data.json");
        // The live directory, then the problems and bounties (ProblemFeedsTests checks the latter's files).
        Assert.Equal(2, catalogue["dataset"]!.AsArray().Count);
        var dataset = catalogue["dataset"]![0]!;
        var urls = dataset["distribution"]!.AsArray().Select(d => (string?)d!["downloadURL"]).ToList();
        Assert.Equal(ExportFormats.All.Select(f => new Uri(Site.BaseAddress, f.Url).AbsoluteUri), urls);
        Assert.Contains(new Uri(Site.BaseAddress, "/api/v1/exports/relationships.graphml").AbsoluteUri, urls);
        Assert.Contains(ExportTestData.SourceName + ": Open Data Commons Attribution License 1.0 (ODC-By-1.0)", (string?)dataset["description"]);
        Assert.NotEmpty(OfficialSchemas.ProjectOpenData.Errors("catalog.json", new JsonObject { ["dataset"] = new JsonArray(new JsonObject { ["title"] = "x" }) }));
    }

    [Fact]
    public async Task A_release_is_a_checksummed_dump_in_every_format_and_the_next_one_says_what_changed()
    {
        var releases = TestStores.TempDirectory();
        var site = await StartSiteAsync(new SiteOptions { Configuration = [$"--Directory:ReleasesPath={releases}"] });
        var seeded = await ExportTestData.SeedAsync(site);

        var first = await CommandLine.RunAsync("release", "--out", releases, "--db", site.StoreSetting);
        await ChangeAsync(site, seeded);
        var second = await CommandLine.RunAsync("release", "--out", releases, "--db", site.StoreSetting);

        Assert.True(first.ExitCode == 0, first.Errors);
        Assert.True(second.ExitCode == 0, second.Errors);
        Assert.Contains("1 added, 1 changed, 1 removed", second.Output);
        var manifests = ReleaseManifest.All(releases);
        Assert.Equal(2, manifests.Count);
        var latest = manifests[0];
        Assert.Equal($"{DateTime.UtcNow:yyyy-MM-dd}.2", latest.Name);
        Assert.Equal(ExportFormats.All.Select(f => f.Key), latest.Files.Select(f => f.Format));
        var folder = Path.Combine(releases, latest.Name);
        var sums = File.ReadAllLines(Path.Combine(folder, ReleaseManifest.ChecksumsFileName));
        foreach (var file in latest.Files)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file.Name))));
            Assert.Equal(hash, file.Sha256);
            Assert.Contains($"{hash}  {file.Name}", sums);
        }
        Assert.Equal(manifests[1].Name, latest.Changes.Previous);
        Assert.Equal("Epsilon Energy Co-op", Assert.Single(latest.Changes.Added).Name);
        Assert.Equal(seeded.Tricky, Assert.Single(latest.Changes.Changed).Id);
        Assert.Equal("Gamma Housing Co-op", Assert.Single(latest.Changes.Removed).Name);

        var page = await site.Http.GetStringAsync("/downloads");
        Assert.Contains($"Release {latest.Name}", page);
        Assert.Contains("1 added", page);
        Assert.Contains("Gamma Housing Co-op", page);
        var catalogue = JsonNode.Parse((await site.Http.GetJsonAsync("/data.json")).GetRawText())!;
        OfficialSchemas.ProjectOpenData.AssertValid("catalog.json", catalogue, "data.json with releases");
        Assert.Equal(4, catalogue["dataset"]!.AsArray().Count);
        var csv = latest.Files.Single(f => f.Format == "csv");
        var downloaded = await site.Http.GetByteArrayAsync($"/releases/{latest.Name}/{csv.Name}");
        Assert.Equal(csv.Sha256, Convert.ToHexStringLower(SHA256.HashData(downloaded)));
        using var outside = await site.Http.GetAsync($"/releases/{latest.Name}/..%2F..%2Fcoopdir.db");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, outside.StatusCode);
    }

    // One of each change: an organization added, one edited, one deleted.
    private static async Task ChangeAsync(TestSite site, ExportTestData.Seeded seeded)
    {
        await site.SeedAsync(An.Organization("Epsilon Energy Co-op"));
        await site.WriteAsync(async (writer, session) =>
        {
            var tricky = (await OrganizationQueries.GetAsync(session, seeded.Tricky))!;
            await writer.UpdateAsync(session, seeded.Tricky, tricky.Content with { Phone = "+33 4 11 11 11 11" }, new ChangeNote("test", "edit"));
            return await writer.DeleteAsync(session, seeded.Formula, new ChangeNote("test", "delete"));
        });
    }
}
