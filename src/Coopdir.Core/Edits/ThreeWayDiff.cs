using System.Text.Json.Nodes;

namespace Coopdir.Core.Edits;

/// <summary>
/// One field of a proposal made against an older revision: what it was then (base), what it is now
/// (current) and what the proposal would make it. A conflict is a field changed both since the base
/// and by the proposal, differently.
/// </summary>
public sealed record ThreeWayField(string Field, string? Base, string? Current, string? Proposed, bool Conflict);

public static class ThreeWayDiff
{
    /// <summary>Every field the proposal changes or that changed since its base.</summary>
    public static IReadOnlyList<ThreeWayField> Of(JsonObject @base, JsonObject current, JsonObject proposed) =>
        FieldDiff.FieldNames(@base, current, proposed)
            .Select(f => (Field: f, Base: @base[f], Current: current[f], Proposed: proposed[f]))
            .Where(f => !JsonNode.DeepEquals(f.Base, f.Proposed) || !JsonNode.DeepEquals(f.Base, f.Current))
            .Select(f => new ThreeWayField(f.Field, FieldDiff.Text(f.Base), FieldDiff.Text(f.Current), FieldDiff.Text(f.Proposed),
                Conflict: !JsonNode.DeepEquals(f.Base, f.Proposed) && !JsonNode.DeepEquals(f.Base, f.Current)
                    && !JsonNode.DeepEquals(f.Current, f.Proposed)))
            .ToList();

    /// <summary>
    /// The proposal's changes carried onto the current version: each field the proposal changed takes
    /// the proposed value, the rest stay as they are now. Null when a field conflicts.
    /// </summary>
    public static JsonObject? Rebase(JsonObject @base, JsonObject current, JsonObject proposed)
    {
        var result = (JsonObject)current.DeepClone();
        foreach (var field in FieldDiff.FieldNames(@base, proposed).Where(f => !JsonNode.DeepEquals(@base[f], proposed[f])))
        {
            if (!JsonNode.DeepEquals(@base[field], current[field]) && !JsonNode.DeepEquals(current[field], proposed[field])) return null;
            if (proposed[field] is null) result.Remove(field);
            else result[field] = proposed[field]!.DeepClone();
        }
        return result;
    }
}
