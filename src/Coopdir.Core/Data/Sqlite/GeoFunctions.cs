using Coopdir.Core.Search;
using Microsoft.Data.Sqlite;

namespace Coopdir.Core.Data.Sqlite;

/// <summary>Great-circle distance as a SQL function, so SQLite search can filter and sort by it.</summary>
public static class GeoFunctions
{
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<double?, double?, double?, double?, double?>(
            "distance_km",
            (lat1, lon1, lat2, lon2) => lat1 is null || lon1 is null || lat2 is null || lon2 is null
                ? null
                : Geo.DistanceKm(lat1.Value, lon1.Value, lat2.Value, lon2.Value),
            isDeterministic: true);
}
