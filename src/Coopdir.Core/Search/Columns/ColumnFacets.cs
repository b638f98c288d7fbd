using System.Buffers;
using System.Globalization;

namespace Coopdir.Core.Search.Columns;

/// <summary>
/// Facet counts over matched ids, as the former GROUP BYs gave them: an organization counts once per
/// value; largest first, then by value; a region or locality group (values equal but for case) is
/// labelled with the smallest of its values among the matches (SQL's min()). All seven facets are
/// counted in one pass over the matches, their places and their relationships. Networks are counted
/// by id; their names are the caller's to read.
/// </summary>
internal sealed class ColumnFacets
{
    private readonly SearchColumns columns;
    private readonly long[] kinds, sectors, types, countries;
    // Per place group (tens of thousands in a large directory): pooled, like the matched ids.
    private readonly int groups;
    private readonly int[] regions, localities, regionLabels, localityLabels, regionCounted, localityCounted;
    // Per organization id, rented when a match is first found to be a member of something.
    private readonly int memberOf;
    private int[]? networks;
    private readonly List<int> networksCounted = [];

    private ColumnFacets(SearchColumns columns)
    {
        this.columns = columns;
        (kinds, sectors, types, countries) = (new long[columns.Kinds.Count], new long[columns.Sectors.Count], new long[columns.Types.Count], new long[columns.Countries.Count]);
        groups = columns.PlaceGroups.Count;
        (regions, localities, regionLabels, localityLabels, regionCounted, localityCounted) = (Rent(), Rent(), Rent(), Rent(), Rent(), Rent());
        memberOf = columns.LinkTypes.Find(Relationships.RelationshipTypes.MemberOf);
    }

    private int[] Rent()
    {
        var array = ArrayPool<int>.Shared.Rent(groups);
        Array.Clear(array, 0, groups);
        return array;
    }

    private void Return()
    {
        foreach (var array in new[] { regions, localities, regionLabels, localityLabels, regionCounted, localityCounted })
            ArrayPool<int>.Shared.Return(array);
        if (networks is not null) ArrayPool<int>.Shared.Return(networks);
    }

    /// <param name="limit">How many values a facet keeps, largest first; null for all.</param>
    public static Dictionary<string, IReadOnlyList<FacetValue>> Count(SearchColumns columns, IdList matched, Func<string, int?> limit)
    {
        var facets = new ColumnFacets(columns);
        try
        {
            facets.Add(matched.Span);
            return Facets.All.ToDictionary(f => f, f => Label(facets.Rows(f), f, limit(f)));
        }
        finally
        {
            facets.Return();
        }
    }

    private void Add(ReadOnlySpan<int> matched)
    {
        // An organization's places may share a country or group: the last id counted per value says whether it already counts.
        var countryCounted = new int[countries.Length];
        foreach (var id in matched)
        {
            kinds[columns.Kind[id]]++;
            sectors[columns.Sector[id]]++;
            for (var bits = columns.TypeBits[id]; bits != 0; bits &= bits - 1)
                types[System.Numerics.BitOperations.TrailingZeroCount(bits) + 1]++;
            var (start, count) = columns.Locations(id);
            for (var i = start; i < start + count; i++)
            {
                var country = columns.LocationCountry[i];
                if (countryCounted[country] != id) (countryCounted[country], countries[country]) = (id, countries[country] + 1);
                AddPlace(columns.LocationRegion[i], id, regions, regionCounted, regionLabels);
                AddPlace(columns.LocationLocality[i], id, localities, localityCounted, localityLabels);
            }
            if (memberOf != 0) AddNetworks(id);
        }
    }

    // A subject holds at most one relationship of a type with an organization, so each counts once.
    // Networks that no longer exist are left out when listed, not per relationship counted: one look-up fewer per membership.
    private void AddNetworks(int id)
    {
        foreach (var link in columns.Links(id))
        {
            if (link.Type != memberOf || !link.IsCurrent || (uint)link.Other >= (uint)columns.Capacity) continue;
            if (networks is null)
            {
                networks = ArrayPool<int>.Shared.Rent(columns.Capacity);
                Array.Clear(networks, 0, columns.Capacity);
            }
            if (networks[link.Other]++ == 0) networksCounted.Add(link.Other);
        }
    }

    private void AddPlace(int place, int id, int[] counts, int[] counted, int[] labels)
    {
        if (place == 0) return;
        var group = columns.GroupOf(place);
        var label = labels[group];
        if (label != place && (label == 0 || string.CompareOrdinal(columns.Places[place], columns.Places[label]) < 0)) labels[group] = place;
        if (counted[group] == id) return;
        counted[group] = id;
        counts[group]++;
    }

    private IEnumerable<FacetRow> Rows(string facet) => facet switch
    {
        Facets.Kind => Rows(columns.Kinds, kinds),
        Facets.Sector => Rows(columns.Sectors, sectors),
        Facets.Type => Rows(columns.Types, types),
        Facets.Country => Rows(columns.Countries, countries),
        Facets.Region => PlaceRows(regions, regionLabels),
        Facets.Locality => PlaceRows(localities, localityLabels),
        Facets.Networks => networksCounted.Where(id => columns.Has(id))
            .Select(id => new FacetRow { Value = id.ToString(CultureInfo.InvariantCulture), Count = networks![id] }),
        _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "not a facet"),
    };

    private static IEnumerable<FacetRow> Rows(Interner values, long[] counts)
    {
        // Index 0 is "none" (no sector, no country): never a facet value.
        for (var value = 1; value < counts.Length; value++)
        {
            if (counts[value] > 0) yield return new FacetRow { Value = values[value], Count = counts[value] };
        }
    }

    private IEnumerable<FacetRow> PlaceRows(int[] counts, int[] labels)
    {
        for (var group = 1; group < groups; group++)
        {
            if (counts[group] > 0) yield return new FacetRow { Value = columns.Places[labels[group]], Count = counts[group] };
        }
    }

    private static IReadOnlyList<FacetValue> Label(IEnumerable<FacetRow> rows, string facet, int? limit)
    {
        var ordered = rows.OrderByDescending(r => r.Count).ThenBy(r => r.Value, StringComparer.Ordinal);
        return SearchSummaries.Label(limit is null ? ordered : ordered.Take(limit.Value), facet);
    }
}
