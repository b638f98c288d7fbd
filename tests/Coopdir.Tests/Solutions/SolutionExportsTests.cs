using System.Text;
using System.Text.Json.Nodes;
using Coopdir.Tests.Exports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Solutions;

/// <summary>The solutions as open data: a CSV with the facets joined, a valid Data Package, and JSON-LD with maintainers and funders.</summary>
public sealed class SolutionExportsTests : SiteTest
{
    private const string Schema = "http://schema.org/";

    [Fact]
    public async Task Solutions_csv_and_data_package_have_one_row_per_solution_with_facets_joined_and_a_table_schema_it_conforms_to()
    {
        var s = await Catalogue.SeedAsync(Site);

        var rows = ExportTestData.ReadCsv(Encoding.UTF8.GetString(await Site.DownloadAsync("solutions", "csv", "")));
        var files = ExportTestData.Unzip(await Site.DownloadAsync("solutions", "datapackage.zip", ""));
        var citizen = ExportTestData.ReadCsv(Encoding.UTF8.GetString(await Site.DownloadAsync("solutions", "csv", "?q=citizen")));

        Assert.Equal(["Consul test", "Decidim test", "Open standard test"], rows.Select(r => r["name"]).Order());
        var decidim = rows.Single(r => r["id"] == $"{s.Decidim}");
        Assert.Equal(("AGPL-3.0-only", "stable", "en | es", "ES | FR", "cooperative", $"{s.TechCoop}", $"{s.Foundation}", "2"),
            (decidim["licence_ids"], decidim["development_status"], decidim["languages"], decidim["countries_of_use"], decidim["maintainer_kinds"],
                decidim["maintainer_ids"], decidim["funder_ids"], decidim["reuse_count"]));
        Assert.Equal($"{Math.Min(s.Barcelona, s.Lyon)} | {Math.Max(s.Barcelona, s.Lyon)}", decidim["user_ids"]);
        Assert.Equal("MIT | Apache-2.0", rows.Single(r => r["id"] == $"{s.Consul}")["licence_ids"]);
        Assert.Equal(["Consul test"], citizen.Select(r => r["name"]));

        var descriptor = JsonNode.Parse(files["datapackage.json"])!;
        OfficialSchemas.Frictionless.AssertValid("datapackage.json", descriptor, "datapackage.json");
        var resource = Assert.Single(descriptor["resources"]!.AsArray())!;
        OfficialSchemas.Frictionless.AssertValid("dataresource.json", resource, "The solutions resource");
        OfficialSchemas.Frictionless.AssertValid("tableschema.json", resource["schema"], "The Table Schema of solutions.csv");
        TableSchemaCheck.AssertConforms(resource["schema"]!, files["solutions.csv"], "solutions");
        Assert.Equal(3, ExportTestData.ReadCsv(files["solutions.csv"]).Count);
        Assert.Contains(descriptor["sources"]!.AsArray(), x => ((string)x!["title"]!).StartsWith("Entered in Coopdir (3 rows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_publiccode_zip_holds_a_valid_publiccode_yml_per_solution_and_is_listed_with_the_downloads()
    {
        await Catalogue.SeedAsync(Site);

        var files = ExportTestData.Unzip(await Site.DownloadAsync("solutions", "publiccode.zip", ""));
        var downloads = await Site.Http.GetStringAsync("/downloads");

        Assert.Equal(3, files.Count);
        Assert.All(files, f =>
        {
            Assert.EndsWith("/publiccode.yml", f.Key);
            var read = Coopdir.Core.Solutions.PublicCode.PublicCodeReader.Read(f.Value);
            Assert.True(read.IsValid, $"{f.Key}: {string.Join("; ", read.Errors)}");
        });
        Assert.Contains("/api/v1/exports/solutions.publiccode.zip", downloads);
    }

    [Fact]
    public async Task Json_ld_makes_a_solution_software_source_code_with_its_repository_licence_maintainer_and_funder_and_the_catalogues_list_it()
    {
        var s = await Catalogue.SeedAsync(Site);
        string Url(long id) => new Uri(Site.BaseAddress, $"/organizations/{id}").AbsoluteUri;

        var expanded = await JsonLdProcessor.ExpandAsync(Encoding.UTF8.GetString(await Site.DownloadAsync("solutions", "jsonld", "")));
        var catalogue = await Site.Http.GetJsonAsync("/data.json");
        var downloads = await Site.Http.GetStringAsync("/downloads");
        var page = await Site.Http.GetPageAsync($"/organizations/{s.Decidim}");

        Assert.Equal(3, expanded.Count);
        var decidim = expanded.Single(n => (string?)n!["@id"] == Url(s.Decidim))!;
        Assert.Equal([$"{Schema}SoftwareSourceCode"], decidim["@type"]!.AsArray().Select(t => (string?)t));
        Assert.Equal([Url(s.TechCoop)], Ids(decidim, "maintainer"));
        Assert.Equal([Url(s.Foundation)], Ids(decidim, "funder"));
        Assert.Equal(["https://github.com/decidim/decidim"], Ids(decidim, "codeRepository"));
        Assert.Equal(["https://spdx.org/licenses/AGPL-3.0-only.html"], Ids(decidim, "license"));
        Assert.Equal(["https://creativecommons.org/licenses/by/4.0/"], Ids(decidim, "sdLicense"));
        var standard = expanded.Single(n => (string?)n!["@id"] == Url(s.Standard))!;
        Assert.Equal([$"{Schema}CreativeWork"], standard["@type"]!.AsArray().Select(t => (string?)t));

        var onPage = JsonNode.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent)!;
        Assert.Equal("SoftwareSourceCode", (string?)onPage["@type"]);
        Assert.Equal("Test Tech Co-op", (string?)onPage["maintainer"]![0]!["name"]);

        var distributions = catalogue.GetProperty("dataset")[0].GetProperty("distribution").EnumerateArray().Select(d => d.GetProperty("downloadURL").GetString()).ToList();
        foreach (var extension in new[] { "csv", "jsonld", "datapackage.zip" })
        {
            Assert.Contains(new Uri(Site.BaseAddress, $"/api/v1/exports/solutions.{extension}").AbsoluteUri, distributions);
            Assert.Contains($"href=\"/api/v1/exports/solutions.{extension}\"", downloads);
        }
    }

    private static List<string?> Ids(JsonNode node, string property) =>
        node[$"{Schema}{property}"]!.AsArray().Select(v => (string?)v!["@id"]).ToList();
}
