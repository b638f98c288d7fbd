using Coopdir.Core.Areas;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Imports;

/// <summary>A Popolo area, as the file gives it: kept for the areas the directory resolves places to.</summary>
public sealed record PopoloArea(string Id, string Name, string? Type, string? ParentId, IReadOnlyList<Identifier> Identifiers);

/// <summary>A Popolo file read: its organizations and their memberships of each other, its areas, and how many memberships were people's.</summary>
public sealed record PopoloFile(ParsedFile Parsed, IReadOnlyList<PopoloArea> Areas, int PersonMemberships);

/// <summary>
/// Reads a Popolo JSON file (an object with <c>organizations</c>, <c>memberships</c>, <c>persons</c>,
/// <c>areas</c>, as EveryPolitician publishes). Each organization is a record of kind <c>other</c>, its
/// Popolo id the record's id: <c>classification</c> a classification of scheme <c>popolo-classification</c>,
/// <c>other_names</c> alternate names, <c>identifiers</c> identifiers of the scheme given, the link noted
/// "website" its website. A membership whose member is an organization of the file (<c>member</c> typed
/// Organization, or a <c>member_id</c> or <c>person_id</c> that is an organization's id) is a
/// <c>member_of</c> relationship the file reports as a third party; its organization is then a network,
/// the kind that has members. People are not directory entries: their memberships are counted, not read.
/// Errors count organizations from 1; a membership naming an organization the file lacks fails the file.
/// </summary>
public static class PopoloReader
{
    public const long MaxBytes = 100L * 1024 * 1024;
    public const string ClassificationScheme = "popolo-classification";
    private const string RowName = "organization";

    public static PopoloFile Read(Stream json)
    {
        if (json.CanSeek && json.Length > MaxBytes)
            return Failed($"is {json.Length / (1024 * 1024):N0} MB; Popolo files over {MaxBytes / (1024 * 1024)} MB are refused");
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? Read(document.RootElement)
                : Failed("is not a Popolo JSON object (with organizations, memberships, persons and areas)");
        }
        catch (JsonException e)
        {
            return Failed($"is not valid JSON: {e.Message}");
        }
    }

    private static PopoloFile Read(JsonElement root)
    {
        var fileErrors = new List<RowError>();
        var organizations = Array(root, "organizations", fileErrors);
        var ids = organizations.Select(o => Text(o, "id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var (links, people) = Memberships(Array(root, "memberships", fileErrors), ids, fileErrors);
        var areas = Areas(Array(root, "areas", fileErrors), fileErrors);
        if (fileErrors.Count > 0) return new PopoloFile(ParsedFile.Failed([.. fileErrors]) with { RowName = RowName }, [], 0);

        var networks = links.Select(l => l.ObjectRecordId).ToHashSet(StringComparer.Ordinal);
        var collected = new JsonRecords(RowName);
        for (var i = 0; i < organizations.Count; i++)
        {
            var o = organizations[i];
            var line = i + 1;
            if (o.ValueKind != JsonValueKind.Object || Text(o, "id") is not { } id || Text(o, "name") is not { } name)
            {
                collected.Reject(line, o.GetRawText(), new RowError(line, "id", "an organization needs an id and a name"));
                continue;
            }
            var content = new OrganizationContent
            {
                Name = name,
                Kind = networks.Contains(id) ? "network" : "other",
                AlternateNames = Array(o, "other_names", null).Select(n => Text(n, "name")).OfType<string>()
                    .Where(n => TextKey.Of(n) != TextKey.Of(name)).DistinctBy(TextKey.Of).ToList(),
                Classifications = Text(o, "classification") is { } c ? [new Classification(ClassificationScheme, c)] : [],
                Identifiers = IdentifiersOf(o),
                Website = Array(o, "links", null).Where(l => string.Equals(Text(l, "note"), "website", StringComparison.OrdinalIgnoreCase))
                    .Select(l => Text(l, "url")).FirstOrDefault(u => u is not null && OrganizationValidator.IsWebUrl(u)),
            };
            collected.Add(line, id, content, o.GetRawText(), []);
        }
        return new PopoloFile(collected.Build(links), areas, people);
    }

    private static (List<ImportLink> Links, int People) Memberships(List<JsonElement> memberships, HashSet<string> organizations, List<RowError> errors)
    {
        var links = new List<ImportLink>();
        var people = 0;
        for (var i = 0; i < memberships.Count; i++)
        {
            var m = memberships[i];
            var at = $"memberships[{i}]";
            var typed = m.TryGetProperty("member", out var member) && member.ValueKind == JsonValueKind.Object && Text(member, "@type") == "Organization";
            var memberId = typed ? Text(member, "id") : new[] { Text(m, "member_id"), Text(m, "person_id") }.FirstOrDefault(id => id is not null && organizations.Contains(id));
            if (!typed && memberId is null)
            {
                people++;
                continue;
            }
            if (memberId is null || !organizations.Contains(memberId))
                errors.Add(new RowError(0, $"{at}.member.id", $"'{memberId}' is not the id of an organization in the file"));
            else if (Text(m, "organization_id") is not { } of || !organizations.Contains(of))
                errors.Add(new RowError(0, $"{at}.organization_id", $"'{Text(m, "organization_id")}' is not the id of an organization in the file"));
            else links.Add(new ImportLink(i + 1, memberId, "member_of", of, Party.Third));
        }
        return (links, people);
    }

    /// <summary>
    /// The file's areas that are Open Civic Data divisions (an OCD id as their id, or an <c>ocd-division</c>
    /// identifier), as areas of <paramref name="source"/>, each under the nearest of its Popolo parents that is
    /// one; the others are counted, not stored: Coopdir keys places by OCD id and does not make ids up.
    /// </summary>
    public static (AreaList Divisions, int NotDivisions) Divisions(IReadOnlyList<PopoloArea> areas, string source)
    {
        string? OcdId(PopoloArea a) => Area.IsDivisionId(a.Id) ? a.Id
            : a.Identifiers.FirstOrDefault(i => i.Scheme is "ocd-division" or "ocd_id" or "ocd" && Area.IsDivisionId(i.Value))?.Value;
        var ocd = areas.Where(a => OcdId(a) is not null).ToDictionary(a => a.Id, a => OcdId(a)!);
        var divisions = areas.Where(a => ocd.ContainsKey(a.Id))
            .Select(a => new Area(ocd[a.Id], a.Name, AreaLevel.Of(ocd[a.Id]), a.ParentId is not null && ocd.TryGetValue(a.ParentId, out var parent) ? parent : null, source))
            .DistinctBy(a => a.Id).ToList();
        return (new AreaList(divisions, [], []), areas.Count - ocd.Count);
    }

    private static List<PopoloArea> Areas(List<JsonElement> areas, List<RowError> errors)
    {
        var result = new List<PopoloArea>();
        for (var i = 0; i < areas.Count; i++)
        {
            if (Text(areas[i], "id") is { } id && Text(areas[i], "name") is { } name)
                result.Add(new PopoloArea(id, name, Text(areas[i], "type"), Text(areas[i], "parent_id"), IdentifiersOf(areas[i])));
            else errors.Add(new RowError(0, $"areas[{i}]", "an area needs an id and a name"));
        }
        return result;
    }

    private static List<Identifier> IdentifiersOf(JsonElement element) =>
        Array(element, "identifiers", null).Where(i => Text(i, "scheme") is not null && Text(i, "identifier") is not null)
            .Select(i => new Identifier(Text(i, "scheme")!, Text(i, "identifier")!)).Distinct().ToList();

    // The named array's items; a value that is not an array is the file's error when errors are collected.
    private static List<JsonElement> Array(JsonElement element, string name, List<RowError>? errors)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind == JsonValueKind.Array) return value.EnumerateArray().ToList();
        errors?.Add(new RowError(0, name, "must be an array"));
        return [];
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString()!.Trim() is { Length: > 0 } text ? text : null;

    private static PopoloFile Failed(string message) => new(JsonRecords.Failed(RowName, message), [], 0);
}
