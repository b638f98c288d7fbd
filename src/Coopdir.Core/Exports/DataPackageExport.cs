using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>
/// A Frictionless (Tabular) Data Package as a zip: organizations.csv, relationships.csv,
/// field_provenance.csv and sources.csv, then datapackage.json with a Table Schema for each, the licences and every source
/// (with how many rows each covers, counted while the organizations are written).
/// </summary>
public static class DataPackageExport
{
    public const string MediaType = "application/zip";

    public static readonly TableResource SourceTable = new("sources", "sources.csv",
        "Every dataset records came from, with its licence; records with an empty source were entered in the directory.",
        [
            new("name", "string", "Name of the source dataset", Required: true, Unique: true),
            new("licence", "string", "SPDX id of its licence", Required: true),
            new("licence_name", "string", "Name of its licence"),
            new("licence_url", "string", "Text of its licence", Format: "uri"),
            new("attribution", "string", "Attribution its licence asks for"),
            new("url", "string", "Where the dataset is published", Format: "uri"),
            new("publisher", "string", "Who publishes it"),
            new("vintage", "string", "The date its latest imported file describes"),
            new("retired_at", "datetime", "When it was retired: its values no longer count", Format: "any"),
        ], PrimaryKey: "name");

    public static long Write(ExportContext context, Stream output)
    {
        using var zip = new ZipOutput(output, context.DataChangedAt);
        var rowsBySource = new Dictionary<string, long>();
        var counted = context with { Load = (ids, parts) => PackageDescriptor.Counting(context.Load(ids, parts), rowsBySource) };
        var count = zip.Entry(CsvExport.Table.Path, s => CsvExport.Write(counted, s));
        zip.Entry(RelationshipsCsv.Table.Path, s => RelationshipsCsv.Write(context, s));
        zip.Entry(FieldProvenanceCsv.Table.Path, s => FieldProvenanceCsv.Write(context, s));
        zip.Entry(SourceTable.Path, s => CsvExport.WriteTable(s, SourceTable.Header, context.Sources.Select(x => new string?[]
        {
            x.Name, x.LicenceInfo.Id, x.LicenceInfo.Name, x.LicenceInfo.Url, x.Attribution, x.Url, x.Publisher, x.Vintage, x.RetiredAt,
        })));
        var descriptor = PackageDescriptor.Create(context, "coopdir-organizations", $"{context.DirectoryName} organizations",
            [CsvExport.Table, RelationshipsCsv.Table, FieldProvenanceCsv.Table, SourceTable], rowsBySource);
        zip.Json("datapackage.json", descriptor);
        return count;
    }

    internal static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
