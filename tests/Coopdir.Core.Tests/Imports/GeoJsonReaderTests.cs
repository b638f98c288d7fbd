using System.Text;
using Coopdir.Core.Imports;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Imports;

public class GeoJsonReaderTests
{
    private const string Mapping = """{ "columns": { "id": "_id", "name": "name" } }""";

    private const string WithCountryAndGerman = """
        { "columns": { "id": "_id", "name": "name", "country": "addr:country" }, "descriptions": { "de": "description:de" } }
        """;

    private static readonly Lazy<ParsedFile> Susy = new(() =>
    {
        var mapping = ColumnMapping.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "susy", "susy-mapping.json"))).Mapping!;
        using var json = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "data", "susy", "susy_transformap_SSEDAS_PARTNER.geojson.json"));
        return GeoJsonReader.Read(json, mapping);
    });

    private static ParsedFile Read(string features, string mapping = Mapping) =>
        GeoJsonReader.Read(new MemoryStream(Encoding.UTF8.GetBytes($$"""{ "type": "FeatureCollection", "features": [{{features}}] }""")),
            ColumnMapping.Parse(mapping).Mapping!);

    private static string Feature(string properties, string geometry = """{ "type": "Point", "coordinates": [13.4, 52.5] }""") =>
        $$"""{ "type": "Feature", "properties": { {{properties}} }, "geometry": {{geometry}} }""";

    [Fact]
    public void A_point_gives_latitude_and_longitude_in_geojson_order_and_properties_fill_the_mapped_fields()
    {
        var file = Read(Feature("""  "_id": "a1", "name": "Kiezladen", "addr:country": "Deutschland", "description:de": "Ein Laden"  """), WithCountryAndGerman);

        var record = Assert.Single(file.Records);
        Assert.Equal("a1", record.SourceRecordId);
        Assert.Equal(new Location(Country: "DE", Latitude: 52.5, Longitude: 13.4), Assert.Single(record.Content.Locations));
        Assert.Equal([new LanguageText("de", "Ein Laden")], record.Content.DescriptionsByLanguage);
    }

    [Fact]
    public void A_bad_feature_is_reported_by_its_number_and_property_and_the_others_still_read()
    {
        var file = Read(string.Join(',',
            Feature("""  "_id": "a1", "name": "Good"  """),
            Feature("""  "_id": "a2", "name": "Bad", "addr:country": "Frace", "description:de": "Ein Laden"  """)), WithCountryAndGerman);

        Assert.Equal(["a1"], file.Records.Select(r => r.SourceRecordId));
        Assert.Equal("feature", file.RowName);
        Assert.Equal([new RowError(2, "addr:country", "'Frace' is not a country we know (use an ISO 3166-1 code or a country name)")],
            Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void A_feature_whose_properties_are_not_an_object_is_rejected_with_the_reason()
    {
        var file = Read("""{ "type": "Feature", "properties": [1, 2], "geometry": null }, """ + Feature("""  "_id": "a1", "name": "Shop"  """));

        Assert.Single(file.Records);
        Assert.Equal([new RowError(1, "properties", "must be a JSON object of the feature's values")], Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void A_property_holding_an_object_is_not_a_value()
    {
        var file = Read(Feature("""  "_id": "a1", "name": { "en": "Shop" }  """) + "," + Feature("""  "_id": "a2", "name": "Shop"  """));

        Assert.Equal([new RowError(1, "name", "is a JSON object, not a single value")], Assert.Single(file.Rejected).Errors);
    }

    [Fact]
    public void A_polygon_cannot_place_a_record_when_the_mapping_names_no_coordinates()
    {
        var file = Read(Feature("""  "_id": "a1", "name": "Park"  """, """{ "type": "Polygon", "coordinates": [] }"""));

        Assert.Equal("geometry", Assert.Single(Assert.Single(file.Rejected).Errors).Field);
    }

    [Fact]
    public void A_property_the_mapping_names_that_no_feature_has_stops_the_import()
    {
        var file = Read(Feature("""  "_id": "a1", "name": "Shop"  """), """{ "columns": { "name": "name", "id": "_id", "email": "contact:email" } }""");

        Assert.Equal([new RowError(0, "contact:email", "is not a property of any feature but the mapping names it as columns.email")], file.FileErrors);
    }

    [Fact]
    public void Something_that_is_not_a_feature_collection_is_refused_as_a_whole()
    {
        var file = GeoJsonReader.Read(new MemoryStream("""{ "type": "Feature" }"""u8.ToArray()), ColumnMapping.Parse(Mapping).Mapping!);

        Assert.Equal("file", Assert.Single(file.FileErrors).Field);
    }

    [Fact]
    public void Every_country_of_the_susy_map_is_resolved_or_reported()
    {
        var file = Susy.Value;

        Assert.Equal(1_794, file.RowCount);
        var countryErrors = file.Rejected.SelectMany(r => r.Errors).Where(e => e.Field == "addr:country").ToList();
        Assert.Equal(["Cypres", "Italu", "Portogallo", "Frace", "Frace", "ABERDEEN"], countryErrors.Select(e => e.Message.Split('\'')[1]));
        Assert.Equal(18, countryErrors[0].Line);
        var countries = file.Records.SelectMany(r => r.Content.Locations).Select(l => l.Country).OfType<string>().ToHashSet();
        Assert.Superset(new HashSet<string> { "AT", "DE", "GB", "GR", "BE", "LV", "SI", "RO" }, countries);
    }

    [Fact]
    public void The_susy_maps_german_descriptions_keep_their_language()
    {
        var tagged = Susy.Value.Records.SelectMany(r => r.Content.DescriptionsByLanguage).ToList();

        Assert.Contains(tagged, d => d.Language == "de");
        Assert.Contains(tagged, d => d.Language == "el");
        Assert.All(tagged, d => Assert.True(OrganizationValidator.IsLanguageTag(d.Language)));
    }
}
