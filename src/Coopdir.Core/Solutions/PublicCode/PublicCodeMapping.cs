using Coopdir.Core.Organizations;
using YamlDotNet.RepresentationModel;
using static Coopdir.Core.Solutions.PublicCode.PublicCodeReader;

namespace Coopdir.Core.Solutions.PublicCode;

/// <summary>
/// A valid publiccode.yml as a directory record of kind solution (see <see cref="SolutionFacts"/> for what lives where):
/// the landing page (<c>landingURL</c>, else <c>url</c>) is the website, <c>url</c> a code repository identifier (unless
/// the file gives it as its landing page too: then it is a web page, not a repository), long descriptions the record's
/// descriptions (English first), codes from the standard's lists classifications, and the rest solution facts.
/// <c>organisation</c>, <c>fundedBy</c> and <c>usedBy</c> become parties (maintainer, funder, user), resolved to
/// organizations by SolutionParties when written. Paths relative to the repository (a logo in it) are not
/// kept: a solution's logo is an http(s) URL.
/// </summary>
public static class PublicCodeMapping
{
    public static OrganizationContent ToContent(YamlMappingNode root)
    {
        string? S(YamlMappingNode? map, string key) => map is null ? null : Text(Child(map, key))?.Trim() is { Length: > 0 } t ? t : null;
        YamlMappingNode? M(YamlMappingNode? map, string key) => map is null ? null : Child(map, key) as YamlMappingNode;
        List<string> L(YamlMappingNode? map, string key) => map is not null && Child(map, key) is YamlSequenceNode seq
            ? seq.Children.Select(Text).OfType<string>().Select(t => t.Trim()).Where(t => t.Length > 0).ToList() : [];

        var url = S(root, "url");
        var landing = S(root, "landingURL");
        var classifications = new List<Classification> { new("solution-type", "software") };
        // A code outside the facet's vocabulary (code.gouv.fr's own software types) is not kept: the reader warned of it.
        void Add(string scheme, string? code)
        {
            if (code is null || Vocabularies.Find(scheme) is { } vocabulary && vocabulary.Find(code) is null) return;
            if (!classifications.Contains(new(scheme, code))) classifications.Add(new(scheme, code));
        }
        Add("software-type", S(root, "softwareType"));
        Add("development-status", S(root, "developmentStatus"));
        foreach (var c in L(root, "categories")) Add("solution-category", c);
        var audience = M(root, "intendedAudience");
        foreach (var c in L(audience, "scope")) Add("solution-scope", c);
        var maintenance = M(root, "maintenance");
        // code.gouv.fr may say internal or community and name no one: the standard cannot say that, so the type is not kept.
        var contactsGiven = maintenance is not null && Child(maintenance, "contacts") is YamlSequenceNode { Children.Count: > 0 } listed
            && listed.Children.OfType<YamlMappingNode>().Any(c => S(c, "name") is not null);
        if (S(maintenance, "type") is { } maintained && (contactsGiven || maintained is "contract" or "none")) Add("maintenance-type", maintained);
        foreach (var c in L(audience, "countries")) Add(SolutionRules.CountryOfUse, c.ToUpperInvariant());
        var localisation = M(root, "localisation");
        foreach (var c in L(localisation, "availableLanguages")) Add(SolutionRules.AvailableLanguage, c);

        var descriptions = new List<LanguageText>();
        var texts = new List<SolutionText>();
        foreach (var (key, value) in M(root, "description")?.Children.Select(p => (p.Key, p.Value)) ?? [])
        {
            if (key is not YamlScalarNode { Value: { } language } || value is not YamlMappingNode d) continue;
            if (S(d, "longDescription") is { } text) descriptions.Add(new LanguageText(language, text));
            var features = L(d, "features");
            var solutionText = new SolutionText(language, S(d, "localisedName"), S(d, "shortDescription"), features.Count > 0 ? features : null,
                S(d, "documentation"), S(d, "apiDocumentation"));
            if (solutionText != new SolutionText(language)) texts.Add(solutionText);
        }
        var english = descriptions.FirstOrDefault(d => d.Language == "en" || d.Language.StartsWith("en-", StringComparison.Ordinal)) ?? descriptions.FirstOrDefault();

        var parties = new List<SolutionParty>();
        if (M(root, "organisation") is { } organisation && Party("maintainer", organisation) is { } publisher) parties.Add(publisher);
        if (Child(root, "fundedBy") is YamlSequenceNode funders)
            parties.AddRange(funders.Children.OfType<YamlMappingNode>().Select(f => Party("funder", f)).OfType<SolutionParty>());
        if (Child(root, "usedBy") is YamlSequenceNode users)
            foreach (var user in users.Children)
            {
                if (user is YamlMappingNode named) { if (Party("user", named) is { } p) parties.Add(p); }
                else if (Text(user)?.Trim() is { Length: > 0 } name) parties.Add(new SolutionParty("user", OneLine(name)));
            }

        // In code.gouv.fr's dialect an entry may lack what the standard requires of it (a contact's name): such entries are not kept.
        var legal = M(root, "legal");
        var release = M(root, "latestRelease");
        var dependsOn = M(root, "dependsOn");
        var dependencies = SolutionRules.DependencyKinds.SelectMany(kind => dependsOn is not null && Child(dependsOn, kind) is YamlSequenceNode list
            ? list.Children.OfType<YamlMappingNode>().Where(d => S(d, "name") is not null).Select(d => new SolutionDependency(kind, S(d, "name")!, S(d, "versionMin"), S(d, "versionMax"),
                S(d, "version"), Text(Child(d, "optional")) is "true" or "True" or "TRUE"))
            : []).ToList();
        var contacts = maintenance is not null && Child(maintenance, "contacts") is YamlSequenceNode people
            ? people.Children.OfType<YamlMappingNode>().Where(c => S(c, "name") is not null).Select(c => new SolutionContact(S(c, "name")!, S(c, "email"), S(c, "phone"), S(c, "affiliation"))).ToList()
            : [];
        var contractors = maintenance is not null && S(maintenance, "type") == "contract" && Child(maintenance, "contractors") is YamlSequenceNode firms
            ? firms.Children.OfType<YamlMappingNode>().Where(c => S(c, "name") is not null && S(c, "until") is not null).Select(c => new SolutionContractor(S(c, "name")!, S(c, "until")!, S(c, "email"), S(c, "website"))).ToList()
            : [];
        var platforms = L(root, "platforms");
        var logo = S(root, "logo");
        var facts = new SolutionFacts(
            Licence: S(legal, "license") is { } licence ? Spdx.Normalise(licence) : null,
            Logo: logo is not null && IsHttpUrl(logo) ? logo : null,
            Version: S(root, "softwareVersion") ?? S(release, "version"),
            ReleaseDate: new[] { S(root, "releaseDate"), S(release, "date") }.FirstOrDefault(d => d is not null && IsDay(d)),
            Texts: texts.Count > 0 ? texts : null,
            Platforms: platforms.Count > 0 ? platforms : null,
            DependsOn: dependencies.Count > 0 ? dependencies : null,
            Contacts: contacts.Count > 0 ? contacts : null,
            Contractors: contractors.Count > 0 ? contractors : null,
            Parties: parties.Count > 0 ? parties : null,
            MainCopyrightOwner: S(legal, "mainCopyrightOwner"));

        var isPage = landing is not null && url is not null && landing == url;
        var repository = url is not null && !isPage ? RepositoryUrl.Normalise(url) ?? url.Trim() : null;
        return new OrganizationContent
        {
            Name = OneLine(S(root, "name")!),
            Kind = SolutionRules.Kind,
            Description = english?.Text,
            DescriptionsByLanguage = descriptions,
            Website = landing is not null && IsHttpUrl(landing) ? landing : url is not null && IsHttpUrl(url) ? url : null,
            FoundedOn = S(root, "creationDate") is { } created && IsDay(created) ? created : null,
            Identifiers = repository is null ? [] : [new Identifier(SolutionRules.RepositoryScheme, repository)],
            Classifications = classifications,
            Solution = facts,
        };
    }

    /// <summary>A repository URL as the directory keeps it: https, lower-case host, no trailing slash or ".git".</summary>
    private static SolutionParty? Party(string role, YamlMappingNode organisation)
    {
        var name = Text(Child(organisation, "name"))?.Trim();
        var uri = (Text(Child(organisation, "uri")) ?? Text(Child(organisation, "url")))?.Trim();
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(uri)) return null;
        // An organisation the file names only by its URI is called by it: the standard makes the name optional.
        return new SolutionParty(role, OneLine(string.IsNullOrEmpty(name) ? uri! : name), uri is not null && IsHttpUrl(uri) ? uri : null);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
}
