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

    [Fact]
    public async Task Relationships_expand_to_org_and_schema_org_links_and_each_membership_to_a_qualified_org_membership()
    {
        var seeded = await ExportTestData.SeedAsync(Site);
        await ExportTestData.RelateAsync(Site, seeded);

        var expanded = await JsonLdProcessor.ExpandAsync(Encoding.UTF8.GetString(await Site.DownloadAsync("jsonld")));

        var nodes = expanded.Select(n => n!.AsObject()).ToDictionary(n => Id(n)!);
        JsonNode network = nodes[Url(seeded.Network)], tricky = nodes[Url(seeded.Tricky)], gamma = nodes[Url(seeded.Formula)];
        Assert.Equal([Url(seeded.Network)], Ids(tricky, $"{Org}memberOf"));
        Assert.Equal([Url(seeded.Tricky)], Ids(network, $"{Org}hasMember"));
        // Gamma's membership ended: no plain link says it holds.
        Assert.Empty(Ids(gamma, $"{Org}memberOf"));
        Assert.Equal([Url(seeded.Tricky)], Ids(gamma, $"{Schema}parentOrganization"));
        Assert.Equal([Url(seeded.Tricky)], Ids(gamma, $"{Org}subOrganizationOf"));
        Assert.Equal([Url(seeded.Formula)], Ids(tricky, $"{Org}hasSubOrganization"));
        Assert.Equal([Url(seeded.Formula)], Ids(tricky, $"{Schema}subOrganization"));
        Assert.Equal([Url(seeded.Network), Url(seeded.Tricky)], Ids(gamma, $"{Org}linkedTo").Order());
        Assert.Equal([Url(seeded.Formula)], Ids(network, $"{Org}linkedTo"));
        Assert.Equal([Url(seeded.Formula)], Ids(tricky, $"{Org}linkedTo"));

        var ended = Assert.Single(gamma[$"{Org}hasMembership"]!.AsArray())!;
        Assert.StartsWith(new Uri(Site.BaseAddress, "/relationships/").AbsoluteUri, Id(ended));
        Assert.Equal([$"{Org}Membership"], Types(ended));
        Assert.Equal([Url(seeded.Formula)], Ids(ended, $"{Org}member"));
        Assert.Equal([Url(seeded.Network)], Ids(ended, $"{Org}organization"));
        Assert.Equal("ended", Value(ended, "http://www.w3.org/ns/adms#status"));
        var during = ended[$"{Org}memberDuring"]![0]!;
        Assert.Equal([$"{Time}Interval"], Types(during));
        Assert.Equal(("2010", $"{Xsd}gYear"), Literal(during[$"{Time}hasBeginning"]![0]!, $"{Time}inXSDgYear"));
        Assert.Equal(("2020-06", $"{Xsd}gYearMonth"), Literal(during[$"{Time}hasEnd"]![0]!, $"{Time}inXSDgYearMonth"));
        var current = Assert.Single(tricky[$"{Org}hasMembership"]!.AsArray())!;
        Assert.Equal("proposed", Value(current, "http://www.w3.org/ns/adms#status"));
        Assert.Equal(("2019-01-01", $"{Xsd}date"), Literal(current[$"{Org}memberDuring"]![0]![$"{Time}hasBeginning"]![0]!, $"{Time}inXSDDate"));
    }

    private const string Time = "http://www.w3.org/2006/time#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    private static List<string?> Ids(JsonNode node, string property) =>
        node[property]?.AsArray().Select(v => Id(v!)).ToList() ?? [];

    private static (string?, string?) Literal(JsonNode node, string property) =>
        ((string?)node[property]![0]!["@value"], (string?)node[property]![0]!["@type"]);

    private string Url(long id) => new Uri(Site.BaseAddress, $"/organizations/{id}").AbsoluteUri;

    private static string? Id(JsonNode node) => (string?)node["@id"];

    private static IEnumerable<string?> Types(JsonNode node) => node["@type"]!.AsArray().Select(t => (string?)t);

    private static string? Value(JsonNode node, string property) => node[property]?[0]?["@value"]?.ToString();
}
