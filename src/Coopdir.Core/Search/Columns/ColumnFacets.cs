namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Facet counts over matched ids, as the former GROUP BYs gave them: an organization counts once per
/// value; largest first, then by value; a region or locality group (values equal but for case) is
/// labelled with the smallest of its values among the matches (SQL's min()).
/// </summary>
internal static class ColumnFacets
{
    public static IReadOnlyList<FacetValue> Count(SearchColumns columns, IReadOnlyList<int> matched, string facet, int? limit)
    {
        var rows = facet switch
        {
            Facets.Kind => Simple(columns.Kinds, matched, id => columns.Kind[id]),
            Facets.Sector => Simple(columns.Sectors, matched, id => columns.Sector[id]),
            Facets.Type => Types(columns, matched),
            Facets.Country => Countries(columns, matched),
            Facets.Region => Places(columns, matched, columns.LocationRegion),
            Facets.Locality => Places(columns, matched, columns.LocationLocality),
            _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "not a facet"),
        };
        var ordered = rows.OrderByDescending(r => r.Count).ThenBy(r => r.Value, StringComparer.Ordinal);
        return SearchSummaries.Label(limit is null ? ordered : ordered.Take(limit.Value), facet);
    }

    private static IEnumerable<FacetRow> Simple(Interner values, IReadOnlyList<int> matched, Func<int, int> valueOf)
    {
        var counts = new long[values.Count];
        foreach (var id in matched) counts[valueOf(id)]++;
        return Rows(values, counts);
    }

    private static IEnumerable<FacetRow> Types(SearchColumns columns, IReadOnlyList<int> matched)
    {
        var counts = new long[columns.Types.Count];
        foreach (var id in matched)
        {
            for (var bits = columns.TypeBits[id]; bits != 0; bits &= bits - 1)
                counts[System.Numerics.BitOperations.TrailingZeroCount(bits) + 1]++;
        }
        return Rows(columns.Types, counts);
    }

    private static IEnumerable<FacetRow> Countries(SearchColumns columns, IReadOnlyList<int> matched)
    {
        var counts = new long[columns.Countries.Count];
        var lastCounted = new int[columns.Countries.Count];
        foreach (var id in matched)
        {
            var (start, count) = columns.Locations(id);
            for (var i = start; i < start + count; i++)
            {
                var country = columns.LocationCountry[i];
                if (lastCounted[country] == id) continue;
                lastCounted[country] = id;
                counts[country]++;
            }
        }
        return Rows(columns.Countries, counts);
    }

    private static IEnumerable<FacetRow> Places(SearchColumns columns, IReadOnlyList<int> matched, int[] placeOf)
    {
        var groups = columns.PlaceGroups.Count;
        var counts = new long[groups];
        var lastCounted = new int[groups];
        var label = new int[groups];
        foreach (var id in matched)
        {
            var (start, count) = columns.Locations(id);
            for (var i = start; i < start + count; i++)
            {
                var place = placeOf[i];
                if (place == 0) continue;
                var group = columns.GroupOf(place);
                if (label[group] != place && (label[group] == 0 || string.CompareOrdinal(columns.Places[place], columns.Places[label[group]]) < 0))
                    label[group] = place;
                if (lastCounted[group] == id) continue;
                lastCounted[group] = id;
                counts[group]++;
            }
        }
        for (var group = 1; group < groups; group++)
        {
            if (counts[group] > 0) yield return new FacetRow { Value = columns.Places[label[group]], Count = counts[group] };
        }
    }

    private static IEnumerable<FacetRow> Rows(Interner values, long[] counts)
    {
        for (var value = 1; value < counts.Length; value++)
        {
            if (counts[value] > 0) yield return new FacetRow { Value = values[value], Count = counts[value] };
        }
    }
}
