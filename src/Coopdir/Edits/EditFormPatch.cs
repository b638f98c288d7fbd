using System.Globalization;
using System.Text.Json.Nodes;
using Coopdir.Core.Currencies;
using Coopdir.Core.Organizations;

namespace Coopdir.Edits;

/// <summary>
/// Turns the "suggest an edit" form into a JSON Merge Patch: the fields whose submitted value differs
/// from the version the form was filled from (its base revision), so web edits follow the API's path.
/// </summary>
public static class EditFormPatch
{
    public static (JsonObject Patch, IReadOnlyList<FieldError> Errors) Build(IFormCollection form, JsonObject @base)
    {
        var errors = new List<FieldError>();
        var edited = new JsonObject
        {
            ["name"] = Text(form, "name"),
            ["alternate_names"] = Lines(form, "alternate_names"),
            ["kind"] = Text(form, "kind"),
            ["types"] = new JsonArray(form["types"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => (JsonNode?)t!.Trim()).ToArray()),
            ["sector"] = Text(form, "sector"),
            ["status"] = Text(form, "status"),
            ["description"] = Text(form, "description"),
            ["founded_on"] = Text(form, "founded_on"),
            ["dissolved_on"] = Text(form, "dissolved_on"),
            ["website"] = Text(form, "website"),
            ["email"] = Text(form, "email"),
            ["phone"] = Text(form, "phone"),
            ["locations"] = Locations(form, @base, errors),
            ["identifiers"] = Identifiers(form, errors),
            ["classifications"] = Classifications(form, @base),
        };
        var patch = new JsonObject();
        foreach (var (field, value) in edited)
        {
            if (!JsonNode.DeepEquals(value, @base[field])) patch[field] = value?.DeepClone();
        }
        return (patch, errors);
    }

    private static JsonNode? Text(IFormCollection form, string field) =>
        form[field].ToString().Trim() is { Length: > 0 } text ? JsonValue.Create(text.ReplaceLineEndings("\n")) : null;

    private static JsonArray Lines(IFormCollection form, string field) =>
        new(form[field].ToString().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode?)l).ToArray());

    // The form edits the first location; any others are kept as they are.
    private static JsonArray Locations(IFormCollection form, JsonObject @base, List<FieldError> errors)
    {
        var first = new JsonObject();
        foreach (var part in new[] { "street", "locality", "region", "postcode", "country" })
        {
            if (Text(form, "location_" + part) is { } value) first[part] = part == "country" ? value.GetValue<string>().ToUpperInvariant() : value;
        }
        foreach (var part in new[] { "latitude", "longitude" })
        {
            var text = form["location_" + part].ToString().Trim();
            if (text.Length == 0) continue;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) first[part] = number;
            else errors.Add(new FieldError($"locations[0].{part}", $"'{text}' is not a number"));
        }
        var rest = (@base["locations"] as JsonArray ?? []).Skip(1).Select(l => l?.DeepClone());
        return new JsonArray((first.Count > 0 ? new JsonNode?[] { first } : []).Concat(rest).ToArray());
    }

    // The form edits a currency's facets (one field each, named by its scheme); other classifications are kept as
    // they are, and so is their order when the facets' codes did not change.
    private static JsonArray Classifications(IFormCollection form, JsonObject @base)
    {
        var kept = (@base["classifications"] as JsonArray ?? []).ToList();
        bool IsFacet(JsonNode? c) => CurrencyFacets.Find((string?)c?["scheme"] ?? "") is not null;
        var facets = CurrencyFacets.All
            .SelectMany(f => form[f.Scheme].Where(code => !string.IsNullOrWhiteSpace(code)).Select(code => (f.Scheme, Code: code!.Trim())))
            .ToList();
        var before = kept.Where(IsFacet).Select(c => ((string?)c!["scheme"] ?? "", (string?)c["code"] ?? "")).ToHashSet();
        if (before.SetEquals(facets)) return new JsonArray(kept.Select(c => c?.DeepClone()).ToArray());
        return new JsonArray(kept.Where(c => !IsFacet(c)).Select(c => c?.DeepClone())
            .Concat(facets.Select(f => (JsonNode?)new JsonObject { ["scheme"] = f.Scheme, ["code"] = f.Code })).ToArray());
    }

    // One identifier a line, "scheme: value".
    private static JsonArray Identifiers(IFormCollection form, List<FieldError> errors)
    {
        var items = new List<JsonNode?>();
        foreach (var (line, index) in form["identifiers"].ToString().Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select((l, i) => (l, i)))
        {
            var parts = line.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
                errors.Add(new FieldError($"identifiers[{index}]", $"'{line}' is not \"scheme: value\""));
            else items.Add(new JsonObject { ["scheme"] = parts[0], ["value"] = parts[1] });
        }
        return new JsonArray(items.ToArray());
    }
}
