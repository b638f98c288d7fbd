using Coopdir.Tests.Sources;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Cli;

public sealed class SourcesCommandTests : SiteTest
{
    [Fact]
    public async Task A_fields_order_of_sources_changes_which_value_shows_and_is_published()
    {
        var s = await TwoSources.ImportAsync(Site);
        // By default the newer vintage (Alpha, 2024) gives the name.
        Assert.Equal("Riverside Bakery Co-op", (await Site.Http.GetJsonAsync($"/api/v1/organizations/{s.Bakery}")).GetProperty("name").GetString());

        var run = await CommandLine.RunAsync("sources", "precedence", "--field", "name", "--order", $"{TwoSources.BetaName}, {TwoSources.AlphaName}",
            "--db", Site.StoreSetting);
        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("1 records merged again with changes", run.Output);

        var bakery = await Site.Http.GetJsonAsync($"/api/v1/organizations/{s.Bakery}");
        Assert.Equal("Riverside Bakery", bakery.GetProperty("name").GetString());
        Assert.Contains("Riverside Bakery Co-op", bakery.GetProperty("alternate_names").EnumerateArray().Select(n => n.GetString()));
        var orders = await Site.Http.GetJsonAsync("/api/v1/sources/precedence");
        var name = orders.EnumerateArray().Single(o => o.GetProperty("field").GetString() == "name");
        Assert.Equal([TwoSources.BetaName, TwoSources.AlphaName], name.GetProperty("sources").EnumerateArray().Select(x => x.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Precedence_refuses_a_field_the_record_does_not_have_and_a_source_that_does_not_exist()
    {
        await TwoSources.ImportAsync(Site);
        var run = await CommandLine.RunAsync("sources", "precedence", "--field", "colour", "--order", "Gamma,Beta map", "--db", Site.StoreSetting);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'colour' is not a field of the record", run.Errors);
        Assert.Contains("there is no source 'Gamma'", run.Errors);
        Assert.Empty((await Site.Http.GetJsonAsync("/api/v1/sources/precedence")).EnumerateArray());
    }

    [Fact]
    public async Task Sources_list_and_retire_from_the_command_line()
    {
        var s = await TwoSources.ImportAsync(Site);
        var retire = await CommandLine.RunAsync("sources", "retire", TwoSources.AlphaName, "--db", Site.StoreSetting);
        Assert.True(retire.ExitCode == 0, retire.Errors);
        Assert.Contains("1 records merged again with changes", retire.Output);
        Assert.Contains("1 now listed by no source", retire.Output);
        var again = await CommandLine.RunAsync("sources", "retire", TwoSources.AlphaName, "--db", Site.StoreSetting);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already retired", again.Errors);

        var list = await CommandLine.RunAsync("sources", "list", "--db", Site.StoreSetting);
        var alpha = list.Output.Split('\n').Single(l => l.StartsWith($"{s.Alpha}\t"));
        Assert.Contains("Alpha register publisher\t2024\tCC-BY-4.0\t2\t", alpha);
        Assert.DoesNotContain("\tno", alpha);
        Assert.EndsWith("\tno", list.Output.Split('\n').Single(l => l.StartsWith($"{s.Beta}\t")).TrimEnd());
    }
}
