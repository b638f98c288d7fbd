using Microsoft.Data.Sqlite;

namespace Coopdir.Core.Data;

/// <summary>Great-circle distance as a SQL function, so search can filter and sort by it.</summary>
public static class GeoFunctions
{
    public const double EarthRadiusKm = 6371.0088;

    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<double?, double?, double?, double?, double?>(
            "distance_km",
            (lat1, lon1, lat2, lon2) => lat1 is null || lon1 is null || lat2 is null || lon2 is null
                ? null
                : DistanceKm(lat1.Value, lon1.Value, lat2.Value, lon2.Value),
            isDeterministic: true);

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2)
              + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
