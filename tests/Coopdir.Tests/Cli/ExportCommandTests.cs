using System.Text.Json;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Cli;

public sealed class ExportCommandTests : SiteTest
{
    [Fact]
    public async Task Export_writes_every_record_as_json_lines_or_csv_and_honours_filters()
    {
        await Site.SeedAsync(
            An.Organization("Alpha \"quoted\", with comma").In("GB", "Leeds").OfTypes("worker"),
            An.Organization("Beta \"quoted\", comma 🌱 合作社").In("FR", "Lyon"),
            An.Organization("Gamma").Described("=HYPERLINK(\"http://evil\")"));
        var jsonl = CommandLine.TempFile("all.jsonl");
        var csv = CommandLine.TempFile("workers.csv");

        var all = await CommandLine.RunAsync("export", "--format", "jsonl", "--out", jsonl, "--db", Site.StoreSetting);
        var workers = await CommandLine.RunAsync("export", "--format", "csv", "--out", csv, "--db", Site.StoreSetting, "--type", "worker");

        Assert.True(all.ExitCode == 0, all.Errors);
        var lines = File.ReadAllLines(jsonl);
        Assert.Equal(3, lines.Length);
        var names = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("name").GetString()).ToList();
        Assert.Contains("Beta \"quoted\", comma 🌱 合作社", names);
        Assert.True(workers.ExitCode == 0, workers.Errors);
        var text = File.ReadAllText(csv);
        Assert.Contains("\"Alpha \"\"quoted\"\", with comma\"", text);
        Assert.DoesNotContain("Gamma", text);

        var gamma = CommandLine.TempFile("gamma.csv");
        await CommandLine.RunAsync("export", "--format", "csv", "--out", gamma, "--db", Site.StoreSetting, "--q", "gamma");
        Assert.Contains("'=HYPERLINK(", File.ReadAllText(gamma));
    }

    [Fact]
    public async Task Export_takes_the_membership_filters_as_options()
    {
        var network = (await Site.SeedAsync(An.Organization("Federation", kind: "network")))[0];
        var regional = (await Site.SeedAsync(An.Organization("Regional Network", kind: "network").MemberOf(network)))[0];
        await Site.SeedAsync(An.Organization("Deep Member").MemberOf(regional), An.Organization("Outsider"));
        var csv = CommandLine.TempFile("members.csv");

        var run = await CommandLine.RunAsync("export", "--format", "csv", "--out", csv, "--db", Site.StoreSetting,
            "--member-of", $"{network}", "--transitive", "true", "--relationship-status", "proposed");

        Assert.True(run.ExitCode == 0, run.Errors);
        var text = File.ReadAllText(csv);
        Assert.Contains("Regional Network", text);
        Assert.Contains("Deep Member", text);
        Assert.DoesNotContain("Outsider", text);
    }

    [Fact]
    public async Task Export_takes_a_place_by_name_and_a_radius_as_the_search_page_does()
    {
        await Site.SeedAsync(
            An.Organization("Leeds Bakers").In("GB", "Leeds", 53.80, -1.55),
            An.Organization("Bradford Weavers").In("GB", "Bradford", 53.79, -1.75),
            An.Organization("London Printers").In("GB", "London", 51.51, -0.13));
        var csv = CommandLine.TempFile("near-leeds.csv");

        var run = await CommandLine.RunAsync("export", "--format", "csv", "--out", csv, "--db", Site.StoreSetting, "--place", "Leeds", "--radius-km", "25");
        var unknown = await CommandLine.RunAsync("export", "--format", "csv", "--db", Site.StoreSetting, "--place", "Atlantis");

        Assert.True(run.ExitCode == 0, run.Errors);
        var text = File.ReadAllText(csv);
        Assert.Contains("Leeds Bakers", text);
        Assert.Contains("Bradford Weavers", text);
        Assert.DoesNotContain("London Printers", text);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--place: no organization is in a locality named 'Atlantis'", unknown.Errors);
    }

    [Fact]
    public async Task A_bad_filter_is_reported_by_option_name()
    {
        using var store = new TemporaryStore();
        var run = await CommandLine.RunAsync("export", "--format", "csv", "--db", store.Setting, "--kind", "spaceship");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--kind", run.Errors);
    }
}
