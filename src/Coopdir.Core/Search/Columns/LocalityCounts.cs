namespace Coopdir.Core.Search.Columns;

/// <summary>
/// How many organizations have a place in each locality group, and the group's label
/// (<see cref="PlaceKey.Before"/>): what place suggestions read. Counted in one pass over every
/// organization's places when first asked for after a change (tens of milliseconds at a million),
/// so a suggestion only walks the groups' keys instead of grouping every matching location in SQL.
/// </summary>
internal sealed class LocalityCounts
{
    private readonly int[] counts, labels;

    public LocalityCounts(SearchColumns columns)
    {
        var groups = columns.PlaceGroups.Count;
        counts = new int[groups];
        labels = new int[groups];
        // The last organization counted per group: an organization with two places in one group counts once.
        var counted = new int[groups];
        for (var id = 1; id < columns.Capacity; id++)
        {
            if (columns.Kind[id] == 0) continue;
            var (start, count) = columns.Locations(id);
            for (var i = start; i < start + count; i++)
            {
                var place = columns.LocationLocality[i];
                if (place == 0) continue;
                var group = columns.GroupOf(place);
                var label = labels[group];
                if (label != place && (label == 0 || PlaceKey.Before(columns.Places[place], columns.Places[label]))) labels[group] = place;
                if (counted[group] == id) continue;
                counted[group] = id;
                counts[group]++;
            }
        }
    }

    /// <summary>
    /// The <paramref name="limit"/> groups whose key starts with <paramref name="keyPrefix"/> (a text
    /// folded as the store folds place names), most organizations first, then by label in code-point order.
    /// </summary>
    public List<(string Label, int Count)> StartingWith(SearchColumns columns, string keyPrefix, int limit)
    {
        var found = new List<(string Label, int Count)>();
        for (var group = 1; group < counts.Length; group++)
        {
            if (counts[group] > 0 && columns.PlaceGroups[group].StartsWith(keyPrefix, StringComparison.Ordinal))
                found.Add((columns.Places[labels[group]], counts[group]));
        }
        return found.OrderByDescending(f => f.Count).ThenBy(f => f.Label, StringComparer.Ordinal).Take(limit).ToList();
    }
}
