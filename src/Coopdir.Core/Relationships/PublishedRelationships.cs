using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Relationships;

/// <summary>
/// One link an organization publishes about itself: it stands at <paramref name="Side"/> of a
/// relationship of <paramref name="Type"/> with the organization at <paramref name="Other"/> (a
/// Coopdir organization URL, or that organization's website), and says <paramref name="Stance"/>.
/// </summary>
public sealed record PublishedRelationship(Party Side, string Type, string Other, Stance Stance, string? StartDate, string? EndDate, string? EvidenceUrl);

/// <summary>
/// The small format in which an organization whose website is verified publishes the links it asserts,
/// at <c>&lt;website&gt;/.well-known/coopdir-relationships.json</c> (its JSON Schema is published at
/// /schemas/coopdir-relationships.schema.json, from wwwroot):
/// <code>
/// {"version": 1, "relationships": [
///   {"type": "member_of", "object": "https://coopdir.example/organizations/34", "start_date": "2012"},
///   {"type": "member_of", "subject": "https://member.example.coop", "stance": "ends", "end_date": "2025-06"}]}
/// </code>
/// Each entry names the other organization as "object" (the publisher is the subject) or as "subject"
/// (the publisher is the object, as a network listing its members). Stance is "asserts" unless it says
/// "denies" or "ends".
/// </summary>
public static class PublishedRelationships
{
    public const string WellKnownPath = "/.well-known/coopdir-relationships.json";
    public const int MaxBytes = 256 * 1024;
    public const int MaxEntries = 1000;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    public static (IReadOnlyList<PublishedRelationship> Links, IReadOnlyList<FieldError> Errors) Parse(string json)
    {
        var links = new List<PublishedRelationship>();
        var errors = new List<FieldError>();
        if (json.Length > MaxBytes) return (links, [new("file", $"is larger than {MaxBytes / 1024} KB")]);
        JsonDocument document;
        try { document = JsonDocument.Parse(json, Options); }
        catch (JsonException e) { return (links, [new("file", $"is not JSON: {e.Message}")]); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (links, [new("file", "must be a JSON object")]);
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetRawText() != "1")
                errors.Add(new("version", "must be 1"));
            if (!root.TryGetProperty("relationships", out var entries) || entries.ValueKind != JsonValueKind.Array)
                return (links, [.. errors, new("relationships", "must be a list")]);
            if (entries.GetArrayLength() > MaxEntries) return (links, [.. errors, new("relationships", $"has more than {MaxEntries} entries")]);
            var i = 0;
            foreach (var entry in entries.EnumerateArray()) Read(entry, $"relationships[{i++}]", links, errors);
        }
        return (errors.Count == 0 ? links : [], errors);
    }

    private static void Read(JsonElement entry, string at, List<PublishedRelationship> links, List<FieldError> errors)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(at, "must be an object"));
            return;
        }
        void Add(string field, string message) => errors.Add(new(field, message));
        var before = errors.Count;
        var type = Text(entry, "type", at, errors);
        if (type is null && errors.Count == before) errors.Add(new($"{at}.type", "is required"));
        else if (type is not null && Vocabularies.Relationship.Terms.All(t => t.Code != type))
            errors.Add(new($"{at}.type", $"'{type}' is not a relationship type"));
        var @object = Text(entry, "object", at, errors);
        var subject = Text(entry, "subject", at, errors);
        if ((@object is null) == (subject is null)) errors.Add(new(at, "must name the other organization as either \"object\" or \"subject\""));
        var other = @object ?? subject;
        if (other is not null) RelationshipRules.CheckUrl(other, $"{at}.{(@object is null ? "subject" : "object")}", Add);
        var stanceText = Text(entry, "stance", at, errors) ?? "asserts";
        Stance? stance = stanceText switch { "asserts" => Stance.Asserts, "denies" => Stance.Denies, "ends" => Stance.Ends, _ => null };
        if (stance is null) errors.Add(new($"{at}.stance", $"'{stanceText}' is not one of asserts, denies, ends"));
        var start = Text(entry, "start_date", at, errors);
        var end = Text(entry, "end_date", at, errors);
        var evidence = Text(entry, "evidence_url", at, errors);
        RelationshipRules.CheckUrl(evidence, $"{at}.evidence_url", Add);
        RelationshipRules.CheckFields(start, end, null, at, Add);
        if (errors.Count == before)
            links.Add(new(@object is null ? Party.Object : Party.Subject, type!, other!, stance!.Value, start, end, evidence));
    }

    // A string property, or null when absent or null; anything else is an error.
    private static string? Text(JsonElement entry, string name, string at, List<FieldError> errors)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String && PlainText.Problem(value.GetString()) is null) return value.GetString();
        errors.Add(new($"{at}.{name}", "must be plain text"));
        return null;
    }
}
