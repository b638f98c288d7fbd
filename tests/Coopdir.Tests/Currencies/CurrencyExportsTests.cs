using System.Text;
using System.Text.Json.Nodes;
using Coopdir.Tests.Exports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Currencies;

/// <summary>A currency's kind and facets survive every export family that has a place for them.</summary>
public sealed class CurrencyExportsTests : SiteTest
{
    private const string Facets = "cc-monetary-model:mutual | cc-cost-recovery:membershipFee";

    private async Task<long> SeedAsync() =>
        (await Site.SeedAsync(Currency.Named("Test Hours", ("cc-monetary-model", "mutual"), ("cc-cost-recovery", "membershipFee"))
            .In("GB", "Totnes", 50.43, -3.69)))[0];

    private static ISet<string> Split(string? list) => (list ?? "").Split(" | ", StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    [Fact]
    public async Task Csv_has_the_currency_kind_and_its_facets_as_classifications()
    {
        await SeedAsync();

        var row = Assert.Single(ExportTestData.ReadCsv(Encoding.UTF8.GetString(await Site.DownloadAsync("csv"))));

        Assert.Equal("currency", row["kind"]);
        Assert.Equal(Split(Facets), Split(row["classifications"]));
    }

    [Fact]
    public async Task Json_lines_has_the_facets_with_their_labels_and_reads_back_in_as_a_currency()
    {
        await SeedAsync();

        var line = JsonNode.Parse(Encoding.UTF8.GetString(await Site.DownloadAsync("jsonl")).Trim())!;

        Assert.Equal("currency", (string?)line["kind"]);
        var mutual = line["classifications"]!.AsArray().Single(c => (string?)c!["scheme"] == "cc-monetary-model")!;
        Assert.Equal(("mutual", "Mutual credit e.g. Sardex, Wir, business barter, LETS"), ((string?)mutual["code"], (string?)mutual["label"]));
    }

    [Fact]
    public async Task GeoJson_has_the_kind_and_the_facets_as_flat_properties()
    {
        await SeedAsync();

        var feature = Assert.Single(JsonNode.Parse(await Site.DownloadAsync("geojson"))!["features"]!.AsArray())!;

        Assert.Equal("currency", (string?)feature["properties"]!["kind"]);
        Assert.Equal(Split(Facets), Split((string?)feature["properties"]!["classifications"]));
    }

    [Fact]
    public async Task Json_ld_classifies_it_with_the_published_kind_and_facet_concepts()
    {
        var id = await SeedAsync();
        var vocabularies = new Uri(Site.BaseAddress, "/vocabularies/").AbsoluteUri;

        var expanded = await JsonLdProcessor.ExpandAsync(Encoding.UTF8.GetString(await Site.DownloadAsync("jsonld")));

        var node = Assert.Single(expanded)!;
        Assert.Equal(new Uri(Site.BaseAddress, $"/organizations/{id}").AbsoluteUri, (string?)node["@id"]);
        Assert.Equal([$"{vocabularies}cc-cost-recovery#membershipFee", $"{vocabularies}cc-monetary-model#mutual", $"{vocabularies}kind#currency"],
            node["http://www.w3.org/ns/org#classification"]!.AsArray().Select(c => (string)c!["@id"]!).Order());
        // Each concept is one the vocabulary publishes.
        var published = await Site.Http.GetJsonAsync("/vocabularies/cc-monetary-model.json");
        Assert.Contains($"{vocabularies}cc-monetary-model#mutual", published.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("uri").GetString()));
    }

    [Fact]
    public async Task Popolo_and_hsds_keep_the_currency_kind()
    {
        await SeedAsync();

        var popolo = Assert.Single(JsonNode.Parse(await Site.DownloadAsync("popolo.json"))!["organizations"]!.AsArray())!;
        var hsds = Assert.Single(ExportTestData.ReadCsv(ExportTestData.Unzip(await Site.DownloadAsync("hsds.zip"))["organizations.csv"]));

        Assert.Equal("currency", (string?)popolo["classification"]);
        Assert.Equal("Community currency", hsds["legal_status"]);
    }
}
