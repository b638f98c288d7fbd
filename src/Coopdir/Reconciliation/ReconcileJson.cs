using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coopdir.Core.Organizations;
using Coopdir.Core.Reconciliation;
using Coopdir.Core.Search;

namespace Coopdir.Reconciliation;

/// <summary>
/// The protocol's JSON, by hand (its shapes differ between 0.2 and 1.0, and the official schemas check
/// them in the tests): candidates, suggestions, extension rows, property proposals, and JSONP.
/// </summary>
public static partial class ReconcileJson
{
    public const int PreviewWidth = 400, PreviewHeight = 200;

    public static JsonObject Candidate(ReconcileCandidate c) => new()
    {
        ["id"] = Id(c.Id),
        ["name"] = c.Name,
        ["description"] = c.Description ?? c.KindLabel,
        ["score"] = c.Score,
        ["match"] = c.Match,
        ["type"] = new JsonArray(Type(c.Kind)),
        ["features"] = new JsonArray(c.Features.Select(f => (JsonNode?)new JsonObject { ["id"] = f.Id, ["name"] = f.Name, ["value"] = f.Value }).ToArray()),
    };

    public static JsonObject Type(string kind) => new() { ["id"] = kind, ["name"] = Vocabularies.Kind.LabelOf(kind) };

    public static JsonArray Types() => new(Vocabularies.Kind.Terms.Select(t => (JsonNode?)Type(t.Code)).ToArray());

    public static JsonObject SuggestEntities(IEnumerable<NameSuggestion> names) => Result(names.Select(n =>
    {
        var place = string.Join(", ", new[] { n.Locality, n.Country is null ? null : Countries.NameOf(n.Country) }.OfType<string>());
        var entity = new JsonObject { ["id"] = Id(n.Id), ["name"] = n.Name };
        if (place.Length > 0) entity["description"] = place;
        return entity;
    }));

    public static JsonObject SuggestTypes(string prefix) => Result(Vocabularies.Kind.Terms
        .Where(t => Starts(t.Code, prefix) || Starts(t.Label, prefix)).Select(t => Type(t.Code)));

    public static JsonObject SuggestProperties(string prefix) => Result(ReconcileProperties.Matching
        .Where(p => Starts(p.Id, prefix) || Starts(p.Name, prefix)).Select(Property));

    /// <summary>What the data extension offers for a kind: every property, and the identifier schemes organizations of that kind carry.</summary>
    public static JsonObject Proposals(string? kind, int limit)
    {
        var proposed = ReconcileProperties.Extending.Where(p => kind is null || p.Scheme is null || p.Scheme.UsedBy(kind)).Take(limit);
        var proposal = new JsonObject { ["properties"] = new JsonArray(proposed.Select(p => (JsonNode?)Property(p)).ToArray()), ["limit"] = limit };
        if (kind is not null) proposal["type"] = kind;
        return proposal;
    }

    /// <summary>The columns of an extension: identifier columns name the reconciliation service for their values where there is one (Wikidata's).</summary>
    public static JsonArray Meta(IEnumerable<ReconcileProperty> properties) => new(properties.Select(p =>
    {
        var meta = new JsonObject { ["id"] = p.Id, ["name"] = p.Name };
        if (p.Id == ReconcileProperties.Networks) meta["type"] = Type("network");
        if (p.Scheme?.ReconciliationService is { } service) meta["service"] = service;
        return (JsonNode?)meta;
    }).ToArray());

    public static JsonArray Values(IEnumerable<ExtensionValue> values) => new(values.Select(v => (JsonNode?)(v switch
    {
        { OrganizationId: { } id } => new JsonObject { ["id"] = Id(id), ["name"] = v.Text ?? "" },
        { Number: { } n } => new JsonObject { ["float"] = n },
        _ => new JsonObject { ["str"] = v.Text ?? "" },
    })).ToArray());

    public static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The organization id an entity id names, or null for anything else.</summary>
    public static long? ParseId(string? id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    /// <summary>JSON, or with <c>callback=</c> JSONP: the JSON as the argument of a call to that function.</summary>
    public static IResult Reply(HttpContext http, JsonNode body, int status = StatusCodes.Status200OK)
    {
        var json = body.ToJsonString(PublicJson.Options);
        if (http.Request.Query["callback"].ToString() is { Length: > 0 } callback)
            // The comment keeps a response starting with the caller's text from being read as something else (Rosetta Flash).
            return TypedResults.Text($"/**/{callback}({json});", "application/javascript; charset=utf-8", statusCode: status);
        return TypedResults.Text(json, "application/json; charset=utf-8", statusCode: status);
    }

    /// <summary>A JSONP callback is a JavaScript name (dotted names allowed), nothing else: no call, no markup, no script.</summary>
    public static bool IsCallbackName(string callback) => callback.Length <= 100 && CallbackName().IsMatch(callback);

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$")]
    private static partial Regex CallbackName();

    private static JsonObject Property(ReconcileProperty p) => new() { ["id"] = p.Id, ["name"] = p.Name, ["description"] = p.Description };

    private static JsonObject Result(IEnumerable<JsonObject> items) => new() { ["result"] = new JsonArray(items.Select(i => (JsonNode?)i).ToArray()) };

    private static bool Starts(string text, string prefix) => text.StartsWith(prefix.Trim(), StringComparison.OrdinalIgnoreCase);
}
