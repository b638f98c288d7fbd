using Coopdir.Core.Imports;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Areas;

/// <summary>
/// The places layer over the real files: Co-operatives UK's 2023 co-ops, Code for America's brigade list and
/// GitHub's government and civic hacker accounts, imported as the demo directory imports them, with the
/// areas it ships.
/// </summary>
public sealed class MunicipalistDataTests : SiteTest
{
    [Fact]
    public async Task A_state_finds_its_cities_organizations_and_the_oakland_and_leeds_pages_show_the_mix_of_kinds_the_files_give()
    {
        await TestAreas.LoadAsync(Site);
        foreach (var file in new[] { "sea_standard_coops-uk_Q2-2023.csv", "brigade-information-organizations.json", "governments.yml", "civic_hackers.yml" })
        {
            var source = DemoData.Sources.Single(s => s.FileName == file);
            Assert.True((await new Importer(Site.Store, TimeProvider.System).RunAsync(source.Read(DemoData.PathOf(file)), source.Options)).Written, file);
        }
        await DemoData.PreferTheBrigadeListAsync(Site.Store, TimeProvider.System);

        var california = await Site.Http.GetJsonAsync($"/api/v1/organizations?area={TestAreas.California}&page_size=100");
        var names = california.Names();
        Assert.Contains("Open Oakland", names);
        Assert.Contains("Code for San Francisco", names);
        Assert.Contains("18F", names);
        Assert.DoesNotContain("Code for Seattle", names);

        var oakland = await Site.Http.GetJsonAsync($"/api/v1/areas/{TestAreas.Oakland}");
        Assert.Equal(["California Civic Lab", "Oakland TechEquity", "Open Oakland"], Group(oakland, "civic-tech"));
        Assert.Empty(Group(oakland, "municipality"));
        Assert.Equal("Code for America", Assert.Single(oakland.GetProperty("networks").EnumerateArray()).GetProperty("label").GetString());
        var sanFrancisco = await Site.Http.GetJsonAsync($"/api/v1/areas/{TestAreas.SanFrancisco}");
        Assert.Equal(["18F", "Data SF"], Group(sanFrancisco, "digital-service"));

        var leeds = await Site.Http.GetJsonAsync($"/api/v1/areas/{TestAreas.Leeds}");
        var kinds = leeds.GetProperty("kinds").EnumerateArray().ToDictionary(k => k.GetProperty("value").GetString()!, k => k.GetProperty("count").GetInt32());
        Assert.Equal(leeds.GetProperty("organizations").GetInt32(), kinds.Values.Sum());
        Assert.InRange(kinds["cooperative"], 100, 120);
        Assert.Equal(kinds["cooperative"], leeds.GetProperty("cooperatives").GetInt32());
        Assert.Contains("consumer", leeds.GetProperty("cooperative_types").EnumerateArray().Select(t => t.GetProperty("value").GetString()));
        Assert.Contains("Leeds", (await Site.Http.GetPageAsync($"/areas/{TestAreas.Leeds}")).QuerySelector("h1")!.TextContent);
    }

    private static List<string?> Group(System.Text.Json.JsonElement area, string kind) =>
        area.GetProperty("municipalist").EnumerateArray().Single(g => g.GetProperty("kind").GetString() == kind)
            .GetProperty("organizations").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
}
