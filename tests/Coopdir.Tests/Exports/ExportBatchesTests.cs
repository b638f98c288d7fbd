using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

/// <summary>Exports read the store a batch at a time; every record must come out once, whole, in id order.</summary>
public sealed class ExportBatchesTests : SiteTest
{
    [Fact]
    public async Task An_export_larger_than_a_batch_has_every_record_once_in_id_order()
    {
        var count = OrganizationStream.BatchSize * 2 + 7;
        var ids = await Site.SeedAsync(Enumerable.Range(1, count).Select(i => An.Organization($"Co-op number {i}").In("GB", "Leeds")).ToArray());

        var lines = Encoding.UTF8.GetString(await Site.DownloadAsync("jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(ids, lines.Select(l => (long)JsonNode.Parse(l)!["id"]!));
        Assert.All(lines, l => Assert.Equal("Leeds", (string?)JsonNode.Parse(l)!["locations"]![0]!["locality"]));
    }

    [Fact]
    public async Task A_search_whose_matches_are_far_apart_exports_just_those_records_whole()
    {
        var ids = await Site.SeedAsync(
            An.Organization("First French").In("FR", "Lyon").OfTypes("worker"),
            An.Organization("British 1").In("GB"), An.Organization("British 2").In("GB"), An.Organization("British 3").In("GB"),
            An.Organization("British 4").In("GB"), An.Organization("British 5").In("GB"),
            An.Organization("Last French").In("FR", "Paris").OfTypes("consumer"));

        var rows = ExportTestData.ReadCsv(Encoding.UTF8.GetString(await Site.DownloadAsync("csv", "?country=FR")));

        Assert.Equal([ids[0], ids[^1]], rows.Select(r => long.Parse(r["id"])));
        Assert.Equal(["Lyon", "Paris"], rows.Select(r => r["locality"]));
        Assert.Equal(["worker", "consumer"], rows.Select(r => r["types"]));
    }

    [Fact]
    public async Task Each_record_of_a_filtered_export_across_batches_is_the_record_read_on_its_own()
    {
        var network = (await Site.SeedAsync(An.Organization("Regional Federation", "network").In("GB", "York")))[0];
        var ids = await Site.SeedAsync(Enumerable.Range(1, OrganizationStream.BatchSize + 300).Select(i =>
        {
            var o = An.Organization($"Co-op {i}").In(i % 3 == 0 ? "FR" : "GB", "Town " + i % 7).OfTypes("worker", "consumer");
            if (i % 4 == 0) o = o.In("DE", "Berlin", 52.52, 13.405);
            return o with
            {
                AlternateNames = i % 5 == 0 ? ["Other name " + i] : [],
                Identifiers = i % 2 == 0 ? [new Identifier("wikidata", "Q" + i), new Identifier("GB-COH", "IP" + i)] : [],
                Classifications = i % 6 == 0 ? [new Classification(EssGlobal.MembershipType, "BMT30")] : [],
                Relationships = i % 10 == 0 ? [An.Relationship(RelationshipTypes.MemberOf, network, "2020-01", "member")] : [],
            };
        }).ToArray());

        var lines = Encoding.UTF8.GetString(await Site.DownloadAsync("jsonl", "?country=GB")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        await using var connection = await Site.Store.OpenAsync();
        var british = ids.Where((_, i) => (i + 1) % 3 != 0).Prepend(network).ToList();
        Assert.Equal(british, lines.Select(l => (long)JsonNode.Parse(l)!["id"]!));
        var records = await OrganizationQueries.LoadAsync(connection, british);
        Assert.Equal(records.Select(r => JsonSerializer.Serialize(OrganizationDetail.From(r), PublicJson.Options)), lines);
        Assert.Equal(ids.Count / 10, JsonNode.Parse(lines[0])!["members"]!.AsArray().Count);
    }

    [Fact]
    public async Task Tables_read_a_part_at_a_time_hold_the_same_rows_as_whole_records()
    {
        var seeded = await ExportTestData.SeedAsync(Site);

        var package = ExportTestData.Unzip(await Site.DownloadAsync("datapackage.zip"));
        var hsds = ExportTestData.Unzip(await Site.DownloadAsync("hsds.zip"));
        var popolo = JsonNode.Parse(await Site.DownloadAsync("popolo.json"))!;

        var relationship = ExportTestData.ReadCsv(package["relationships.csv"]).Single();
        Assert.Equal([$"{seeded.Tricky}", "member_of", $"{seeded.Network}", "proposed", "2019-01-01", "member"],
            [relationship["subject_id"], relationship["type"], relationship["object_id"], relationship["status"], relationship["start_date"], relationship["note"]]);
        Assert.Equal($"{ExportTestData.TrickyName} is a member of Northern Worker Co-op Federation", (string?)popolo["memberships"]!.AsArray().Single()!["label"]);
        var locations = ExportTestData.ReadCsv(hsds["locations.csv"]);
        Assert.Equal(4, locations.Count);
        Assert.Equal(2, locations.Count(l => l["name"] == ExportTestData.TrickyName));
        Assert.Equal(["M1 1AA", "69001"], ExportTestData.ReadCsv(hsds["addresses.csv"]).Select(a => a["postal_code"]));
        var sources = ExportTestData.ReadCsv(hsds["organization_sources.csv"]);
        Assert.Equal([ExportTestData.SourceName, "", ""], sources.Select(s => s["source"]));
    }
}
