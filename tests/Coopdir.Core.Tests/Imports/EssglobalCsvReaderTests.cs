using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Imports;

public class EssglobalCsvReaderTests
{
    private const string Os = "https://dev.lod.coop/essglobal/2.1/standard/organisational-structure/";
    private const string Ica = "https://dev.lod.coop/essglobal/2.1/standard/activities-ica/";
    private const string Bmt = "https://dev.lod.coop/essglobal/2.1/standard/base-membership-type/";

    private static readonly Lazy<ParsedFile> CoopsUk2023 = new(() =>
    {
        using var reader = TestData.Open("coops-uk/sea_standard_coops-uk_Q2-2023.csv");
        return EssglobalCsvReader.Read(reader);
    });

    private static ParsedFile Read(string csv) => EssglobalCsvReader.Read(new StringReader(csv));

    private static ImportRecord Record(string id) => CoopsUk2023.Value.Records.Single(r => r.SourceRecordId == id);

    [Fact]
    public void Real_coops_uk_2023_file_parses_every_row_with_none_rejected()
    {
        var file = CoopsUk2023.Value;

        Assert.Empty(file.AllErrors);
        Assert.Equal(7_387, file.Records.Count);
        Assert.Equal(30, file.Header.Count);
    }

    [Fact]
    public void Coordinates_fall_back_to_the_geo_container_when_latitude_and_longitude_are_empty()
    {
        var location = Assert.Single(Record("R006884").Content.Locations);

        Assert.Equal(new Location("11 Temple Street", "Maesteg", "Bridgend", "CF34 9YY", "GB", 51.608344, -3.654703), location);
    }

    [Fact]
    public void Line_numbers_count_the_physical_lines_of_multi_line_addresses()
    {
        // R007634 (line 3) and R006861 (line 6) each have a two-line street address.
        Assert.Equal(3, Record("R007634").Line);
        Assert.Equal(5, Record("R006886").Line);
        Assert.Equal(6, Record("R006861").Line);
        Assert.Equal(8, Record("R021141").Line);
        Assert.Equal("2 Arinabea Cottage\nTyndrum", Record("R007634").Content.Locations[0].Street);
    }

    [Fact]
    public void Uris_map_to_kind_types_sector_and_classifications()
    {
        var credit = Record("R006861").Content;

        Assert.Equal("cooperative", credit.Kind);
        Assert.Equal(["consumer", "financial"], credit.Types.Order());
        Assert.Equal("financial-services", credit.Sector);
        Assert.Contains(new Classification(EssGlobal.OrganisationalStructure, "OS130"), credit.Classifications);
        Assert.Contains(new Classification(EssGlobal.Activity, "ICA140"), credit.Classifications);
        Assert.Contains(new Classification(EssGlobal.MembershipType, "BMT10"), credit.Classifications);
        Assert.Contains(new Classification("uk-sic-2007", "64921"), credit.Classifications);
    }

    [Fact]
    public void Companies_house_number_becomes_a_gb_coh_identifier()
    {
        Assert.Equal([new Identifier("GB-COH", "SC399880")], Record("R007634").Content.Identifiers);
    }

    [Fact]
    public void Network_structures_give_the_network_kind()
    {
        var file = Read($"Identifier,Name,Organisational Structure\nN1,Federation,{Os}OS110\n");

        Assert.Equal("network", Assert.Single(file.Records).Content.Kind);
    }

    [Fact]
    public void Extra_columns_fill_status_dates_alternate_name_and_social_identifiers()
    {
        var file = Read(
            "Identifier,Name,Organisation Name,Registered Status,Incorporation Date,Dissolved Date,Twitter,Facebook,Website\n" +
            "W1,Bike Co-op,Bike Co-op Limited,Dead,2003-03-25,17/4/2012,https://twitter.com/bikecoop,bikecoopfb,www.bike.coop\n");

        var content = Assert.Single(file.Records).Content;
        Assert.Equal(["Bike Co-op Limited"], content.AlternateNames);
        Assert.Equal(OrganizationStatus.Dissolved, content.Status);
        Assert.Equal("2003-03-25", content.FoundedOn);
        Assert.Equal("2012-04-17", content.DissolvedOn);
        Assert.Equal([new Identifier("twitter", "bikecoop"), new Identifier("facebook", "bikecoopfb")], content.Identifiers);
        Assert.Equal("http://www.bike.coop", content.Website);
    }

    [Theory]
    [InlineData("https://dev.lod.coop/essglobal/2.1/standard/countries-iso/GB")]
    [InlineData("http://dev.lod.coop/essglobal/2.1/standard/countries-iso/gb")]
    [InlineData("GB")]
    [InlineData("United Kingdom")]
    public void Country_id_may_be_an_essglobal_countries_uri_an_iso_code_or_a_name(string country)
    {
        var file = Read($"Identifier,Name,Country ID\nR1,Bakery,{country}\n");

        Assert.Equal("GB", Assert.Single(Assert.Single(file.Records).Content.Locations).Country);
    }

    [Fact]
    public void An_essglobal_countries_uri_with_an_unknown_code_is_reported()
    {
        var file = Read("Identifier,Name,Country ID\nR1,Bakery,https://dev.lod.coop/essglobal/2.1/standard/countries-iso/ZZ\n");

        Assert.Equal("Country ID", Assert.Single(Assert.Single(file.Rejected).Errors).Field);
    }

    [Fact]
    public void Of_several_websites_in_one_cell_the_first_web_address_is_the_website()
    {
        var file = Read("Identifier,Name,Website\nR1,Bakery,not a site; www.bakery.coop ;https://facebook.com/bakery\n");

        Assert.Equal("http://www.bakery.coop", Assert.Single(file.Records).Content.Website);
    }

    [Theory]
    [InlineData("2019-03-01T00:00:00")]
    [InlineData("2019-03-01 12:00:00")]
    [InlineData("2019-03-01T00:00:00Z")]
    [InlineData("2019-03-01T00:00:00.000+02:00")]
    public void Dates_with_a_time_part_keep_the_date_as_written(string date)
    {
        var file = Read($"Identifier,Name,Incorporation Date,Dissolved Date\nR1,Bakery,{date},{date}\n");

        var content = Assert.Single(file.Records).Content;
        Assert.Equal("2019-03-01", content.FoundedOn);
        Assert.Equal("2019-03-01", content.DissolvedOn);
    }

    [Fact]
    public void A_time_that_is_not_a_time_is_still_not_a_date()
    {
        var file = Read("Identifier,Name,Incorporation Date\nR1,Bakery,2019-03-01T25:99\n");

        Assert.Equal("Incorporation Date", Assert.Single(Assert.Single(file.Rejected).Errors).Field);
    }

    [Fact]
    public void Columns_the_standard_does_not_name_are_ignored()
    {
        var file = Read("Identifier,Name,UK Nation,Geo Container Longitide,WC Legal Form\nR1,Bakery,England,x,y\n");

        Assert.Equal("Bakery", Assert.Single(file.Records).Content.Name);
    }

    [Fact]
    public void Bad_latitude_rejects_the_row_naming_the_column()
    {
        var file = Read("Identifier,Name,Latitude,Longitude\nR1,Bakery,abc,-1.5\n");

        var rejected = Assert.Single(file.Rejected);
        Assert.Equal([new RowError(2, "Latitude", "'abc' is not a number")], rejected.Errors);
        Assert.Equal(["R1", "Bakery", "abc", "-1.5"], rejected.Cells);
        Assert.Empty(file.Records);
    }

    [Fact]
    public void Out_of_range_geo_container_latitude_is_reported_against_the_geo_container_column()
    {
        var file = Read("Identifier,Name,Latitude,Longitude,Geo Container Latitude,Geo Container Longitude\nR1,Bakery,,,95,-1.5\n");

        Assert.Equal([new RowError(2, "Geo Container Latitude", "95 is not between -90 and 90")], Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void Unknown_organisational_structure_uri_rejects_the_row_naming_the_column()
    {
        var file = Read($"Identifier,Name,Organisational Structure\nR1,Bakery,{Os}OS999\n");

        Assert.Equal(
            [new RowError(2, "Organisational Structure", $"'{Os}OS999' is not a known organisational-structure URI")],
            Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void Every_activity_and_membership_uri_must_resolve()
    {
        var file = Read($"Identifier,Name,Primary Activity,Activities,Membership Type\nR1,Bakery,{Ica}ICA1,{Ica}ICA10;{Ica}ICA2,{Bmt}BMT99\n");

        Assert.Equal(["Primary Activity", "Activities", "Membership Type"], Assert.Single(file.Rejected).Errors.Select(e => e.Field));
    }

    [Fact]
    public void Primary_activity_takes_a_single_uri()
    {
        var file = Read($"Identifier,Name,Primary Activity\nR1,Bakery,{Ica}ICA10;{Ica}ICA20\n");

        Assert.Equal([new RowError(2, "Primary Activity", "holds 2 URIs but takes one")], Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void Unknown_country_rejects_the_row_naming_the_column()
    {
        var file = Read("Identifier,Name,Country ID\nR1,Bakery,Atlantis\n");

        Assert.Equal([new RowError(2, "Country ID", "'Atlantis' is not a country we know (use an ISO 3166-1 code or a country name)")],
            Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void Invalid_website_is_reported_against_the_website_column()
    {
        var file = Read("Identifier,Name,Website\nR1,Bakery,mailto:info@bakery.coop\n");

        Assert.Equal("Website", Assert.Single(Assert.Single(file.Rejected).Errors).Field);
    }

    [Fact]
    public void Duplicate_identifier_rejects_the_later_row_naming_the_earlier_line()
    {
        var file = Read("Identifier,Name\nR1,Bakery\nR2,Dairy\nR1,Brewery\n");

        Assert.Equal(["Bakery", "Dairy"], file.Records.Select(r => r.Content.Name));
        Assert.Equal([new RowError(4, "Identifier", "'R1' is already the identifier of the row on line 2")],
            Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void Missing_required_column_fails_the_whole_file()
    {
        var file = Read("Name,Website\nBakery,http://bakery.coop\n");

        Assert.Equal([new RowError(1, "Identifier", "required column is missing")], file.FileErrors);
        Assert.Empty(file.Records);
    }

    [Fact]
    public void A_row_with_several_problems_reports_each_and_is_not_imported()
    {
        var file = Read("Identifier,Name,Country ID,Incorporation Date\n,Bakery,Atlantis,31/31/2020\n");

        Assert.Equal(["Identifier", "Country ID", "Incorporation Date"], Assert.Single(file.Rejected).Errors.Select(e => e.Field));
        Assert.Empty(file.Records);
    }

    [Fact]
    public void Empty_rows_are_skipped_without_shifting_line_numbers()
    {
        var file = Read("Identifier,Name,Street Address\r\nR1,Bakery,\"1 High St\r\nFlat 2\"\r\n\r\n,,\r\nR2,Dairy,\r\n");

        Assert.Equal([(2, "R1"), (6, "R2")], file.Records.Select(r => (r.Line, r.SourceRecordId)));
        Assert.Empty(file.Rejected);
    }

    [Fact]
    public void Blank_cells_become_null_and_values_are_trimmed()
    {
        var content = Assert.Single(Read("Identifier,Name,Description,Locality\n R1 ,  Bakery  ,   ,\n").Records).Content;

        Assert.Equal("Bakery", content.Name);
        Assert.Equal("R1", Assert.Single(Read("Identifier,Name\n R1 ,Bakery\n").Records).SourceRecordId);
        Assert.Null(content.Description);
        Assert.Empty(content.Locations);
    }
}
