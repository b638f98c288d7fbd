using System.Text.Json;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Imports;

/// <summary>
/// The Digital Public Goods registry as the demo directory holds it (imported once, through `serve`'s first start):
/// every nominee a solution, counted against the registry's own files.
/// </summary>
[Collection(DemoDirectoryCollection.Name)]
public sealed class DpgRegistryImportTests(DemoDirectory demo) : SiteTest(demo.Copy)
{
    private static string Registry => DemoData.PathOf("dpg-registry");

    private static List<JsonElement> Nominees() =>
        Directory.GetFiles(Path.Combine(Registry, "nominees"), "*.json").Select(f => JsonDocument.Parse(File.ReadAllText(f)).RootElement.Clone()).ToList();

    [Fact]
    public async Task Every_nominee_is_a_solution_with_the_types_stages_and_organization_roles_the_files_give()
    {
        var nominees = Nominees();
        var types = nominees.SelectMany(n => n.GetProperty("type").EnumerateArray().Select(t => t.GetString() == "aimodel" ? "ai-model" : t.GetString()!))
            .CountBy(t => t).OrderBy(c => c.Key).ToList();
        var stages = nominees.CountBy(n => n.GetProperty("stage").GetString()!).OrderBy(c => c.Key).ToList();
        var roles = nominees.SelectMany(n => n.GetProperty("organizations").EnumerateArray().Select(o => o.GetProperty("org_type").GetString()!))
            .CountBy(r => r).OrderBy(c => c.Key).ToList();

        await using var connection = await Site.Store.OpenAsync();
        var source = (await SourceRegistry.AllAsync(connection)).Single(s => s.Name == DpgRegistryReader.Source.SourceName);
        const string Solutions = "SELECT organization_id FROM source_records WHERE source_id = @source";
        Assert.Equal(nominees.Count, await connection.ExecuteScalarAsync<long>(
            $"SELECT count(*) FROM organizations WHERE kind = 'solution' AND id IN ({Solutions})", new { source = source.Id }));
        async Task<List<KeyValuePair<string, int>>> CountsAsync(string scheme) =>
            (await connection.QueryAsync<(string Code, long Count)>(
                $"SELECT code, count(*) FROM classifications WHERE scheme = @scheme AND organization_id IN ({Solutions}) GROUP BY code",
                new { scheme, source = source.Id })).Select(c => KeyValuePair.Create(c.Code, (int)c.Count)).OrderBy(c => c.Key).ToList();
        Assert.Equal(types, await CountsAsync("solution-type"));
        Assert.Equal(stages, await CountsAsync(DpgRegistryReader.StageScheme));

        // Each organization the registry names is a party of its solution with its role, whatever the matcher made of it
        // (as the registry's claim holds it: a solution another source lists too shows both sources' parties).
        var claims = await connection.QueryAsync<string>("SELECT content FROM source_records WHERE source_id = @source", new { source = source.Id });
        var parties = claims.SelectMany(f => JsonDocument.Parse(f).RootElement.GetProperty("solution").GetProperty("parties").EnumerateArray().Select(p => p.GetProperty("role").GetString()!))
            .CountBy(r => r).OrderBy(c => c.Key).ToList();
        Assert.Equal(roles, parties);
        Assert.Equal(267, roles.Sum(r => r.Value));
    }

    [Fact]
    public async Task A_solution_shows_its_licence_sdg_evidence_repositories_stage_and_the_screenings_countries()
    {
        await using var connection = await Site.Store.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("SELECT organization_id FROM source_records WHERE record_id = 'aam-digital'");

        var record = await Site.Http.GetJsonAsync($"/api/v1/organizations/{id}");

        Assert.Equal(("Aam Digital", "solution", "https://www.aam-digital.com"), (record.GetProperty("name").GetString(), record.GetProperty("kind").GetString(), record.GetProperty("website").GetString()));
        var classifications = record.GetProperty("classifications").EnumerateArray()
            .Select(c => (c.GetProperty("scheme").GetString(), c.GetProperty("code").GetString())).ToList();
        Assert.Contains(("dpg-stage", "DPG"), classifications);
        Assert.Equal([1, 3, 4, 5, 10], classifications.Where(c => c.Item1 == "sdg").Select(c => int.Parse(c.Item2!)).Order());
        // "Palestine State" and "United States of America" are the registry's names for PS and US.
        Assert.Equal(["DE", "IN", "PK", "PS", "RW", "TZ", "US"], classifications.Where(c => c.Item1 == "country-of-use").Select(c => c.Item2!).Order());
        Assert.Equal(["DE", "IL", "IN"], classifications.Where(c => c.Item1 == "development-country").Select(c => c.Item2!).Order());
        Assert.Contains(record.GetProperty("identifiers").EnumerateArray(), i => i.GetProperty("scheme").GetString() == "code-repository"
            && i.GetProperty("value").GetString() == "https://github.com/Aam-Digital/ndb-core");
        var solution = record.GetProperty("solution");
        Assert.Equal("GPL-3.0", solution.GetProperty("licence").GetString());
        Assert.Equal(5, solution.GetProperty("sdg_evidence").GetArrayLength());
        Assert.Equal(("maintainer", "Aam Digital GmbH"), (solution.GetProperty("parties")[0].GetProperty("role").GetString(), solution.GetProperty("parties")[0].GetProperty("name").GetString()));
    }
}
