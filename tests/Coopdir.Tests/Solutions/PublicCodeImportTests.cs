using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions.PublicCode;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Solutions;

/// <summary>publiccode.yml through the API and the command line: all or nothing, problems by file and key path, parties matched.</summary>
public sealed class PublicCodeImportTests : SiteTest
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "data", "publiccode");

    private static StringContent Yaml(string text) => new(text, new MediaTypeHeaderValue("text/yaml"));

    [Fact]
    public async Task An_editor_imports_a_file_its_funder_is_matched_and_the_solution_reads_back_as_publiccode_yml()
    {
        var editor = await Site.AccountAsync("editor");
        var invalid = File.ReadAllText(Path.Combine(Data, "parser-testdata", "v0", "invalid", "description_en_shortDescription_missing.yml"));
        using (var rejected = await editor.Api.PostAsync("/api/v1/solutions/import", Yaml(invalid)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
            var problem = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync()).RootElement;
            Assert.True(problem.GetProperty("errors").TryGetProperty("publiccode.yml: description.en.shortDescription", out _), problem.ToString());
        }
        var (foundation, _) = await SeedAsync();
        Assert.Equal(0, await CountAsync("solution"));

        var file = File.ReadAllText(Path.Combine(Data, "standard", "example", "publiccode.yml"))
            .Replace("usedBy:", "fundedBy:\n  - uri: https://foundation.example.org/\n    name: The Example Foundation\nusedBy:");
        using var imported = await editor.Api.PostAsync("/api/v1/solutions/import", Yaml(file));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var body = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, body.GetProperty("added").GetInt32());

        await using var connection = await Site.Store.OpenAsync();
        var id = await connection.ExecuteScalarAsync<long>("SELECT id FROM organizations WHERE name = 'Medusa'");
        var medusa = (await OrganizationQueries.GetAsync(connection, id))!;
        // A name and a website, with no place or identifier, are never enough for the matcher to be sure: the funder is the
        // foundation "possibly", for people to confirm by making the relationship; nothing is asserted, nothing invented.
        var funder = medusa.Content.Solution!.Parties!.Single(p => p.Role == "funder");
        Assert.Equal((null, (long?)foundation), (funder.OrganizationId, funder.PossibleOrganizationId));
        Assert.Empty(medusa.Content.Relationships);
        var unknown = medusa.Content.Solution.Parties!.Single(p => p.Name == "Comune di Roma");
        Assert.Equal((null, null), (unknown.OrganizationId, unknown.PossibleOrganizationId));
        Assert.Equal(3, await CountAsync("other") + await CountAsync("municipality") + await CountAsync("solution"));

        using var yaml = await Site.Http.GetAsync($"/api/v1/solutions/{id}/publiccode.yml");
        Assert.Equal("text/yaml", yaml.Content.Headers.ContentType?.MediaType);
        var reread = PublicCodeReader.Read(await yaml.Content.ReadAsStringAsync());
        Assert.True(reread.IsValid, string.Join("; ", reread.Errors));
        Assert.Equal(HttpStatusCode.NotFound, (await Site.Http.GetAsync($"/api/v1/solutions/{foundation}/publiccode.yml")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Site.Http.PostAsync("/api/v1/solutions/import", Yaml(file))).StatusCode);
    }

    [Fact]
    public async Task The_upload_page_is_for_editors_and_sends_others_to_sign_in()
    {
        using var page = await Site.Http.GetAsync("/solutions/import");
        Assert.Equal("/sign-in", page.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fsolutions%2Fimport", page.RequestMessage.RequestUri.Query, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/solutions/import\"", await (await Site.Http.GetAsync("/solutions")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_command_line_imports_a_folder_whole_or_not_at_all()
    {
        var bad = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "coopdir-tests", Guid.NewGuid().ToString("N"))).FullName;
        File.Copy(Path.Combine(Data, "standard", "example", "publiccode.minimal.yml"), Path.Combine(bad, "good.yml"));
        File.Copy(Path.Combine(Data, "parser-testdata", "v0", "invalid", "legal_license_invalid.yml"), Path.Combine(bad, "bad.yaml"));
        var db = TestStores.NewSetting();

        var refused = await CommandLine.RunAsync("import", "--format", "publiccode", bad, "--db", db);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("bad.yaml: legal.license:", refused.Errors);
        Assert.Contains("Nothing was written", refused.Output);

        var french = await CommandLine.RunAsync("import", "--format", "publiccode", "--dialect", "codegouvfr", Path.Combine(Data, "codegouvfr"), "--db", db);
        Assert.True(french.ExitCode == 0, french.Errors);
        Assert.Contains("19 added", french.Output);
    }

    private async Task<(long Foundation, long City)> SeedAsync()
    {
        var ids = await Site.SeedAsync(
            new OrganizationContent { Name = "The Example Foundation", Kind = "other", Website = "https://foundation.example.org/" },
            new OrganizationContent { Name = "Comune di Firenze", Kind = "municipality" });
        return (ids[0], ids[1]);
    }

    private async Task<long> CountAsync(string kind)
    {
        await using var connection = await Site.Store.OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM organizations WHERE kind = @kind", new { kind });
    }
}
