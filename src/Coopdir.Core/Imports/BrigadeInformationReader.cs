using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;
using Json.Schema;

namespace Coopdir.Core.Imports;

/// <summary>
/// Reads Code for America's brigade-information <c>organizations.json</c>: an array of civic tech groups,
/// first validated against the file's own JSON Schema (draft-07), each schema error reported by record.
/// Records have no id and unique names, so a record's id is its name's slug (<see cref="TextKey.Slug"/>).
/// Kind <c>civic-tech</c>, or <c>digital-service</c> when tagged "Government"; <c>previous_names</c> are
/// alternate names; <c>tags</c> are kept as classifications (scheme <c>brigade-information-tag</c>); a
/// <c>projects_list_url</c> on github.com gives a <c>github</c> identifier (the account, lower-cased), and
/// <c>social_profiles</c> identifiers of their own scheme. The place is <c>location</c>'s city, state,
/// country (a name, to ISO by <see cref="Countries"/>: one it does not know is the record's error) and
/// coordinates; the older top-level <c>latitude</c>/<c>longitude</c> and <c>city</c> strings are not read,
/// as <c>location</c> is the structured form (5 records have only the top-level ones, and no place here).
/// <c>events_url</c> and <c>rss</c> have no field. The tags of <see cref="Networks"/> make the record a
/// <c>member_of</c> that network, which the file states for the network's side: it is the networks' own list.
/// </summary>
public static class BrigadeInformationReader
{
    public const long MaxBytes = 50L * 1024 * 1024;
    public const string TagScheme = "brigade-information-tag";
    private const string RowName = "record";

    /// <summary>A network the tags name: its tag, its record's id, name and website.</summary>
    public sealed record Network(string Tag, string RecordId, string Name, string Website);

    /// <summary>
    /// The networks whose tags make members. One the file lists itself ("Code for America") is that record,
    /// made a network; the others are records of their own, with their well-known websites.
    /// </summary>
    public static readonly IReadOnlyList<Network> Networks =
    [
        new("Code for America", "code-for-america", "Code for America", "https://codeforamerica.org"),
        new("Code for All", "network:code-for-all", "Code for All", "https://codeforall.org"),
        // The OK Labs are Open Knowledge Foundation Germany's local groups, "Code for Germany".
        new("OK Lab", "network:ok-lab", "OK Lab", "https://codefor.de"),
    ];

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(BrigadeInformationReader).Assembly.GetManifestResourceStream("Coopdir.Core.Imports.Schemas.brigade-information.schema.json")!;
        return JsonSchema.FromText(new StreamReader(stream).ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft07 });
    });

    public static ParsedFile Read(Stream json)
    {
        if (json.CanSeek && json.Length > MaxBytes)
            return JsonRecords.Failed(RowName, $"is {json.Length / (1024 * 1024):N0} MB; brigade-information files over {MaxBytes / (1024 * 1024)} MB are refused");
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return JsonRecords.Failed(RowName, $"is not valid JSON: {e.Message}");
        }
    }

    private static ParsedFile Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Array) return JsonRecords.Failed(RowName, "is not a JSON array of organizations");
        var schemaErrors = SchemaErrors(root);
        var collected = new JsonRecords(RowName);
        var links = new List<ImportLink>();
        var line = 0;
        foreach (var record in root.EnumerateArray())
        {
            line++;
            var errors = schemaErrors.GetValueOrDefault(line) ?? [];
            if (record.ValueKind != JsonValueKind.Object || Text(record, "name") is not { } name)
            {
                collected.Reject(line, record.GetRawText(), errors.Count > 0 ? [.. errors] : [new RowError(line, "name", "is required")]);
                continue;
            }
            var id = TextKey.Slug(name);
            var content = ContentOf(record, name, line, errors);
            if (Networks.FirstOrDefault(n => n.RecordId == id) is not null) content = content with { Kind = "network" };
            collected.Add(line, id, content, record.GetRawText(), errors);
            foreach (var network in Networks.Where(n => n.RecordId != id && content.Classifications.Contains(new Classification(TagScheme, n.Tag))))
                links.Add(new ImportLink(line, id, "member_of", network.RecordId, Party.Object));
        }
        foreach (var network in Networks.Where(n => !collected.Contains(n.RecordId)))
            collected.Add(0, network.RecordId, new OrganizationContent { Name = network.Name, Kind = "network", Website = network.Website }, "", []);
        return collected.Build(links);
    }

    private static OrganizationContent ContentOf(JsonElement record, string name, int line, List<RowError> errors)
    {
        var tags = Strings(record, "tags");
        var identifiers = new List<Identifier>();
        if (GithubAccount(Text(record, "projects_list_url")) is { } github) identifiers.Add(new Identifier("github", github));
        if (record.TryGetProperty("social_profiles", out var profiles) && profiles.ValueKind == JsonValueKind.Object)
            foreach (var profile in profiles.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Trim().Length > 0))
                identifiers.Add(new Identifier(profile.Name.ToLowerInvariant(), profile.Value.GetString()!.Trim().TrimStart('@')));
        return new OrganizationContent
        {
            Name = name.Trim(),
            Kind = tags.Contains("Government") ? "digital-service" : "civic-tech",
            // A bare host ("codeforokc.org/") is read as every reader reads one (CsvRow.Website).
            Website = CsvRow.Website(Text(record, "website")),
            AlternateNames = Strings(record, "previous_names").Where(n => TextKey.Of(n) != TextKey.Of(name)).Distinct().ToList(),
            Classifications = tags.Distinct().Select(t => new Classification(TagScheme, t)).ToList(),
            Identifiers = identifiers,
            Locations = record.TryGetProperty("location", out var location) && LocationOf(location, line, errors) is { } place ? [place] : [],
        };
    }

    private static Location? LocationOf(JsonElement location, int line, List<RowError> errors)
    {
        if (location.ValueKind != JsonValueKind.Object) return null;
        string? country = null;
        if (Text(location, "country") is { } given && (country = Countries.Normalize(given)) is null)
            errors.Add(new RowError(line, "location.country", Countries.Unknown(given)));
        double? latitude = null, longitude = null;
        if (location.TryGetProperty("coordinates", out var coordinates) && coordinates.ValueKind == JsonValueKind.Object)
        {
            latitude = Coordinate(coordinates, "latitude", line, errors);
            longitude = Coordinate(coordinates, "longitude", line, errors);
        }
        var place = new Location(Locality: Text(location, "city"), Region: Text(location, "state"), Country: country, Latitude: latitude, Longitude: longitude);
        return place == new Location() ? null : place;
    }

    // The file gives coordinates as strings ("37.7759"); numbers are taken too.
    private static double? Coordinate(JsonElement coordinates, string name, int line, List<RowError> errors)
    {
        if (!coordinates.TryGetProperty(name, out var value)) return null;
        var text = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return number;
        errors.Add(new RowError(line, $"location.coordinates.{name}", $"'{text ?? value.GetRawText()}' is not a number"));
        return null;
    }

    /// <summary>"codeforboston" for "https://github.com/CodeForBoston/"; null for a URL that is not a GitHub account's page.</summary>
    public static string? GithubAccount(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return null;
        if (uri.Host.ToLowerInvariant() is not ("github.com" or "www.github.com")) return null;
        var account = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return account?.ToLowerInvariant();
    }

    // Schema errors by record (1-based), each naming the record's field the schema points at.
    private static Dictionary<int, List<RowError>> SchemaErrors(JsonElement root)
    {
        var result = Schema.Value.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var byRecord = new Dictionary<int, List<RowError>>();
        foreach (var detail in result.Details ?? [])
        {
            if (detail.IsValid || detail.Errors is not { Count: > 0 }) continue;
            var segments = detail.InstanceLocation.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length == 0 || !int.TryParse(segments[0], out var index)) continue;
            var field = segments.Length > 1 ? string.Join('.', segments[1..]) : RowName;
            var list = byRecord.TryGetValue(index + 1, out var l) ? l : byRecord[index + 1] = [];
            list.AddRange(detail.Errors.Select(e => new RowError(index + 1, field, $"does not follow the file's schema: {e.Value}")));
        }
        return byRecord;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text ? text : null;

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(s => s.Length > 0).ToList()
            : [];
}
