using System.Globalization;
using System.Text.Json;

namespace Coopdir.Core.Imports;

/// <summary>
/// Reads a GeoJSON FeatureCollection through a <see cref="ColumnMapping"/>: each feature is a row and
/// its properties are the columns, so validation and reports are <see cref="MappedCsvReader"/>'s own.
/// Errors count features from 1 ("feature 17: addr:country: ..."). A Point geometry ([longitude,
/// latitude]) places the record unless the mapping names latitude and longitude properties; another
/// geometry is a row error only then, as there is no single point to take. A feature without geometry
/// has no coordinates. The whole file is parsed in memory, so files over <see cref="MaxBytes"/> are refused.
/// </summary>
public static class GeoJsonReader
{
    public const long MaxBytes = 200L * 1024 * 1024;

    // Where a Point's coordinates come from, named as a report should point at them.
    private const string LatitudeColumn = "geometry.coordinates[1]", LongitudeColumn = "geometry.coordinates[0]";

    public static ParsedFile Read(Stream json, ColumnMapping mapping)
    {
        if (json.CanSeek && json.Length > MaxBytes)
            return Failed($"is {json.Length / (1024 * 1024):N0} MB; GeoJSON files over {MaxBytes / (1024 * 1024)} MB are refused (split it first)");
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, mapping);
        }
        catch (JsonException e)
        {
            return Failed($"is not valid JSON: {e.Message}");
        }
    }

    private static ParsedFile Read(JsonElement root, ColumnMapping mapping)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || type.GetString() != "FeatureCollection" || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            return Failed("is not a GeoJSON FeatureCollection (an object with \"type\": \"FeatureCollection\" and a \"features\" array)");

        var fromGeometry = !mapping.Columns.ContainsKey("latitude") && !mapping.Columns.ContainsKey("longitude");
        if (fromGeometry)
            mapping = mapping with { Columns = new Dictionary<string, string>(mapping.Columns) { ["latitude"] = LatitudeColumn, ["longitude"] = LongitudeColumn } };
        var header = new CsvHeader(MappedCsvReader.NamedColumns(mapping).Select(c => c.Column).Distinct().ToList());

        var rows = new List<CsvRow>();
        var refused = new List<RejectedRow>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { LatitudeColumn, LongitudeColumn };
        var number = 0;
        foreach (var feature in features.EnumerateArray())
        {
            number++;
            if (Problem(feature) is { } problem)
            {
                refused.Add(new RejectedRow(number, [], [problem with { Line = number }]));
                continue;
            }
            var properties = feature.GetProperty("properties");
            foreach (var property in properties.EnumerateObject()) seen.Add(property.Name);
            rows.Add(RowOf(number, properties, feature.TryGetProperty("geometry", out var g) ? g : default, header, fromGeometry));
        }

        var missing = MappedCsvReader.NamedColumns(mapping).Where(c => !seen.Contains(c.Column))
            .Select(c => new RowError(0, c.Column, $"is not a property of any feature but the mapping names it as {c.Path}"))
            .ToArray();
        if (missing.Length > 0) return ParsedFile.Failed(missing) with { RowName = "feature" };

        var parsed = MappedCsvReader.Read(new CsvTable(header, rows), mapping);
        return parsed with { Rejected = [.. parsed.Rejected.Concat(refused).OrderBy(r => r.Line)], RowName = "feature" };
    }

    private static RowError? Problem(JsonElement feature)
    {
        if (feature.ValueKind != JsonValueKind.Object) return new RowError(0, "feature", "is not a JSON object");
        if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            return new RowError(0, "properties", "must be a JSON object of the feature's values");
        return null;
    }

    private static CsvRow RowOf(int number, JsonElement properties, JsonElement geometry, CsvHeader header, bool fromGeometry)
    {
        var cells = new string[header.Names.Count];
        var notValues = new List<(string Column, string Kind)>();
        for (var i = 0; i < cells.Length; i++)
        {
            var column = header.Names[i];
            cells[i] = "";
            if (!properties.TryGetProperty(column, out var value)) continue;
            switch (value.ValueKind)
            {
                case JsonValueKind.String: cells[i] = value.GetString()!; break;
                case JsonValueKind.Number: cells[i] = value.GetRawText(); break;
                case JsonValueKind.True or JsonValueKind.False: cells[i] = value.GetRawText(); break;
                case JsonValueKind.Object or JsonValueKind.Array: notValues.Add((column, value.ValueKind.ToString().ToLowerInvariant())); break;
            }
        }

        string? geometryProblem = null;
        if (fromGeometry && geometry.ValueKind == JsonValueKind.Object)
        {
            if (Point(geometry) is var (longitude, latitude))
            {
                cells[header.IndexOf(LongitudeColumn)!.Value] = longitude.ToString("R", CultureInfo.InvariantCulture);
                cells[header.IndexOf(LatitudeColumn)!.Value] = latitude.ToString("R", CultureInfo.InvariantCulture);
            }
            else geometryProblem = geometry.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() != "Point"
                ? $"a {type.GetString()} has no single point; map latitude and longitude properties to place these records"
                : "is not a Point with [longitude, latitude] coordinates";
        }

        var row = new CsvRow(number, cells, header, []);
        foreach (var (column, kind) in notValues) row.Error(column, $"is a JSON {kind}, not a single value");
        if (geometryProblem is not null) row.Error("geometry", geometryProblem);
        return row;
    }

    private static (double Longitude, double Latitude)? Point(JsonElement geometry) =>
        geometry.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Point"
        && geometry.TryGetProperty("coordinates", out var coordinates) && coordinates.ValueKind == JsonValueKind.Array
        && coordinates.GetArrayLength() >= 2
        && coordinates[0].ValueKind == JsonValueKind.Number && coordinates[1].ValueKind == JsonValueKind.Number
            ? (coordinates[0].GetDouble(), coordinates[1].GetDouble())
            : null;

    private static ParsedFile Failed(string message) => ParsedFile.Failed(new RowError(0, "file", message)) with { RowName = "feature" };
}
