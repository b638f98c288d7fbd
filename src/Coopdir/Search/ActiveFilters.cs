using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Search;

/// <param name="Name">What the filter is about ("Type"), shown before its value.</param>
/// <param name="RemoveUrl">The same search without this one value.</param>
public sealed record ActiveFilter(string Name, string Value, string RemoveUrl);

/// <summary>The filters a search applies, one per value, each with the link that removes it: the page's chips.</summary>
public static class ActiveFilters
{
    /// <param name="facets">The result's facets, whose labels name networks, countries and places as the filter lists do.</param>
    /// <param name="areaNames">The names of the query's areas by id.</param>
    public static IReadOnlyList<ActiveFilter> Of(SearchLinks links, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> facets,
        IReadOnlyDictionary<string, string> areaNames)
    {
        string Label(string facet, string value) =>
            facets.GetValueOrDefault(facet)?.FirstOrDefault(v => string.Equals(v.Value, value, StringComparison.OrdinalIgnoreCase))?.Label ?? value;

        var filters = new List<ActiveFilter>();
        void Add(string parameter, string name, Func<string, string> label)
        {
            foreach (var value in links.ValuesOf(parameter)) filters.Add(new ActiveFilter(name, label(value), links.Toggle(parameter, value)));
        }

        Add("kind", "Kind", Vocabularies.Kind.LabelOf);
        Add("type", "Type", Vocabularies.Type.LabelOf);
        Add("sector", "Sector", Vocabularies.Sector.LabelOf);
        Add("country", "Country", v => Countries.NameOf(Countries.Normalize(v) ?? v));
        Add("region", "Region", v => Label(Facets.Region, v));
        Add("locality", "Town or city", v => Label(Facets.Locality, v));
        // Area ids may hold commas, so they are only ever repeated, never comma-separated.
        foreach (var area in links.RepeatedValuesOf("area"))
            filters.Add(new ActiveFilter("Area", areaNames.GetValueOrDefault(area) ?? area, links.WithoutValue("area", area)));
        Add("member_of", "Member of", v => Label(Facets.Networks, v));
        Add("relationship_status", "Relationship", v => v.ToLowerInvariant());
        if (bool.TryParse(links.Get("transitive")?.Trim(), out var transitive) && transitive)
            filters.Add(new ActiveFilter("Members of members", "included", links.With("transitive", null)));
        Single("freshness", "Freshness", v => v.Trim().ToLowerInvariant() == "stale" ? "stale (not confirmed recently)" : "confirmed recently");
        Single("bbox", "Map area", _ => "the part of the map shown");
        // Near a place: one chip for the place and its radius, which removes both.
        if (links.Get("place") is { Length: > 0 } place && !string.IsNullOrWhiteSpace(place))
        {
            var radius = links.Get("radius_km") is { Length: > 0 } km && double.TryParse(km, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : SearchPlaces.DefaultRadiusKm;
            filters.Add(new ActiveFilter("Near", $"{place.Trim()} · {SearchPlaces.Km(radius)}", links.WithoutPlace));
        }
        return filters;

        void Single(string parameter, string name, Func<string, string> label)
        {
            if (links.Get(parameter) is { Length: > 0 } value) filters.Add(new ActiveFilter(name, label(value), links.With(parameter, null)));
        }
    }
}
