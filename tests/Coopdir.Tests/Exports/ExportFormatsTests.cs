using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

/// <summary>Each format's real output, checked as its readers would read it and against its official schema.</summary>
public sealed class ExportFormatsTests : SiteTest
{
    [Fact]
    public async Task Csv_keeps_awkward_text_whole_states_each_rows_licence_and_neutralises_a_formula()
    {
        await ExportTestData.SeedAsync(Site);

        var rows = ExportTestData.ReadCsv(Encoding.UTF8.GetString(await Site.DownloadAsync("csv")));

        var tricky = rows.Single(r => r["name"] == ExportTestData.TrickyName);
        Assert.Equal("CC-BY-4.0", tricky["licence"]);
        Assert.Equal("45.764", tricky["latitude"]);
        Assert.Equal("ODC-By-1.0", rows.Single(r => r["source"] == ExportTestData.SourceName)["licence"]);
        Assert.Equal("'" + ExportTestData.FormulaDescription, rows.Single(r => r["name"] == "Gamma Housing Co-op")["description"]);
    }

    [Fact]
    public async Task Json_lines_has_one_whole_record_per_line_with_the_licence_that_covers_it()
    {
        await ExportTestData.SeedAsync(Site);

        var lines = Encoding.UTF8.GetString(await Site.DownloadAsync("jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        var tricky = lines.Select(l => JsonNode.Parse(l)!).Single(l => (string?)l["name"] == ExportTestData.TrickyName);
        Assert.Equal("Northern Worker Co-op Federation", (string?)tricky["member_of"]![0]!["name"]);
        Assert.Equal("CC-BY-4.0", (string?)tricky["licence"]!["id"]);
        var network = lines.Select(l => JsonNode.Parse(l)!).Single(l => (string?)l["source"]?["name"] == ExportTestData.SourceName);
        Assert.Equal("ODC-By-1.0", (string?)network["licence"]!["id"]);
    }

    [Fact]
    public async Task GeoJson_is_a_feature_collection_with_longitude_first_and_every_record()
    {
        await ExportTestData.SeedAsync(Site);

        var geojson = JsonNode.Parse(await Site.DownloadAsync("geojson"))!;

        Assert.Equal("FeatureCollection", (string?)geojson["type"]);
        var features = geojson["features"]!.AsArray();
        Assert.Equal(3, features.Count);
        var tricky = features.Single(f => (string?)f!["properties"]!["name"] == ExportTestData.TrickyName)!;
        Assert.Equal("MultiPoint", (string?)tricky["geometry"]!["type"]);
        Assert.Equal(4.8357, (double)tricky["geometry"]!["coordinates"]![0]![0]!);
        Assert.Equal("CC-BY-4.0", (string?)tricky["properties"]!["licence"]);
        var network = features.Single(f => (string?)f!["properties"]!["source"] == ExportTestData.SourceName)!;
        Assert.Equal("Point", (string?)network["geometry"]!["type"]);
        Assert.Equal("ODC-By-1.0", (string?)network["properties"]!["licence"]);
        Assert.Null(features.Single(f => (string?)f!["properties"]!["name"] == "Gamma Housing Co-op")!["geometry"]);
    }

    [Fact]
    public async Task Popolo_organizations_with_their_parent_and_memberships_of_organizations_are_valid_against_the_popolo_schemas()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        await ExportTestData.RelateAsync(Site, seeded);

        var popolo = JsonNode.Parse(await Site.DownloadAsync("popolo.json"))!;

        var organizations = popolo["organizations"]!.AsArray();
        Assert.Equal(3, organizations.Count);
        foreach (var organization in organizations) OfficialSchemas.Popolo.AssertValid("organization.json", organization, "A Popolo organization");
        var gamma = organizations.Single(o => (string?)o!["name"] == "Gamma Housing Co-op")!;
        Assert.Equal(Url(seeded.Tricky), (string?)gamma["parent_id"]);
        Assert.Null(organizations.Single(o => (string?)o!["name"] == ExportTestData.TrickyName)!["parent_id"]);
        var memberships = popolo["memberships"]!.AsArray();
        Assert.Equal(2, memberships.Count);
        foreach (var membership in memberships) OfficialSchemas.Popolo.AssertValid("membership.json", membership, "A Popolo membership");
        var current = memberships.Single(m => (string?)m!["member"]!["id"] == Url(seeded.Tricky))!;
        Assert.Equal(Url(seeded.Network), (string?)current["organization_id"]);
        Assert.Equal("Organization", (string?)current["member"]!["@type"]);
        var ended = memberships.Single(m => (string?)m!["member"]!["id"] == Url(seeded.Formula))!;
        Assert.Equal(("2010", "2020-06"), ((string?)ended["start_date"], (string?)ended["end_date"]));
        Assert.StartsWith("Status: ended", (string?)ended["note"]);
    }

    [Fact]
    public void The_draft_03_translation_keeps_required_properties_required()
    {
        var identifier = OfficialSchemas.Popolo;

        Assert.Empty(identifier.Errors("identifier.json", new JsonObject { ["identifier"] = "Q42", ["scheme"] = "wikidata" }));
        Assert.NotEmpty(identifier.Errors("identifier.json", new JsonObject { ["scheme"] = "wikidata" }));
        Assert.NotEmpty(identifier.Errors("organization.json", new JsonObject { ["name"] = "x", ["links"] = new JsonArray(new JsonObject { ["note"] = "no url" }) }));
    }

    [Fact]
    public async Task The_data_package_is_valid_with_a_table_schema_per_csv_and_lists_licences_and_every_source()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        await ExportTestData.RelateAsync(Site, seeded);

        var files = ExportTestData.Unzip(await Site.DownloadAsync("datapackage.zip"));

        var descriptor = JsonNode.Parse(files["datapackage.json"])!;
        OfficialSchemas.Frictionless.AssertValid("datapackage.json", descriptor, "datapackage.json");
        foreach (var resource in descriptor["resources"]!.AsArray())
        {
            OfficialSchemas.Frictionless.AssertValid("dataresource.json", resource, $"Resource {resource!["name"]}");
            OfficialSchemas.Frictionless.AssertValid("tableschema.json", resource!["schema"], $"Table Schema of {resource["name"]}");
            TableSchemaCheck.AssertConforms(resource["schema"]!, files[(string)resource["path"]!], (string)resource["name"]!);
        }
        Assert.Equal(["CC-BY-4.0", "ODC-By-1.0"], descriptor["licenses"]!.AsArray().Select(l => (string?)l!["name"]));
        var sources = descriptor["sources"]!.AsArray().Select(s => (string)s!["title"]!).ToList();
        Assert.Contains(sources, s => s.StartsWith(ExportTestData.SourceName + " (1 rows; licence ODC-By-1.0", StringComparison.Ordinal));
        Assert.Contains(sources, s => s.StartsWith("Entered in Coopdir (2 rows; licence CC-BY-4.0", StringComparison.Ordinal));
        Assert.Contains(ExportTestData.ReadCsv(files["organizations.csv"]), r => r["name"] == ExportTestData.TrickyName);
        var relationships = descriptor["resources"]!.AsArray().Single(r => (string?)r!["name"] == "relationships")!;
        var subject = Assert.Single(relationships["schema"]!["foreignKeys"]!.AsArray())!;
        Assert.Equal(("subject_id", "organizations", "id"), ((string?)subject["fields"], (string?)subject["reference"]!["resource"], (string?)subject["reference"]!["fields"]));
        var ids = ExportTestData.ReadCsv(files["organizations.csv"]).Select(r => r["id"]).ToHashSet();
        var rows = ExportTestData.ReadCsv(files["relationships.csv"]);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Contains(r["subject_id"], ids));
        Assert.Equal(["proposed", "ended", "confirmed", "proposed", "proposed"], rows.Select(r => r["status"]));
        Assert.Equal([$"{seeded.Formula}", "member_of", $"{seeded.Network}", "2010", "2020-06", ExportTestData.EndedAt.ToString("O")],
            [rows[1]["subject_id"], rows[1]["type"], rows[1]["object_id"], rows[1]["start_date"], rows[1]["end_date"], rows[1]["ended_at"]]);
        Assert.Equal("subject:claimer:asserts (gamma@example.org) | object:claimer:asserts (tricky@example.org)", rows[2]["asserted_by"]);
    }

    [Fact]
    public async Task The_hsds_package_with_parent_organizations_and_funders_is_valid_against_the_hsds_3_schemas()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        await ExportTestData.RelateAsync(Site, seeded);

        var files = ExportTestData.Unzip(await Site.DownloadAsync("hsds.zip"));

        var hsds = JsonNode.Parse(File.ReadAllText(CommandLine.DataFile("openreferral-hsds", "datapackage.json")))!;
        foreach (var table in new[] { "organization", "location", "address", "organization_identifier", "funding" })
        {
            var official = hsds["resources"]!.AsArray().Single(r => (string?)r!["name"] == table)!;
            var rows = ExportTestData.ReadCsv(files[(string)official["path"]!]);
            Assert.NotEmpty(rows);
            TableSchemaCheck.AssertConforms(official["schema"]!, files[(string)official["path"]!], table);
            foreach (var row in rows)
                OfficialSchemas.Hsds.AssertValid($"{table}.json", TableSchemaCheck.Typed(official["schema"]!, row), $"A row of {official["path"]}");
        }
        // The schemas are really applied: a row without its required id and description fails.
        Assert.NotEmpty(OfficialSchemas.Hsds.Errors("organization.json", new JsonObject { ["name"] = "x" }));
        var ours = JsonNode.Parse(files["datapackage.json"])!;
        OfficialSchemas.Frictionless.AssertValid("datapackage.json", ours, "HSDS datapackage.json");
        Assert.Contains(ExportTestData.ReadCsv(files["organizations.csv"]), r => r["name"] == ExportTestData.TrickyName);
        Assert.Contains(ExportTestData.ReadCsv(files["organization_sources.csv"]), r => r["licence"] == "ODC-By-1.0" && r["source"] == ExportTestData.SourceName);
        var organizations = ExportTestData.ReadCsv(files["organizations.csv"]);
        var tricky = organizations.Single(o => o["name"] == ExportTestData.TrickyName);
        var gamma = organizations.Single(o => o["name"] == "Gamma Housing Co-op");
        Assert.Equal(tricky["id"], gamma["parent_organization_id"]);
        var funding = Assert.Single(ExportTestData.ReadCsv(files["funding.csv"]));
        Assert.Equal(gamma["id"], funding["organization_id"]);
        Assert.Equal($"Northern Worker Co-op Federation ({Url(seeded.Network)})", funding["source"]);
    }

    private string Url(long id) => new Uri(Site.BaseAddress, $"/organizations/{id}").AbsoluteUri;
}
