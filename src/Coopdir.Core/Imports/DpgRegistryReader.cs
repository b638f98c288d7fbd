using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions;

namespace Coopdir.Core.Imports;

/// <summary>What reading the registry found beside its records: country names no ISO code was found for, and screening files no nominee has.</summary>
/// <param name="UnknownCountries">Each country name (development or deployment) that is not a country, with how many products name it.</param>
public sealed record DpgRegistryFile(ParsedFile Parsed, int Screenings, IReadOnlyDictionary<string, int> UnknownCountries, IReadOnlyList<string> ScreeningsWithoutNominee)
{
    public string Note =>
        $"{Parsed.RowCount:N0} nominees, {Screenings:N0} screening files" +
        (ScreeningsWithoutNominee.Count > 0 ? $" ({ScreeningsWithoutNominee.Count:N0} without a nominee, not imported: {string.Join(", ", ScreeningsWithoutNominee)})" : "") +
        (UnknownCountries.Count > 0 ? $"; country names with no ISO code, left out: {string.Join(", ", UnknownCountries.Select(c => $"'{c.Key}' ({c.Value})"))}" : "");
}

/// <summary>
/// Reads the Digital Public Goods Alliance registry (publicgoods-candidates): a folder of <c>nominees/*.json</c>,
/// one product each, its file name its id (the <c>dpg</c> scheme), and <c>digitalpublicgoods/*.json</c>, the
/// screening answers of the same name. Each file is validated against the registry's own JSON Schema
/// (draft-07, embedded), every problem reported by file and JSON path. A nominee is a record of kind
/// <see cref="SolutionRules.Kind"/>: aliases are alternate names; <c>type</c> the <c>solution-type</c> facet
/// (aimodel is ai-model); SDGs the <c>sdg</c> facet with their evidence in <see cref="SdgEvidence"/>;
/// licences one SPDX expression joined by AND (the registry lists the licences a product "uses", typically one
/// for its code and one for its content, without saying which covers what: AND claims no choice a reuser does
/// not have, where OR would let them pick the most permissive); repositories <c>code-repository</c>
/// identifiers; <c>stage</c> (DPG or nominee) a classification of scheme <see cref="StageScheme"/>;
/// <c>sectors</c>, a closed list of the registry's own, classifications of scheme <see cref="SectorScheme"/>;
/// the screening's deployment countries the <c>country-of-use</c> facet and its development countries
/// classifications of scheme <see cref="DevelopmentCountryScheme"/>, names to ISO codes by <see cref="Countries"/>
/// (a name that is not a country is left out and counted, not an error). Organizations are the solution's
/// parties with their <c>org_type</c> as role (owner, maintainer, funder, implementer), unresolved until
/// the shared party resolution matches them; their contacts' names and e-mail addresses are not read (they
/// are people's). Licence URLs and the screening's other answers have no field.
/// </summary>
public static class DpgRegistryReader
{
    public const long MaxFileBytes = 1024 * 1024;
    public const int MaxFiles = 5_000;
    public const string StageScheme = "dpg-stage", SectorScheme = "dpg-sector", DevelopmentCountryScheme = "development-country";
    public const string NomineesFolder = "nominees", ScreeningFolder = "digitalpublicgoods";
    private const string RowName = "nominee";

    /// <summary>The registry as a source: the CLI's defaults and the demo data's.</summary>
    public static ImportOptions Source { get; } = new(
        "Digital Public Goods registry", "Unlicense", null, "https://github.com/DPGAlliance/publicgoods-candidates",
        Publisher: "Digital Public Goods Alliance", IdScheme: "dpg");

    private static readonly Lazy<Json.Schema.JsonSchema> NomineeSchema = new(() => DpgSchemas.Load("dpg-nominee.schema.json"));
    private static readonly Lazy<Json.Schema.JsonSchema> ScreeningSchema = new(() => DpgSchemas.Load("dpg-screening.schema.json"));

    public static DpgRegistryFile Read(string folder)
    {
        var nomineesFolder = Path.Combine(folder, NomineesFolder);
        if (!Directory.Exists(nomineesFolder)) return Failed($"{folder} has no {NomineesFolder}/ folder: give the registry's folder, which holds {NomineesFolder}/ and {ScreeningFolder}/");
        var nominees = JsonFiles(nomineesFolder);
        var screenings = JsonFiles(Path.Combine(folder, ScreeningFolder));
        if (nominees.Count + screenings.Count > MaxFiles) return Failed($"has more than {MaxFiles:N0} files; larger registries are refused");

        var slugs = nominees.Select(Slug).ToHashSet(StringComparer.Ordinal);
        var screeningBySlug = screenings.ToDictionary(Slug, StringComparer.Ordinal);
        var unknown = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var collected = new JsonRecords(RowName);
        for (var i = 0; i < nominees.Count; i++)
        {
            var line = i + 1;
            var slug = Slug(nominees[i]);
            var errors = new List<RowError>();
            var nominee = Parse(nominees[i], NomineeSchema.Value, $"{NomineesFolder}/{slug}.json", line, errors);
            var screening = screeningBySlug.TryGetValue(slug, out var s) ? Parse(s, ScreeningSchema.Value, $"{ScreeningFolder}/{slug}.json", line, errors) : null;
            var content = nominee is { } n && errors.Count == 0 ? DpgNominee.ContentOf(n, screening, unknown) : null;
            // The record's own rules too, each problem named by the nominee's file, as the schema's are.
            if (content is not null)
                errors.AddRange(OrganizationValidator.Validate(content).Select(e => new RowError(line, $"{NomineesFolder}/{slug}.json: {e.Field}", e.Message)));
            if (content is null || errors.Count > 0) collected.Reject(line, nominee?.GetRawText() ?? "", [.. errors]);
            else collected.Add(line, slug, content, nominee!.Value.GetRawText(), errors);
        }
        var orphans = screeningBySlug.Keys.Where(k => !slugs.Contains(k)).Order(StringComparer.Ordinal).ToList();
        return new DpgRegistryFile(collected.Build([]), screenings.Count, unknown, orphans);
    }

    private static List<string> JsonFiles(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.json").Take(MaxFiles + 1).Order(StringComparer.Ordinal).ToList() : [];

    private static string Slug(string path) => Path.GetFileNameWithoutExtension(path);

    /// <returns>The file's JSON, each problem (too large, not JSON, against the schema) added to <paramref name="errors"/>, its field "file: path".</returns>
    private static JsonElement? Parse(string path, Json.Schema.JsonSchema schema, string name, int line, List<RowError> errors)
    {
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            errors.Add(new RowError(line, name, $"is larger than {MaxFileBytes / 1024:N0} KB"));
            return null;
        }
        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            json = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            errors.Add(new RowError(line, name, $"is not valid JSON: {e.Message}"));
            return null;
        }
        errors.AddRange(DpgSchemas.Problems(schema, json).Select(p => new RowError(line, $"{name}: {p.Path}", p.Message)));
        return json;
    }

    private static DpgRegistryFile Failed(string message) => new(JsonRecords.Failed(RowName, message), 0, new Dictionary<string, int>(), []);
}
