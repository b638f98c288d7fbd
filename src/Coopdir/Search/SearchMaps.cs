using System.Globalization;
using Coopdir.Core.Search;

namespace Coopdir.Search;

/// <summary>What the results map and the share links need of a search near somewhere.</summary>
public static class SearchMaps
{
    /// <summary>"latitude,longitude,km" for the radius drawn on the map (map.js), or null when the search has none.</summary>
    public static string? Circle(SearchQuery? query) =>
        query is { Near: { } near, RadiusKm: { } radius }
            ? string.Join(",", new[] { near.Latitude, near.Longitude, radius }.Select(n => n.ToString(CultureInfo.InvariantCulture)))
            : null;

    /// <summary>The search's centre on openstreetmap.org, or null when it is not near anywhere.</summary>
    public static string? OpenStreetMap(SearchQuery? query) =>
        query?.Near is { } near ? Shared.OpenStreetMap.Url(near.Latitude, near.Longitude, Shared.OpenStreetMap.ZoomFor(query.RadiusKm ?? SearchPlaces.DefaultRadiusKm)) : null;
}
