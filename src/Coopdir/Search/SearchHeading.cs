using System.Globalization;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Search;

/// <summary>
/// What a search shows, in words, for the page's heading and title: "12 worker cooperatives in the retail sector in
/// Leeds matching “bread”". It names the count, kind, type, sector, place and text; the other filters are chips.
/// </summary>
public static class SearchHeading
{
    /// <param name="areaNames">The names of the query's areas by id (an id without a name is shown as it is).</param>
    /// <param name="within">Where a search near a place looks, in words (<see cref="SearchPlaces.WithinPhrase"/>).</param>
    public static string Describe(SearchQuery query, long total, IReadOnlyDictionary<string, string> areaNames, string? within = null)
    {
        var count = total == 0 ? "No" : total.ToString("N0", CultureInfo.InvariantCulture);
        var adjectives = query.Types.Count == 0 ? "" : AnyOf(query.Types.Select(t => Lower(Vocabularies.Type.LabelOf(t)))) + " ";
        var parts = new List<string> { $"{count} {adjectives}{Noun(query, plural: total != 1)}" };

        if (query.Sectors.Count > 0)
            parts.Add($"in the {AnyOf(query.Sectors.Select(s => Lower(Vocabularies.Sector.LabelOf(s))))} {(query.Sectors.Count == 1 ? "sector" : "sectors")}");

        // From the smallest place to the largest: each kind of place narrows the others ("Leeds, United Kingdom").
        var places = new[]
        {
            query.Localities, query.Regions,
            query.Areas.Select(a => areaNames.GetValueOrDefault(a) ?? a).ToList(),
            query.Countries.Select(Countries.NameOf).ToList(),
        }.Where(p => p.Count > 0).Select(AnyOf).ToList();
        if (places.Count > 0) parts.Add($"in {string.Join(", ", places)}");
        if (within is not null) parts.Add(within);

        if (query.Text is { } text) parts.Add($"matching “{text}”");
        return string.Join(" ", parts);
    }

    /// <summary>The heading, and which page of how many when there are several: the page's title.</summary>
    public static string Title(SearchQuery query, SearchResult result, IReadOnlyDictionary<string, string> areaNames, string? within = null) =>
        Describe(query, result.Total, areaNames, within) + (result.PageCount > 1 ? $" (page {result.Page} of {result.PageCount:N0})" : "");

    // One kind names the results ("networks"); cooperative types only qualify cooperatives; anything else is an organization.
    private static string Noun(SearchQuery query, bool plural)
    {
        var singular = query.Kinds is [var kind] && kind != "other" ? Lower(Vocabularies.Kind.LabelOf(kind))
            : query.Kinds.Count == 0 && query.Types.Count > 0 ? "cooperative"
            : "organization";
        if (!plural) return singular;
        return singular.EndsWith('y') && !"aeiou".Contains(singular[^2]) ? singular[..^1] + "ies" : singular + "s";
    }

    // "Network / federation" and "Financial (credit union, co-op bank)" read as "network" and "financial" in a sentence.
    private static string Lower(string label)
    {
        var end = label.IndexOfAny(['/', '(']);
        var word = (end > 0 ? label[..end] : label).Trim();
        return word.Length > 1 && char.IsUpper(word[1]) ? word : word.ToLowerInvariant();
    }

    private static string AnyOf(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list[..^1])} or {list[^1]}";
    }
}
