using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Relationships;

/// <summary>
/// The relationships of a Murmurations profile (<c>{"relationships": [{"predicate_url": "https://schema.org/memberOf",
/// "object_url": "..."}]}</c>) as published links of the profile's organization. A predicate is the type
/// whose <c>close_match</c> in the relationship vocabulary lists it (the publisher is then the subject), or
/// the inverse of one (<c>schema.org/member</c>: the publisher is the object, as a network listing its
/// members, and as Coopdir's own profiles write it). A predicate Coopdir has no type for is a valid
/// profile's business, so it leaves that entry out with a reason instead of refusing the profile.
/// </summary>
public static class MurmurationsRelationships
{
    // schema.org declares these inverses (member/memberOf, subOrganization/parentOrganization); the vocabulary lists only the forward terms.
    private static readonly Dictionary<string, string> Inverses = new()
    {
        ["https://schema.org/member"] = "https://schema.org/memberOf",
        ["https://schema.org/subOrganization"] = "https://schema.org/parentOrganization",
    };

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32 };

    public static (IReadOnlyList<PublishedEntry> Entries, IReadOnlyList<FieldError> Errors) Parse(string json)
    {
        var entries = new List<PublishedEntry>();
        var errors = new List<FieldError>();
        JsonDocument document;
        try { document = JsonDocument.Parse(json, Options); }
        catch (JsonException e) { return ([], [new("file", $"is not JSON: {e.Message}")]); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return ([], [new("file", "must be a JSON object")]);
            if (!root.TryGetProperty("relationships", out var list)) return ([], []);
            if (list.ValueKind != JsonValueKind.Array) return ([], [new("relationships", "must be a list")]);
            if (list.GetArrayLength() > PublishedRelationships.MaxEntries)
                return ([], [new("relationships", $"has more than {PublishedRelationships.MaxEntries} entries")]);
            var i = 0;
            foreach (var item in list.EnumerateArray()) Read(item, $"relationships[{i++}]", entries, errors);
        }
        return (errors.Count == 0 ? entries : [], errors);
    }

    /// <summary>The type a predicate URL stands for and the publisher's side, or why there is none.</summary>
    public static (string? Type, Party Side, string? Problem) TypeOf(string predicate)
    {
        var forward = Normalize(predicate);
        var side = Party.Subject;
        if (Inverses.TryGetValue(forward, out var inverseOf)) (forward, side) = (inverseOf, Party.Object);
        var types = Vocabularies.Relationship.Terms.Where(t => t.CloseMatch?.Any(m => Normalize(m) == forward) == true).Select(t => t.Code).ToList();
        return types.Count switch
        {
            1 => (types[0], side, null),
            0 => (null, side, $"'{predicate}' is not close to any relationship type of {Vocabularies.RelationshipName} (see /vocabularies/relationship)"),
            _ => (null, side, $"'{predicate}' is close to several relationship types ({string.Join(", ", types)}); publish the file at {PublishedRelationships.WellKnownPath} to say which"),
        };
    }

    private static void Read(JsonElement item, string at, List<PublishedEntry> entries, List<FieldError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(at, "must be an object"));
            return;
        }
        var before = errors.Count;
        var predicate = Url(item, "predicate_url", at, errors);
        var other = Url(item, "object_url", at, errors);
        if (errors.Count > before) return;
        var (type, side, problem) = TypeOf(predicate!);
        entries.Add(problem is null
            ? new(at, "object_url", new PublishedRelationship(side, type!, other!, Stance.Asserts, null, null, null), null)
            : new(at, "object_url", null, new FieldError($"{at}.predicate_url", problem)));
    }

    private static string? Url(JsonElement item, string name, string at, List<FieldError> errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new($"{at}.{name}", "is required, as a URL"));
            return null;
        }
        var url = value.GetString()!;
        RelationshipRules.CheckUrl(url, $"{at}.{name}", (field, message) => errors.Add(new(field, message)));
        return url;
    }

    // schema.org terms are written with either scheme.
    private static string Normalize(string url) =>
        url.StartsWith("http://schema.org/", StringComparison.OrdinalIgnoreCase) ? "https://schema.org/" + url["http://schema.org/".Length..] : url;
}
