using System.Text.Json.Nodes;
using Coopdir.Tests.Support;

namespace Coopdir.Tests.Cli;

/// <summary>`coopdir import --format dpg FOLDER` over a small registry made of the real one's files.</summary>
public sealed class DpgImportCommandTests
{
    private static string Real(string folder, string slug) => File.ReadAllText(DemoData.PathOf(Path.Combine("dpg-registry", folder, $"{slug}.json")));

    /// <summary>A registry folder holding two real nominees (one with its screening) and a screening file no nominee has.</summary>
    private static string Registry(Func<string, string>? changeSecond = null)
    {
        var root = CommandLine.TempFile("registry");
        Directory.CreateDirectory(Path.Combine(root, "nominees"));
        Directory.CreateDirectory(Path.Combine(root, "digitalpublicgoods"));
        File.WriteAllText(Path.Combine(root, "nominees", "aam-digital.json"), Real("nominees", "aam-digital"));
        File.WriteAllText(Path.Combine(root, "nominees", "aajeevika.json"), (changeSecond ?? (json => json))(Real("nominees", "aajeevika")));
        File.WriteAllText(Path.Combine(root, "digitalpublicgoods", "aam-digital.json"), Real("digitalpublicgoods", "aam-digital"));
        File.WriteAllText(Path.Combine(root, "digitalpublicgoods", "yallakhedmeh.json"), Real("digitalpublicgoods", "yallakhedmeh"));
        return root;
    }

    [Fact]
    public async Task A_registry_folder_imports_as_the_registrys_source_and_reports_screenings_without_a_nominee()
    {
        using var store = new TemporaryStore();

        var run = await CommandLine.RunAsync("import", "--format", "dpg", Registry(), "--db", store.Setting);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Contains("2 nominees, 2 screening files (1 without a nominee, not imported: yallakhedmeh)", run.Output);
        Assert.Contains("2 rows: 2 added", run.Output);
        Assert.Contains("Source: Digital Public Goods registry (Unlicense)", run.Output);
        Assert.Equal(2, await store.OrganizationCountAsync());
    }

    [Fact]
    public async Task A_nominee_against_the_registrys_schema_is_named_by_file_and_path_and_nothing_is_written()
    {
        using var store = new TemporaryStore();
        var wrongType = Registry(json =>
        {
            var nominee = JsonNode.Parse(json)!;
            nominee["type"] = new JsonArray("app");
            return nominee.ToJsonString();
        });

        var run = await CommandLine.RunAsync("import", "--format", "dpg", wrongType, "--db", store.Setting);
        var missing = await CommandLine.RunAsync("import", "--format", "dpg", Path.Combine(wrongType, "nowhere"), "--db", store.Setting);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nominee 1: nominees/aajeevika.json: type[0]: does not follow the registry's schema", run.Errors);
        Assert.Contains("(found \"app\")", run.Errors);
        Assert.Contains("Nothing was written", run.Output);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such folder", missing.Errors);
        Assert.Equal(0, await store.OrganizationCountAsync());
    }
}
