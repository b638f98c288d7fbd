using Coopdir.Core.Data;
using System.Text.Json.Serialization;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Search;

/// <summary>GET /api/v1/organizations: one page of results and facet counts for the whole result set.</summary>
public sealed record OrganizationList(
    long Total,
    int Page,
    int PageSize,
    IReadOnlyList<OrganizationListItem> Items,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Facets)
{
    public static OrganizationList From(SearchResult result) => new(
        result.Total, result.Page, result.PageSize,
        result.Items.Select(OrganizationListItem.From).ToList(),
        result.Facets.ToDictionary(f => f.Key, IReadOnlyDictionary<string, long> (f) => f.Value.ToDictionary(v => v.Value, v => v.Count)));
}

public sealed record OrganizationListItem(
    long Id,
    string Slug,
    string Name,
    string Kind,
    IReadOnlyList<string> Types,
    string? Sector,
    string Status,
    string? Website,
    IReadOnlyList<LocationDetail> Locations,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DistanceKm)
{
    public static OrganizationListItem From(OrganizationSummary s) => new(
        s.Id, s.Slug, s.Name, s.Kind, s.Types, s.Sector, s.Status, s.Website,
        s.Locations.Select(l => LocationDetail.From(l)).ToList(), s.DistanceKm);
}

/// <summary>GET /api/v1/organizations/map-points: every located match, as [id, latitude, longitude, name].</summary>
public sealed record MapPoints(int Count, bool Truncated, IReadOnlyList<object[]> Points)
{
    /// <summary>Up to <paramref name="limit"/> of the located matches, marked truncated when there are more.</summary>
    public static async Task<MapPoints> OfAsync(Store store, SearchQuery query, int limit)
    {
        await using var connection = await store.OpenForReadingAsync();
        var points = await store.Search.PointsAsync(connection, query, limit + 1);
        return new MapPoints(Math.Min(points.Count, limit), points.Count > limit,
            points.Take(limit).Select(p => new object[] { p.Id, p.Latitude, p.Longitude, p.Name }).ToList());
    }
}

/// <param name="Url">Where choosing the suggestion leads: the organization's page, or a search of that place.</param>
public sealed record NameSuggestionItem(long Id, string Name, string? Place, string Url);

public sealed record PlaceSuggestionItem(string Name, long Count, string Url);

/// <summary>GET /api/v1/suggest: names and places that complete what was typed.</summary>
public sealed record SuggestResponse(string Query, IReadOnlyList<NameSuggestionItem> Names, IReadOnlyList<PlaceSuggestionItem> Places)
{
    public static SuggestResponse From(string query, Suggestions suggestions) => new(
        query,
        suggestions.Names.Select(n => new NameSuggestionItem(n.Id, n.Name, PlaceOf(n), $"/organizations/{n.Id}")).ToList(),
        suggestions.Places.Select(p => new PlaceSuggestionItem(p.Name, p.Count, $"/search?place={Uri.EscapeDataString(p.Name)}&radius_km={SearchPlaces.DefaultRadiusKm}")).ToList());

    private static string? PlaceOf(NameSuggestion n)
    {
        var parts = new[] { n.Locality, n.Country is null ? null : Countries.NameOf(n.Country) }.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
