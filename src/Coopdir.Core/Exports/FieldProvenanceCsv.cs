using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Coopdir.Core.Sources;

namespace Coopdir.Core.Exports;

/// <summary>
/// field_provenance.csv: where each field of each exported record came from. One row for the origin of
/// the value shown, one per other source saying the same, and one per source saying something else
/// (with what it says). A table of the Data Package.
/// </summary>
public static class FieldProvenanceCsv
{
    public const string Shown = "shown", Agrees = "agrees", Alternative = "alternative";

    public static readonly TableResource Table = new("field_provenance", "field_provenance.csv",
        "Where each field's value came from: the origin of the value shown, sources agreeing with it, and sources that say otherwise.",
        [
            new("organization_id", "integer", "Id of the organization", Required: true),
            new("field", "string", "The field, as named in the API record (name, website, locations...)", Required: true),
            new("role", "string", "shown: the origin of the value shown; agrees: another source saying the same; alternative: a source saying otherwise",
                Required: true, Enum: [Shown, Agrees, Alternative]),
            new("origin", "string", "source, edit (a person's) or unknown (recorded before provenance was kept)", Required: true,
                Enum: [FieldOrigin.FromSource, FieldOrigin.FromEdit, FieldOrigin.Unknown]),
            new("source", "string", "The source's name (see sources.csv), for origin source"),
            new("vintage", "string", "The date the source's file describes"),
            new("record_id", "string", "The record's id in that source"),
            new("revision", "integer", "The revision that set it, for origin edit"),
            new("author", "string", "Who set it, for origin edit"),
            new("edited_at", "datetime", "When it was set, for origin edit", Format: "any"),
            new("confirmed_on", "string", "For the value shown: the newest vintage or edit behind it"),
            new("value", "string", "For an alternative: what that source says (a list one item per line)"),
        ],
        ForeignKeys: [new TableForeignKey("organization_id", CsvExport.Table.Name, "id")]);

    public static long Write(ExportContext context, Stream output) =>
        CsvExport.WriteTable(output, Table.Header, context.Read(OrganizationParts.All | OrganizationParts.Provenance)
            .SelectMany(o => o.Provenance.SelectMany(p => Rows(o.Id, p))));

    private static IEnumerable<string?[]> Rows(long id, FieldProvenance p)
    {
        yield return Row(id, p.Field, Shown, p.Origin, p.ConfirmedOn, null);
        foreach (var agreeing in p.Agreeing) yield return Row(id, p.Field, Agrees, agreeing, null, null);
        foreach (var other in p.Alternatives) yield return Row(id, p.Field, Alternative, other.Origin, null, FieldDiff.Text(other.Value));
    }

    private static string?[] Row(long id, string field, string role, FieldOrigin o, string? confirmedOn, string? value) =>
    [
        DataPackageExport.Text(id), field, role, o.Kind, o.Source, o.Vintage, o.RecordId,
        o.Revision is { } r ? DataPackageExport.Text(r) : null, o.Author, o.At?.ToString("O"), confirmedOn, value,
    ];
}
