using System.Globalization;

namespace Coopdir.Shared;

/// <summary>Links that open a point on openstreetmap.org, with a marker and at a zoom that shows its surroundings.</summary>
public static class OpenStreetMap
{
    public const int StreetZoom = 17;

    public static string Url(double latitude, double longitude, int zoom = StreetZoom)
    {
        var (lat, lon) = (latitude.ToString("0.#####", CultureInfo.InvariantCulture), longitude.ToString("0.#####", CultureInfo.InvariantCulture));
        return $"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map={zoom}/{lat}/{lon}";
    }

    /// <summary>The zoom at which a circle of this radius about fills a screen: 5 km is 13, each doubling one less.</summary>
    public static int ZoomFor(double radiusKm) => Math.Clamp((int)Math.Round(15 - Math.Log2(radiusKm)), 2, 18);
}
