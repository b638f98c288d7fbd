using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Coopdir.Tests.Support;

/// <summary>
/// The official JSON Schemas of the formats Coopdir exports (copied unmodified under tests/data), loaded
/// for JsonSchema.Net. Popolo's are draft-03 and Project Open Data's draft-04, which the validator does
/// not read, so they are translated in memory to draft-07 first (see <see cref="Draft03"/>).
/// </summary>
public static class OfficialSchemas
{
    public static SchemaSet Popolo => popolo.Value;
    public static SchemaSet Frictionless => frictionless.Value;
    public static SchemaSet ProjectOpenData => projectOpenData.Value;
    public static SchemaSet Hsds => hsds.Value;
    public static SchemaSet Murmurations => murmurations.Value;
    public static SchemaSet Reconciliation02 => reconciliation02.Value;
    public static SchemaSet Reconciliation10 => reconciliation10.Value;

    private static readonly Lazy<SchemaSet> popolo = new(() => SchemaSet.Load("popolo", Draft03.ToDraft07));
    private static readonly Lazy<SchemaSet> frictionless = new(() => SchemaSet.Load("frictionless"));
    private static readonly Lazy<SchemaSet> projectOpenData = new(() => SchemaSet.Load("project-open-data", Draft04.ToDraft07));
    // HSDS 3.0 is written for JSON Schema 2020-12 (its files do not say so) and annotates fields with
    // keywords of its own ("name", "example", "core"), which 2020-12 allows and ignores.
    private static readonly Lazy<SchemaSet> hsds = new(() => SchemaSet.Load(Path.Combine("openreferral-hsds", "schema"),
        options: new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft202012.With([], allowUnknownKeywords: true) }));

    // The Reconciliation API's schemas name "http://json-schema.org/schema#" (no draft); their keywords are draft-07's.
    // Each version gets its own registry: 0.2's property-proposal schema carries the 1.0 draft's $id.
    private static readonly Lazy<SchemaSet> reconciliation02 = new(() => Reconciliation("0.2"));
    private static readonly Lazy<SchemaSet> reconciliation10 = new(() => Reconciliation("1.0-draft"));

    private static SchemaSet Reconciliation(string version) =>
        SchemaSet.Load(Path.Combine("reconciliation-api-specs", version, "schemas"), schema =>
        {
            schema["$schema"] = "http://json-schema.org/draft-07/schema#";
            if ((string?)schema["$id"] is { } id && id.EndsWith('#')) schema["$id"] = id.TrimEnd('#');
            return schema;
        }, options: new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 });

    // The organizations schema refers to "../fields/x.json" from its own $id; the fields live there.
    private static readonly Lazy<SchemaSet> murmurations = new(() =>
    {
        // The field files do not name their draft; the schema that uses them is draft-07.
        var fields = SchemaSet.Load(Path.Combine("murmurations", "fields"), baseUri: "https://test-library.murmurations.network/v2/fields/",
            options: new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 });
        // It names draft-07 as https://json-schema.org/draft-07/schema#; the meta-schema's id is http://.
        return SchemaSet.Load(Path.Combine("murmurations", "schemas"), schema =>
        {
            if ((string?)schema["$schema"] == "https://json-schema.org/draft-07/schema#") schema["$schema"] = "http://json-schema.org/draft-07/schema#";
            return schema;
        }, options: fields.Options);
    });
}

public sealed class SchemaSet(BuildOptions options, IReadOnlyDictionary<string, JsonSchema> schemas)
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public BuildOptions Options { get; } = options;

    public JsonSchema this[string file] => schemas[file];

    /// <param name="baseUri">Where the files are published, for schemas without an $id of their own; by default their file path.</param>
    public static SchemaSet Load(string folder, Func<JsonNode, JsonNode>? translate = null, string? baseUri = null, BuildOptions? options = null)
    {
        options ??= new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var directory = CommandLine.DataFile(folder);
        var loaded = new Dictionary<string, JsonSchema>();
        foreach (var path in Directory.GetFiles(directory, "*.json").Order())
        {
            var node = JsonNode.Parse(File.ReadAllText(path))!;
            if (translate is not null) node = translate(node);
            var uri = new Uri(baseUri is null ? new Uri(path).AbsoluteUri : baseUri + Path.GetFileName(path));
            JsonSchema schema;
            try
            {
                schema = JsonSchema.Build(JsonSerializer.SerializeToElement(node), options, uri);
            }
            catch (JsonSchemaException e)
            {
                throw new InvalidOperationException($"{path}: {e.Message}", e);
            }
            if (node["$id"] is null) options.SchemaRegistry.Register(uri, schema);
            loaded[Path.GetFileName(path)] = schema;
        }
        return new SchemaSet(options, loaded);
    }

    public void AssertValid(string file, JsonNode? instance, string what = "")
    {
        var errors = Errors(file, instance);
        Assert.True(errors.Count == 0, $"{what} is not valid against {file}:\n{string.Join("\n", errors)}\n{instance?.ToJsonString()[..Math.Min(2000, instance.ToJsonString().Length)]}");
    }

    public IReadOnlyList<string> Errors(string file, JsonNode? instance)
    {
        var result = schemas[file].Evaluate(JsonSerializer.SerializeToElement(instance), Evaluation);
        if (result.IsValid) return [];
        return (result.Details ?? []).Prepend(result)
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .ToList();
    }
}

/// <summary>
/// Draft-03 → draft-07. Draft-03 marks a required property with "required": true inside the property;
/// draft-04 and later list required names in the parent's "required" array. Every true becomes an array
/// entry (nothing is dropped, so nothing is weakened) and the root "id" becomes "$id".
/// </summary>
public static class Draft03
{
    public static JsonNode ToDraft07(JsonNode root)
    {
        Translate(root);
        return Draft04.ToDraft07(root);
    }

    private static void Translate(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["properties"] is JsonObject properties)
                {
                    var required = properties
                        .Where(p => p.Value is JsonObject property && property["required"] is JsonValue v && v.GetValueKind() == JsonValueKind.True)
                        .Select(p => p.Key).ToList();
                    foreach (var (_, property) in properties)
                        if (property is JsonObject p && p["required"] is JsonValue) p.Remove("required");
                    if (required.Count > 0) o["required"] = new JsonArray(required.Select(r => (JsonNode?)r).ToArray());
                }
                foreach (var (_, child) in o.ToList()) Translate(child);
                break;
            case JsonArray a:
                foreach (var child in a) Translate(child);
                break;
        }
    }
}

/// <summary>Draft-04 → draft-07 for the Project Open Data schemas: only "id" was renamed "$id" in between (they use nothing else that changed).</summary>
public static class Draft04
{
    public static JsonNode ToDraft07(JsonNode root)
    {
        // "x.json#" and "x.json" name the same schema; the validator wants the latter, before any other keyword.
        var translated = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$id"] = root["id"]?.GetValue<string>().TrimEnd('#'),
        };
        foreach (var (key, value) in root.AsObject().ToList())
        {
            if (key is "$schema" or "id") continue;
            root.AsObject().Remove(key);
            translated[key] = value;
        }
        return translated;
    }
}
