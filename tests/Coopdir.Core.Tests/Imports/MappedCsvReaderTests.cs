using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Imports;

public class MappedCsvReaderTests
{
    private static ColumnMapping Mapping(string json)
    {
        var result = ColumnMapping.Parse(json);
        Assert.Empty(result.Errors);
        return result.Mapping!;
    }

    private static readonly ColumnMapping Full = Mapping("""
        {
          "columns": { "id": "Org ID", "name": "Name", "alternate_names": "Other names", "kind": "Kind", "types": "Types",
                       "sector": "Sector", "status": "Status", "founded_on": "Founded", "website": "Web",
                       "locality": "Town", "country": "Country", "latitude": "Lat", "longitude": "Lon",
                       "members": "Members", "counts_year": "Year" },
          "identifiers": { "GB-COH": "Company number" },
          "defaults": { "country": "US" },
          "values": { "types": { "Worker co-op": "worker" }, "kind": { "Co-op": "cooperative" } },
          "list_separator": "|"
        }
        """);

    private const string FullHeader = "Org ID,Name,Other names,Kind,Types,Sector,Status,Founded,Web,Town,Country,Lat,Lon,Members,Year,Company number\n";

    private static ParsedFile Read(string csv, ColumnMapping mapping) => MappedCsvReader.Read(new StringReader(csv), mapping);

    [Fact]
    public void Every_mapped_column_reaches_its_field()
    {
        var file = Read(FullHeader +
            "7,Arizmendi Bakery,Arizmendi|Arizmendi Coop,co-op,Worker co-op|HOUSING,retail,Active,1997,arizmendi.coop,Oakland,,37.8,-122.25,35,2023,01234567\n",
            Full);

        var record = Assert.Single(file.Records);
        Assert.Equal("7", record.SourceRecordId);
        var content = record.Content;
        Assert.Equal("Arizmendi Bakery", content.Name);
        Assert.Equal(["Arizmendi", "Arizmendi Coop"], content.AlternateNames);
        Assert.Equal("cooperative", content.Kind);
        Assert.Equal(["worker", "housing"], content.Types);
        Assert.Equal("retail", content.Sector);
        Assert.Equal(OrganizationStatus.Active, content.Status);
        Assert.Equal("1997", content.FoundedOn);
        Assert.Equal("http://arizmendi.coop", content.Website);
        Assert.Equal(new Location(Locality: "Oakland", Country: "US", Latitude: 37.8, Longitude: -122.25), Assert.Single(content.Locations));
        Assert.Equal(new MembershipCounts(Members: 35, Year: 2023), content.Counts);
        Assert.Equal([new Identifier("GB-COH", "01234567")], content.Identifiers);
    }

    [Fact]
    public void Value_outside_the_vocabulary_rejects_the_row_listing_the_allowed_codes()
    {
        var file = Read(FullHeader + "7,Arizmendi Bakery,,club,,,,,,,,,,,,\n", Full);

        var error = Assert.Single(Assert.Single(file.Rejected).Errors);
        Assert.Equal("Kind", error.Field);
        Assert.StartsWith("'club' is not one of cooperative, network, support-organization, ", error.Message);
    }

    [Fact]
    public void Numbers_use_the_invariant_culture()
    {
        var file = Read(FullHeader + "7,Arizmendi Bakery,,,,,,,,,,\"37,8\",-122.25,,,\n", Full);

        Assert.Equal([new RowError(2, "Lat", "'37,8' is not a number")], Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void Validator_errors_name_the_mapped_column()
    {
        var file = Read(FullHeader + "7,Arizmendi Bakery,,,,,,,,,,100,-122.25,-3,1492,\n", Full);

        Assert.Equal(["Lat", "Members", "Year"], Assert.Single(file.Rejected).Errors.Select(e => e.Field));
    }

    [Fact]
    public void Columns_named_in_the_mapping_but_absent_from_the_file_are_file_errors()
    {
        var file = Read("Org ID,Name\n7,Arizmendi Bakery\n", Mapping("""
            { "columns": { "id": "Org ID", "name": "Name", "locality": "Town" }, "identifiers": { "wikidata": "QID" } }
            """));

        Assert.Equal(
            [
                new RowError(1, "Town", "is not in the file's header but the mapping names it as columns.locality"),
                new RowError(1, "QID", "is not in the file's header but the mapping names it as identifiers.wikidata"),
            ],
            file.FileErrors);
        Assert.Empty(file.Records);
    }

    [Fact]
    public void Without_an_id_column_name_and_locality_identify_the_row()
    {
        var mapping = Mapping("""{ "columns": { "name": "Name", "locality": "Town" } }""");

        var file = Read("Name,Town\nArizmendi Bakery,Oakland\nArizmendi Bakery,San Francisco\narizmendi  bakery,OAKLAND\n", mapping);

        Assert.Equal(["arizmendi bakery|oakland", "arizmendi bakery|san francisco"], file.Records.Select(r => r.SourceRecordId));
        Assert.Equal([new RowError(4, "Name", "'arizmendi bakery|oakland' is already the identifier of the row on line 2")],
            Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void Defaults_fill_blank_cells_and_unmapped_fields()
    {
        var mapping = Mapping("""
            { "columns": { "name": "Name", "kind": "Kind" }, "defaults": { "kind": "network", "types": "worker;producer", "status": "active" } }
            """);

        var content = Assert.Single(Read("Name,Kind\nUSFWC,\n", mapping).Records).Content;

        Assert.Equal("network", content.Kind);
        Assert.Equal(["worker", "producer"], content.Types);
        Assert.Equal(OrganizationStatus.Active, content.Status);
    }

    [Fact]
    public void Blank_id_cell_rejects_the_row()
    {
        var file = Read(FullHeader + ",Arizmendi Bakery,,,,,,,,,,,,,,\n", Full);

        Assert.Equal([new RowError(2, "Org ID", "is required")], Assert.Single(file.Rejected).Errors);
    }
}
