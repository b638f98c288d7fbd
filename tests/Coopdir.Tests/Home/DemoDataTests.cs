using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Home;

[Collection(DemoDirectoryCollection.Name)]
public sealed class DemoDataTests(DemoDirectory demo) : SiteTest(demo.Copy)
{
    [Fact]
    public async Task First_start_merges_the_demo_sources_with_their_licences()
    {
        var all = await Site.Http.GetJsonAsync("/api/v1/organizations?page_size=1");
        await using var connection = await Site.Store.OpenAsync();
        var sources = (await SourceRegistry.AllAsync(connection)).ToDictionary(s => s.Name);
        Assert.Equal(DemoData.Sources.Select(s => s.Options.SourceName).Order(), sources.Keys.Order());
        var coopsUk = DemoData.Sources.Take(2).Select(s => sources[s.Options.SourceName].Id).ToList();
        var susy = sources[DemoData.Sources[2].Options.SourceName];
        var civic = DemoData.Sources.Skip(3).Take(3).Select(s => sources[s.Options.SourceName]).ToList();
        var dpg = sources[DpgRegistryReader.Source.SourceName];

        // The two Co-operatives UK files: 10,218 co-ops; the SUSY initiatives they do not list come on top.
        Assert.Equal(10_218, await connection.ExecuteScalarAsync<long>(
            "SELECT count(DISTINCT organization_id) FROM source_records WHERE source_id IN (@a, @b)", new { a = coopsUk[0], b = coopsUk[1] }));
        var susyOnly = await connection.ExecuteScalarAsync<long>("""
            SELECT count(DISTINCT organization_id) FROM source_records r WHERE source_id = @susy
            AND NOT EXISTS (SELECT 1 FROM source_records o WHERE o.organization_id = r.organization_id AND o.source_id IN (@a, @b))
            """, new { susy = susy.Id, a = coopsUk[0], b = coopsUk[1] });
        Assert.InRange(susyOnly, 1_500, 1_602);
        // The civic tech groups, governments and networks, merged among themselves by their GitHub accounts.
        var civicOnly = await connection.ExecuteScalarAsync<long>("""
            SELECT count(DISTINCT r.organization_id) FROM source_records r JOIN organizations o ON o.id = r.organization_id
            WHERE r.source_id NOT IN (@a, @b, @susy) AND o.kind <> 'solution'
            AND NOT EXISTS (SELECT 1 FROM source_records x WHERE x.organization_id = r.organization_id AND x.source_id IN (@a, @b, @susy))
            """, new { susy = susy.Id, a = coopsUk[0], b = coopsUk[1] });
        Assert.InRange(civicOnly, 1_300, 223 + 955 + 309);
        // Shared solutions: every Digital Public Goods registry nominee, and the publiccode.yml files (the standard's
        // two examples, code.gouv.fr's 19), which merge with a nominee only where they share a repository.
        var nominees = Directory.GetFiles(DemoData.PathOf(Path.Combine("dpg-registry", "nominees")), "*.json").Length;
        var publicCodeFiles = Directory.GetFiles(DemoData.PathOf("publiccode"), "*.yml", SearchOption.AllDirectories).Length;
        Assert.Equal(nominees, await connection.ExecuteScalarAsync<long>(
            "SELECT count(DISTINCT organization_id) FROM source_records WHERE source_id = @dpg", new { dpg = dpg.Id }));
        var solutions = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organizations WHERE kind = 'solution'");
        Assert.InRange(solutions, nominees + 1, nominees + publicCodeFiles);
        Assert.Equal(10_218 + susyOnly + civicOnly + solutions, all.GetProperty("total").GetInt64());
        Assert.All(coopsUk, id => Assert.Equal("ODC-By-1.0", sources.Values.Single(s => s.Id == id).Licence));
        Assert.Equal("LicenseRef-PublicDomain", susy.Licence);
        Assert.Equal(["CC0-1.0", "CC0-1.0", "MIT"], civic.Select(s => s.Licence).Order());
        Assert.Equal("Unlicense", dpg.Licence);
    }

    [Fact]
    public async Task Real_co_ops_are_found_by_name_place_and_type()
    {
        Assert.Equal("Unicorn Grocery Limited", (await Site.Http.GetJsonAsync("/api/v1/organizations?q=unicorn%20grocery")).Names()[0]);
        Assert.Equal("Co-operative Group Limited", (await Site.Http.GetJsonAsync("/api/v1/organizations?q=co-operative%20group%20limited")).Names()[0]);
        var manchesterWorkers = await Site.Http.GetJsonAsync("/api/v1/organizations?locality=Manchester&type=worker");
        Assert.True(manchesterWorkers.GetProperty("total").GetInt64() > 5);
        var nearby = await Site.Http.GetJsonAsync("/api/v1/organizations?near=53.4808,-2.2426&radius_km=2&page_size=100");
        Assert.All(nearby.GetProperty("items").EnumerateArray(), i => Assert.InRange(i.GetProperty("distance_km").GetDouble(), 0, 2));
        Assert.True(nearby.GetProperty("total").GetInt64() > 20);
    }

    [Fact]
    public async Task An_imported_record_shows_its_source_licence_and_essglobal_classifications()
    {
        var id = (await Site.Http.GetJsonAsync("/api/v1/organizations?q=unicorn%20grocery")).GetProperty("items")[0].GetProperty("id").GetInt64();

        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");
        var page = await Site.Http.GetPageAsync($"/organizations/{id}");

        Assert.Equal("R002167", record.GetProperty("source").GetProperty("record_id").GetString());
        Assert.Equal("ODC-By-1.0", record.GetProperty("source").GetProperty("licence").GetProperty("id").GetString());
        Assert.Contains(record.GetProperty("classifications").EnumerateArray(), c => c.GetProperty("scheme").GetString() == EssGlobal.OrganisationalStructure);
        Assert.Contains("Contains Co-operatives UK open data", page.QuerySelector("section[aria-labelledby=source]")!.TextContent);
        Assert.Contains("Open Data Commons Attribution", page.QuerySelector("section[aria-labelledby=source]")!.TextContent);
    }
}
