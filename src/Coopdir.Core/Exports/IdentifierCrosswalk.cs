using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Exports;

/// <summary>
/// The identifier crosswalk: one row per identifier of every exported organization (coopdir id, scheme,
/// value, the value's URL by its scheme's template, and the source of the organization's record), so that
/// any one identifier leads to the others. As CSV and as a JSON array; both stream a batch of records at a time.
/// </summary>
public static class IdentifierCrosswalk
{
    public const string JsonMediaType = "application/json";

    public static readonly TableResource Table = new("identifiers", "identifiers.csv",
        "One row per identifier: the organization coopdir_id carries value in scheme.",
        [
            new("coopdir_id", "integer", "Id of the organization", Required: true),
            new("scheme", "string", "Identifier scheme (code of the identifier-scheme vocabulary, or as the source named it)", Required: true),
            new("value", "string", "The identifier", Required: true),
            new("uri", "string", "Where the identifier resolves, by its scheme's URI template", Format: "uri"),
            new("source", "string", "Name of the source of the organization's record (as in organizations.csv); empty when entered in the directory"),
        ],
        ForeignKeys: [new TableForeignKey("coopdir_id", CsvExport.Table.Name, "id")]);

    public static long WriteCsv(ExportContext context, Stream output) =>
        CsvExport.WriteTable(output, Table.Header, Rows(context).Select(r => (IReadOnlyList<string?>)
            [DataPackageExport.Text(r.Id), r.Scheme, r.Value, r.Uri, r.Source]));

    public static long WriteJson(ExportContext context, Stream output)
    {
        using var json = new JsonOutput(output);
        json.Writer.WriteStartArray();
        var count = JsonStreams.WriteEach(json, Rows(context), (w, r) =>
        {
            w.WriteStartObject();
            w.WriteNumber("coopdir_id", r.Id);
            w.WriteString("scheme", r.Scheme);
            w.WriteString("value", r.Value);
            w.WriteString("uri", r.Uri);
            w.WriteString("source", r.Source);
            w.WriteEndObject();
        });
        json.Writer.WriteEndArray();
        json.Complete();
        return count;
    }

    private sealed record Row(long Id, string Scheme, string Value, string? Uri, string? Source);

    private static IEnumerable<Row> Rows(ExportContext context) =>
        context.Read(OrganizationParts.Identifiers).SelectMany(o => o.Content.Identifiers.Select(i =>
            new Row(o.Id, i.Scheme, i.Value, IdentifierSchemes.Find(i.Scheme)?.UriOf(i.Value), o.Source?.Name)));
}
