using Coopdir.Core.Data;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Imports;

/// <summary>
/// The civic tech layer from the real files: Code for America's brigade-information (221 groups) and
/// GitHub's government and civic hacker lists, through the normal import path, then seen over HTTP.
/// </summary>
public sealed class CivicTechImportTests : SiteTest
{
    // The files as vendored for the demo data, unmodified.
    private static readonly string Brigades = DemoData.PathOf("brigade-information-organizations.json");
    private static readonly string Governments = DemoData.PathOf("governments.yml");
    private static readonly string CivicHackers = DemoData.PathOf("civic_hackers.yml");

    [Fact]
    public async Task All_221_brigades_import_213_show_on_the_map_and_each_network_lists_its_members_as_claimed()
    {
        var parsed = Read(Brigades, BrigadeInformationReader.Read);
        // The 221 groups, and the two networks their tags name that the file does not list (Code for America it does).
        Assert.Equal((223, 0), (parsed.Records.Count, parsed.Rejected.Count));

        var report = await ImportAsync(parsed, CivicTechSources.BrigadeInformation);

        Assert.Equal(223, report.Added);
        // "Code for America" 96 tags less its own, "Code for All" 18, "OK Lab" 18.
        Assert.Equal(new LinkCounts(Added: 131), report.Links);
        Assert.Equal(213, (await Site.Http.GetJsonAsync("/api/v1/organizations/map-points")).GetProperty("count").GetInt32());
        foreach (var (network, members) in new[] { ("code-for-america", 95), ("network:code-for-all", 18), ("network:ok-lab", 18) })
        {
            var id = await OrganizationOfAsync(CivicTechSources.BrigadeInformation.SourceName, network);
            var claimed = await Site.Http.GetJsonAsync($"/api/v1/relationships?object={id}&type=member_of&status=claimed");
            Assert.Equal(members, claimed.GetProperty("total").GetInt32());
            var page = await Site.Http.GetPageAsync($"/organizations/{id}/members");
            Assert.Equal(members.ToString(), page.QuerySelector(".result-count strong")!.TextContent);
        }

        var boston = await OrganizationAsync(CivicTechSources.BrigadeInformation.SourceName, "code-for-boston");
        Assert.Equal("civic-tech", boston.Kind);
        Assert.Contains(new Identifier("github", "codeforboston"), boston.Identifiers);
        Assert.Equal(("Boston", "US", true), (boston.Locations[0].Locality, boston.Locations[0].Country, boston.Locations[0].HasCoordinates));
        Assert.Equal("digital-service", (await OrganizationAsync(CivicTechSources.BrigadeInformation.SourceName, "18f")).Kind);
        Assert.Equal(["Open Salt Lake"], (await OrganizationAsync(CivicTechSources.BrigadeInformation.SourceName, "code-for-utah")).AlternateNames);
    }

    [Fact]
    public async Task Reimporting_the_brigades_changes_nothing_and_does_not_assert_their_memberships_again()
    {
        await ImportAsync(Read(Brigades, BrigadeInformationReader.Read), CivicTechSources.BrigadeInformation);
        var revisions = await CountAsync("SELECT count(*) FROM revisions");

        var again = await ImportAsync(Read(Brigades, BrigadeInformationReader.Read), CivicTechSources.BrigadeInformation);

        Assert.Equal((0, 223), (again.Added + again.Updated, again.Unchanged));
        Assert.Equal(new LinkCounts(Unchanged: 131), again.Links);
        Assert.Equal(revisions, await CountAsync("SELECT count(*) FROM revisions"));
    }

    [Fact]
    public async Task A_newer_file_changing_a_group_keeps_its_membership_and_one_no_longer_naming_it_leaves_it_as_it_was()
    {
        static ParsedFile Version(string website, string tags) => BrigadeInformationReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            $$"""[{ "name": "OK Lab Ulm", "website": "{{website}}", "city": "Ulm, Germany", "tags": [{{tags}}] }]""")));
        var options = CivicTechSources.BrigadeInformation;
        await ImportAsync(Version("http://codefor.de/ulm", "\"OK Lab\""), options with { Vintage = "2023-01-01" });
        var ulm = await OrganizationOfAsync(options.SourceName, "ok-lab-ulm");

        var changed = await ImportAsync(Version("https://ulm.codefor.de", "\"OK Lab\""), options with { Vintage = "2023-02-01" });
        var untagged = await ImportAsync(Version("https://ulm.codefor.de", "\"Brigade\""), options with { Vintage = "2023-03-01" });

        Assert.Equal((1, new LinkCounts(Unchanged: 1)), (changed.Updated, changed.Links));
        Assert.Equal(new LinkCounts(), untagged.Links);
        var relationship = Assert.Single((await Site.Http.GetJsonAsync($"/api/v1/relationships?subject={ulm}&type=member_of")).GetProperty("items").EnumerateArray());
        Assert.Equal("claimed", relationship.GetProperty("status").GetString());
        Assert.Equal("https://ulm.codefor.de", (await OrganizationAsync(options.SourceName, "ok-lab-ulm")).Website);
    }

    [Fact]
    public async Task The_github_lists_merge_with_the_brigades_by_their_accounts_and_report_the_group_they_cannot_place()
    {
        await ImportAsync(Read(Brigades, BrigadeInformationReader.Read), CivicTechSources.BrigadeInformation);
        var governments = Read(Governments, s => GovernmentGithubReader.Read(s, GithubList.Governments));
        var options = CivicTechSources.GovernmentGithub(GithubList.Governments);

        // Kosovo has no ISO 3166-1 code: its one login is reported on its line, and a strict import writes nothing.
        var strict = await new Importer(Site.Store, TimeProvider.System).RunAsync(governments, options);
        Assert.False(strict.Written);
        Assert.Equal(new RowError(379, "group", "'Kosovo' is not a group the government-github table knows; nothing is guessed"), Assert.Single(strict.Errors));

        var written = await ImportAsync(governments, options with { SkipInvalid = true });
        // 956 logins: 950 new, 5 the brigades list by their GitHub account (18F, Chicago...), 1 rejected.
        Assert.Equal((956, 950, 5, 1), (written.Rows, written.Added, written.Merged, written.Rejected));
        var hackers = await ImportAsync(Read(CivicHackers, s => GovernmentGithubReader.Read(s, GithubList.CivicHackers)), CivicTechSources.GovernmentGithub(GithubList.CivicHackers));
        // 308 logins and Code for All, which has none in the list; 105 are brigades (4 more share their account with another brigade, so are queued).
        Assert.Equal((309, 204, 105), (hackers.Rows, hackers.Added, hackers.Merged));
        // Code For America's 105 and Code for All's 18, and the Open Knowledge Foundation's 20 less its own account.
        Assert.Equal(new LinkCounts(Added: 142), hackers.Links);

        var boston = await OrganizationAsync(options.SourceName, "cityofboston");
        Assert.Equal(("municipality", "Boston", "US"), (boston.Kind, boston.Locations[0].Locality, boston.Locations[0].Country));
        Assert.Equal("https://github.com/CityOfBoston", boston.Website);
        Assert.Equal(await OrganizationOfAsync(CivicTechSources.BrigadeInformation.SourceName, "18f"), await OrganizationOfAsync(options.SourceName, "18f"));

        // A brigade's membership: claimed by the network's own list, and the civic hackers list says it too.
        var codeForBoston = await OrganizationOfAsync(CivicTechSources.BrigadeInformation.SourceName, "code-for-boston");
        var america = await OrganizationOfAsync(CivicTechSources.BrigadeInformation.SourceName, "code-for-america");
        Assert.Equal(codeForBoston, await OrganizationOfAsync(CivicTechSources.GovernmentGithub(GithubList.CivicHackers).SourceName, "codeforboston"));
        var relationship = Assert.Single((await Site.Http.GetJsonAsync($"/api/v1/relationships?subject={codeForBoston}&object={america}&type=member_of")).GetProperty("items").EnumerateArray());
        Assert.Equal("claimed", relationship.GetProperty("status").GetString());
        Assert.Equal(["object", "third"], relationship.GetProperty("assertions").EnumerateArray().Select(a => a.GetProperty("party").GetString()).Order());
        // Groups only the civic hackers list names are proposed: a third party says so.
        Assert.Equal(56, (await Site.Http.GetJsonAsync($"/api/v1/relationships?object={america}&type=member_of&status=proposed")).GetProperty("total").GetInt32());
    }

    private static ParsedFile Read(string path, Func<Stream, ParsedFile> read)
    {
        using var file = File.OpenRead(path);
        return read(file);
    }

    private async Task<ImportReport> ImportAsync(ParsedFile parsed, ImportOptions options)
    {
        var report = await new Importer(Site.Store, TimeProvider.System).RunAsync(parsed, options);
        Assert.True(report.Written, string.Join("\n", report.Errors.Take(5)));
        return report;
    }

    private async Task<long> OrganizationOfAsync(string source, string recordId)
    {
        await using var connection = await Site.Store.OpenAsync();
        return await connection.QuerySingleAsync<long>("""
            SELECT r.organization_id FROM source_records r JOIN sources s ON s.id = r.source_id WHERE s.name = @source AND r.record_id = @recordId
            """, new { source, recordId });
    }

    private async Task<OrganizationContent> OrganizationAsync(string source, string recordId)
    {
        var id = await OrganizationOfAsync(source, recordId);
        await using var connection = await Site.Store.OpenAsync();
        return (await OrganizationQueries.GetAsync(connection, id))!.Content;
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await Site.Store.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
