using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Imports;

public class ColumnMappingTests
{
    private static IReadOnlyList<FieldError> Errors(string json)
    {
        var result = ColumnMapping.Parse(json);
        Assert.False(result.IsValid);
        return result.Errors;
    }

    [Fact]
    public void Documented_example_parses()
    {
        var result = ColumnMapping.Parse("""
            {
              "columns": { "id": "Org ID", "name": "Name", "alternate_names": "Other names", "kind": "Kind", "types": "Types",
                           "sector": "Sector", "description": "About", "status": "Status", "founded_on": "Founded",
                           "dissolved_on": "Closed", "website": "Web", "email": "Email", "phone": "Phone",
                           "street": "Address", "locality": "Town", "region": "State", "postcode": "ZIP", "country": "Country",
                           "latitude": "Lat", "longitude": "Lon", "members": "Members", "workers": "Workers",
                           "employees": "Employees", "counts_year": "Year" },
              "identifiers": { "GB-COH": "Company number", "wikidata": "QID" },
              "defaults": { "kind": "cooperative", "country": "US" },
              "values": { "types": { "Worker co-op": "worker" }, "kind": { "Co-op": "cooperative" } },
              "list_separator": ";"
            }
            """);

        Assert.Empty(result.Errors);
        var mapping = result.Mapping!;
        Assert.Equal(24, mapping.Columns.Count);
        Assert.Equal("QID", mapping.Identifiers["wikidata"]);
        Assert.Equal("worker", mapping.Values["types"]["WORKER CO-OP"]);
        Assert.Equal(";", mapping.ListSeparator);
    }

    [Fact]
    public void Name_column_is_the_only_requirement()
    {
        var result = ColumnMapping.Parse("""{ "columns": { "name": "Organisation" } }""");

        Assert.True(result.IsValid);
        Assert.Equal(";", result.Mapping!.ListSeparator);
    }

    [Fact]
    public void Missing_name_column_is_an_error()
    {
        Assert.Equal([new FieldError("columns.name", "is required")], Errors("""{ "columns": { "id": "ID" } }"""));
    }

    [Fact]
    public void Unknown_target_field_is_an_error_naming_it()
    {
        var error = Assert.Single(Errors("""{ "columns": { "name": "Name", "colour": "Colour" } }"""));

        Assert.Equal("columns.colour", error.Field);
        Assert.StartsWith("is not a Coopdir field (id, name, ", error.Message);
    }

    [Fact]
    public void Unknown_default_field_is_an_error_naming_it()
    {
        var error = Assert.Single(Errors("""{ "columns": { "name": "Name" }, "defaults": { "website": "http://x.coop" } }"""));

        Assert.Equal("defaults.website", error.Field);
    }

    [Fact]
    public void Defaults_must_be_vocabulary_codes_or_countries()
    {
        var errors = Errors("""{ "columns": { "name": "Name" }, "defaults": { "kind": "club", "country": "Atlantis" } }""");

        Assert.Equal(["defaults.kind", "defaults.country"], errors.Select(e => e.Field));
        Assert.StartsWith("'club' is not one of cooperative, network, ", errors[0].Message);
    }

    [Fact]
    public void Default_country_names_become_iso_codes()
    {
        var mapping = ColumnMapping.Parse("""{ "columns": { "name": "Name" }, "defaults": { "country": "Germany" } }""").Mapping!;

        Assert.Equal("DE", mapping.Defaults["country"]);
    }

    [Fact]
    public void Translations_must_end_in_vocabulary_codes()
    {
        var errors = Errors("""{ "columns": { "name": "Name" }, "values": { "types": { "Worker co-op": "workers" }, "website": {} } }""");

        Assert.Equal(["values.types.Worker co-op", "values.website"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Unknown_settings_and_wrong_shapes_are_errors()
    {
        var errors = Errors("""{ "columns": { "name": 3 }, "colums": {}, "list_separator": "" }""");

        Assert.Equal(["colums", "list_separator", "columns.name"], errors.Select(e => e.Field));
    }

    [Fact]
    public void Invalid_json_is_an_error_not_an_exception()
    {
        Assert.Equal("mapping", Assert.Single(Errors("{ \"columns\": ")).Field);
    }
}
