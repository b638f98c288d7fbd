using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Imports;

public class CoopsUkReaderTests
{
    private const string Header =
        "CUK Organisation ID,Registered Number,Registrar,Registered Name,Trading Name,Legal Form,Ownership Classification," +
        "SIC Code,UK Nation,Registered Status,Incorporation Date,Dissolved Date\n";

    private static readonly Lazy<ParsedFile> Organisations2017 = new(() =>
    {
        using var reader = TestData.Open("coops-uk/cuk_open_data_organisations_2017-06.csv");
        return CoopsUkReader.Read(reader);
    });

    private static ParsedFile Read(string rows) => CoopsUkReader.Read(new StringReader(Header + rows));

    private static ImportRecord Record(string id) => Organisations2017.Value.Records.Single(r => r.SourceRecordId == id);

    [Fact]
    public void Real_2017_file_parses_every_organisation_live_and_dead()
    {
        var file = Organisations2017.Value;

        Assert.Empty(file.AllErrors);
        Assert.Equal(8_371, file.Records.Count);
        Assert.Equal(6_814, file.Records.Count(r => r.Content.Status == OrganizationStatus.Active));
        Assert.Equal(1_557, file.Records.Count(r => r.Content.Status == OrganizationStatus.Dissolved));
    }

    [Fact]
    public void Dissolved_society_is_named_by_its_registered_name_and_keeps_its_trading_name_dates_identifiers_and_sector()
    {
        var record = Record("R000216");
        var content = record.Content;

        Assert.Equal(99, record.Line);
        Assert.Equal("Coombe Down Cost Plan Housing Association Limited", content.Name);
        Assert.Equal(["Cost Plan Housing Limited"], content.AlternateNames);
        Assert.Equal(OrganizationStatus.Dissolved, content.Status);
        Assert.Equal("2003-11-19", content.FoundedOn);
        Assert.Equal("2012-04-17", content.DissolvedOn);
        Assert.Equal([new Identifier("coops-uk", "R000216"), new Identifier("GB-MPR", "29663R")], content.Identifiers);
        Assert.Equal("housing", content.Sector);
        Assert.Contains(new Classification("uk-sic-2007", "68201"), content.Classifications);
        Assert.Contains(new Classification(EssGlobal.Activity, "ICA210"), content.Classifications);
        Assert.Contains(new Classification("coops-uk:sector", "Housing"), content.Classifications);
    }

    [Fact]
    public void Company_of_enterprises_is_a_producer_co_op_with_a_companies_house_number()
    {
        var content = Record("R000039").Content;

        Assert.Equal("cooperative", content.Kind);
        Assert.Equal(["producer"], content.Types);
        Assert.Equal("agriculture", content.Sector);
        Assert.Contains(new Identifier("GB-COH", "04518100"), content.Identifiers);
        Assert.Contains(new Classification(EssGlobal.OrganisationalStructure, "OS50"), content.Classifications);
        Assert.Contains(new Classification(EssGlobal.MembershipType, "BMT20"), content.Classifications);
        Assert.Equal(new Location("Unit 9\nCrab Apple Way\nVale Park", "Evesham", "Worcestershire", "WR11 1GP", "GB"),
            Assert.Single(content.Locations));
    }

    [Fact]
    public void Northern_ireland_registrar_numbers_use_gb_nic()
    {
        Assert.Contains(new Identifier("GB-NIC", "IP000348"), Record("R000045").Content.Identifiers);
    }

    [Fact]
    public void Channel_islands_nations_become_their_own_countries()
    {
        Assert.Equal("JE", Record("R000015").Content.Locations[0].Country);
        Assert.Equal("GG", Record("R011326").Content.Locations[0].Country);
        Assert.Equal("GB", Record("R000045").Content.Locations[0].Country);
    }

    [Fact]
    public void Blank_legal_form_and_ownership_map_as_unspecified()
    {
        var content = Assert.Single(Read("R1,,,Bakery Ltd,,,,,England,Live,1/2/2001,\n").Records).Content;

        Assert.Equal("cooperative", content.Kind);
        Assert.Empty(content.Types);
        Assert.Equal("Bakery Ltd", content.Name);
        Assert.Equal("2001-02-01", content.FoundedOn);
    }

    [Fact]
    public void Unknown_legal_form_rejects_the_row_naming_the_column()
    {
        var errors = Assert.Single(Read("R1,,,Bakery Ltd,,Guild,Workers,,England,Live,,\n").Rejected).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("Legal Form", error.Field);
        Assert.StartsWith("'Guild' is not a known legal form (", error.Message);
    }

    [Fact]
    public void Unreadable_date_and_sic_code_are_reported_against_their_columns()
    {
        var errors = Assert.Single(Read("R1,,,Bakery Ltd,,Society,Workers,SIC-12,England,Live,2001-13-45,\n").Rejected).Errors;

        Assert.Equal(
            [
                new RowError(2, "SIC Code", "'SIC-12' is not a UK SIC 2007 code (UKSIC07-NNNNN)"),
                new RowError(2, "Incorporation Date", "'2001-13-45' is not a date (YYYY-MM-DD, YYYY-MM-DDThh:mm:ss or D/M/YYYY)"),
            ],
            errors);
    }

    [Fact]
    public void Dissolution_before_incorporation_is_reported_against_the_dissolved_date_column()
    {
        var error = Assert.Single(Assert.Single(Read("R1,,,Bakery Ltd,,,,,,Dead,1/2/2001,1/2/1999\n").Rejected).Errors);

        Assert.Equal("Dissolved Date", error.Field);
    }

    [Fact]
    public void Missing_registered_name_column_fails_the_whole_file()
    {
        var file = CoopsUkReader.Read(new StringReader("CUK Organisation ID,Trading Name\nR1,Bakery\n"));

        Assert.Equal([new RowError(1, "Registered Name", "required column is missing")], file.FileErrors);
    }
}
