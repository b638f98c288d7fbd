using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Edits;

/// <summary>One field that differs, with each side as display text (null when absent).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>
/// Field-by-field differences between two versions of a record, compared on their revision
/// snapshots so that every field, list and nested value is covered without a list to keep up.
/// </summary>
public static class FieldDiff
{
    // Bookkeeping, not content a person edits.
    private static readonly HashSet<string> Hidden = ["source_id", "source_record_id"];

    public static IReadOnlyList<FieldChange> Between(OrganizationContent? before, OrganizationContent? after) =>
        Between(ToObject(before), ToObject(after));

    public static IReadOnlyList<FieldChange> Between(JsonObject before, JsonObject after) =>
        FieldNames(before, after)
            .Where(field => !JsonNode.DeepEquals(before[field], after[field]))
            .Select(field => new FieldChange(field, Text(before[field]), Text(after[field])))
            .ToList();

    public static JsonObject ToObject(OrganizationContent? content) =>
        content is null ? new JsonObject() : JsonNode.Parse(Snapshots.ToJson(content))!.AsObject();

    public static IEnumerable<string> FieldNames(params JsonObject[] versions) =>
        versions.SelectMany(v => v.Select(p => p.Key)).Distinct().Where(f => !Hidden.Contains(f));

    /// <summary>A value as people read it: strings as they are, a list one item per line, an object as "key: value" pairs.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Count == 0 ? null : string.Join("\n", array.Select(Text)),
        JsonObject obj => string.Join(", ", obj.Select(p => $"{p.Key}: {Text(p.Value)}")),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
