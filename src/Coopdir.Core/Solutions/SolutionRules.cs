using Coopdir.Core.Organizations;

namespace Coopdir.Core.Solutions;

/// <summary>
/// One facet of a shared solution: a classification scheme, with the vocabulary of the same name its codes
/// come from (null for countries and languages, which have rules of their own), and whether a solution may have several.
/// </summary>
public sealed record SolutionFacet(string Scheme, string Label, bool Multiple)
{
    public Vocabulary? Vocabulary => Vocabularies.Find(Scheme);
}

/// <summary>
/// The rules a shared solution obeys, whoever writes it (an import, a person, a mirror): only a record of the
/// kind <see cref="Kind"/> has solution facets and facts; facets hold codes of their vocabularies; facts have
/// bounded sizes, http(s) URLs, dates and language tags. See <see cref="SolutionFacts"/> for what lives where.
/// </summary>
public static class SolutionRules
{
    public const string Kind = "solution";
    /// <summary>The identifier scheme of a solution's code repositories: the repository's URL.</summary>
    public const string RepositoryScheme = "code-repository";
    public const string CountryOfUse = "country-of-use";
    public const string AvailableLanguage = "available-language";

    public static readonly IReadOnlyList<SolutionFacet> Facets =
    [
        new("solution-type", "Type", Multiple: true),
        new("software-type", "Software type", Multiple: false),
        new("development-status", "Development status", Multiple: false),
        new("solution-category", "Category", Multiple: true),
        new("solution-scope", "Scope", Multiple: true),
        new("maintenance-type", "Maintenance", Multiple: false),
        new("sdg", "Sustainable Development Goal", Multiple: true),
        new(CountryOfUse, "Country of use", Multiple: true),
        new(AvailableLanguage, "Language", Multiple: true),
    ];

    /// <summary>Roles a source may give an organization it names, and the relationship each becomes once matched.</summary>
    public static readonly IReadOnlyDictionary<string, PartyRole> PartyRoles = new Dictionary<string, PartyRole>
    {
        ["maintainer"] = new("maintains_software", SolutionIsSubject: false),
        ["owner"] = new("maintains_software", SolutionIsSubject: false),
        ["user"] = new("uses_software", SolutionIsSubject: false),
        ["implementer"] = new("uses_software", SolutionIsSubject: false),
        ["funder"] = new("funded_by", SolutionIsSubject: true),
    };

    public static readonly IReadOnlyList<string> DependencyKinds = ["open", "proprietary", "hardware"];

    public const int MaxShortText = 300, MaxShortDescription = 1_000, MaxFeatures = 100, MaxFeatureLength = 300,
        MaxListItems = 200, MaxUrlLength = 2_000, MaxEvidenceLength = 5_000;

    public static SolutionFacet? FacetOf(string scheme) => Facets.FirstOrDefault(f => f.Scheme == scheme);

    /// <summary>The codes a record holds for a facet, in the vocabulary's order where it has one.</summary>
    public static IReadOnlyList<string> CodesOf(OrganizationContent c, string scheme)
    {
        var terms = Vocabularies.Find(scheme)?.Terms.Select(t => t.Code).ToList() ?? [];
        return c.Classifications.Where(x => x.Scheme == scheme).Select(x => x.Code).Distinct()
            .OrderBy(code => terms.IndexOf(code) is var i and >= 0 ? i : int.MaxValue).ThenBy(code => code, StringComparer.Ordinal).ToList();
    }

    /// <summary>The record's code repositories, in the order it lists them.</summary>
    public static IReadOnlyList<string> RepositoriesOf(OrganizationContent c) =>
        c.Identifiers.Where(i => i.Scheme == RepositoryScheme).Select(i => i.Value).Distinct().ToList();

    public static void Check(OrganizationContent c, Action<string, string> add)
    {
        var isSolution = c.Kind == Kind;
        for (var i = 0; i < c.Classifications.Count; i++)
        {
            var (scheme, code) = c.Classifications[i];
            if (scheme is null || FacetOf(scheme) is not { } facet) continue;
            var at = $"classifications[{i}]";
            if (!isSolution) add($"{at}.scheme", $"{scheme} describes shared solutions: only an organization of kind {Kind} has it");
            if (facet.Vocabulary is { } vocabulary && vocabulary.Terms.All(t => t.Code != code))
                add($"{at}.code", $"'{code}' is not in the {scheme} vocabulary ({Listed(vocabulary)})");
            else if (scheme == CountryOfUse && (code is not { Length: 2 } || !Countries.IsKnown(code) || code != code.ToUpperInvariant()))
                add($"{at}.code", $"'{code}' is not an ISO 3166-1 alpha-2 country code");
            else if (scheme == AvailableLanguage && !OrganizationValidator.IsLanguageTag(code))
                add($"{at}.code", $"'{code}' is not a language tag (BCP 47, such as de or pt-BR)");
            else if (!facet.Multiple && c.Classifications.Take(i).Any(x => x.Scheme == scheme))
                add($"{at}.code", $"{scheme} holds one code, and '{code}' is a second");
        }
        for (var i = 0; i < c.Identifiers.Count; i++)
        {
            if (c.Identifiers[i].Scheme != RepositoryScheme) continue;
            CheckUrl(c.Identifiers[i].Value, $"identifiers[{i}].value", add);
        }
        if (c.Solution is not { } s) return;
        if (!isSolution) add("solution", $"only an organization of kind {Kind} is a shared solution");
        CheckText(s.Licence, "solution.licence", MaxShortText, add);
        CheckUrl(s.Logo, "solution.logo", add);
        CheckText(s.Version, "solution.version", MaxShortText, add);
        if (s.ReleaseDate is not null && !(s.ReleaseDate.Length == 10 && OrganizationValidator.IsDate(s.ReleaseDate)))
            add("solution.release_date", $"'{s.ReleaseDate}' is not a date (YYYY-MM-DD)");
        CheckText(s.MainCopyrightOwner, "solution.main_copyright_owner", MaxShortText, add);

        var texts = s.Texts ?? [];
        CheckCount(texts.Count, "solution.texts", add);
        for (var i = 0; i < texts.Count; i++)
        {
            var t = texts[i];
            var at = $"solution.texts[{i}]";
            if (!OrganizationValidator.IsLanguageTag(t.Language)) add($"{at}.language", $"'{t.Language}' is not a language tag (BCP 47, such as de or pt-BR)");
            else if (texts.Take(i).Any(x => string.Equals(x.Language, t.Language, StringComparison.OrdinalIgnoreCase)))
                add($"{at}.language", $"repeats the language {t.Language}");
            CheckText(t.LocalisedName, $"{at}.localised_name", MaxShortText, add);
            CheckText(t.ShortDescription, $"{at}.short_description", MaxShortDescription, add);
            CheckUrl(t.Documentation, $"{at}.documentation", add);
            CheckUrl(t.ApiDocumentation, $"{at}.api_documentation", add);
            var features = t.Features ?? [];
            if (features.Count > MaxFeatures) add($"{at}.features", $"has more than {MaxFeatures} entries");
            for (var f = 0; f < features.Count; f++) CheckRequired(features[f], $"{at}.features[{f}]", MaxFeatureLength, add);
        }
        var platforms = s.Platforms ?? [];
        CheckCount(platforms.Count, "solution.platforms", add);
        for (var i = 0; i < platforms.Count; i++) CheckRequired(platforms[i], $"solution.platforms[{i}]", MaxShortText, add);

        var dependencies = s.DependsOn ?? [];
        CheckCount(dependencies.Count, "solution.depends_on", add);
        for (var i = 0; i < dependencies.Count; i++)
        {
            var d = dependencies[i];
            var at = $"solution.depends_on[{i}]";
            if (!DependencyKinds.Contains(d.Kind)) add($"{at}.kind", $"'{d.Kind}' is not one of {string.Join(", ", DependencyKinds)}");
            CheckRequired(d.Name, $"{at}.name", MaxShortText, add);
            CheckText(d.Version, $"{at}.version", MaxShortText, add);
            CheckText(d.VersionMin, $"{at}.version_min", MaxShortText, add);
            CheckText(d.VersionMax, $"{at}.version_max", MaxShortText, add);
        }
        var contacts = s.Contacts ?? [];
        CheckCount(contacts.Count, "solution.contacts", add);
        for (var i = 0; i < contacts.Count; i++)
        {
            var at = $"solution.contacts[{i}]";
            CheckRequired(contacts[i].Name, $"{at}.name", MaxShortText, add);
            CheckText(contacts[i].Email, $"{at}.email", MaxShortText, add);
            CheckText(contacts[i].Phone, $"{at}.phone", MaxShortText, add);
            CheckText(contacts[i].Affiliation, $"{at}.affiliation", MaxShortText, add);
        }
        var contractors = s.Contractors ?? [];
        CheckCount(contractors.Count, "solution.contractors", add);
        for (var i = 0; i < contractors.Count; i++)
        {
            var at = $"solution.contractors[{i}]";
            CheckRequired(contractors[i].Name, $"{at}.name", MaxShortText, add);
            if (!(contractors[i].Until is { Length: 10 } until && OrganizationValidator.IsDate(until)))
                add($"{at}.until", $"'{contractors[i].Until}' is not a date (YYYY-MM-DD)");
            CheckText(contractors[i].Email, $"{at}.email", MaxShortText, add);
            CheckUrl(contractors[i].Website, $"{at}.website", add);
        }
        var evidence = s.SdgEvidence ?? [];
        CheckCount(evidence.Count, "solution.sdg_evidence", add);
        for (var i = 0; i < evidence.Count; i++)
        {
            var at = $"solution.sdg_evidence[{i}]";
            if (Vocabularies.Find("sdg")?.Find(evidence[i].Goal) is null) add($"{at}.goal", $"'{evidence[i].Goal}' is not a Sustainable Development Goal (1 to 17)");
            CheckText(evidence[i].Text, $"{at}.text", MaxEvidenceLength, add);
            CheckUrl(evidence[i].Url, $"{at}.url", add);
        }
        var parties = s.Parties ?? [];
        CheckCount(parties.Count, "solution.parties", add);
        for (var i = 0; i < parties.Count; i++)
        {
            var at = $"solution.parties[{i}]";
            if (!PartyRoles.ContainsKey(parties[i].Role)) add($"{at}.role", $"'{parties[i].Role}' is not one of {string.Join(", ", PartyRoles.Keys)}");
            CheckRequired(parties[i].Name, $"{at}.name", MaxShortText, add);
            CheckUrl(parties[i].Url, $"{at}.url", add);
            if (parties[i].OrganizationId is <= 0) add($"{at}.organization_id", "must be the id of an organization");
            if (parties[i].PossibleOrganizationId is <= 0) add($"{at}.possible_organization_id", "must be the id of an organization");
        }
    }

    private static string Listed(Vocabulary vocabulary) =>
        vocabulary.Terms.Count <= 20 ? string.Join(", ", vocabulary.Terms.Select(t => t.Code)) : $"see /vocabularies/{vocabulary.Name}";

    private static void CheckCount(int count, string field, Action<string, string> add)
    {
        if (count > MaxListItems) add(field, $"has more than {MaxListItems} entries");
    }

    private static void CheckRequired(string? text, string field, int max, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(text)) add(field, "is required");
        else CheckText(text, field, max, add);
    }

    private static void CheckText(string? text, string field, int max, Action<string, string> add)
    {
        if (text is null) return;
        if (text.Length > max) add(field, $"is longer than {max} characters");
        else if (PlainText.Problem(text) is { } problem) add(field, problem);
    }

    private static void CheckUrl(string? url, string field, Action<string, string> add)
    {
        if (url is null) return;
        if (url.Length > MaxUrlLength) add(field, $"is longer than {MaxUrlLength} characters");
        else if (!OrganizationValidator.IsWebUrl(url)) add(field, $"'{url}' is not an absolute http(s) URL");
    }
}

/// <summary>The relationship a party's role becomes, and which end the solution stands at.</summary>
public sealed record PartyRole(string RelationshipType, bool SolutionIsSubject);
