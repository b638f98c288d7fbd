using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Imports;

/// <summary>
/// Checks a column mapping JSON as a whole before any row is read, so a typo in a field name or a
/// default is reported once, with its JSON path, instead of on every row.
/// </summary>
internal static class ColumnMappingParser
{
    private static readonly string[] Settings = ["columns", "identifiers", "descriptions", "defaults", "values", "list_separator"];

    public static ColumnMappingResult Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return new ColumnMappingResult(null, [new FieldError("mapping", $"is not valid JSON: {e.Message}")]);
        }
    }

    private static ColumnMappingResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return new ColumnMappingResult(null, [new FieldError("mapping", "must be a JSON object")]);
        var errors = new List<FieldError>();
        foreach (var setting in root.EnumerateObject().Where(p => !Settings.Contains(p.Name)))
            errors.Add(new FieldError(setting.Name, $"is not a mapping setting ({string.Join(", ", Settings)})"));

        var separator = Separator(root, errors);
        var columns = StringMap(Section(root, "columns", errors), "columns", errors);
        foreach (var field in columns.Keys.Where(f => !ColumnMapping.Fields.Contains(f)))
            errors.Add(new FieldError($"columns.{field}", $"is not a Coopdir field ({string.Join(", ", ColumnMapping.Fields)})"));
        if (!columns.ContainsKey("name") && errors.All(e => e.Field != "columns.name")) errors.Add(new FieldError("columns.name", "is required"));
        var identifiers = StringMap(Section(root, "identifiers", errors), "identifiers", errors);
        var descriptions = StringMap(Section(root, "descriptions", errors), "descriptions", errors);
        foreach (var language in descriptions.Keys.Where(l => !OrganizationValidator.IsLanguageTag(l)))
            errors.Add(new FieldError($"descriptions.{language}", "is not a language tag (BCP 47, such as de or pt-BR)"));

        var defaults = StringMap(Section(root, "defaults", errors), "defaults", errors);
        foreach (var (field, value) in defaults.ToList())
        {
            if (!ColumnMapping.DefaultableFields.Contains(field))
                errors.Add(new FieldError($"defaults.{field}", $"cannot have a default ({string.Join(", ", ColumnMapping.DefaultableFields)} can)"));
            else defaults[field] = CheckDefault(field, value, separator, errors);
        }

        var values = Translations(root, errors);
        return errors.Count > 0
            ? new ColumnMappingResult(null, errors)
            : new ColumnMappingResult(new ColumnMapping
            {
                Columns = columns, Identifiers = identifiers, Descriptions = descriptions, Defaults = defaults, Values = values, ListSeparator = separator,
            }, []);
    }

    private static Dictionary<string, IReadOnlyDictionary<string, string>> Translations(JsonElement root, List<FieldError> errors)
    {
        var values = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        if (Section(root, "values", errors) is not { } section) return values;
        foreach (var field in section.EnumerateObject().Select(p => p.Name))
        {
            var path = $"values.{field}";
            if (!ColumnMapping.CodedFields.Contains(field))
            {
                errors.Add(new FieldError(path, $"cannot be translated ({string.Join(", ", ColumnMapping.CodedFields)} can)"));
                continue;
            }
            var translations = StringMap(Section(section, field, errors, path), path, errors);
            foreach (var (from, to) in translations.ToList())
                translations[from] = CheckCode(field, to, $"{path}.{from}", errors) ?? to;
            values[field] = new Dictionary<string, string>(translations, StringComparer.OrdinalIgnoreCase);
        }
        return values;
    }

    private static string CheckDefault(string field, string value, string separator, List<FieldError> errors)
    {
        var path = $"defaults.{field}";
        if (field == "types")
            return string.Join(separator, CsvRow.Split(value, separator).Select(t => CheckCode(field, t, path, errors) ?? t));
        if (ColumnMapping.CodedFields.Contains(field)) return CheckCode(field, value, path, errors) ?? value;
        if (field == "country")
        {
            var code = Countries.Normalize(value);
            if (code is null) errors.Add(new FieldError(path, Countries.Unknown(value)));
            return code ?? value;
        }
        if (field == "counts_year" && !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)) errors.Add(new FieldError(path, $"'{value}' is not a year"));
        return value;
    }

    private static string? CheckCode(string field, string value, string path, List<FieldError> errors)
    {
        var code = ColumnMapping.CodeOf(field, value);
        if (code is null) errors.Add(new FieldError(path, $"'{value}' is not one of {string.Join(", ", ColumnMapping.CodesOf(field))}"));
        return code;
    }

    private static string Separator(JsonElement root, List<FieldError> errors)
    {
        if (!root.TryGetProperty("list_separator", out var element)) return ";";
        if (element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 } separator) return separator;
        errors.Add(new FieldError("list_separator", "must be a non-empty string"));
        return ";";
    }

    private static JsonElement? Section(JsonElement parent, string name, List<FieldError> errors, string? path = null)
    {
        if (!parent.TryGetProperty(name, out var element)) return null;
        if (element.ValueKind == JsonValueKind.Object) return element;
        errors.Add(new FieldError(path ?? name, "must be a JSON object"));
        return null;
    }

    /// <summary>An object of non-blank strings, such as "columns"; <paramref name="path"/> names it in errors.</summary>
    private static Dictionary<string, string> StringMap(JsonElement? section, string path, List<FieldError> errors)
    {
        var map = new Dictionary<string, string>();
        if (section is not { } properties) return map;
        foreach (var property in properties.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(property.Value.GetString()))
                map[property.Name] = property.Value.GetString()!.Trim();
            else errors.Add(new FieldError($"{path}.{property.Name}", "must be a non-empty string"));
        }
        return map;
    }
}
