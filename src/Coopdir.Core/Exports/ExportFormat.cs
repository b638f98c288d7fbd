namespace Coopdir.Core.Exports;

/// <summary>One bulk format: how it is named in URLs and on the command line, and its writer.</summary>
/// <param name="Key">The CLI's --format value.</param>
/// <param name="Extension">What follows "organizations." in the download URL and file name.</param>
/// <param name="Write">Writes the whole export to the stream, returning the number of organizations.</param>
/// <param name="Compressible">Whether gzip helps (zips are compressed already).</param>
public sealed record ExportFormat(
    string Key,
    string Extension,
    string MediaType,
    string Title,
    string Description,
    string? ConformsTo,
    bool Compressible,
    Func<ExportContext, Stream, long> Write);

/// <summary>Every bulk format, in the order the downloads page and data.json list them.</summary>
public static class ExportFormats
{
    public static IReadOnlyList<ExportFormat> All { get; } =
    [
        new("csv", "csv", CsvExport.MediaType, "CSV",
            "One row per organization (UTF-8, RFC 4180); locations, identifiers and classifications flattened; licence and source on every row.",
            "https://www.rfc-editor.org/rfc/rfc4180", true, CsvExport.Write),
        new("jsonl", "jsonl", JsonLinesExport.MediaType, "JSON Lines",
            "One whole record per line, as the API returns it; Coopdir's lossless format, read back by `coopdir import --format jsonl`.",
            "https://jsonlines.org/", true, JsonLinesExport.Write),
        new("geojson", "geojson", GeoJsonExport.MediaType, "GeoJSON",
            "An RFC 7946 FeatureCollection, one feature per organization (a point, several points, or no geometry).",
            "https://www.rfc-editor.org/rfc/rfc7946", true, GeoJsonExport.Write),
        new("jsonld", "jsonld", JsonLdExport.MediaType, "JSON-LD",
            "Linked data: schema.org Organization with W3C Organization Ontology terms.",
            "https://www.w3.org/TR/vocab-org/", true, JsonLdExport.Write),
        new("popolo", "popolo.json", PopoloExport.MediaType, "Popolo JSON",
            "Organizations and memberships in the Popolo data specification.",
            "http://www.popoloproject.com/specs/", true, PopoloExport.Write),
        new("datapackage", "datapackage.zip", DataPackageExport.MediaType, "Frictionless Data Package",
            "A zip of CSV tables (organizations, memberships, sources) with datapackage.json: Table Schemas, licences and sources.",
            "https://specs.frictionlessdata.io/tabular-data-package/", false, DataPackageExport.Write),
        new("hsds", "hsds.zip", HsdsExport.MediaType, "Open Referral HSDS 3.0",
            "HSDS 3.0 tabular package: organizations, locations, addresses and organization_identifiers.",
            "https://docs.openreferral.org/en/3.0/", false, HsdsExport.Write),
    ];

    public static ExportFormat? ByKey(string key) => All.FirstOrDefault(f => f.Key == key);

    /// <summary>The file name of an export made on <paramref name="date"/>, e.g. coopdir-organizations-2026-11-26.csv.</summary>
    public static string FileName(ExportFormat format, DateTimeOffset date) =>
        $"coopdir-organizations-{date.UtcDateTime:yyyy-MM-dd}.{format.Extension}";
}
