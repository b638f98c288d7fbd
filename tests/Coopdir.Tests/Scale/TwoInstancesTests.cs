using Coopdir.Tests.Support;

namespace Coopdir.Tests.Scale;

/// <summary>The app is stateless: several `coopdir serve` processes share one store and agree at once.</summary>
public sealed class TwoInstancesTests
{
    [Fact]
    public async Task A_change_written_through_the_store_is_seen_at_once_by_both_instances()
    {
        using var store = new TemporaryStore();
        await using var first = await ServerProcess.StartAsync(store.Setting);
        await using var second = await ServerProcess.StartAsync(store.Setting);
        Assert.Equal(0, (await first.Http.GetJsonAsync("/api/v1/organizations")).GetProperty("total").GetInt64());
        Assert.Equal(0, (await second.Http.GetJsonAsync("/api/v1/organizations")).GetProperty("total").GetInt64());

        var csv = CommandLine.TempFile("orgs.csv", "Name,Town,Country\nDrummond Street Co-op,Leeds,GB\n");
        var mapping = CommandLine.TempFile("mapping.json", """{ "columns": { "name": "Name", "locality": "Town", "country": "Country" } }""");
        var import = await CommandLine.RunAsync("import", "--format", "csv", csv, "--mapping", mapping, "--db", store.Setting);
        Assert.True(import.ExitCode == 0, import.Errors);

        Assert.Equal(["Drummond Street Co-op"], (await first.Http.GetJsonAsync("/api/v1/organizations?q=drummond")).Names());
        Assert.Equal(["Drummond Street Co-op"], (await second.Http.GetJsonAsync("/api/v1/organizations?q=drummond")).Names());
        Assert.Equal(1, (await second.Http.GetJsonAsync("/api/v1/organizations?locality=leeds")).GetProperty("facets").GetProperty("country").GetProperty("GB").GetInt64());
    }
}
