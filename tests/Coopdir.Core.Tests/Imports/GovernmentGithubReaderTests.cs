using System.Text;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Tests.Imports;

public class GovernmentGithubReaderTests
{
    private static ParsedFile Read(string yaml, GithubList list = GithubList.Governments) =>
        GovernmentGithubReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(yaml)), list);

    private static ParsedFile ReadFile(string name, GithubList list)
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "data", "civic-tech", name));
        return GovernmentGithubReader.Read(file, list);
    }

    [Fact]
    public void The_governments_list_gives_956_accounts_in_75_groups_and_reports_the_one_group_no_country_code_names()
    {
        var parsed = ReadFile("governments.yml", GithubList.Governments);

        Assert.Equal(956, parsed.RowCount);
        var rejected = Assert.Single(parsed.Rejected);
        Assert.Equal(new RowError(379, "group", "'Kosovo' is not a group the government-github table knows; nothing is guessed"), Assert.Single(rejected.Errors));
        Assert.Equal(["municipality", "other"], parsed.Records.Select(r => r.Content.Kind).Distinct().Order());
        // City-level logins that name their place by a pattern, of 116 in U.S. City, U.S. County and U.K. Councils
        // (some wrongly: "Auburn AL", "Sac County"; the area resolution reports those that are no place).
        Assert.Equal(52, parsed.Records.Count(r => r.Content.Locations.Any(l => l.Locality is not null)));
    }

    [Fact]
    public void The_civic_hackers_list_gives_308_accounts_and_their_networks_memberships_as_a_third_party()
    {
        var parsed = ReadFile("civic_hackers.yml", GithubList.CivicHackers);

        // 308 logins and Code for All, which has no login in the list.
        Assert.Equal((309, 0), (parsed.Records.Count, parsed.Rejected.Count));
        Assert.All(parsed.Links, l => Assert.Equal((Party.Third, "member_of"), (l.Party, l.Type)));
        Assert.Equal(105, parsed.Links.Count(l => l.ObjectRecordId == "codeforamerica"));
        Assert.Equal(18, parsed.Links.Count(l => l.ObjectRecordId == "network:code-for-all"));
        // okfn is the Open Knowledge Foundation itself.
        Assert.Equal(19, parsed.Links.Count(l => l.ObjectRecordId == "okfn"));
        var okfn = parsed.Records.Single(r => r.SourceRecordId == "okfn").Content;
        Assert.Equal(("Open Knowledge Foundation", "network", "https://okfn.org"), (okfn.Name, okfn.Kind, okfn.Website));
        Assert.Contains(new Identifier("github", "okfn"), okfn.Identifiers);
    }

    [Fact]
    public void A_login_becomes_an_organization_named_by_it_with_its_github_account_and_the_groups_kind_and_place()
    {
        var record = Assert.Single(Read("U.K. Councils:\n  - BristolCityCouncil\n").Records);

        Assert.Equal("bristolcitycouncil", record.SourceRecordId);
        Assert.Equal(2, record.Line);
        Assert.Equal(("BristolCityCouncil", "municipality", "https://github.com/BristolCityCouncil"), (record.Content.Name, record.Content.Kind, record.Content.Website));
        Assert.Equal([new Identifier("github", "bristolcitycouncil")], record.Content.Identifiers);
        Assert.Equal([new Location(Locality: "Bristol", Country: "GB")], record.Content.Locations);
    }

    [Fact]
    public void A_country_group_gives_its_country_and_a_group_of_the_other_list_is_not_known_here()
    {
        var parsed = Read("France:\n  - etalab\nCivic Hackers:\n  - someone\n");

        Assert.Equal("FR", Assert.Single(parsed.Records).Content.Locations[0].Country);
        Assert.Equal((4, "group"), (parsed.Rejected[0].Line, parsed.Rejected[0].Errors[0].Field));
    }

    [Theory]
    // The parser notices the unclosed list where the text ends.
    [InlineData("France:\n  - [etalab\n", 3, "is not valid YAML")]
    [InlineData("- etalab\n", 0, "is not a YAML mapping")]
    public void A_file_that_is_not_a_mapping_of_lists_fails_naming_its_line(string yaml, int line, string message)
    {
        var error = Assert.Single(Read(yaml).FileErrors);

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_group_that_is_not_a_list_of_logins_is_its_lines_error()
    {
        var parsed = Read("France: etalab\nSpain:\n  - { a: b }\n");

        Assert.Equal([(1, "group"), (3, "Spain")], parsed.Rejected.Select(r => (r.Line, r.Errors[0].Field)));
    }
}
