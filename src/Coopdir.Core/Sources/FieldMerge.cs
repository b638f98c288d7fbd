using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Sources;

/// <summary>The values a record shows, merged from its sources and people's edits, and where each came from.</summary>
public sealed record MergedRecord(OrganizationContent Content, IReadOnlyList<FieldProvenance> Provenance);

/// <summary>
/// Merges what a record's sources say and what people set into one record, field by field, by
/// <see cref="Precedence"/>. Fields are the record's snapshot properties, so a new field is merged
/// without a list to keep up. The result depends only on the claims and edits, never on the order
/// the sources were imported in.
/// </summary>
public static class FieldMerge
{
    // Bookkeeping and what sources never say (relationships are asserted, not imported).
    private static readonly HashSet<string> NotMerged = ["source_id", "source_record_id", "relationships"];
    // Fields whose values from every source are kept, the winner's first.
    private static readonly HashSet<string> Joined = ["alternate_names", "identifiers", "classifications", "descriptions_by_language"];
    // Joined lists whose items are one per key: a description per language, the winner's first.
    private static readonly Dictionary<string, string> JoinedBy = new() { ["descriptions_by_language"] = "language" };
    // Fields that are objects of their own, merged key by key: each key from the first source (in the field's
    // order) that gives it, and the lists below joined, so that one source's solution facts do not hide what
    // another says and it does not (the registry's SDG evidence and organizations beside a publiccode.yml's texts).
    private static readonly HashSet<string> Combined = ["solution"];
    private static readonly Dictionary<string, string?> CombinedListsJoinedBy = new() { ["parties"] = null, ["sdg_evidence"] = "goal", ["texts"] = "language" };

    /// <summary>The fields merged: the record's snapshot properties but bookkeeping and relationships.</summary>
    public static IReadOnlyList<string> Fields { get; } = Snapshots.Options.GetTypeInfo(typeof(OrganizationContent)).Properties
        .Select(p => p.Name).Where(f => !NotMerged.Contains(f)).ToList();

    /// <param name="current">The record as it is now (null for a new one): edited fields keep their values, relationships stay.</param>
    /// <param name="keepUnclaimed">
    /// Whether a field no source claims and no person edited keeps its current value. An import keeps it (the
    /// value may predate provenance); retiring a source does not, so the retired source's values stop counting.
    /// </param>
    /// <param name="withdrawn">Fields a source gave before and no longer gives: unless another source or a person still says something, they go.</param>
    public static MergedRecord Merge(IReadOnlyList<SourceClaim> claims, IReadOnlyDictionary<string, FieldEdit> edits,
        OrganizationContent? current, Precedence precedence, bool keepUnclaimed = true, IReadOnlySet<string>? withdrawn = null)
    {
        var currentFields = current is null ? new JsonObject() : FieldsOf(current);
        var claimFields = claims.ToDictionary(c => c, c => FieldsOf(c.Content));
        var merged = currentFields.DeepClone().AsObject();
        var provenance = new List<FieldProvenance>();
        var names = claimFields.Values.SelectMany(f => f.Select(p => p.Key)).Concat(currentFields.Select(p => p.Key))
            .Where(f => !NotMerged.Contains(f)).Distinct().Order(StringComparer.Ordinal).ToList();

        foreach (var field in names)
        {
            var saying = precedence.Order(field, claims.Where(c => !IsBlank(field, claimFields[c][field]))).ToList();
            var edit = edits.GetValueOrDefault(field);
            var editStands = edit is not null && current is not null && (saying.Count == 0 || !Precedence.Overrides(saying[0], edit));
            var keep = editStands || saying.Count == 0 && keepUnclaimed && withdrawn?.Contains(field) != true;
            JsonNode? value = keep ? currentFields[field]?.DeepClone()
                : saying.Count == 0 ? null
                : Joined.Contains(field) ? Join(JoinedBy.GetValueOrDefault(field), saying.Select(c => claimFields[c][field]!))
                : Combined.Contains(field) ? Combine(saying.Select(c => claimFields[c][field]!))
                : claimFields[saying[0]][field]!.DeepClone();
            if (value is null) merged.Remove(field); // absent, so the record's default (an empty list) applies
            else merged[field] = value;
            if (Describe(field, value, saying, claimFields, editStands ? edit : null) is { } p) provenance.Add(p);
        }

        var content = Snapshots.FromJson(merged.ToJsonString());
        var named = NameSource(provenance, claims, current);
        // A person's list of other names stands as they left it.
        if (!(edits.GetValueOrDefault("alternate_names") is { } namesEdit && current is not null
              && !claims.Any(c => c.Content.AlternateNames.Count > 0 && Precedence.Overrides(c, namesEdit))))
            content = KeepLosingNames(content, provenance);
        content = content with
        {
            Relationships = current?.Relationships ?? [],
            SourceId = named?.SourceId ?? current?.SourceId,
            SourceRecordId = named?.RecordId ?? current?.SourceRecordId,
        };
        return new MergedRecord(content, provenance);
    }

    /// <summary>Provenance of a record as it stands, for reading: each field's current value, explained.</summary>
    public static IReadOnlyList<FieldProvenance> Explain(IReadOnlyList<SourceClaim> claims, IReadOnlyDictionary<string, FieldEdit> edits,
        OrganizationContent current, Precedence precedence)
    {
        var currentFields = FieldsOf(current);
        var claimFields = claims.ToDictionary(c => c, c => FieldsOf(c.Content));
        var provenance = new List<FieldProvenance>();
        foreach (var (field, value) in currentFields)
        {
            if (NotMerged.Contains(field) || IsBlank(field, value)) continue;
            var saying = precedence.Order(field, claims.Where(c => !IsBlank(field, claimFields[c][field]))).ToList();
            var edit = edits.GetValueOrDefault(field);
            var editStands = edit is not null && (saying.Count == 0 || !Precedence.Overrides(saying[0], edit));
            if (Describe(field, value, saying, claimFields, editStands ? edit : null) is { } p) provenance.Add(p);
        }
        return provenance;
    }

    private static FieldProvenance? Describe(string field, JsonNode? value, IReadOnlyList<SourceClaim> saying,
        Dictionary<SourceClaim, JsonObject> claimFields, FieldEdit? edit)
    {
        if (IsBlank(field, value)) return null;
        var joined = Joined.Contains(field) || Combined.Contains(field);
        bool Agrees(SourceClaim c) => joined || Same(field, claimFields[c][field], value);
        var origin = edit is not null ? FieldOrigin.Of(edit)
            : saying.FirstOrDefault(Agrees) is { } first ? FieldOrigin.Of(first)
            : new FieldOrigin(FieldOrigin.Unknown);
        var agreeing = saying.Where(c => Agrees(c) && !(origin.SourceId == c.SourceId && origin.RecordId == c.RecordId)).ToList();
        var alternatives = joined ? [] : saying.Where(c => !Agrees(c))
            .Select(c => new FieldAlternative(FieldOrigin.Of(c), claimFields[c][field]!.DeepClone())).ToList();
        var confirmedOn = new[] { edit?.At.UtcDateTime.ToString("yyyy-MM-dd"), origin.Vintage }
            .Concat(agreeing.Select(c => c.Vintage)).Where(d => d is not null).Max(StringComparer.Ordinal);
        return new FieldProvenance(field, origin, agreeing.Select(FieldOrigin.Of).ToList(), alternatives, confirmedOn);
    }

    // The record cites, as its source, the one whose name it shows.
    private static SourceClaim? NameSource(List<FieldProvenance> provenance, IReadOnlyList<SourceClaim> claims, OrganizationContent? current)
    {
        var origin = provenance.FirstOrDefault(p => p.Field == "name")?.Origin;
        if (origin?.Kind == FieldOrigin.FromSource) return claims.First(c => c.SourceId == origin.SourceId && c.RecordId == origin.RecordId);
        return current?.SourceId is { } kept && claims.Any(c => c.SourceId == kept) ? null : Precedence.Default.Order("name", claims).FirstOrDefault();
    }

    // A name that lost to another source's stays findable: an alternate name of the record.
    private static OrganizationContent KeepLosingNames(OrganizationContent content, List<FieldProvenance> provenance)
    {
        var losing = provenance.FirstOrDefault(p => p.Field == "name")?.Alternatives
            .Select(a => a.Value.GetValue<string>()) ?? [];
        var key = TextKey.Of(content.Name);
        return content with { AlternateNames = content.AlternateNames.Concat(losing).Where(n => TextKey.Of(n) != key).DistinctBy(TextKey.Of).ToList() };
    }

    // Names that differ only in case are one name ("CO-OP LTD", "Co-op Ltd"); other values must be equal.
    private static bool Same(string field, JsonNode? a, JsonNode? b) =>
        field == "name" && a is JsonValue x && b is JsonValue y
            ? string.Equals(x.GetValue<string>().Trim(), y.GetValue<string>().Trim(), StringComparison.OrdinalIgnoreCase)
            : JsonNode.DeepEquals(a, b);

    private static JsonArray Join(string? key, IEnumerable<JsonNode> lists)
    {
        bool Taken(JsonNode? j, JsonNode item) => key is null ? JsonNode.DeepEquals(j, item) : JsonNode.DeepEquals(j?[key], item[key]);
        var joined = new JsonArray();
        foreach (var item in lists.SelectMany(l => l.AsArray()))
            if (item is not null && !joined.Any(j => Taken(j, item))) joined.Add(item.DeepClone());
        return joined;
    }

    private static JsonObject Combine(IEnumerable<JsonNode> objects)
    {
        var combined = new JsonObject();
        foreach (var (key, value) in objects.SelectMany(o => o.AsObject()))
        {
            if (IsBlank(key, value)) continue;
            if (!combined.ContainsKey(key)) combined[key] = value!.DeepClone();
            else if (CombinedListsJoinedBy.TryGetValue(key, out var by)) combined[key] = Join(by, [combined[key]!, value!]);
        }
        return combined;
    }

    private static bool IsBlank(string field, JsonNode? value) => value switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonValue v when v.TryGetValue<string>(out var text) =>
            string.IsNullOrWhiteSpace(text) || field == "status" && text == OrganizationStatus.Unknown,
        _ => false,
    };

    private static JsonObject FieldsOf(OrganizationContent content) => JsonNode.Parse(Snapshots.ToJson(content))!.AsObject();
}
