using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Coopdir.ApiReference;

public sealed record ApiParameter(string Name, string In, bool Required, string Type, string? Description);

public sealed record ApiResponse(string Status, string? Description, IReadOnlyList<string> MediaTypes, string? Type);

public sealed record ApiOperation(
    string Id, string Method, string Path, string? Summary, string? Description, IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyList<string> BodyMediaTypes, string? BodyType, IReadOnlyList<ApiResponse> Responses);

public sealed record ApiSection(string Tag, string Anchor, IReadOnlyList<ApiOperation> Operations);

public sealed record ApiSchemaProperty(string Name, string Type, bool Required, string? Description);

public sealed record ApiSchema(string Name, string Anchor, string? Description, IReadOnlyList<ApiSchemaProperty> Properties);

/// <summary>
/// The API reference at /api/docs, read from the same OpenAPI document as /openapi/v1.json and rendered on the server
/// (ApiReferencePage): it wears the site's own header, works without JavaScript, and needs nothing the site's
/// Content-Security-Policy forbids. The interactive renderers tried (Scalar) load from a CDN and evaluate strings as code.
/// </summary>
public sealed record ApiReferenceModel(string Title, string? Description, IReadOnlyList<ApiSection> Sections, IReadOnlyList<ApiSchema> Schemas)
{
    private static readonly string[] Methods = ["get", "head", "post", "put", "patch", "delete", "options"];

    public int OperationCount => Sections.Sum(s => s.Operations.Count);

    public static async Task<ApiReferenceModel> ReadAsync(IOpenApiDocumentProvider provider, CancellationToken cancellation)
    {
        var document = await provider.GetOpenApiDocumentAsync(cancellation);
        return From(JsonNode.Parse(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, cancellation))!.AsObject());
    }

    public static ApiReferenceModel From(JsonObject document)
    {
        var operations = new List<(string Tag, ApiOperation Operation)>();
        foreach (var (path, item) in document["paths"]?.AsObject() ?? [])
            foreach (var method in Methods)
                if (item?[method] is JsonObject operation)
                    operations.Add((Text(operation["tags"]?[0]) ?? "Other", Operation(method, path, operation)));
        var sections = operations.GroupBy(o => o.Tag)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ApiSection(g.Key, Anchor("tag", g.Key), g.Select(o => o.Operation).ToList()))
            .ToList();
        var schemas = (document["components"]?["schemas"]?.AsObject() ?? [])
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => Schema(s.Key, s.Value as JsonObject ?? []))
            .ToList();
        return new ApiReferenceModel(Text(document["info"]?["title"]) ?? "API", Text(document["info"]?["description"]), sections, schemas);
    }

    private static ApiOperation Operation(string method, string path, JsonObject operation)
    {
        var parameters = (operation["parameters"]?.AsArray() ?? []).OfType<JsonObject>()
            .Select(p => new ApiParameter(Text(p["name"]) ?? "", Text(p["in"]) ?? "", p["required"]?.GetValue<bool>() == true,
                TypeOf(p["schema"]), Text(p["description"])))
            .ToList();
        var body = operation["requestBody"]?["content"]?.AsObject();
        var responses = (operation["responses"]?.AsObject() ?? [])
            .Select(r => new ApiResponse(r.Key, Text(r.Value?["description"]),
                (r.Value?["content"]?.AsObject() ?? []).Select(c => c.Key).ToList(),
                r.Value?["content"]?.AsObject().FirstOrDefault().Value?["schema"] is { } schema ? TypeOf(schema) : null))
            .ToList();
        var id = Text(operation["operationId"]) ?? $"{method}{path}";
        return new ApiOperation(Anchor("op", id), method.ToUpperInvariant(), path, Text(operation["summary"]), Text(operation["description"]), parameters,
            (body ?? []).Select(c => c.Key).ToList(), body?.FirstOrDefault().Value?["schema"] is { } bodySchema ? TypeOf(bodySchema) : null, responses);
    }

    private static ApiSchema Schema(string name, JsonObject schema)
    {
        var required = (schema["required"]?.AsArray() ?? []).Select(Text).ToHashSet();
        var properties = (schema["properties"]?.AsObject() ?? [])
            .Select(p => new ApiSchemaProperty(p.Key, TypeOf(p.Value), required.Contains(p.Key), Text(p.Value?["description"])))
            .ToList();
        return new ApiSchema(name, Anchor("schema", name), Text(schema["description"]), properties);
    }

    /// <summary>A schema in a few words: a named schema, "array of X", or its JSON type and format ("string (date-time)").</summary>
    public static string TypeOf(JsonNode? schema)
    {
        if (schema is not JsonObject s) return "any";
        if (Text(s["$ref"]) is { } reference) return reference[(reference.LastIndexOf('/') + 1)..];
        var type = s["type"] switch
        {
            JsonArray types => string.Join(" or ", types.Select(Text).Where(t => t is not null)),
            JsonValue one => Text(one),
            _ => null,
        };
        if (type is not null && type.StartsWith("array", StringComparison.Ordinal)) return "array of " + TypeOf(s["items"]);
        if ((s["oneOf"] ?? s["anyOf"]) is JsonArray choices) return string.Join(" or ", choices.Select(TypeOf));
        var format = Text(s["format"]);
        return (type ?? "object") + (format is null ? "" : $" ({format})");
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static string Anchor(string prefix, string name) =>
        prefix + "-" + new string(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray()).Trim('-');
}
