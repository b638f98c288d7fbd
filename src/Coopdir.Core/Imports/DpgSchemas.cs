using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Coopdir.Core.Imports;

/// <summary>The registry's JSON Schemas (draft-07, as published beside its files) and what they find wrong with a file, by JSON path.</summary>
internal static class DpgSchemas
{
    public sealed record Problem(string Path, string Message);

    public static JsonSchema Load(string name)
    {
        using var stream = typeof(DpgSchemas).Assembly.GetManifestResourceStream($"Coopdir.Core.Imports.Schemas.{name}")!;
        // The registry publishes both schemas with an empty $id, which is no URI: each gets its file's name instead.
        var schema = JsonNode.Parse(stream)!.AsObject();
        schema.Remove("$id");
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 },
            new Uri($"https://coopdir.invalid/schemas/{name}"));
    }

    public static IEnumerable<Problem> Problems(JsonSchema schema, JsonElement json)
    {
        var result = schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return (result.Details ?? [])
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => new Problem(PathOf(d.InstanceLocation.ToString()), Message(e.Value, json, d.InstanceLocation.ToString()))))
            .Distinct();
    }

    /// <summary>"type[0]" for the JSON pointer "/type/0"; "(file)" for the root.</summary>
    public static string PathOf(string pointer)
    {
        var path = "";
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/").Replace("~0", "~")))
            path += int.TryParse(segment, out _) ? $"[{segment}]" : path.Length == 0 ? segment : $".{segment}";
        return path.Length == 0 ? "(file)" : path;
    }

    // The schema's words, with the value found where the value is short enough to quote.
    private static string Message(string reason, JsonElement json, string pointer)
    {
        var value = At(json, pointer);
        var quoted = value is { ValueKind: JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } v
            && v.GetRawText() is { Length: <= 100 } raw ? $" (found {raw})" : "";
        return $"does not follow the registry's schema: {reason}{quoted}";
    }

    private static JsonElement? At(JsonElement json, string pointer)
    {
        var at = json;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Replace("~1", "/").Replace("~0", "~")))
        {
            if (at.ValueKind == JsonValueKind.Object && at.TryGetProperty(segment, out var child)) at = child;
            else if (at.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var i) && i < at.GetArrayLength()) at = at[i];
            else return null;
        }
        return at;
    }
}
