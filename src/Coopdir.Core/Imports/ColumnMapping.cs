// Column mapping: how to read any CSV of organizations. A JSON file like this one:
//
// {
//   "columns": { "id": "Org ID", "name": "Name", "alternate_names": "Other names", "kind": "Kind", "types": "Types",
//                "sector": "Sector", "description": "About", "status": "Status", "founded_on": "Founded",
//                "dissolved_on": "Closed", "website": "Web", "email": "Email", "phone": "Phone",
//                "street": "Address", "locality": "Town", "region": "State", "postcode": "ZIP", "country": "Country",
//                "latitude": "Lat", "longitude": "Lon", "members": "Members", "workers": "Workers",
//                "employees": "Employees", "counts_year": "Year" },
//   "identifiers": { "GB-COH": "Company number", "wikidata": "QID" },
//   "descriptions": { "de": "Beschreibung", "es": "Descripción" },
//   "defaults": { "kind": "cooperative", "country": "US" },
//   "values": { "types": { "Worker co-op": "worker" }, "kind": { "Co-op": "cooperative" } },
//   "list_separator": ";"
// }
//
// columns        Coopdir field -> CSV column. Only "name" is required. Without "id", a row's source
//                record id is its name plus its locality (both as TextKey), so re-importing the file
//                matches existing records by name and place: renaming or moving one makes a new record.
// identifiers    identifier scheme (e.g. GB-COH, wikidata) -> the column holding that identifier.
// descriptions   language (a BCP 47 tag: de, es, pt-BR) -> the column holding the description in that
//                language; kept beside "description" (untagged) as descriptions_by_language. One column
//                per language: the tag says what the text is, whatever the column is called.
// defaults       value for a row whose cell is blank or whose column is not mapped. Allowed for kind,
//                types, sector, status, country, region, locality and counts_year. Without a kind, rows
//                are cooperatives; without a status, "unknown".
// values         for kind, types, sector and status: source value -> Coopdir code (matched ignoring
//                case). After translation every value must be a code of the vocabulary, in any case.
// list_separator splits types and alternate_names; ";" when not given.
//
// Cells are trimmed and a blank cell counts as no value. Numbers use "." for decimals. Dates are
// YYYY-MM-DD (or YYYY-MM, YYYY, or with a time) or D/M/YYYY. Countries are ISO 3166-1 alpha-2 codes or
// names in any spelling Countries knows (English, native, Spanish, French).
// A website without a scheme ("www.example.coop") is taken as http.
// Any column named here that the CSV header lacks stops the whole import.
//
// A GeoJSON FeatureCollection (--format geojson) is read through the same mapping: a "column" names a
// feature property, each feature is a row, and a Point geometry gives latitude and longitude unless
// the mapping names properties for them.

using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>
/// How <see cref="MappedCsvReader"/> reads a CSV (and <see cref="GeoJsonReader"/> a GeoJSON file); see the format at the top of this file. Only
/// <see cref="Parse"/> makes one, so every mapping a reader sees has been checked.
/// </summary>
public sealed record ColumnMapping
{
    internal ColumnMapping() { }

    public static readonly IReadOnlyList<string> Fields =
    [
        "id", "name", "alternate_names", "kind", "types", "sector", "description", "status", "founded_on",
        "dissolved_on", "website", "email", "phone", "street", "locality", "region", "postcode", "country",
        "latitude", "longitude", "members", "workers", "employees", "counts_year",
    ];

    public static readonly IReadOnlyList<string> DefaultableFields =
        ["kind", "types", "sector", "status", "country", "region", "locality", "counts_year"];

    /// <summary>Fields whose values are vocabulary codes and may be translated through "values".</summary>
    public static readonly IReadOnlyList<string> CodedFields = ["kind", "types", "sector", "status"];

    /// <summary>Coopdir field → CSV column.</summary>
    public IReadOnlyDictionary<string, string> Columns { get; internal init; } = new Dictionary<string, string>();

    /// <summary>Identifier scheme → CSV column.</summary>
    public IReadOnlyDictionary<string, string> Identifiers { get; internal init; } = new Dictionary<string, string>();

    /// <summary>Language tag → CSV column holding the description in that language.</summary>
    public IReadOnlyDictionary<string, string> Descriptions { get; internal init; } = new Dictionary<string, string>();

    /// <summary>Field → value used when the cell is blank; coded fields hold codes, country an ISO code.</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; internal init; } = new Dictionary<string, string>();

    /// <summary>Coded field → (source value → code), source values matched ignoring case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Values { get; internal init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public string ListSeparator { get; internal init; } = ";";

    /// <summary>Reads the JSON format above. Every problem is returned, each with its JSON path.</summary>
    public static ColumnMappingResult Parse(string json) => ColumnMappingParser.Parse(json);

    /// <summary>The vocabulary code a value names in a coded field, ignoring case; null when it names none.</summary>
    public static string? CodeOf(string field, string value) =>
        CodesOf(field).FirstOrDefault(c => string.Equals(c, value, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<string> CodesOf(string field) => field switch
    {
        "kind" => Vocabularies.Kind.Terms.Select(t => t.Code).ToList(),
        "types" => Vocabularies.Type.Terms.Select(t => t.Code).ToList(),
        "sector" => Vocabularies.Sector.Terms.Select(t => t.Code).ToList(),
        "status" => OrganizationStatus.All,
        _ => [],
    };
}

/// <summary>Either a usable mapping or every reason the JSON is not one.</summary>
public sealed record ColumnMappingResult(ColumnMapping? Mapping, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Mapping is not null;
}
