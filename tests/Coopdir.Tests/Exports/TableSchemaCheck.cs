using System.Globalization;
using System.Text.Json.Nodes;

namespace Coopdir.Tests.Exports;

/// <summary>
/// Checks a CSV against a Frictionless Table Schema the way a data package validator would: every
/// column is a declared field, required fields are filled, enums hold and numbers parse.
/// </summary>
public static class TableSchemaCheck
{
    public static void AssertConforms(JsonNode schema, string csv, string table)
    {
        var fields = schema["fields"]!.AsArray().Select(f => f!).ToDictionary(f => (string)f["name"]!);
        var rows = ExportTestData.ReadCsv(csv);
        var header = csv.Split("\r\n")[0].Split(',');
        Assert.All(header, column => Assert.True(fields.ContainsKey(column), $"{table}: column {column} is not a field of its Table Schema"));
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            foreach (var (name, field) in fields)
            {
                var constraints = field["constraints"];
                var value = row.GetValueOrDefault(name);
                if (constraints?["required"]?.GetValue<bool>() == true)
                    Assert.False(string.IsNullOrEmpty(value), $"{table} row {index + 1}: required {name} is empty");
                if (string.IsNullOrEmpty(value)) continue;
                if (constraints?["enum"] is JsonArray allowed)
                    Assert.Contains(value, allowed.Select(a => (string?)a));
                var type = (string?)field["type"];
                if (type is "number" or "integer")
                    Assert.True(double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"{table} row {index + 1}: {name} '{value}' is not a {type}");
            }
        }
    }

    /// <summary>A CSV row as the JSON object its table stands for, each cell typed as its field says; empty cells left out.</summary>
    public static JsonObject Typed(JsonNode schema, Dictionary<string, string> row)
    {
        var types = schema["fields"]!.AsArray().ToDictionary(f => (string)f!["name"]!, f => (string?)f!["type"]);
        var node = new JsonObject();
        foreach (var (name, value) in row.Where(c => c.Value.Length > 0))
            node[name] = types.GetValueOrDefault(name) is "number" or "integer"
                ? JsonValue.Create(double.Parse(value, CultureInfo.InvariantCulture))
                : JsonValue.Create(value);
        return node;
    }
}
