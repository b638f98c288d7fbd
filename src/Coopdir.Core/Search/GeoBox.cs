namespace Coopdir.Core.Search;

/// <summary>The longitude and latitude ranges that enclose a circle, split at the antimeridian.</summary>
public sealed record GeoBox(double MinLat, double MaxLat, IReadOnlyList<(double Min, double Max)> LonRanges)
{
    private const double KmPerDegree = 111.195;

    public static GeoBox AroundCircle(GeoPoint centre, double radiusKm)
    {
        var latDelta = radiusKm / KmPerDegree;
        var minLat = centre.Latitude - latDelta;
        var maxLat = centre.Latitude + latDelta;
        if (minLat <= -90 || maxLat >= 90)
            return new GeoBox(Math.Max(minLat, -90), Math.Min(maxLat, 90), [(-180, 180)]);

        // Meridians converge towards the poles, so widen by the latitude nearest a pole.
        var widestLat = Math.Max(Math.Abs(minLat), Math.Abs(maxLat)) * Math.PI / 180;
        var lonDelta = radiusKm / (KmPerDegree * Math.Cos(widestLat));
        if (lonDelta >= 180) return new GeoBox(minLat, maxLat, [(-180, 180)]);
        return new GeoBox(minLat, maxLat, Wrap(centre.Longitude - lonDelta, centre.Longitude + lonDelta));
    }

    /// <summary>Whether the point lies in the box, edges included (the one rule of every geo filter).</summary>
    public bool Contains(double latitude, double longitude)
    {
        if (latitude < MinLat || latitude > MaxLat) return false;
        for (var i = 0; i < LonRanges.Count; i++) if (longitude >= LonRanges[i].Min && longitude <= LonRanges[i].Max) return true;
        return false;
    }

    public static GeoBox Of(BoundingBox box) => new(box.MinLat, box.MaxLat,
        box.CrossesAntimeridian ? [(box.MinLon, 180), (-180, box.MaxLon)] : [(box.MinLon, box.MaxLon)]);

    private static IReadOnlyList<(double, double)> Wrap(double min, double max) =>
        min < -180 ? [(min + 360, 180), (-180, max)]
        : max > 180 ? [(min, 180), (-180, max - 360)]
        : [(min, max)];
}
