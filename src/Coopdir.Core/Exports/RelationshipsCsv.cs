using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Exports;

/// <summary>
/// relationships.csv: one row per relationship whose subject is among the exported organizations
/// (its object may not be), with its status, who asserted it and the licence of the subject's record,
/// which holds it. A table of the Data Package, and a
/// download of its own.
/// </summary>
public static class RelationshipsCsv
{
    public static readonly TableResource Table = new("relationships", "relationships.csv",
        "One row per relationship: subject_id stands to object_id as type says. Status is computed from the assertions.",
        [
            new("id", "integer", "Stable relationship id, never reused", Required: true, Unique: true),
            new("subject_id", "integer", "Id of the subject organization", Required: true),
            new("type", "string", "Relationship type (code of the relationship vocabulary)", Required: true,
                Enum: Vocabularies.Relationship.Terms.Select(t => t.Code).ToList()),
            new("object_id", "integer", "Id of the object organization", Required: true),
            new("status", "string", "proposed, claimed, confirmed, corroborated, disputed or ended", Required: true, Enum: RelationshipText.Statuses),
            new("start_date", "string", "When it began: YYYY, YYYY-MM or YYYY-MM-DD"),
            new("end_date", "string", "When it ended: YYYY, YYYY-MM or YYYY-MM-DD"),
            new("ended_at", "datetime", "When a side (or a third party) said it ended", Format: "any"),
            new("note", "string", "Note"),
            new("asserted_by", "string", "Each assertion as party:voice:stance (speaker), separated by \" | \"", Required: true),
            new("licence", "string", "SPDX id of the licence covering this row: the subject's record's", Required: true),
        ],
        PrimaryKey: "id",
        // Only the subject: an object outside the export's filter is not in organizations.csv.
        ForeignKeys: [new TableForeignKey("subject_id", CsvExport.Table.Name, "id")]);

    public static long Write(ExportContext context, Stream output) =>
        CsvExport.WriteTable(output, Table.Header, context.Read(OrganizationParts.Relationships)
            .SelectMany(o => o.Outgoing.Select(r => Row(r, context.LicenceOf(o)))));

    private static string?[] Row(RelationshipView r, Licence licence) =>
    [
        DataPackageExport.Text(r.Id), DataPackageExport.Text(r.SubjectId), r.Type, DataPackageExport.Text(r.ObjectId),
        RelationshipText.Of(r.State.Status), r.StartDate, r.EndDate, r.State.EndedAt?.ToString("O"), r.Note,
        string.Join(" | ", r.Assertions.Select(a =>
            $"{RelationshipText.Of(a.Party)}:{RelationshipText.Of(a.Voice)}:{RelationshipText.Of(a.Stance)} ({a.Speaker})")),
        licence.Id,
    ];
}
