using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Cli;

public sealed class ImportCommandTests
{
    private const string Header = "Identifier,Name,Description,Organisational Structure,Primary Activity,Activities,Street Address,Locality,Region,Postcode,Country ID,Territory ID,Website,Phone,Email,Twitter,Facebook,Companies House Number,Qualifiers,Membership Type,Latitude,Longitude,Geo Container,Geo Container Latitude,Geo Container Longitude";

    private static string Row(string id, string name, string lat = "53.48", string country = "GB", string structure = "https://dev.lod.coop/essglobal/2.1/standard/organisational-structure/OS60") =>
        $"{id},{name},,{structure},https://dev.lod.coop/essglobal/2.1/standard/activities-ica/ICA240,,1 High St,Manchester,Greater Manchester,M1 1AA,{country},,,,,,,,,https://dev.lod.coop/essglobal/2.1/standard/base-membership-type/BMT30,{lat},-2.24,,,";

    [Fact]
    public async Task Strict_import_with_an_invalid_row_writes_nothing_and_lists_every_bad_row()
    {
        var csv = CommandLine.TempFile("orgs.csv", string.Join('\n', Header, Row("A1", "Good"), Row("A2", "Bad latitude", lat: "north"), Row("A3", "Bad country", country: "ZZ")) + "\n");
        using var store = new TemporaryStore();
        var db = store.Setting;

        var run = await CommandLine.RunAsync("import", "--format", "essglobal-csv", csv, "--db", db);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("line 3: Latitude:", run.Errors);
        Assert.Contains("line 4: Country ID:", run.Errors);
        Assert.Contains("Nothing was written", run.Output);
        Assert.Equal(0, await store.OrganizationCountAsync());
    }

    [Fact]
    public async Task Skip_invalid_writes_the_valid_rows_and_saves_the_rejected_ones_with_reasons()
    {
        var csv = CommandLine.TempFile("orgs.csv", string.Join('\n', Header, Row("A1", "Good"), Row("A2", "Bad latitude", lat: "north")) + "\n");
        using var store = new TemporaryStore();
        var db = store.Setting;

        var run = await CommandLine.RunAsync("import", "--format", "essglobal-csv", csv, "--db", db, "--skip-invalid");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 added", run.Output);
        Assert.Contains("1 rejected", run.Output);
        Assert.Equal(1, await store.OrganizationCountAsync());
        var rejected = File.ReadAllText(csv + ".rejected.csv");
        Assert.Contains("Bad latitude", rejected);
        Assert.Contains("coopdir_errors", rejected);
        Assert.Contains("Latitude", rejected.Split('\n')[1]);
    }

    [Fact]
    public async Task Reimporting_the_same_source_updates_by_identifier_and_an_unchanged_file_changes_nothing()
    {
        using var store = new TemporaryStore();
        var db = store.Setting;
        var first = CommandLine.TempFile("orgs.csv", string.Join('\n', Header, Row("A1", "Alpha"), Row("A2", "Beta")) + "\n");
        Assert.Equal(0, (await CommandLine.RunAsync("import", "--format", "essglobal-csv", first, "--db", db, "--source-name", "Test source")).ExitCode);

        var again = await CommandLine.RunAsync("import", "--format", "essglobal-csv", first, "--db", db, "--source-name", "Test source");
        Assert.Contains("0 added, 0 updated, 2 unchanged", again.Output);

        var changed = CommandLine.TempFile("orgs.csv", string.Join('\n', Header, Row("A1", "Alpha Renamed"), Row("A2", "Beta"), Row("A3", "Gamma")) + "\n");
        var update = await CommandLine.RunAsync("import", "--format", "essglobal-csv", changed, "--db", db, "--source-name", "Test source");
        Assert.Contains("1 added, 1 updated, 1 unchanged", update.Output);
        Assert.Equal(3, await store.OrganizationCountAsync());

        await using var connection = await store.OpenConnectionAsync();
        var revisions = connection.Query<(string, string, string)>(
            "SELECT r.action, r.author, r.summary FROM revisions r JOIN organizations o ON o.id = r.organization_id WHERE o.source_record_id = 'A1' ORDER BY r.revision").ToList();
        Assert.Equal(["created", "updated"], revisions.Select(r => r.Item1));
        Assert.All(revisions, r => Assert.StartsWith("import:", r.Item2));
        Assert.All(revisions, r => Assert.Contains("Test source", r.Item3));
    }

    [Fact]
    public async Task A_name_taken_earlier_in_the_same_import_gets_the_next_slug_and_a_shared_word_one_vocabulary_entry()
    {
        using var store = new TemporaryStore();
        var csv = CommandLine.TempFile("orgs.csv", string.Join('\n', Header, Row("A1", "Alpha Bakery"), Row("B1", "Alpha Bakery"), Row("C1", "Alpha")) + "\n");

        var run = await CommandLine.RunAsync("import", "--format", "essglobal-csv", csv, "--db", store.Setting, "--source-name", "Test source");

        Assert.Contains("3 added, 0 updated, 0 unchanged", run.Output);
        await using var connection = await store.OpenConnectionAsync();
        Assert.Equal(["A1 alpha-bakery", "B1 alpha-bakery-2", "C1 alpha"],
            connection.Query<string>("SELECT source_record_id || ' ' || slug FROM organizations ORDER BY id"));
        Assert.Equal(["alpha", "bakery"], connection.Query<string>("SELECT term FROM search_terms WHERE term IN ('alpha', 'bakery') ORDER BY term"));
        Assert.Equal(3, connection.ExecuteScalar<long>("SELECT count(*) FROM revisions WHERE action = 'created'"));
    }

    [Fact]
    public async Task Dry_run_reports_the_counts_and_writes_nothing()
    {
        var csv = CommandLine.TempFile("orgs.csv", string.Join('\n', Header, Row("A1", "Alpha")) + "\n");
        using var store = new TemporaryStore();
        var db = store.Setting;

        var run = await CommandLine.RunAsync("import", "--format", "essglobal-csv", csv, "--db", db, "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 added", run.Output);
        Assert.Contains("dry run", run.Output);
        Assert.Equal(0, await store.OrganizationCountAsync());
    }

    [Fact]
    public async Task The_coops_uk_file_imports_with_its_licence_and_attribution()
    {
        using var store = new TemporaryStore();
        var db = store.Setting;

        var run = await CommandLine.RunAsync("import", "--format", "coops-uk", CommandLine.DataFile("coops-uk", "cuk_open_data_organisations_2017-06.csv"), "--db", db);

        Assert.True(run.ExitCode == 0, run.Errors);
        await using var connection = await store.OpenConnectionAsync();
        var source = (await SourceRegistry.AllAsync(connection)).Single();
        Assert.Equal("ODC-By-1.0", source.Licence);
        Assert.Equal("Contains Co-operatives UK open data", source.Attribution);
        Assert.True(await OrganizationQueries.CountAsync(connection) > 8000);
    }

    [Fact]
    public async Task A_csv_with_a_column_mapping_imports()
    {
        var csv = CommandLine.TempFile("people.csv", "Org,Town,Nation,Kinds\n\"Cooperation Jackson\",Jackson,US,Worker co-op\n");
        var mapping = CommandLine.TempFile("mapping.json", """
            { "columns": { "name": "Org", "locality": "Town", "country": "Nation", "types": "Kinds" },
              "defaults": { "kind": "cooperative" },
              "values": { "types": { "Worker co-op": "worker" } } }
            """);
        using var store = new TemporaryStore();
        var db = store.Setting;

        var run = await CommandLine.RunAsync("import", "--format", "csv", csv, "--mapping", mapping, "--db", db, "--licence", "CC0-1.0");

        Assert.True(run.ExitCode == 0, run.Errors);
        await using var connection = await store.OpenConnectionAsync();
        var organization = (await OrganizationQueries.GetAsync(connection, 1))!;
        Assert.Equal("Cooperation Jackson", organization.Content.Name);
        Assert.Equal(["worker"], organization.Content.Types);
        Assert.Equal("US", organization.Content.Locations[0].Country);
        Assert.Equal("CC0-1.0", organization.Source!.Licence);
    }

    [Fact]
    public async Task An_unknown_licence_is_refused_before_anything_is_written()
    {
        var csv = CommandLine.TempFile("orgs.csv", string.Join('\n', Header, Row("A1", "Alpha")) + "\n");
        using var store = new TemporaryStore();
        var db = store.Setting;

        var run = await CommandLine.RunAsync("import", "--format", "essglobal-csv", csv, "--db", db, "--licence", "All-Rights-Reserved");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("licence", run.Errors);
        Assert.Equal(0, await store.OrganizationCountAsync());
    }

    [Fact]
    public async Task The_civic_tech_formats_import_as_their_named_sources_and_report_relationships_areas_and_people()
    {
        using var store = new TemporaryStore();
        var db = store.Setting;

        var brigades = await CommandLine.RunAsync("import", "--format", "brigade-information", DemoData.PathOf("brigade-information-organizations.json"), "--db", db);
        var hackers = await CommandLine.RunAsync("import", "--format", "government-github", DemoData.PathOf("civic_hackers.yml"), "--db", db);
        var popolo = await CommandLine.RunAsync("import", "--format", "popolo", CommandLine.DataFile("everypolitician-popolo", "zimbabwe-senate-ep-popolo-v1.0.json"),
            "--db", db, "--licence", "CC0-1.0");

        Assert.True(brigades.ExitCode == 0, brigades.Errors);
        Assert.Contains("223 rows: 223 added", brigades.Output);
        Assert.Contains("relationships: 131 asserted", brigades.Output);
        Assert.Contains("Source: Code for America brigade-information (MIT)", brigades.Output);
        Assert.True(hackers.ExitCode == 0, hackers.Errors);
        Assert.Contains("105 merged into records already listed by other sources", hackers.Output);
        Assert.Contains("Source: GitHub government organizations (civic hackers) (CC0-1.0)", hackers.Output);
        Assert.True(popolo.ExitCode == 0, popolo.Errors);
        Assert.Contains("12 areas read; 68 memberships of people skipped", popolo.Output);
        Assert.Contains("Areas: 0 Open Civic Data divisions stored (0 new), 12 not stored: they have no Open Civic Data division id", popolo.Output);
        var withDivisions = CommandLine.TempFile("council.json", """
            {"organizations": [{"id": "c1", "name": "Zedtown Council", "area_id": "ocd-division/country:zz/place:zedtown"}],
             "areas": [{"id": "ocd-division/country:zz", "name": "Zedland"},
                       {"id": "area/zedtown", "name": "Zedtown", "parent_id": "ocd-division/country:zz", "identifiers": [{"scheme": "ocd-division", "identifier": "ocd-division/country:zz/place:zedtown"}]},
                       {"id": "area/north", "name": "North ward"}]}
            """);
        var council = await CommandLine.RunAsync("import", "--format", "popolo", withDivisions, "--db", db, "--licence", "CC0-1.0");
        Assert.True(council.ExitCode == 0, council.Errors);
        Assert.Contains("Areas: 2 Open Civic Data divisions stored (2 new), 1 not stored", council.Output);
        Assert.Equal(223 + 204 + 4 + 1, await store.OrganizationCountAsync());
    }

    [Fact]
    public async Task A_github_list_other_than_governments_or_civic_hackers_is_refused_with_the_reason()
    {
        var research = CommandLine.TempFile("research.yml", "Germany:\n  - some-lab\n");
        using var store = new TemporaryStore();

        var run = await CommandLine.RunAsync("import", "--format", "government-github", research, "--db", store.Setting);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("research.yml is not imported", run.Errors);
    }
}
