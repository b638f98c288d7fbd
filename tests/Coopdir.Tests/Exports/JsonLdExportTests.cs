using System.Text;
using System.Text.Json.Nodes;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Exports;

public sealed class JsonLdExportTests : SiteTest
{
    private const string Schema = "http://schema.org/";
    private const string Org = "http://www.w3.org/ns/org#";

    [Fact]
    public async Task The_json_ld_export_expands_to_schema_org_and_w3c_org_iris_in_a_standard_processor()
    {
        var seeded = await ExportTestData.SeedAsync(Site);

        var expanded = await JsonLdProcessor.ExpandAsync(Encoding.UTF8.GetString(await Site.DownloadAsync("jsonld")));

        var nodes = expanded.Select(n => n!.AsObject()).ToList();
        Assert.Equal(3, nodes.Count);
        var tricky = nodes.Single(n => Id(n) == Url(seeded.Tricky));
        Assert.Contains($"{Schema}Organization", Types(tricky));
        Assert.Contains($"{Org}Organization", Types(tricky));
        Assert.Equal(ExportTestData.TrickyName, Value(tricky, $"{Schema}name"));
        Assert.Equal(Url(seeded.Network), Id(tricky[$"{Org}memberOf"]![0]!));
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", Id(tricky[$"{Schema}license"]![0]!));
        var place = tricky[$"{Schema}location"]![0]!;
        var geo = place[$"{Schema}geo"]![0]!;
        Assert.Equal("45.764", Value(geo, $"{Schema}latitude")?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Assert.Equal("Lyon", Value(place[$"{Schema}address"]![0]!, $"{Schema}addressLocality"));
        var network = nodes.Single(n => Id(n) == Url(seeded.Network));
        Assert.Equal(Url(seeded.Tricky), Id(network[$"{Org}hasMember"]![0]!));
        Assert.Equal("https://opendatacommons.org/licenses/by/1-0/", Id(network[$"{Schema}license"]![0]!));
    }

    private string Url(long id) => new Uri(Site.BaseAddress, $"/organizations/{id}").AbsoluteUri;

    private static string? Id(JsonNode node) => (string?)node["@id"];

    private static IEnumerable<string?> Types(JsonNode node) => node["@type"]!.AsArray().Select(t => (string?)t);

    private static string? Value(JsonNode node, string property) => node[property]?[0]?["@value"]?.ToString();
}
