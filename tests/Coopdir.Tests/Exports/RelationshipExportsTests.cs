using System.Text;
using System.Text.Json.Nodes;
using Coopdir.Core.Exports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

/// <summary>The relationships as downloads of their own: relationships.csv and GraphML, both chosen by the search filters.</summary>
public sealed class RelationshipExportsTests : SiteTest
{
    [Fact]
    public async Task Relationships_csv_has_the_relationships_whose_subject_matches_the_filters_with_its_licence_and_follows_its_table_schema()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        await ExportTestData.RelateAsync(Site, seeded);

        var all = Encoding.UTF8.GetString(await Site.DownloadAsync("relationships", "csv", ""));
        var housing = ExportTestData.ReadCsv(Encoding.UTF8.GetString(await Site.DownloadAsync("relationships", "csv", "?country=GB&type=housing")));
        var french = ExportTestData.ReadCsv(Encoding.UTF8.GetString(await Site.DownloadAsync("relationships", "csv", "?country=FR")));

        var schema = RelationshipsCsv.Table.ToJson()["schema"]!;
        OfficialSchemas.Frictionless.AssertValid("tableschema.json", schema, "The Table Schema of relationships.csv");
        TableSchemaCheck.AssertConforms(schema, all, "relationships");
        Assert.Equal(5, ExportTestData.ReadCsv(all).Count);
        Assert.Equal(["member_of", "subsidiary_of", "funded_by", "partner_of"], housing.Select(r => r["type"]));
        Assert.All(housing, r => Assert.Equal($"{seeded.Formula}", r["subject_id"]));
        var membership = Assert.Single(french);
        Assert.Equal(($"{seeded.Tricky}", $"{seeded.Network}", "proposed", "CC-BY-4.0"),
            (membership["subject_id"], membership["object_id"], membership["status"], membership["licence"]));
    }

    [Fact]
    public async Task NetworkX_reads_the_graphml_as_a_directed_graph_with_a_node_per_organization_and_an_edge_per_relationship()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        await ExportTestData.RelateAsync(Site, seeded);
        var rows = ExportTestData.ReadCsv(Encoding.UTF8.GetString(await Site.DownloadAsync("relationships", "csv", "")));

        var graph = await NetworkX.ReadGraphMlAsync(await Site.DownloadAsync("relationships", "graphml", ""));

        Assert.True((bool)graph["directed"]!);
        // Gamma has two relationships with each of the others.
        Assert.True((bool)graph["multigraph"]!);
        var nodes = graph["nodes"]!.AsObject();
        Assert.Equal([$"{seeded.Network}", $"{seeded.Tricky}", $"{seeded.Formula}"], nodes.Select(n => n.Key));
        var network = nodes[$"{seeded.Network}"]!;
        Assert.Equal(("Northern Worker Co-op Federation", "network", "active", true),
            ((string?)network["label"], (string?)network["kind"], (string?)network["status"], (bool)network["selected"]!));
        Assert.Equal(new Uri(Site.BaseAddress, $"/organizations/{seeded.Tricky}").AbsoluteUri, (string?)nodes[$"{seeded.Tricky}"]!["url"]);
        Assert.Equal(ExportTestData.TrickyName, (string?)nodes[$"{seeded.Tricky}"]!["label"]);

        var edges = graph["edges"]!.AsArray().Select(e => e!.AsArray()).ToList();
        Assert.Equal(rows.Select(r => (r["subject_id"], r["object_id"], long.Parse(r["id"]), r["type"], r["status"])),
            edges.Select(e => ((string)e[0]!, (string)e[1]!, (long)e[2]!, (string)e[3]!["type"]!, (string)e[3]!["status"]!)).OrderBy(e => e.Item3));
        var ended = edges.Single(e => (string?)e[3]!["type"] == "member_of" && (string?)e[0] == $"{seeded.Formula}")[3]!;
        Assert.Equal(("Member of", "2010", "2020-06", ExportTestData.EndedAt.ToString("O")),
            ((string?)ended["label"], (string?)ended["start_date"], (string?)ended["end_date"], (string?)ended["ended_at"]));
        Assert.StartsWith(new Uri(Site.BaseAddress, "/relationships/").AbsoluteUri, (string?)ended["url"]);
    }

    [Fact]
    public async Task A_filtered_graphml_has_the_matching_organizations_and_those_their_relationships_point_to_marked_unselected()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        await ExportTestData.RelateAsync(Site, seeded);

        var graph = await NetworkX.ReadGraphMlAsync(await Site.DownloadAsync("relationships", "graphml", "?country=GB&type=housing"));

        var nodes = graph["nodes"]!.AsObject();
        Assert.Equal([($"{seeded.Formula}", true), ($"{seeded.Network}", false), ($"{seeded.Tricky}", false)],
            nodes.Select(n => (n.Key, (bool)n.Value!["selected"]!)));
        Assert.Equal("network", (string?)nodes[$"{seeded.Network}"]!["kind"]);
        var edges = graph["edges"]!.AsArray();
        Assert.Equal(4, edges.Count);
        Assert.All(edges, e => Assert.Equal($"{seeded.Formula}", (string?)e![0]));
    }

    [Fact]
    public async Task The_command_line_exports_relationships_as_graphml_and_counts_them()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        await ExportTestData.RelateAsync(Site, seeded);
        var file = CommandLine.TempFile("network.graphml");

        var run = await CommandLine.RunAsync("export", "--format", "graphml", "--out", file, "--db", Site.StoreSetting);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("Exported 5 relationships", run.Errors);
        Assert.Equal(5, (await NetworkX.ReadGraphMlAsync(await File.ReadAllBytesAsync(file)))["edges"]!.AsArray().Count);
    }
}
