using Coopdir.Core.Organizations;

namespace Coopdir.Core.Solutions;

/// <summary>One dimension the catalogue of solutions is filtered and counted by: its query parameter and its title.</summary>
/// <param name="Scheme">The classification scheme (and vocabulary) its values come from, if they are a solution facet.</param>
public sealed record CatalogueFacet(string Parameter, string Title, string? Scheme = null);

/// <summary>
/// The catalogue's facets. Most are a solution's own classifications; the licence is each id of its SPDX
/// expression; the country of use adds the countries of the organizations that use it to those it names; the
/// maintainer is the kind of each organization that maintains it now.
/// </summary>
public static class CatalogueFacets
{
    public const string Type = "type", Category = "category", Licence = "licence", Status = "status", Language = "language",
        Sdg = "sdg", Country = "country", Maintainer = "maintainer";

    public static readonly IReadOnlyList<CatalogueFacet> All =
    [
        new(Type, "Type", "solution-type"),
        new(Category, "Category", "solution-category"),
        new(Licence, "Licence"),
        new(Status, "Development status", "development-status"),
        new(Language, "Language", SolutionRules.AvailableLanguage),
        new(Sdg, "Sustainable Development Goal", "sdg"),
        new(Country, "Country of use", SolutionRules.CountryOfUse),
        new(Maintainer, "Maintained by"),
    ];

    /// <summary>The kinds of maintainer the catalogue tells apart, by the maintaining organization's kind; any other kind is "other".</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> MaintainerKinds =
    [
        ("cooperative", "A co-operative"),
        ("digital-service", "A digital service team"),
        ("civic-tech", "A civic tech group"),
        ("other", "A company or other organization"),
    ];

    public static CatalogueFacet? Find(string parameter) => All.FirstOrDefault(f => f.Parameter == parameter);

    public static string MaintainerKindOf(string organizationKind) =>
        MaintainerKinds.Any(k => k.Code == organizationKind) ? organizationKind : "other";

    /// <summary>A value's label: the vocabulary's, the country's name, or the value itself (licence ids and language tags).</summary>
    public static string LabelOf(string parameter, string value) => parameter switch
    {
        Maintainer => MaintainerKinds.FirstOrDefault(k => k.Code == value).Label ?? value,
        Country => Countries.NameOf(value),
        _ when Find(parameter)?.Scheme is { } scheme && Vocabularies.Find(scheme) is { } vocabulary => vocabulary.LabelOf(value),
        _ => value,
    };
}
