namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Located places sorted by latitude, so that a box or circle reads only the band of latitudes it
/// spans instead of every place (a 0.4° band holds about 1% of a directory's places). Built on the
/// first geo search; organizations changed since are kept aside (<see cref="SearchColumns.Moved"/>)
/// and always looked at, and entries of places since rewritten are skipped, so the index never has
/// to be rebuilt for a few changes. Everything it yields is checked again by the full filter.
/// </summary>
internal sealed class LatitudeIndex
{
    private readonly double[] latitudes, longitudes;
    private readonly int[] places;
    private readonly int[] owners;

    public LatitudeIndex(SearchColumns columns)
    {
        var entries = new List<(double Latitude, double Longitude, int Place, int Owner)>();
        for (var id = 1; id < columns.Capacity; id++)
        {
            if (columns.Kind[id] == 0) continue;
            var (start, count) = columns.Locations(id);
            for (var i = start; i < start + count; i++)
            {
                if (!double.IsNaN(columns.LocationLatitude[i])) entries.Add((columns.LocationLatitude[i], columns.LocationLongitude[i], i, id));
            }
        }
        entries.Sort();
        latitudes = entries.Select(e => e.Latitude).ToArray();
        longitudes = entries.Select(e => e.Longitude).ToArray();
        places = entries.Select(e => e.Place).ToArray();
        owners = entries.Select(e => e.Owner).ToArray();
    }

    /// <summary>
    /// Organizations that may have a place in the box (edges included), each once, in id order. Both
    /// stores' tests (exact, or the R*Tree's outward-rounded floats) only pass points inside it.
    /// </summary>
    public List<int> Within(SearchColumns columns, double minLat, double maxLat, IReadOnlyList<(double Min, double Max)> lonRanges)
    {
        var found = new List<int>();
        var from = LowerBound(minLat);
        for (var i = from; i < latitudes.Length && latitudes[i] <= maxLat; i++)
        {
            var lon = longitudes[i];
            var inRange = false;
            for (var r = 0; r < lonRanges.Count; r++) inRange |= lon >= lonRanges[r].Min && lon <= lonRanges[r].Max;
            if (!inRange) continue;
            var owner = owners[i];
            if (!columns.Has(owner)) continue;
            var (start, count) = columns.Locations(owner);
            if (places[i] >= start && places[i] < start + count) found.Add(owner);
        }
        found.AddRange(columns.Moved.Where(id => columns.Has(id)));
        found.Sort();
        var distinct = 0;
        for (var i = 0; i < found.Count; i++) if (i == 0 || found[i] != found[i - 1]) found[distinct++] = found[i];
        found.RemoveRange(distinct, found.Count - distinct);
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
