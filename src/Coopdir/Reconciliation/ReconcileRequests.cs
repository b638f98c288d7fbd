using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Reconciliation;

namespace Coopdir.Reconciliation;

/// <summary>A parsed batch of queries, or every error in it; <see cref="TooLarge"/> when it has more queries than a batch may.</summary>
public sealed record QueryBatch(IReadOnlyList<(string Key, ReconcileQuery Query)> Queries, IReadOnlyList<FieldError> Errors, bool TooLarge = false);

/// <summary>
/// Reads reconciliation queries in both versions' shapes into <see cref="ReconcileQuery"/>: 0.2's object
/// keyed by the client's ids (<c>{"q0": {"query": ..., "type": ..., "properties": [{"pid", "v"}]}}</c>) and
/// 1.0's list of queries with conditions. Every field is checked, every error named by where it is.
/// </summary>
public static class ReconcileRequests
{
    public const int BatchSize = 50;
    public const int MaxBodyBytes = Core.Input.InputLimits.ReconcileBodyBytes;

    public static QueryBatch ParseV02(string? json)
    {
        if (Parse(json) is not { } root) return Invalid("queries", "is not JSON: send an object of queries keyed by your ids");
        using var _ = root;
        if (root.RootElement.ValueKind != JsonValueKind.Object) return Invalid("queries", "must be a JSON object of queries keyed by your ids");
        var entries = root.RootElement.EnumerateObject().ToList();
        if (entries.Count > BatchSize) return new QueryBatch([], [new("queries", $"holds {entries.Count} queries; a batch holds at most {BatchSize}")], TooLarge: true);
        var errors = new List<FieldError>();
        var queries = new List<(string, ReconcileQuery)>();
        foreach (var entry in entries)
        {
            var at = $"queries.{entry.Name}";
            if (entry.Value.ValueKind != JsonValueKind.Object) { errors.Add(new(at, "must be an object with a query")); continue; }
            var q = entry.Value;
            var text = Text(q, "query", at, errors);
            var kinds = Kinds(q.TryGetProperty("type", out var type) ? type : default, $"{at}.type", errors);
            var limit = Limit(q, $"{at}.limit", errors);
            var properties = new List<QueryProperty>();
            if (q.TryGetProperty("properties", out var given))
            {
                if (given.ValueKind != JsonValueKind.Array) errors.Add(new($"{at}.properties", "must be a list of {\"pid\", \"v\"}"));
                else
                    foreach (var (p, i) in given.EnumerateArray().Select((p, i) => (p, i)))
                        if (Property(p, p.ValueKind == JsonValueKind.Object && p.TryGetProperty("pid", out var pid) ? pid : default,
                                p.ValueKind == JsonValueKind.Object && p.TryGetProperty("v", out var v) ? v : default, $"{at}.properties[{i}]", "pid", "v", errors) is { } property)
                            properties.Add(property);
            }
            Check(text, properties, at, errors);
            queries.Add((entry.Name, new ReconcileQuery(text, kinds, limit, properties)));
        }
        return new QueryBatch(queries, errors);
    }

    /// <summary>1.0: <c>{"queries": [{"conditions": [{"matchType": "name" | "property", "propertyId", "propertyValue"}], "type", "limit"}]}</c>.</summary>
    public static QueryBatch ParseV1(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("queries", out var list) || list.ValueKind != JsonValueKind.Array)
            return Invalid("queries", "send {\"queries\": [...]}, a list of queries");
        if (list.GetArrayLength() > BatchSize) return new QueryBatch([], [new("queries", $"holds {list.GetArrayLength()} queries; a batch holds at most {BatchSize}")], TooLarge: true);
        var errors = new List<FieldError>();
        var queries = new List<(string, ReconcileQuery)>();
        foreach (var (q, i) in list.EnumerateArray().Select((q, i) => (q, i)))
        {
            var at = $"queries[{i}]";
            if (q.ValueKind != JsonValueKind.Object || !q.TryGetProperty("conditions", out var conditions) || conditions.ValueKind != JsonValueKind.Array || conditions.GetArrayLength() == 0)
            {
                errors.Add(new(at, "must be an object with a non-empty list of conditions"));
                continue;
            }
            string? text = null;
            var properties = new List<QueryProperty>();
            foreach (var (c, j) in conditions.EnumerateArray().Select((c, j) => (c, j)))
            {
                var where = $"{at}.conditions[{j}]";
                var matchType = c.ValueKind == JsonValueKind.Object && c.TryGetProperty("matchType", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                var value = c.ValueKind == JsonValueKind.Object && c.TryGetProperty("propertyValue", out var v) ? v : default;
                switch (matchType)
                {
                    case "name" when value.ValueKind == JsonValueKind.String && text is null:
                        text = value.GetString()!.Trim();
                        if (text.Length > ReconcileQuery.MaxTextLength) errors.Add(new($"{where}.propertyValue", $"is longer than {ReconcileQuery.MaxTextLength} characters"));
                        break;
                    case "name":
                        errors.Add(new($"{where}.propertyValue", "a query has one name condition, whose value is a string"));
                        break;
                    case "property":
                        if (Property(c, c.TryGetProperty("propertyId", out var pid) ? pid : default, value, where, "propertyId", "propertyValue", errors) is { } property)
                            properties.Add(property);
                        break;
                    case "id":
                        errors.Add(new($"{where}.matchType", "matching by entity id is not offered: look an organization up by /organizations/{id}"));
                        break;
                    default:
                        errors.Add(new($"{where}.matchType", "must be \"name\" or \"property\""));
                        break;
                }
            }
            var kinds = Kinds(q.TryGetProperty("type", out var type) ? type : default, $"{at}.type", errors);
            Check(text, properties, at, errors);
            queries.Add((i.ToString(CultureInfo.InvariantCulture), new ReconcileQuery(text, kinds, Limit(q, $"{at}.limit", errors), properties)));
        }
        return new QueryBatch(queries, errors);
    }

    /// <summary>The JSON a form field or query parameter holds, or null when it holds none.</summary>
    public static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static QueryBatch Invalid(string field, string message) => new([], [new(field, message)]);

    private static void Check(string? text, List<QueryProperty> properties, string at, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text) && properties.Count == 0) errors.Add(new(at, "gives neither a name to match nor any property"));
        if (properties.Count > ReconcileQuery.MaxProperties) errors.Add(new($"{at}.properties", $"at most {ReconcileQuery.MaxProperties} properties"));
    }

    private static string? Text(JsonElement q, string name, string at, List<FieldError> errors)
    {
        if (!q.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) { errors.Add(new($"{at}.{name}", "must be a string")); return null; }
        var text = value.GetString()!.Trim();
        if (text.Length > ReconcileQuery.MaxTextLength) errors.Add(new($"{at}.{name}", $"is longer than {ReconcileQuery.MaxTextLength} characters"));
        return text.Length == 0 ? null : text;
    }

    /// <summary>Kinds from a type id or a list of them; types are the kind vocabulary's codes.</summary>
    public static List<string> Kinds(JsonElement type, string at, List<FieldError> errors)
    {
        var given = type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : "").ToList(),
            JsonValueKind.Undefined or JsonValueKind.Null => new List<string>(),
            _ => [""],
        };
        var kinds = new List<string>();
        foreach (var code in given)
        {
            if (Vocabularies.Kind.Find(code) is { } kind) kinds.Add(kind.Code);
            else errors.Add(new(at, $"'{code}' is not a type; types are the kinds: {string.Join(", ", Vocabularies.Kind.Terms.Select(t => t.Code))}"));
        }
        return kinds;
    }

    private static int Limit(JsonElement q, string at, List<FieldError> errors)
    {
        if (!q.TryGetProperty("limit", out var limit) || limit.ValueKind == JsonValueKind.Null) return ReconcileQuery.DefaultLimit;
        if (limit.ValueKind == JsonValueKind.Number && limit.TryGetDouble(out var n) && n >= 1 && n <= ReconcileQuery.MaxLimit && n == Math.Floor(n)) return (int)n;
        errors.Add(new(at, $"must be a whole number from 1 to {ReconcileQuery.MaxLimit}"));
        return ReconcileQuery.DefaultLimit;
    }

    private static QueryProperty? Property(JsonElement p, JsonElement pid, JsonElement v, string at, string pidName, string valueName, List<FieldError> errors)
    {
        if (pid.ValueKind != JsonValueKind.String) { errors.Add(new($"{at}.{pidName}", "is missing: name the property")); return null; }
        if (ReconcileProperties.Find(pid.GetString()!) is not { Matches: true } property)
        {
            errors.Add(new($"{at}.{pidName}", $"'{pid.GetString()}' is not a property to match by; they are: {string.Join(", ", ReconcileProperties.Matching.Select(m => m.Id))}"));
            return null;
        }
        var values = (v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : [v]).Select(Value).ToList();
        if (values.Count == 0 || values.Any(x => x is null)) { errors.Add(new($"{at}.{valueName}", "must be a string, number, boolean or {\"id\"}, or a list of them")); return null; }
        if (values.Count > ReconcileQuery.MaxValues || values.Any(x => x!.Length > ReconcileQuery.MaxValueLength))
        {
            errors.Add(new($"{at}.{valueName}", $"at most {ReconcileQuery.MaxValues} values of {ReconcileQuery.MaxValueLength} characters"));
            return null;
        }
        if (property.Id == ReconcileProperties.Coordinates && values.Any(x => ReconcileScoring.Point(x!) is null))
        {
            errors.Add(new($"{at}.{valueName}", "coordinates are \"latitude,longitude\" in decimal degrees"));
            return null;
        }
        // A blank cell (OpenRefine sends one as "") says nothing about the candidates: the property is left out.
        var given = values.Select(x => x!.Trim()).Where(x => x.Length > 0).ToList();
        return given.Count == 0 ? null : new QueryProperty(property.Id, given);
    }

    private static string? Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
        JsonValueKind.Object when v.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
        _ => null,
    };
}

/// <summary>A parsed data extension request: organization ids and properties, or every error in it.</summary>
public sealed record ExtensionRequest(IReadOnlyList<string> Ids, IReadOnlyList<ReconcileProperty> Properties, IReadOnlyList<FieldError> Errors, bool TooLarge = false)
{
    /// <summary>Both versions: <c>{"ids": ["1", "2"], "properties": [{"id": "country"}]}</c>.</summary>
    public static ExtensionRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ids", out var ids) || ids.ValueKind != JsonValueKind.Array
            || !root.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Array)
            return new([], [], [new("extend", "send {\"ids\": [...], \"properties\": [{\"id\": ...}]}")]);
        if (ids.GetArrayLength() > DataExtension.MaxIds || properties.GetArrayLength() > DataExtension.MaxProperties)
            return new([], [], [new("extend", $"at most {DataExtension.MaxIds} ids and {DataExtension.MaxProperties} properties at once")], TooLarge: true);
        var errors = new List<FieldError>();
        var idList = new List<string>();
        foreach (var (id, i) in ids.EnumerateArray().Select((id, i) => (id, i)))
        {
            if (id.ValueKind == JsonValueKind.String && id.GetString()!.Length <= 40) idList.Add(id.GetString()!);
            else errors.Add(new($"extend.ids[{i}]", "must be an entity id (a string)"));
        }
        var wanted = new List<ReconcileProperty>();
        foreach (var (p, i) in properties.EnumerateArray().Select((p, i) => (p, i)))
        {
            var pid = p.ValueKind == JsonValueKind.Object && p.TryGetProperty("id", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
            if (pid is not null && ReconcileProperties.Find(pid) is { Extends: true } property)
            {
                // A property asked for twice is answered once.
                if (!wanted.Contains(property)) wanted.Add(property);
            }
            else errors.Add(new($"extend.properties[{i}].id",
                $"'{pid}' is not a property to extend with; they are: {string.Join(", ", ReconcileProperties.Extending.Select(e => e.Id))}"));
        }
        return new(idList, wanted, errors);
    }
}
