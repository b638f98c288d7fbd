using System.Text;
using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

/// <summary>Exports read the store a batch at a time; every record must come out once, whole, in id order.</summary>
public sealed class ExportBatchesTests
{
    [Fact]
    public async Task An_export_larger_than_a_batch_has_every_record_once_in_id_order()
    {
        await using var site = await TestSite.StartAsync();
        var count = OrganizationStream.BatchSize * 2 + 7;
        var ids = site.Seed(Enumerable.Range(1, count).Select(i => An.Organization($"Co-op number {i}").In("GB", "Leeds")).ToArray());

        var lines = Encoding.UTF8.GetString(await site.DownloadAsync("jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(ids, lines.Select(l => (long)JsonNode.Parse(l)!["id"]!));
        Assert.All(lines, l => Assert.Equal("Leeds", (string?)JsonNode.Parse(l)!["locations"]![0]!["locality"]));
    }

    [Fact]
    public async Task A_search_whose_matches_are_far_apart_exports_just_those_records_whole()
    {
        await using var site = await TestSite.StartAsync();
        var ids = site.Seed(
            An.Organization("First French").In("FR", "Lyon").OfTypes("worker"),
            An.Organization("British 1").In("GB"), An.Organization("British 2").In("GB"), An.Organization("British 3").In("GB"),
            An.Organization("British 4").In("GB"), An.Organization("British 5").In("GB"),
            An.Organization("Last French").In("FR", "Paris").OfTypes("consumer"));

        var rows = ExportTestData.ReadCsv(Encoding.UTF8.GetString(await site.DownloadAsync("csv", "?country=FR")));

        Assert.Equal([ids[0], ids[^1]], rows.Select(r => long.Parse(r["id"])));
        Assert.Equal(["Lyon", "Paris"], rows.Select(r => r["locality"]));
        Assert.Equal(["worker", "consumer"], rows.Select(r => r["types"]));
    }
}
