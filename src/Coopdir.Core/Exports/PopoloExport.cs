using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Exports;

/// <summary>
/// Popolo JSON (popoloproject.com): {"organizations": [...], "memberships": [...], "areas": [...]}. Ids are the
/// organizations' URLs. An organization's area_id is the Open Civic Data id its first location resolves to, and
/// "areas" holds each such area with its ancestors (the OCD id as id and as an identifier). A membership's member is an organization, which Popolo writes as
/// "member": {"@type": "Organization", "id": ...}. An organization that is a subsidiary or branch of
/// another now has it as parent_id (Popolo has one parent: the first). The store is read twice: once for
/// the organizations, once for the memberships, so nothing is held in between.
/// </summary>
public static class PopoloExport
{
    public const string MediaType = "application/json";

    public static long Write(ExportContext context, Stream output)
    {
        using var json = new JsonOutput(output);
        var writer = json.Writer;
        writer.WriteStartObject();
        writer.WriteStartObject("meta");
        writer.WriteString("title", $"{context.DirectoryName} organizations");
        writer.WriteString("data_changed_at", context.DataChangedAt.ToString("O"));
        writer.WriteString("licence", context.LicenceStatement);
        writer.WriteEndObject();
        writer.WriteStartArray("organizations");
        var areas = new SortedSet<string>(StringComparer.Ordinal);
        var count = JsonStreams.WriteEach(json, context.Read(OrganizationParts.Details | OrganizationParts.Identifiers | OrganizationParts.Locations | OrganizationParts.Relationships),
            (w, o) => WriteOrganization(w, o, context, areas));
        writer.WriteEndArray();
        writer.WriteStartArray("areas");
        foreach (var id in areas) WriteArea(writer, context.Areas!.Find(id)!, context.Areas);
        writer.WriteEndArray();
        writer.WriteStartArray("memberships");
        JsonStreams.WriteEach(json, context.Read(OrganizationParts.Relationships).SelectMany(o => o.Outgoing.Where(r => r.Type == RelationshipTypes.MemberOf)),
            (w, r) => WriteMembership(w, r, context));
        writer.WriteEndArray();
        writer.WriteEndObject();
        json.Complete();
        return count;
    }

    private static void WriteOrganization(Utf8JsonWriter w, Organization o, ExportContext context, ISet<string> areas)
    {
        var c = o.Content;
        var area = c.Locations.Select(context.AreaOf).FirstOrDefault(a => a is not null);
        w.WriteStartObject();
        w.WriteString("id", context.OrganizationUrl(o.Id));
        w.WriteString("name", c.Name);
        w.WriteStartArray("other_names");
        foreach (var name in c.AlternateNames)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("identifiers");
        foreach (var identifier in c.Identifiers)
        {
            w.WriteStartObject();
            w.WriteString("identifier", identifier.Value);
            w.WriteString("scheme", identifier.Scheme);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("classification", c.Kind);
        if (o.Parents.FirstOrDefault() is { } parent) w.WriteString("parent_id", context.OrganizationUrl(parent.ObjectId));
        if (area is not null)
        {
            w.WriteString("area_id", area.Id);
            areas.Add(area.Id);
            foreach (var ancestor in context.Areas!.Ancestors(area)) areas.Add(ancestor.Id);
        }
        w.WriteIfPresent("description", c.Description);
        w.WriteIfPresent("founding_date", c.FoundedOn);
        w.WriteIfPresent("dissolution_date", c.DissolvedOn);
        w.WriteStartArray("contact_details");
        WriteContact(w, "email", c.Email);
        WriteContact(w, "voice", c.Phone);
        WriteContact(w, "address", c.Locations.FirstOrDefault() is { } l
            ? string.Join(", ", new[] { l.Street, l.Locality, l.Region, l.Postcode, l.Country }.Where(p => !string.IsNullOrWhiteSpace(p)))
            : null);
        w.WriteEndArray();
        w.WriteStartArray("links");
        if (!string.IsNullOrWhiteSpace(c.Website)) WriteLink(w, c.Website, "website");
        WriteLink(w, context.OrganizationUrl(o.Id), $"{context.DirectoryName} record");
        w.WriteEndArray();
        w.WriteStartArray("sources");
        var licence = context.LicenceOf(o);
        var note = o.Source is null
            ? $"Entered in {context.DirectoryName}; licence {licence.Id}"
            : $"Source: {o.Source.Name}; licence {licence.Id}{(o.Source.Attribution is null ? "" : $"; {o.Source.Attribution}")}";
        WriteLink(w, o.Source?.Url ?? licence.Url ?? context.OrganizationUrl(o.Id), note);
        w.WriteEndArray();
        w.WriteString("created_at", o.CreatedAt.ToString("O"));
        w.WriteString("updated_at", o.UpdatedAt.ToString("O"));
        w.WriteEndObject();
    }

    private static void WriteArea(Utf8JsonWriter w, Areas.Area area, Areas.AreaGazetteer gazetteer)
    {
        w.WriteStartObject();
        w.WriteString("id", area.Id);
        w.WriteString("name", area.Name);
        w.WriteString("classification", area.Level);
        w.WriteStartArray("identifiers");
        w.WriteStartObject();
        w.WriteString("identifier", area.Id);
        w.WriteString("scheme", "ocd-division");
        w.WriteEndObject();
        w.WriteEndArray();
        if (gazetteer.Parent(area) is { } parent) w.WriteString("parent_id", parent.Id);
        w.WriteEndObject();
    }

    // Every member_of relationship, ended and disputed ones too: its status is in the note, its end in end_date.
    private static void WriteMembership(Utf8JsonWriter w, RelationshipView r, ExportContext context)
    {
        w.WriteStartObject();
        w.WriteString("id", context.RelationshipUrl(r.Id));
        w.WriteString("label", $"{r.SubjectName} is a member of {r.ObjectName}");
        w.WriteStartObject("member");
        w.WriteString("@type", "Organization");
        w.WriteString("id", context.OrganizationUrl(r.SubjectId));
        w.WriteEndObject();
        w.WriteString("organization_id", context.OrganizationUrl(r.ObjectId));
        w.WriteIfPresent("start_date", r.StartDate);
        w.WriteIfPresent("end_date", r.EndDate ?? r.State.EndedAt?.ToString("yyyy-MM-dd"));
        w.WriteString("note", $"Status: {RelationshipText.Of(r.State.Status)}{(r.Note is null ? "" : $". {r.Note}")}");
        w.WriteEndObject();
    }

    private static void WriteContact(Utf8JsonWriter w, string type, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    private static void WriteLink(Utf8JsonWriter w, string url, string note)
    {
        w.WriteStartObject();
        w.WriteString("url", url);
        w.WriteString("note", note);
        w.WriteEndObject();
    }
}
