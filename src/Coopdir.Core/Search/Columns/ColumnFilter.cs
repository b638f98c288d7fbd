namespace Coopdir.Core.Search.Columns;

/// <summary>
/// The one implementation of the query's vocabulary, place, geo and relationship conditions, over
/// <see cref="SearchColumns"/>: kind, sector, any of the types, all place conditions holding for
/// one and the same location, with place names compared ignoring case (<see cref="PlaceKey"/>) and
/// boxes including their edges (<see cref="GeoBox.Contains"/>), and membership of networks or a
/// relationship status (<see cref="Networks"/>), and freshness (the day each was last confirmed, against
/// the query's cut-off). Search, facets, statistics, map points and exports
/// all filter through it. Dispose it when done (the relationship conditions hold a pooled set).
/// </summary>
internal sealed class ColumnFilter : IDisposable
{
    private readonly SearchColumns columns;
    private readonly bool[]? kinds, sectors, countries;
    private readonly ulong typeBits;
    private readonly bool anyType;
    private readonly HashSet<int>? regions, localities;
    private readonly GeoBox? circleBox, bbox;
    private readonly GeoPoint? centre;
    private readonly double radiusKm;
    private readonly bool byLocation;
    private readonly IdSet? related;
    private readonly Organizations.FreshnessFilter? freshness;
    private readonly int currentFromDay;
    private readonly Areas.AreaGazetteer? gazetteer;
    private readonly int[]? areas;
    private readonly Dictionary<(int, int, int), int> resolvedPlaces = [];

    /// <param name="gazetteer">The areas, when the query names any (<see cref="SearchQuery.Areas"/>).</param>
    public ColumnFilter(SearchColumns columns, SearchQuery query, Areas.AreaGazetteer? gazetteer = null)
    {
        this.columns = columns;
        kinds = Set(query.Kinds, columns.Kinds);
        sectors = Set(query.Sectors, columns.Sectors);
        countries = Set(query.Countries, columns.Countries);
        anyType = query.Types.Count > 0;
        foreach (var type in query.Types)
        {
            var id = columns.Types.Find(type);
            if (id > 0) typeBits |= 1UL << (id - 1);
        }
        regions = Groups(query.Regions, columns);
        localities = Groups(query.Localities, columns);
        if (query.Near is not null && query.RadiusKm is not null)
        {
            centre = query.Near;
            radiusKm = query.RadiusKm.Value;
            circleBox = GeoBox.AroundCircle(query.Near, radiusKm);
        }
        if (query.Bbox is not null) bbox = GeoBox.Of(query.Bbox);
        if (query.Areas.Count > 0)
        {
            this.gazetteer = gazetteer ?? throw new ArgumentNullException(nameof(gazetteer), "a query naming areas needs the gazetteer");
            // An area nobody knows matches nothing, as a country code no organization has.
            areas = query.Areas.Select(gazetteer.IndexOf).Where(i => i >= 0).ToArray();
        }
        byLocation = query.HasLocationFilter;
        if (query.HasRelationshipFilter) related = Related(columns, query);
        (freshness, currentFromDay) = (query.Freshness, query.CurrentFromDay);
    }

    public void Dispose() => related?.Dispose();

    // Organizations that meet the relationship conditions: a few walks from the networks named, or one pass over every relationship.
    private static IdSet Related(SearchColumns columns, SearchQuery query)
    {
        var set = new IdSet(columns.Capacity);
        var statuses = query.RelationshipStatuses.Count == 0 ? Networks.Current : Networks.Mask(query.RelationshipStatuses);
        if (query.MemberOf.Count == 0) Networks.AddRelated(columns, statuses, set);
        foreach (var network in query.MemberOf)
            Networks.AddMembers(columns, OrganizationSearch.ColumnsId(network), query.Transitive, statuses, set);
        return set;
    }

    /// <summary>Every organization of the columns that passes, in id order.</summary>
    public IdList All()
    {
        var matched = new IdList();
        if (related is not null)
        {
            foreach (var id in related.InOrder()) if (columns.Has(id) && Passes(id)) matched.Add(id);
            return matched;
        }
        if (InLatitudeBand() is { } band)
        {
            using (band) foreach (var id in band.Span) if (Passes(id)) matched.Add(id);
            return matched;
        }
        for (var id = 1; id < columns.Capacity; id++) if (columns.Kind[id] != 0 && Passes(id)) matched.Add(id);
        return matched;
    }

    /// <summary>The text matches that pass; ids the columns do not hold (written since they were read) are left out.</summary>
    public IdList Of(IdList candidates)
    {
        var matched = new IdList();
        using var band = InLatitudeBand();
        if (band is not null && band.Count < candidates.Count)
        {
            // Both in id order: walk them side by side.
            if (!candidates.IsSorted()) candidates.SortDistinct();
            var text = candidates.Span;
            var c = 0;
            foreach (var id in band.Span)
            {
                while (c < text.Length && text[c] < id) c++;
                if (c < text.Length && text[c] == id && Passes(id)) matched.Add(id);
            }
            return matched;
        }
        foreach (var id in candidates.Span) if (columns.Has(id) && Passes(id)) matched.Add(id);
        return matched;
    }

    // Organizations with a place in the latitudes a box or circle spans (a superset of what passes), or null without one.
    private IdList? InLatitudeBand()
    {
        if (circleBox is null && bbox is null) return null;
        var minLat = Math.Max(circleBox?.MinLat ?? -90, bbox?.MinLat ?? -90);
        var maxLat = Math.Min(circleBox?.MaxLat ?? 90, bbox?.MaxLat ?? 90);
        // With both, the smaller box narrows the longitudes (the filter checks both afterwards).
        var lonRanges = circleBox is null ? bbox!.LonRanges : bbox is null ? circleBox.LonRanges
            : Width(circleBox) <= Width(bbox) ? circleBox.LonRanges : bbox.LonRanges;
        return columns.ByLatitude.Within(columns, minLat, maxLat, lonRanges);
    }

    private static double Width(GeoBox box) => box.LonRanges.Sum(r => r.Max - r.Min);


    private bool Passes(int id)
    {
        if (related is not null && !related.Contains(id)) return false;
        if (kinds is not null && !kinds[columns.Kind[id]]) return false;
        if (sectors is not null && !sectors[columns.Sector[id]]) return false;
        if (anyType && (columns.TypeBits[id] & typeBits) == 0) return false;
        if (freshness is not null && (columns.ConfirmedDay[id] < currentFromDay) != (freshness == Organizations.FreshnessFilter.Stale)) return false;
        if (!byLocation) return true;
        var (start, count) = columns.Locations(id);
        for (var i = start; i < start + count; i++) if (LocationPasses(i)) return true;
        return false;
    }

    private bool LocationPasses(int i)
    {
        if (countries is not null && !countries[columns.LocationCountry[i]]) return false;
        if (regions is not null && !regions.Contains(columns.GroupOf(columns.LocationRegion[i]))) return false;
        if (localities is not null && !localities.Contains(columns.GroupOf(columns.LocationLocality[i]))) return false;
        if (areas is not null && !InAreas(i)) return false;
        if (circleBox is null && bbox is null) return true;
        var (lat, lon) = (columns.LocationLatitude[i], columns.LocationLongitude[i]);
        if (double.IsNaN(lat)) return false;
        if (circleBox is not null
            && (!circleBox.Contains(lat, lon) || Geo.DistanceKm(lat, lon, centre!.Latitude, centre.Longitude) > radiusKm)) return false;
        return bbox is null || bbox.Contains(lat, lon);
    }

    // Each written place is resolved once per filter; most organizations share a few thousand of them.
    private bool InAreas(int i)
    {
        var place = (columns.LocationCountry[i], columns.GroupOf(columns.LocationRegion[i]), columns.GroupOf(columns.LocationLocality[i]));
        if (!resolvedPlaces.TryGetValue(place, out var area))
        {
            var (country, region, locality) = columns.WrittenPlace(i);
            var resolution = gazetteer!.Resolve(country, region, locality);
            resolvedPlaces[place] = area = resolution.Area is null ? -1 : gazetteer.IndexOf(resolution.Area.Id);
        }
        if (area < 0) return false;
        foreach (var target in areas!) if (gazetteer!.IsWithin(area, target)) return true;
        return false;
    }

    // Null when the query does not filter on it; a value no organization has matches nothing.
    private static bool[]? Set(IReadOnlyList<string> values, Interner interner)
    {
        if (values.Count == 0) return null;
        var set = new bool[Math.Max(interner.Count, 1) + 1];
        foreach (var value in values) set[interner.Find(value)] = true;
        set[0] = false;
        return set;
    }

    private static HashSet<int>? Groups(IReadOnlyList<string> values, SearchColumns columns) =>
        values.Count == 0 ? null : values.Select(v => columns.PlaceGroups.Find(PlaceKey.Of(v))).Where(g => g > 0).ToHashSet();
}
