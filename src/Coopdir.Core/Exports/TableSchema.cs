using System.Text.Json.Nodes;

namespace Coopdir.Core.Exports;

/// <summary>One column of a Frictionless Table Schema.</summary>
public sealed record TableField(string Name, string Type, string Description, string? Format = null, bool Required = false, bool Unique = false, IReadOnlyList<string>? Enum = null)
{
    public JsonObject ToJson()
    {
        var field = new JsonObject { ["name"] = Name, ["type"] = Type, ["description"] = Description };
        if (Format is not null) field["format"] = Format;
        var constraints = new JsonObject();
        if (Required) constraints["required"] = true;
        if (Unique) constraints["unique"] = true;
        if (Enum is not null) constraints["enum"] = new JsonArray(Enum.Select(e => (JsonNode?)e).ToArray());
        if (constraints.Count > 0) field["constraints"] = constraints;
        return field;
    }
}

/// <summary>A column whose values are those of a column of another table of the package.</summary>
public sealed record TableForeignKey(string Field, string Resource, string ReferencedField)
{
    public JsonObject ToJson() => new()
    {
        ["fields"] = Field,
        ["reference"] = new JsonObject { ["resource"] = Resource, ["fields"] = ReferencedField },
    };
}

/// <summary>A CSV table in a data package: its file, its columns and what it is.</summary>
public sealed record TableResource(string Name, string Path, string Description, IReadOnlyList<TableField> Fields, string? PrimaryKey = null,
    IReadOnlyList<TableForeignKey>? ForeignKeys = null)
{
    public IReadOnlyList<string> Header => Fields.Select(f => f.Name).ToList();

    /// <summary>The Data Resource descriptor (tabular-data-resource profile) for datapackage.json.</summary>
    public JsonObject ToJson(JsonArray? licences = null)
    {
        var schema = new JsonObject { ["fields"] = new JsonArray(Fields.Select(f => (JsonNode?)f.ToJson()).ToArray()) };
        if (PrimaryKey is not null) schema["primaryKey"] = PrimaryKey;
        if (ForeignKeys is not null) schema["foreignKeys"] = new JsonArray(ForeignKeys.Select(k => (JsonNode?)k.ToJson()).ToArray());
        var resource = new JsonObject
        {
            ["profile"] = "tabular-data-resource",
            ["name"] = Name,
            ["path"] = Path,
            ["description"] = Description,
            ["format"] = "csv",
            ["mediatype"] = "text/csv",
            ["encoding"] = "utf-8",
            ["schema"] = schema,
        };
        if (licences is not null) resource["licenses"] = licences;
        return resource;
    }
}

/// <summary>The parts of datapackage.json that every Coopdir package shares: licences and sources.</summary>
public static class PackageDescriptor
{
    public static JsonObject Create(ExportContext context, string name, string title, IEnumerable<TableResource> resources,
        IReadOnlyDictionary<string, long> rowsBySource)
    {
        var used = context.Sources.Where(s => rowsBySource.ContainsKey(s.Name)).ToList();
        var sources = new JsonArray(used.Select(s =>
        {
            var source = new JsonObject
            {
                ["title"] = $"{s.Name} ({rowsBySource[s.Name]:D} rows; licence {s.LicenceInfo.Id}{(s.Attribution is null ? "" : $"; {s.Attribution}")})",
            };
            if (s.Url is not null) source["path"] = s.Url;
            return (JsonNode?)source;
        }).ToArray());
        if (rowsBySource.TryGetValue("", out var own))
            sources.Add(new JsonObject { ["title"] = $"Entered in {context.DirectoryName} ({own:D} rows; licence {context.DirectoryLicence.Id})", ["path"] = context.BaseUrl });

        return new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = name,
            ["title"] = title,
            ["description"] = context.LicenceStatement,
            ["homepage"] = context.BaseUrl,
            ["created"] = context.DataChangedAt.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["licenses"] = Licences(context.Licences),
            ["sources"] = sources,
            ["resources"] = new JsonArray(resources.Select(r => (JsonNode?)r.ToJson(Licences(context.Licences))).ToArray()),
        };
    }

    private static JsonArray Licences(IEnumerable<Organizations.Licence> licences) =>
        new(licences.Select(l =>
        {
            var licence = new JsonObject { ["name"] = l.Id, ["title"] = l.Name };
            if (l.Url is not null) licence["path"] = l.Url;
            return (JsonNode?)licence;
        }).ToArray());

    /// <summary>Passes the organizations through, counting rows per source name ("" for the directory's own records).</summary>
    public static IEnumerable<Organizations.Organization> Counting(IEnumerable<Organizations.Organization> organizations, Dictionary<string, long> counts)
    {
        foreach (var o in organizations)
        {
            var key = o.Source?.Name ?? "";
            counts[key] = counts.GetValueOrDefault(key) + 1;
            yield return o;
        }
    }
}
