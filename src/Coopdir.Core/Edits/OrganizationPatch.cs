using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Edits;

/// <summary>
/// Applies a JSON Merge Patch written against the public record (the shape GET
/// /api/v1/organizations/{id} returns) and maps the result back onto <see cref="OrganizationContent"/>.
/// Read-only and unknown fields are refused by name; the result must pass <see cref="OrganizationValidator"/>.
/// </summary>
public static class OrganizationPatch
{
    public static readonly IReadOnlySet<string> ReadOnlyFields =
        new HashSet<string> { "id", "slug", "member_of", "members", "relationships", "source", "licence", "revision", "created_at", "updated_at",
            "listed_by", "no_longer_listed", "provenance", "confirmed_at", "confirmed_by", "stale" };

    // Relationships carry who asserts them, which only the relationships API may say.
    private static readonly IReadOnlySet<string> RelationshipFields = new HashSet<string> { "member_of", "members", "relationships" };

    private static readonly JsonSerializerOptions Options = new(PublicJson.Options)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>
    /// The patched content, or every error in the patch's shape (unknown or read-only fields, wrong types).
    /// <paramref name="current"/> is null for a new organization. The content itself is validated by
    /// the caller, once, after any rebase (see OrganizationEdits.PrepareAsync).
    /// </summary>
    public static (OrganizationContent? Content, IReadOnlyList<FieldError> Errors) Apply(Organization? current, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return (null, [new("patch", "must be a JSON object")]);
        var errors = patchObject
            .Where(p => ReadOnlyFields.Contains(p.Key))
            .Select(p => new FieldError(p.Key, RelationshipFields.Contains(p.Key)
                ? "is read-only: relationships are written with POST /api/v1/relationships and its assertions"
                : "is read-only"))
            .Concat(patchObject.Where(p => !ReadOnlyFields.Contains(p.Key) && !EditableFields.Contains(p.Key))
                .Select(p => new FieldError(p.Key, "is not a field of an organization")))
            .ToList();
        if (errors.Count > 0) return (null, errors);

        var target = current is null ? new JsonObject() : Editable(current);
        var patched = MergePatch.Apply(target, patchObject);
        EditableOrganization? edited;
        try
        {
            edited = patched.Deserialize<EditableOrganization>(Options);
        }
        catch (JsonException e)
        {
            return (null, [new(FieldOf(e.Path), e.Message.Split(" Path:")[0])]);
        }
        return (edited!.ToContent(current?.Content), []);
    }

    /// <summary>The editable part of a record in the public shape, which a patch is applied to.</summary>
    public static JsonObject Editable(Organization organization)
    {
        var whole = JsonSerializer.SerializeToNode(OrganizationDetail.From(organization), PublicJson.Options)!.AsObject();
        foreach (var field in ReadOnlyFields) whole.Remove(field);
        return whole;
    }

    private static readonly HashSet<string> EditableFields =
    [
        "name", "alternate_names", "kind", "types", "sector", "description", "descriptions_by_language", "status",
        "founded_on", "dissolved_on", "website", "email", "phone", "counts", "locations", "identifiers", "classifications",
        "solution",
    ];

    // "$.locations[0].latitude" -> "locations[0].latitude"
    private static string FieldOf(string? path) => string.IsNullOrEmpty(path) || path == "$" ? "patch" : path.TrimStart('$', '.');

    private sealed record EditableOrganization(
        string? Name, IReadOnlyList<string>? AlternateNames, string? Kind, IReadOnlyList<string>? Types, string? Sector,
        string? Description, IReadOnlyList<LanguageTextDetail>? DescriptionsByLanguage, string? Status, string? FoundedOn, string? DissolvedOn, string? Website, string? Email, string? Phone,
        MembershipCountsDetail? Counts, IReadOnlyList<LocationDetail>? Locations, IReadOnlyList<IdentifierDetail>? Identifiers,
        IReadOnlyList<EditableClassification>? Classifications, Solutions.SolutionFacts? Solution)
    {
        public OrganizationContent ToContent(OrganizationContent? current) => new()
        {
            Name = Name ?? "",
            AlternateNames = AlternateNames ?? [],
            Kind = Kind ?? "",
            Types = Types ?? [],
            Sector = Sector,
            Description = Description,
            DescriptionsByLanguage = (DescriptionsByLanguage ?? []).Select(d => new LanguageText(d.Language, d.Text)).ToList(),
            Status = Status ?? OrganizationStatus.Unknown,
            FoundedOn = FoundedOn,
            DissolvedOn = DissolvedOn,
            Website = Website,
            Email = Email,
            Phone = Phone,
            Counts = Counts is null ? null : new MembershipCounts(Counts.Members, Counts.Workers, Counts.Employees, Counts.Year),
            Locations = (Locations ?? []).Select(l => new Location(l.Street, l.Locality, l.Region, l.Postcode, l.Country, l.Latitude, l.Longitude)).ToList(),
            Identifiers = (Identifiers ?? []).Select(i => new Identifier(i.Scheme, i.Value)).ToList(),
            Classifications = (Classifications ?? []).Select(c => new Classification(c.Scheme, c.Code)).ToList(),
            Solution = Solution,
            Relationships = current?.Relationships ?? [],
            SourceId = current?.SourceId,
            SourceRecordId = current?.SourceRecordId,
        };
    }

    // Label and URI come from the vocabulary; a patch may carry them back unchanged, and they are ignored.
    private sealed record EditableClassification(string Scheme, string Code, string? Label = null, string? Uri = null);
}
