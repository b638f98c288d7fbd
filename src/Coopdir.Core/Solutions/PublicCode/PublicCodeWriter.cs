using Coopdir.Core.Organizations;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Coopdir.Core.Solutions.PublicCode;

/// <summary>
/// A solution record as a publiccode.yml of the latest version (<see cref="PublicCodeReader.LatestVersion"/>), valid by
/// <see cref="PublicCodeReader"/> whatever made the record (a publiccode.yml, the Digital Public Goods registry, a
/// person). What the standard requires and the record lacks is derived from what it has, never made up from its name:
/// <list type="bullet">
/// <item><c>url</c>: the first code repository, else the website (then given as <c>landingURL</c> too, which the reader
/// takes as "a web page, not a repository"), else the solution's page in the directory (as both, for the same reason:
/// a standard or a dataset may have no repository, and its page says where it is found).</item>
/// <item>the description: the long description by language; where a language has none of at least 150 characters, one
/// composed of the record's own words (its short and long descriptions, licence, repository, website); the short
/// description, where missing, the long one's first sentence, shortened to 150 characters.</item>
/// <item><c>features</c>: the record's, else its categories' names, else its short description.</item>
/// <item><c>platforms</c>: the record's, else what its software type says (web, mobile or desktop), else "not stated"
/// (the standard allows words outside its list).</item>
/// <item><c>developmentStatus</c> "development" and <c>softwareType</c> "standalone/other" where unknown: the least the standard
/// lets a file claim.</item>
/// <item><c>legal.license</c>: the SPDX expression, else <c>LicenseRef-not-stated</c> (an SPDX reference that says so).</item>
/// <item><c>maintenance.type</c>: the record's, else contract (contractors), community (contacts) or none.</item>
/// <item><c>localisation</c>: the languages it is available in, else the description's; ready when there are several.</item>
/// </list>
/// Lost on the way (the standard has no key for them): a maintainer or funder without an http(s) URL (the standard's
/// <c>uri</c> is mandatory), maintainers after the first (one <c>organisation</c>), users' URLs (<c>usedBy</c> is names),
/// the founding date, SDGs and their evidence.
/// </summary>
public static class PublicCodeWriter
{
    public const string MediaType = "text/yaml";
    public const string NotStatedLicence = "LicenseRef-not-stated";

    /// <param name="pageUrl">The solution's page in the directory: its url when it has no repository and no website.</param>
    public static string Write(Organization solution, string? pageUrl = null) => Write(solution.Content, pageUrl);

    public static string Write(OrganizationContent c, string? pageUrl = null)
    {
        var facts = c.Solution ?? new SolutionFacts();
        var root = new YamlMappingNode();
        void Put(YamlMappingNode map, string key, YamlNode? value) { if (value is not null) map.Add(key, value); }

        var repositories = SolutionRules.RepositoriesOf(c);
        var landing = c.Website ?? (repositories.Count == 0 ? pageUrl : null);
        var url = repositories.FirstOrDefault() ?? landing;
        Put(root, "publiccodeYmlVersion", Str(PublicCodeReader.LatestVersion));
        Put(root, "name", Str(c.Name));
        Put(root, "url", Str(url));
        if (landing is not null && (landing != url || repositories.Count == 0)) Put(root, "landingURL", Str(landing));
        Put(root, "softwareVersion", Str(facts.Version));
        Put(root, "releaseDate", Str(facts.ReleaseDate));
        Put(root, "logo", Str(facts.Logo));
        Put(root, "platforms", List(Platforms(c, facts)));
        Put(root, "categories", List(SolutionRules.CodesOf(c, "solution-category")));

        var parties = facts.Parties ?? [];
        Put(root, "usedBy", List(parties.Where(p => p.Role == "user").Select(p => p.Name).ToList()));
        var funders = parties.Where(p => p.Role == "funder" && p.Url is not null).Select(Organisation).ToList();
        if (funders.Count > 0) Put(root, "fundedBy", new YamlSequenceNode(funders));
        Put(root, "developmentStatus", Str(SolutionRules.CodesOf(c, "development-status").FirstOrDefault() ?? "development"));
        Put(root, "softwareType", Str(SolutionRules.CodesOf(c, "software-type").FirstOrDefault() ?? "standalone/other"));
        if (parties.FirstOrDefault(p => p.Role is "maintainer" or "owner" && p.Url is not null) is { } publisher)
            Put(root, "organisation", Organisation(publisher));

        var audience = new YamlMappingNode();
        Put(audience, "scope", List(SolutionRules.CodesOf(c, "solution-scope")));
        Put(audience, "countries", List(SolutionRules.CodesOf(c, SolutionRules.CountryOfUse)));
        if (audience.Children.Count > 0) Put(root, "intendedAudience", audience);

        var description = Description(c, facts);
        Put(root, "description", description);
        var legal = new YamlMappingNode { { "license", Str(facts.Licence ?? NotStatedLicence)! } };
        Put(legal, "mainCopyrightOwner", Str(facts.MainCopyrightOwner));
        Put(root, "legal", legal);
        Put(root, "maintenance", Maintenance(c, facts));

        var languages = SolutionRules.CodesOf(c, SolutionRules.AvailableLanguage).ToList();
        if (languages.Count == 0) languages = description.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();
        Put(root, "localisation", new YamlMappingNode
        {
            { "localisationReady", Bool(languages.Count > 1) },
            { "availableLanguages", List(languages)! },
        });

        var dependsOn = new YamlMappingNode();
        foreach (var kind in SolutionRules.DependencyKinds)
        {
            var items = (facts.DependsOn ?? []).Where(d => d.Kind == kind).Select(d =>
            {
                var node = new YamlMappingNode { { "name", Str(d.Name)! } };
                Put(node, "versionMin", Str(d.VersionMin));
                Put(node, "versionMax", Str(d.VersionMax));
                Put(node, "version", Str(d.Version));
                if (d.Optional) node.Add("optional", Bool(true));
                return (YamlNode)node;
            }).ToList();
            if (items.Count > 0) dependsOn.Add(kind, new YamlSequenceNode(items));
        }
        if (dependsOn.Children.Count > 0) Put(root, "dependsOn", dependsOn);

        var writer = new StringWriter();
        writer.WriteLine("# publiccode.yml written by Coopdir from its directory record (https://yml.publiccode.tools)");
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet ends a document with "...": a single-document file does not need it.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text.EndsWith("...\r\n", StringComparison.Ordinal) ? text[..^5] : text;
    }

    private static YamlMappingNode Description(OrganizationContent c, SolutionFacts facts)
    {
        var texts = facts.Texts ?? [];
        var longs = c.DescriptionsByLanguage.ToList();
        if (longs.Count == 0 && c.Description is { } only) longs.Add(new LanguageText(texts.FirstOrDefault()?.Language ?? "en", only));
        var languages = texts.Select(t => t.Language).Concat(longs.Select(l => l.Language)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (languages.Count == 0) languages.Add("en");
        var features = FeaturesOf(c, facts);
        var description = new YamlMappingNode();
        var featuresGiven = false;
        static bool Fits(string text) => PublicCodeReader.Length(text.Trim()) is >= PublicCodeReader.MinLongDescription and <= PublicCodeReader.MaxLongDescription;
        var anyFits = longs.Any(l => Fits(l.Text));
        foreach (var language in languages)
        {
            var text = texts.FirstOrDefault(t => string.Equals(t.Language, language, StringComparison.OrdinalIgnoreCase)) ?? new SolutionText(language);
            var longText = longs.FirstOrDefault(l => string.Equals(l.Language, language, StringComparison.OrdinalIgnoreCase))?.Text;
            var node = new YamlMappingNode();
            void Put(string key, YamlNode? value) { if (value is not null) node.Add(key, value); }
            Put("localisedName", Str(text.LocalisedName));
            Put("shortDescription", Str(text.ShortDescription ?? ShortFrom(longText ?? c.Description ?? texts.Select(t => t.ShortDescription).FirstOrDefault(s => s is not null) ?? c.Name)));
            if (longText is not null && Fits(longText)) Put("longDescription", Str(longText));
            else if (longText is not null || !anyFits && language == languages[0])
                Put("longDescription", Str(Composed(c, facts, longText ?? c.Description, text.ShortDescription)));
            Put("documentation", Str(text.Documentation));
            Put("apiDocumentation", Str(text.ApiDocumentation));
            if (text.Features is { Count: > 0 } own) { Put("features", List(own)); featuresGiven = true; }
            description.Add(language, node);
        }
        if (!featuresGiven) ((YamlMappingNode)description.Children.Values.First()).Add("features", List(features)!);
        return description;
    }

    // The record's own words, put together until there are enough (at least 150 characters, at most 10,000).
    private static string Composed(OrganizationContent c, SolutionFacts facts, string? longText, string? shortText)
    {
        var parts = new List<string>();
        if (longText is not null) parts.Add(longText.Trim());
        if (shortText is not null && !parts.Any(p => p.Contains(shortText.Trim(), StringComparison.Ordinal))) parts.Add(shortText.Trim());
        if (parts.Count == 0) parts.Add($"{c.Name} is a shared solution listed in the Coopdir directory.");
        if (facts.Licence is { } licence) parts.Add($"It is published under {licence}.");
        if (SolutionRules.RepositoriesOf(c).FirstOrDefault() is { } repository) parts.Add($"Its code is at {repository}.");
        if (c.Website is { } website) parts.Add($"Its website is {website}.");
        var text = string.Join("\n\n", parts);
        if (PublicCodeReader.Length(text) < PublicCodeReader.MinLongDescription)
            text += "\n\n(The directory's record has no longer description: this one was put together from what the record says.)";
        return text.Length > PublicCodeReader.MaxLongDescription ? text[..PublicCodeReader.MaxLongDescription] : text;
    }

    private static string ShortFrom(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        var stop = line.IndexOf(". ", StringComparison.Ordinal);
        if (stop > 0) line = line[..(stop + 1)];
        return PublicCodeReader.Length(line) <= PublicCodeReader.MaxShortDescription ? line : line[..(PublicCodeReader.MaxShortDescription - 1)].TrimEnd() + "…";
    }

    private static IReadOnlyList<string> FeaturesOf(OrganizationContent c, SolutionFacts facts)
    {
        var categories = SolutionRules.CodesOf(c, "solution-category")
            .Select(code => Vocabularies.Find("solution-category")?.Find(code)?.Label ?? code).ToList();
        if (categories.Count > 0) return categories;
        var summary = facts.Texts?.Select(t => t.ShortDescription).FirstOrDefault(t => t is not null) ?? ShortFrom(c.Description ?? c.Name);
        return [summary];
    }

    private static IReadOnlyList<string> Platforms(OrganizationContent c, SolutionFacts facts) =>
        facts.Platforms is { Count: > 0 } platforms ? platforms
        : SolutionRules.CodesOf(c, "software-type").FirstOrDefault() switch
        {
            "standalone/web" => ["web"],
            "standalone/mobile" => ["android", "ios"],
            "standalone/desktop" => ["windows", "mac", "linux"],
            _ => ["not stated"],
        };

    private static YamlMappingNode Maintenance(OrganizationContent c, SolutionFacts facts)
    {
        var contacts = facts.Contacts ?? [];
        var contractors = facts.Contractors ?? [];
        var type = SolutionRules.CodesOf(c, "maintenance-type").FirstOrDefault()
            ?? (contractors.Count > 0 ? "contract" : contacts.Count > 0 ? "community" : "none");
        var node = new YamlMappingNode { { "type", Str(type)! } };
        if (type == "contract" && contractors.Count > 0)
            node.Add("contractors", new YamlSequenceNode(contractors.Select(x =>
            {
                var item = new YamlMappingNode { { "name", Str(x.Name)! }, { "until", Str(x.Until)! } };
                if (x.Email is not null) item.Add("email", Str(x.Email)!);
                if (x.Website is not null) item.Add("website", Str(x.Website)!);
                return (YamlNode)item;
            })));
        if (contacts.Count > 0)
            node.Add("contacts", new YamlSequenceNode(contacts.Select(x =>
            {
                var item = new YamlMappingNode { { "name", Str(x.Name)! } };
                if (x.Email is not null) item.Add("email", Str(x.Email)!);
                if (x.Phone is not null) item.Add("phone", Str(x.Phone)!);
                if (x.Affiliation is not null) item.Add("affiliation", Str(x.Affiliation)!);
                return (YamlNode)item;
            })));
        return node;
    }

    private static YamlNode Organisation(SolutionParty party) =>
        new YamlMappingNode { { "uri", Str(party.Url)! }, { "name", Str(party.Name)! } };

    private static YamlScalarNode? Str(string? value) =>
        value is null ? null : new YamlScalarNode(value) { Style = ScalarStyle.DoubleQuoted };

    private static YamlScalarNode Bool(bool value) => new(value ? "true" : "false") { Style = ScalarStyle.Plain };

    private static YamlSequenceNode? List(IReadOnlyList<string> values) =>
        values.Count == 0 ? null : new YamlSequenceNode(values.Select(v => (YamlNode)Str(v)!));
}
