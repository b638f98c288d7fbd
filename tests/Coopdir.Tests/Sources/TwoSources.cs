using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Sources;

/// <summary>
/// Two small sources imported through the product's importer, sharing one organization by an identifier:
/// Alpha (2024, the newer) lists the bakery, with a website only it gives, and a housing co-op only it lists;
/// Beta (2023) lists the bakery under another name, with a description.
/// </summary>
public sealed record TwoSources(long Alpha, long Beta, long Bakery, long AlphaOnly)
{
    public const string AlphaName = "Alpha register", BetaName = "Beta map";

    public static readonly ImportRecord[] AlphaRows =
    [
        new(2, "1", An.Organization("Riverside Bakery Co-op").In("GB", "Leeds") with { Website = "https://riverside.example" }),
        new(3, "2", An.Organization("Hillside Housing Co-op").In("GB", "York")),
    ];

    public static readonly ImportRecord[] BetaRows =
    [
        new(2, "b1", An.Organization("Riverside Bakery").In("GB", "Leeds").Described("Bread from Leeds")
            with { Identifiers = [new Identifier("alpha", "1")] }),
    ];

    public static async Task<TwoSources> ImportAsync(TestSite site)
    {
        await ImportAlphaAsync(site);
        await ImportAsync(site, BetaName, "2023", null, BetaRows);
        await using var connection = await site.Store.OpenAsync();
        var sources = (await SourceRegistry.AllAsync(connection)).ToDictionary(s => s.Name, s => s.Id);
        var ids = (await Core.Sources.SourceRecords.OfOrganizationsAsync(connection, [.. Enumerable.Range(1, 10).Select(i => (long)i)]))
            .ToDictionary(g => g.Key, g => g.Select(c => c.Claim.SourceId).ToList());
        var bakery = ids.Single(i => i.Value.Count == 2).Key;
        var alphaOnly = ids.Single(i => i.Value.Count == 1 && i.Value[0] == sources[AlphaName]).Key;
        return new TwoSources(sources[AlphaName], sources[BetaName], bakery, alphaOnly);
    }

    public static Task ImportAlphaAsync(TestSite site) => ImportAsync(site, AlphaName, "2024", "alpha", AlphaRows);

    private static async Task ImportAsync(TestSite site, string name, string vintage, string? scheme, ImportRecord[] rows)
    {
        var report = await new Importer(site.Store, TimeProvider.System).RunAsync(new ParsedFile([], rows, [], []),
            new ImportOptions(name, "CC-BY-4.0", Publisher: $"{name} publisher", Vintage: vintage, IdScheme: scheme));
        Assert.True(report.Written, string.Join("; ", report.Errors));
    }
}
