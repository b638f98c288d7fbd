using Coopdir.Tests.Support;

namespace Coopdir.Tests.Cli;

public sealed class AreasCommandTests : SiteTest
{
    [Fact]
    public async Task Loading_a_division_list_makes_its_places_searchable_and_unresolved_places_are_listed_with_why()
    {
        var list = Path.Combine(Path.GetTempPath(), $"areas-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(list, "id,name\nocd-division/country:nz,New Zealand\nocd-division/country:nz/region:wgn,Wellington\n" +
            "ocd-division/country:nz/region:wgn/place:wellington,Wellington City\nocd-division/country:nz/region:wgn/place:lower_hutt,Lower Hutt\n");
        await Site.SeedAsync(An.Organization("Harbour Bakers").In("NZ", "Wellington", region: "Wellington"),
            An.Organization("Kauri Co-op").In("NZ", "Whangārei"));

        var run = await CommandLine.RunAsync("areas", "load", list, "--source-name", "Test list", "--db", Site.StoreSetting);
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("4 added, 0 updated, 0 unchanged", run.Output);
        Assert.Equal(["Harbour Bakers"], (await Site.Http.GetJsonAsync("/api/v1/organizations?area=ocd-division/country:nz/region:wgn/place:wellington")).Names());
        Assert.Equal("Test list", (await Site.Http.GetJsonAsync("/api/v1/areas/ocd-division/country:nz/region:wgn")).GetProperty("source").GetString());

        var unresolved = await CommandLine.RunAsync("areas", "unresolved", "--db", Site.StoreSetting);
        Assert.Contains("1\tNZ\t-\tWhangārei\tno city or town named \"Whangārei\" in New Zealand", unresolved.Output);

        await File.WriteAllTextAsync(list, "id,name\nwellington,Wellington\n");
        var bad = await CommandLine.RunAsync("areas", "load", list, "--db", Site.StoreSetting);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("line 2: id: \"wellington\" is not an OCD division id", bad.Errors);
        File.Delete(list);
    }
}
