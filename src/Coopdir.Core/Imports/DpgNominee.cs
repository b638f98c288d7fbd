using System.Text.Json;
using Coopdir.Core.Organizations;
using Coopdir.Core.Solutions;

namespace Coopdir.Core.Imports;

/// <summary>One registry nominee (and its screening, where it has one) as a solution record; see <see cref="DpgRegistryReader"/>.</summary>
internal static class DpgNominee
{
    // The registry's spellings that are countries the ISO list names otherwise (Kosovo has no ISO code, and is left out).
    private static readonly Dictionary<string, string> CountryAliases = new(StringComparer.Ordinal)
    {
        ["Palestine State"] = "PS", ["Congo (Congo-Brazzaville)"] = "CG", ["Czechia (Czech Republic)"] = "CZ",
        ["Eswatini (fmr. 'Swaziland')"] = "SZ", ["VietNam"] = "VN", ["Micronesia"] = "FM",
        ["Democratic Republic of the Congo"] = "CD", ["Holy See"] = "VA",
    };

    public static OrganizationContent ContentOf(JsonElement nominee, JsonElement? screening, IDictionary<string, int> unknownCountries)
    {
        var name = Text(nominee, "name")!;
        var description = Text(nominee, "description");
        var sdgs = Items(nominee, "SDGs").Where(s => s.TryGetProperty("SDGNumber", out var n) && n.ValueKind == JsonValueKind.Number)
            .Select(s => (Goal: s.GetProperty("SDGNumber").GetRawText(), Evidence: s)).DistinctBy(s => s.Goal).ToList();
        var locations = screening is { } s && s.TryGetProperty("locations", out var l) ? l : default;
        var classifications = Strings(nominee, "type").Select(t => new Classification("solution-type", t == "aimodel" ? "ai-model" : t))
            .Concat(sdgs.Select(s => new Classification("sdg", s.Goal)))
            .Concat(Text(nominee, "stage") is { } stage ? [new Classification(DpgRegistryReader.StageScheme, stage)] : [])
            .Concat(Strings(nominee, "sectors").Select(sector => new Classification(DpgRegistryReader.SectorScheme, sector)))
            .Concat(Countries(locations, "deploymentCountries", unknownCountries).Select(c => new Classification(SolutionRules.CountryOfUse, c)))
            .Concat(Countries(locations, "developmentCountries", unknownCountries).Select(c => new Classification(DpgRegistryReader.DevelopmentCountryScheme, c)))
            .Distinct().ToList();
        return new OrganizationContent
        {
            Name = name,
            Kind = SolutionRules.Kind,
            AlternateNames = Strings(nominee, "aliases").Where(a => TextKey.Of(a) != TextKey.Of(name)).DistinctBy(TextKey.Of).ToList(),
            Description = description,
            DescriptionsByLanguage = description is null ? [] : [new LanguageText("en", description)],
            Website = WebUrl(Text(nominee, "website")),
            Classifications = classifications,
            Identifiers = Items(nominee, "repositories").Select(r => RepositoryUrl.Normalise(Text(r, "url"))).OfType<string>().Distinct()
                .Select(url => new Identifier(SolutionRules.RepositoryScheme, url)).ToList(),
            Solution = new SolutionFacts(
                Licence: Items(nominee, "license").Select(x => Text(x, "spdx")).OfType<string>().Distinct() is var ids && ids.Any() ? string.Join(" AND ", ids) : null,
                SdgEvidence: sdgs.Select(s => Evidence(s.Goal, s.Evidence)).ToList(),
                Parties: Items(nominee, "organizations").Where(o => Text(o, "name") is not null && Text(o, "org_type") is not null)
                    .Select(o => new SolutionParty(Text(o, "org_type")!, Text(o, "name")!, WebUrl(Text(o, "website"))))
                    .DistinctBy(p => (p.Role, TextKey.Of(p.Name))).ToList()),
        };
    }

    // An evidence "URL" that is words with links in them is kept with the evidence's text.
    private static SdgEvidence Evidence(string goal, JsonElement evidence)
    {
        var text = Text(evidence, "evidenceText");
        var url = Text(evidence, "evidenceURL");
        if (url is null || WebUrl(url) is not null) return new SdgEvidence(goal, text, url);
        return new SdgEvidence(goal, text is null ? url : $"{text}\n\n{url}", null);
    }

    private static IEnumerable<string> Countries(JsonElement locations, string list, IDictionary<string, int> unknown)
    {
        foreach (var name in Strings(locations, list).Distinct())
        {
            var code = CountryAliases.GetValueOrDefault(name) ?? Organizations.Countries.Normalize(name);
            if (code is not null) yield return code;
            else unknown[name] = unknown.TryGetValue(name, out var n) ? n + 1 : 1;
        }
    }

    private static string? WebUrl(string? value) => CsvRow.Website(value) is { } url && OrganizationValidator.IsWebUrl(url) ? url : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString()!.Trim() is { Length: > 0 } text ? text : null;

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object) : [];

    private static List<string> Strings(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(s => s.Length > 0).ToList()
            : [];
}
