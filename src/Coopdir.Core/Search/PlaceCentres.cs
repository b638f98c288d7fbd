using Coopdir.Core.Search.Columns;

namespace Coopdir.Core.Search;

/// <summary>A named place and the point a search "near" it measures from.</summary>
public sealed record PlaceCentre(string Name, GeoPoint Centre, int Located);

/// <summary>
/// Where a place name led: its centre; or a locality organizations write that none of them has
/// coordinates for (<paramref name="UnlocatedLocality"/>, its label), which can only be searched by name;
/// or why there is none (an unknown name, an ambiguous one).
/// </summary>
public sealed record PlaceLookup(PlaceCentre? Found, string? Why, string? UnlocatedLocality = null)
{
    public const int MaxPlaceLength = 200;

    public static PlaceLookup Of(PlaceCentre found) => new(found, null);
    public static PlaceLookup Unknown(string why) => new(null, why);
}

/// <summary>
/// Where a place is, for a search near it. The directory holds no gazetteer with coordinates, so a place
/// is where its organizations are: the median latitude and median longitude of the located
/// organizations written in that locality (or resolved into that area). The median, not the mean, so
/// that a record geocoded to the wrong Manchester does not drag the centre across an ocean.
/// </summary>
internal static class PlaceCentres
{
    /// <summary>The locality group of that name (case ignored, as place filters compare), or null when no organization writes it.</summary>
    public static PlaceLookup? OfLocality(SearchColumns c, string name)
    {
        var group = c.PlaceGroups.Find(PlaceKey.Of(name.Trim()));
        if (group == 0) return null;
        var (latitudes, longitudes) = (new List<double>(), new List<double>());
        var label = 0;
        for (var id = 1; id < c.Capacity; id++)
        {
            if (c.Kind[id] == 0) continue;
            var (start, count) = c.Locations(id);
            for (var i = start; i < start + count; i++)
            {
                var place = c.LocationLocality[i];
                if (place == 0 || c.GroupOf(place) != group) continue;
                // The group's label as place suggestions show it.
                if (label == 0 || PlaceKey.Before(c.Places[place], c.Places[label])) label = place;
                if (double.IsNaN(c.LocationLatitude[i])) continue;
                latitudes.Add(c.LocationLatitude[i]);
                longitudes.Add(c.LocationLongitude[i]);
            }
        }
        if (label == 0) return null;
        return latitudes.Count == 0 ? new PlaceLookup(null, null, c.Places[label])
            : PlaceLookup.Of(new PlaceCentre(c.Places[label], Median(latitudes, longitudes), latitudes.Count));
    }

    /// <summary>Every located place of the given organizations (those matching an area).</summary>
    public static PlaceCentre? OfOrganizations(SearchColumns c, IdList ids, string name)
    {
        var (latitudes, longitudes) = (new List<double>(), new List<double>());
        foreach (var id in ids.Span)
        {
            var (start, count) = c.Locations(id);
            for (var i = start; i < start + count; i++)
            {
                if (double.IsNaN(c.LocationLatitude[i])) continue;
                latitudes.Add(c.LocationLatitude[i]);
                longitudes.Add(c.LocationLongitude[i]);
            }
        }
        return latitudes.Count == 0 ? null : new PlaceCentre(name, Median(latitudes, longitudes), latitudes.Count);
    }

    private static GeoPoint Median(List<double> latitudes, List<double> longitudes)
    {
        static double Of(List<double> values)
        {
            values.Sort();
            var middle = values.Count / 2;
            return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
        return new GeoPoint(Of(latitudes), Of(longitudes));
    }
}
