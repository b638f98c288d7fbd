namespace Coopdir.Core.Exports;

/// <summary>One bulk format: how it is named in URLs and on the command line, and its writer.</summary>
/// <param name="Key">The CLI's --format value.</param>
/// <param name="Subject">What it lists, "organizations" or "relationships": the start of its URL's file name and of its file's name.</param>
/// <param name="Extension">What follows the subject in the download URL and file name.</param>
/// <param name="Write">Writes the whole export to the stream, returning how many of its subject it wrote.</param>
/// <param name="Compressible">Whether gzip helps (zips are compressed already).</param>
/// <param name="Kind">Only organizations of this kind (the solutions' formats): the live download searches among them alone.</param>
public sealed record ExportFormat(
    string Key,
    string Subject,
    string Extension,
    string MediaType,
    string Title,
    string Description,
    string? ConformsTo,
    bool Compressible,
    Func<ExportContext, Stream, long> Write,
    string? Kind = null)
{
    public const string Organizations = "organizations";
    public const string Relationships = "relationships";
    public const string Solutions = "solutions";
    public const string Identifiers = "identifiers";

    /// <summary>Where the live export is: /api/v1/exports/{subject}.{extension}.</summary>
    public string Url => $"/api/v1/exports/{Subject}.{Extension}";
}

/// <summary>Every bulk format, in the order the downloads page and data.json list them.</summary>
public static class ExportFormats
{
    public static IReadOnlyList<ExportFormat> All { get; } =
    [
        new("csv", ExportFormat.Organizations, "csv", CsvExport.MediaType, "CSV",
            "One row per organization (UTF-8, RFC 4180); locations, identifiers and classifications flattened; licence and source on every row.",
            "https://www.rfc-editor.org/rfc/rfc4180", true, CsvExport.Write),
        new("jsonl", ExportFormat.Organizations, "jsonl", JsonLinesExport.MediaType, "JSON Lines",
            "One whole record per line, as the API returns it; Coopdir's lossless format, read back by `coopdir import --format jsonl`.",
            "https://jsonlines.org/", true, JsonLinesExport.Write),
        new("geojson", ExportFormat.Organizations, "geojson", GeoJsonExport.MediaType, "GeoJSON",
            "An RFC 7946 FeatureCollection, one feature per organization (a point, several points, or no geometry).",
            "https://www.rfc-editor.org/rfc/rfc7946", true, GeoJsonExport.Write),
        new("jsonld", ExportFormat.Organizations, "jsonld", JsonLdExport.MediaType, "JSON-LD",
            "Linked data: schema.org Organization with W3C Organization Ontology terms.",
            "https://www.w3.org/TR/vocab-org/", true, JsonLdExport.Write),
        new("popolo", ExportFormat.Organizations, "popolo.json", PopoloExport.MediaType, "Popolo JSON",
            "Organizations and memberships in the Popolo data specification.",
            "http://www.popoloproject.com/specs/", true, PopoloExport.Write),
        new("datapackage", ExportFormat.Organizations, "datapackage.zip", DataPackageExport.MediaType, "Frictionless Data Package",
            "A zip of CSV tables (organizations, relationships, field provenance, sources) with datapackage.json: Table Schemas, licences and sources.",
            "https://specs.frictionlessdata.io/tabular-data-package/", false, DataPackageExport.Write),
        new("hsds", ExportFormat.Organizations, "hsds.zip", HsdsExport.MediaType, "Open Referral HSDS 3.0",
            "HSDS 3.0 tabular package: organizations (with their parent organization), locations, addresses, organization_identifiers and funding.",
            "https://docs.openreferral.org/en/3.0/", false, HsdsExport.Write),
        new("relationships-csv", ExportFormat.Relationships, "csv", CsvExport.MediaType, "Relationships CSV",
            "One row per relationship whose subject matches (its object may not): type, both ids, status, dates and who asserted it. The relationships table of the Data Package.",
            "https://www.rfc-editor.org/rfc/rfc4180", true, RelationshipsCsv.Write),
        new("graphml", ExportFormat.Relationships, "graphml", GraphMlExport.MediaType, "GraphML",
            "The network: a node per matching organization and per organization its relationships point to, an edge per relationship (type, status, dates), for Gephi, yEd, NetworkX or igraph.",
            "http://graphml.graphdrawing.org/specification.html", true, GraphMlExport.Write),
        new("solutions-csv", ExportFormat.Solutions, "csv", CsvExport.MediaType, "Solutions CSV",
            "One row per shared solution: licence, status, categories, languages, SDGs, countries of use, maintainer kinds, maintainers, funders and users by id, and its reuse count.",
            "https://www.rfc-editor.org/rfc/rfc4180", true, SolutionsCsv.Write, Solutions.SolutionRules.Kind),
        new("solutions-jsonld", ExportFormat.Solutions, "jsonld", JsonLdExport.MediaType, "Solutions JSON-LD",
            "Linked data: each shared solution as a schema.org SoftwareSourceCode (a SoftwareApplication too when it is an application), Dataset or CreativeWork, with its codeRepository, license, maintainer and funder.",
            "https://schema.org/SoftwareSourceCode", true, JsonLdExport.WriteSolutions, Solutions.SolutionRules.Kind),
        new("solutions-datapackage", ExportFormat.Solutions, "datapackage.zip", DataPackageExport.MediaType, "Solutions Data Package",
            "A zip of solutions.csv with datapackage.json: its Table Schema, licences and sources.",
            "https://specs.frictionlessdata.io/tabular-data-package/", false, SolutionsDataPackage.Write, Solutions.SolutionRules.Kind),
        new("publiccode-zip", ExportFormat.Solutions, "publiccode.zip", PublicCodeZip.MediaType, "publiccode.yml files",
            "A zip of one publiccode.yml (standard version 0.7) per shared solution, in a folder named by its slug, for catalogues that read the standard.",
            "https://yml.publiccode.tools/", false, PublicCodeZip.Write, Solutions.SolutionRules.Kind),
        new("crosswalk-csv", ExportFormat.Identifiers, "csv", CsvExport.MediaType, "Identifier crosswalk (CSV)",
            "One row per identifier of every matching organization: coopdir id, scheme, value, its URL and the record's source. Any one identifier leads to the others.",
            "https://www.rfc-editor.org/rfc/rfc4180", true, IdentifierCrosswalk.WriteCsv),
        new("crosswalk-json", ExportFormat.Identifiers, "json", IdentifierCrosswalk.JsonMediaType, "Identifier crosswalk (JSON)",
            "The identifier crosswalk as a JSON array of {coopdir_id, scheme, value, uri, source}.",
            null, true, IdentifierCrosswalk.WriteJson),
    ];

    public static ExportFormat? ByKey(string key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>The file name of an export made on <paramref name="date"/> (or of a release named so), e.g. coopdir-organizations-2026-11-26.csv.</summary>
    public static string FileName(ExportFormat format, DateTimeOffset date) =>
        FileName(format, date.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public static string FileName(ExportFormat format, string dated) => $"coopdir-{format.Subject}-{dated}.{format.Extension}";
}
