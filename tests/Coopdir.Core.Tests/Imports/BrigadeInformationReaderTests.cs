using System.Text;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Tests.Imports;

public class BrigadeInformationReaderTests
{
    private static ParsedFile Read(string json) => BrigadeInformationReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static string Group(string name, string tags = "\"Brigade\"", string extra = "") =>
        $$"""{ "name": "{{name}}", "website": "https://example.org", "city": "Somewhere", "tags": [{{tags}}]{{extra}} }""";

    [Fact]
    public void The_file_gives_221_groups_213_with_coordinates_and_the_networks_their_tags_name()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "data", "civic-tech", "brigade-information-organizations.json"));
        var parsed = BrigadeInformationReader.Read(file);

        Assert.Equal((223, 0), (parsed.Records.Count, parsed.Rejected.Count));
        Assert.Equal(213, parsed.Records.Count(r => r.Content.Locations.Any(l => l.HasCoordinates)));
        Assert.Equal(["code-for-america", "network:code-for-all", "network:ok-lab"],
            parsed.Records.Where(r => r.Content.Kind == "network").Select(r => r.SourceRecordId).Order());
        Assert.Equal(10, parsed.Records.Count(r => r.Content.Kind == "digital-service"));
        Assert.Equal(12, parsed.Records.Sum(r => r.Content.AlternateNames.Count));
        Assert.All(parsed.Links, l => Assert.Equal((Party.Object, "member_of"), (l.Party, l.Type)));
        Assert.Equal(131, parsed.Links.Count);
    }

    [Fact]
    public void A_group_takes_its_place_from_location_its_github_account_from_its_projects_list_and_its_social_profiles()
    {
        const string boston = """
            , "projects_list_url": "https://github.com/CodeForBoston/", "previous_names": ["Boston Brigade"],
            "social_profiles": { "twitter": "@codeforboston" },
            "location": { "city": "Boston", "state": "Massachusetts", "country": "USA", "coordinates": { "latitude": "42.3584", "longitude": "-71.0598" } }
            """;
        var record = Read($"[{Group("Code for Boston", "\"Brigade\", \"Code for America\"", boston)}]").Records.Single(r => r.SourceRecordId == "code-for-boston");

        Assert.Equal("civic-tech", record.Content.Kind);
        Assert.Equal(["Boston Brigade"], record.Content.AlternateNames);
        Assert.Equal([new Identifier("github", "codeforboston"), new Identifier("twitter", "codeforboston")], record.Content.Identifiers);
        Assert.Equal([new Location(Locality: "Boston", Region: "Massachusetts", Country: "US", Latitude: 42.3584, Longitude: -71.0598)], record.Content.Locations);
    }

    [Fact]
    public void A_record_breaking_the_files_schema_or_naming_an_unknown_country_is_reported_by_record_and_field()
    {
        const string farAway = """, "location": { "country": "Atlantis" }""";
        const string noTags = """{ "name": "No tags", "website": "https://example.org", "city": "X" }""";
        var parsed = Read($"[{Group("Fine")}, {noTags}, {Group("Far away", extra: farAway)}]");

        Assert.Equal(["fine"], parsed.Records.Where(r => r.Content.Kind != "network").Select(r => r.SourceRecordId));
        Assert.Equal([(2, "record"), (3, "location.country")], parsed.Rejected.Select(r => (r.Line, r.Errors[0].Field)));
        Assert.Contains("does not follow the file's schema", parsed.Rejected[0].Errors[0].Message);
        Assert.Contains("'Atlantis'", parsed.Rejected[1].Errors[0].Message);
    }

    [Theory]
    [InlineData("[{", "is not valid JSON")]
    [InlineData("""{ "name": "x" }""", "is not a JSON array")]
    public void A_file_that_is_not_a_json_array_fails_whole(string json, string message) =>
        Assert.Contains(message, Assert.Single(Read(json).FileErrors).Message);

    [Theory]
    [InlineData("https://github.com/CodeForBoston/", "codeforboston")]
    [InlineData("https://github.com/codeformilwaukee/breakout-groups/issues", "codeformilwaukee")]
    [InlineData("https://raw.github.com/open-city/civic-json-files/master/projects.json", null)]
    [InlineData("http://dev.hel.fi/projects/projects.csv", null)]
    public void Only_a_page_on_github_com_gives_a_github_account(string url, string? account) =>
        Assert.Equal(account, BrigadeInformationReader.GithubAccount(url));
}
