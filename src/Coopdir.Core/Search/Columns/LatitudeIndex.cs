namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Located places sorted by latitude, so that a box or circle reads only the places in the band of
/// latitudes it spans instead of every place. Built on the first geo search; organizations written
/// since are kept aside (<see cref="SearchColumns.Moved"/>) and always looked at, while their entries
/// here are skipped, so a few changes never rebuild it. Coordinates are kept as floats (12 bytes a
/// place) and compared with a margin: what it yields is a superset, checked again by the full filter.
/// </summary>
internal sealed class LatitudeIndex
{
    // A float keeps a coordinate to within 8e-6 degrees; this margin keeps every true match.
    private const double Margin = 1e-4;

    private readonly float[] latitudes, longitudes;
    private readonly int[] owners;

    public LatitudeIndex(SearchColumns columns)
    {
        var entries = new List<(float Latitude, float Longitude, int Owner)>();
        for (var id = 1; id < columns.Capacity; id++)
        {
            if (columns.Kind[id] == 0) continue;
            var (start, count) = columns.Locations(id);
            for (var i = start; i < start + count; i++)
            {
                if (!double.IsNaN(columns.LocationLatitude[i])) entries.Add(((float)columns.LocationLatitude[i], (float)columns.LocationLongitude[i], id));
            }
        }
        entries.Sort();
        latitudes = entries.Select(e => e.Latitude).ToArray();
        longitudes = entries.Select(e => e.Longitude).ToArray();
        owners = entries.Select(e => e.Owner).ToArray();
    }

    /// <summary>Organizations that may have a place in the box (edges included), each once, in id order.</summary>
    public IdList Within(SearchColumns columns, double minLat, double maxLat, IReadOnlyList<(double Min, double Max)> lonRanges)
    {
        var found = new IdList();
        var moved = columns.Moved;
        for (var i = LowerBound(minLat - Margin); i < latitudes.Length && latitudes[i] <= maxLat + Margin; i++)
        {
            var lon = longitudes[i];
            var inRange = false;
            for (var r = 0; r < lonRanges.Count; r++) inRange |= lon >= lonRanges[r].Min - Margin && lon <= lonRanges[r].Max + Margin;
            var owner = owners[i];
            if (inRange && columns.Has(owner) && (moved.Count == 0 || !moved.Contains(owner))) found.Add(owner);
        }
        foreach (var id in moved) if (columns.Has(id)) found.Add(id);
        found.SortDistinct();
        return found;
    }

    private int LowerBound(double latitude)
    {
        var (low, high) = (0, latitudes.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (latitudes[middle] < latitude) low = middle + 1; else high = middle;
        }
        return low;
    }
}
