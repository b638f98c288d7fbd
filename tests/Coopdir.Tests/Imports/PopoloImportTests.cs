using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;
using Coopdir.Tests.Support;
using Dapper;

namespace Coopdir.Tests.Imports;

/// <summary>Popolo files: organizations and their memberships of each other are the directory's; people are counted and skipped.</summary>
public sealed class PopoloImportTests : SiteTest
{
    [Theory]
    // Counted in the files: organizations, areas, and memberships (all of people: none has an organization as member).
    [InlineData("burundi", 9, 22, 227)]
    [InlineData("estonia", 8, 12, 299)]
    [InlineData("ireland", 15, 55, 324)]
    [InlineData("zimbabwe-senate", 4, 12, 68)]
    public async Task An_everypolitician_file_imports_its_organizations_reads_its_areas_and_skips_the_memberships_of_people(
        string country, int organizations, int areas, int people)
    {
        PopoloFile popolo;
        using (var file = File.OpenRead(CommandLine.DataFile("everypolitician-popolo", $"{country}-ep-popolo-v1.0.json"))) popolo = PopoloReader.Read(file);

        Assert.Equal((organizations, 0, 0), (popolo.Parsed.Records.Count, popolo.Parsed.Rejected.Count, popolo.Parsed.Links.Count));
        Assert.Equal((areas, people), (popolo.Areas.Count, popolo.PersonMemberships));
        var report = await new Importer(Site.Store, TimeProvider.System).RunAsync(popolo.Parsed, Options(country));
        Assert.True(report.Written, string.Join("\n", report.Errors.Take(3)));
        Assert.Equal(organizations, report.Added);
        Assert.Equal(organizations, (await Site.Http.GetJsonAsync($"/api/v1/organizations?kind=other")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Estonias_parties_keep_their_classification_other_names_wikidata_id_and_website()
    {
        using (var file = File.OpenRead(CommandLine.DataFile("everypolitician-popolo", "estonia-ep-popolo-v1.0.json")))
            await new Importer(Site.Store, TimeProvider.System).RunAsync(PopoloReader.Read(file).Parsed, Options("estonia"));

        var party = await ContentAsync("EKRE");
        Assert.Equal(("Eesti Konservatiivse Rahvaerakonna fraktsioon", "other", "http://www.ekre.ee/"), (party.Name, party.Kind, party.Website));
        Assert.Contains(new Classification(PopoloReader.ClassificationScheme, "party"), party.Classifications);
        Assert.Contains(new Identifier("wikidata", "Q794028"), party.Identifiers);
        Assert.Contains("Conservative People's Party of Estonia", party.AlternateNames);
    }

    [Fact]
    public async Task A_membership_whose_member_is_an_organization_becomes_a_member_of_relationship_the_file_proposes()
    {
        var json = """
            {
              "organizations": [
                { "id": "federation", "name": "Federation of Bakers" },
                { "id": "bakery", "name": "Leeds Bread Co-op", "classification": "cooperative" }
              ],
              "persons": [ { "id": "p1", "name": "Ada" } ],
              "memberships": [
                { "member": { "@type": "Organization", "id": "bakery" }, "organization_id": "federation", "start_date": "2018" },
                { "person_id": "p1", "organization_id": "federation" }
              ],
              "areas": [ { "id": "ocd-division/country:gb", "name": "United Kingdom", "type": "country" } ]
            }
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var popolo = PopoloReader.Read(stream);
        Assert.Equal((1, 1), (popolo.PersonMemberships, popolo.Areas.Count));

        var report = await new Importer(Site.Store, TimeProvider.System).RunAsync(popolo.Parsed, Options("bakers"));

        Assert.Equal(new LinkCounts(Added: 1), report.Links);
        var federation = await OrganizationOfAsync("federation");
        Assert.Equal("network", (await ContentAsync("federation")).Kind);
        var relationship = Assert.Single((await Site.Http.GetJsonAsync($"/api/v1/relationships?object={federation}&type=member_of")).GetProperty("items").EnumerateArray());
        Assert.Equal(await OrganizationOfAsync("bakery"), relationship.GetProperty("subject").GetProperty("id").GetInt64());
        Assert.Equal("proposed", relationship.GetProperty("status").GetString());
        var assertion = Assert.Single(relationship.GetProperty("assertions").EnumerateArray());
        Assert.Equal(("third", "dataset", "Popolo bakers"), (assertion.GetProperty("party").GetString(), assertion.GetProperty("voice").GetString(), assertion.GetProperty("speaker").GetString()));
    }

    [Fact]
    public void A_membership_naming_an_organization_the_file_lacks_fails_the_file_by_its_place_in_it()
    {
        var json = """{ "organizations": [ { "id": "a", "name": "A" } ], "memberships": [ { "member": { "@type": "Organization", "id": "a" }, "organization_id": "nowhere" } ] }""";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        var error = Assert.Single(PopoloReader.Read(stream).Parsed.FileErrors);

        Assert.Equal("memberships[0].organization_id", error.Field);
        Assert.Contains("'nowhere'", error.Message);
    }

    private static ImportOptions Options(string name) => new($"Popolo {name}", "CC0-1.0");

    private async Task<long> OrganizationOfAsync(string recordId)
    {
        await using var connection = await Site.Store.OpenAsync();
        return await connection.QuerySingleAsync<long>("SELECT organization_id FROM source_records WHERE record_id = @recordId", new { recordId });
    }

    private async Task<OrganizationContent> ContentAsync(string recordId)
    {
        var id = await OrganizationOfAsync(recordId);
        await using var connection = await Site.Store.OpenAsync();
        return (await OrganizationQueries.GetAsync(connection, id))!.Content;
    }
}
