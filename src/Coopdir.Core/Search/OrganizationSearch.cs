using System.Globalization;
using System.Text;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Coopdir.Core.Search;

/// <summary>
/// Search over the SQLite store: FTS5 for text, the R*Tree for places, plain indexes for the
/// vocabulary filters. One SQL "matched set" drives the page of results, the total and every facet.
/// </summary>
public static class OrganizationSearch
{
    // Column weights for bm25: name, alternate names, description, place.
    private const string Bm25 = "bm25(organizations_fts, 10.0, 6.0, 1.0, 2.0)";

    public static SearchResult Run(SqliteConnection connection, SearchQuery query)
    {
        var filter = Filter.Build(query);
        var total = connection.ExecuteScalar<long>($"SELECT count(*) {filter.FromWhere}", filter.Parameters);
        var ids = total == 0 ? [] : connection.Query<long>(
            $"SELECT o.id {filter.FromWhere} ORDER BY {OrderBy(query, filter)} LIMIT @limit OFFSET @offset",
            Merge(filter.Parameters, new { limit = query.PageSize, offset = (long)(query.Page - 1) * query.PageSize })).ToList();
        var items = Summaries(connection, ids, query.Near);
        var facets = total == 0
            ? Facets.All.ToDictionary(f => f, IReadOnlyList<FacetValue> (_) => [])
            : CountFacets(connection, filter);
        return new SearchResult(total, query.Page, query.PageSize, items, facets);
    }

    /// <summary>Every matching id in result order, streamed; exports and the map walk this.</summary>
    public static IEnumerable<long> MatchingIds(SqliteConnection connection, SearchQuery query)
    {
        var filter = Filter.Build(query);
        return connection.Query<long>($"SELECT o.id {filter.FromWhere} ORDER BY {OrderBy(query, filter)}",
            filter.Parameters, buffered: false);
    }

    /// <summary>Map points for every match (up to <paramref name="limit"/>), lightest form.</summary>
    public static IReadOnlyList<MapPoint> Points(SqliteConnection connection, SearchQuery query, int limit)
    {
        var filter = Filter.Build(query);
        return connection.Query<MapPoint>($"""
            SELECT o.id AS Id, o.name AS Name, l.latitude AS Latitude, l.longitude AS Longitude
            FROM locations l JOIN organizations o ON o.id = l.organization_id
            WHERE l.latitude IS NOT NULL AND o.id IN (SELECT o.id {filter.FromWhere})
            ORDER BY o.id, l.position LIMIT @limit
            """, Merge(filter.Parameters, new { limit })).ToList();
    }

    private static string OrderBy(SearchQuery query, Filter filter)
    {
        var distance = query.Near is null ? null :
            "(SELECT min(distance_km(l.latitude, l.longitude, @nearLat, @nearLon)) FROM locations l WHERE l.organization_id = o.id)";
        return query.Sort switch
        {
            SearchSort.Distance when distance is not null => $"{distance} IS NULL, {distance}, o.name_key, o.id",
            SearchSort.Relevance when filter.HasText =>
                $"CASE WHEN o.name_key = @textKey THEN 0 WHEN o.name_key LIKE @textPrefix THEN 1 ELSE 2 END, {Bm25}, o.name_key, o.id",
            SearchSort.Relevance when distance is not null => $"{distance} IS NULL, {distance}, o.name_key, o.id",
            _ => "o.name_key, o.id",
        };
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> CountFacets(SqliteConnection connection, Filter filter)
    {
        var matched = $"SELECT o.id {filter.FromWhere}";
        IReadOnlyList<FacetValue> Count(string sql, Func<string, string> label) =>
            connection.Query<FacetRow>(sql, filter.Parameters)
                .Select(r => new FacetValue(r.Value, label(r.Value), r.Count)).ToList();

        return new Dictionary<string, IReadOnlyList<FacetValue>>
        {
            [Facets.Kind] = Count($"SELECT kind AS Value, count(*) AS Count FROM organizations WHERE id IN ({matched}) GROUP BY kind ORDER BY Count DESC, Value",
                Vocabularies.Kind.LabelOf),
            [Facets.Type] = Count($"SELECT type AS Value, count(*) AS Count FROM organization_types WHERE organization_id IN ({matched}) GROUP BY type ORDER BY Count DESC, Value",
                Vocabularies.Type.LabelOf),
            [Facets.Sector] = Count($"SELECT sector AS Value, count(*) AS Count FROM organizations WHERE sector IS NOT NULL AND id IN ({matched}) GROUP BY sector ORDER BY Count DESC, Value",
                Vocabularies.Sector.LabelOf),
            [Facets.Country] = Count($"SELECT country AS Value, count(DISTINCT organization_id) AS Count FROM locations WHERE country IS NOT NULL AND organization_id IN ({matched}) GROUP BY country ORDER BY Count DESC, Value",
                Countries.NameOf),
            [Facets.Region] = Count($"SELECT min(region) AS Value, count(DISTINCT organization_id) AS Count FROM locations WHERE region IS NOT NULL AND organization_id IN ({matched}) GROUP BY region COLLATE NOCASE ORDER BY Count DESC, Value LIMIT {Facets.MaxPlaceValues}",
                v => v),
            [Facets.Locality] = Count($"SELECT min(locality) AS Value, count(DISTINCT organization_id) AS Count FROM locations WHERE locality IS NOT NULL AND organization_id IN ({matched}) GROUP BY locality COLLATE NOCASE ORDER BY Count DESC, Value LIMIT {Facets.MaxPlaceValues}",
                v => v),
        };
    }

    private static IReadOnlyList<OrganizationSummary> Summaries(SqliteConnection connection, IReadOnlyList<long> ids, GeoPoint? near)
    {
        if (ids.Count == 0) return [];
        var rows = connection.Query<SummaryRow>(
            "SELECT id, slug, name, kind, sector, status, website FROM organizations WHERE id IN @ids", new { ids })
            .ToDictionary(r => r.Id);
        var types = connection.Query<TypeRow>(
            "SELECT organization_id AS OrganizationId, type FROM organization_types WHERE organization_id IN @ids ORDER BY type", new { ids })
            .ToLookup(t => t.OrganizationId, t => t.Type);
        var locations = connection.Query<LocationRow>("""
            SELECT organization_id AS OrganizationId, street, locality, region, postcode, country, latitude, longitude
            FROM locations WHERE organization_id IN @ids ORDER BY organization_id, position
            """, new { ids }).ToLookup(l => l.OrganizationId, l => l.ToLocation());

        return ids.Where(rows.ContainsKey).Select(id =>
        {
            var row = rows[id];
            var places = locations[id].ToList();
            double? distance = near is null ? null : places.Where(p => p.HasCoordinates)
                .Select(p => (double?)GeoFunctions.DistanceKm(near.Latitude, near.Longitude, p.Latitude!.Value, p.Longitude!.Value))
                .Min();
            return new OrganizationSummary(row.Id, row.Slug, row.Name, row.Kind, types[id].ToList(), row.Sector, row.Status,
                row.Website, places, distance is null ? null : Math.Round(distance.Value, 3));
        }).ToList();
    }

    private static DynamicParameters Merge(DynamicParameters parameters, object extra)
    {
        var merged = new DynamicParameters(parameters);
        merged.AddDynamicParams(extra);
        return merged;
    }

    /// <summary>The FROM ... WHERE ... that selects matching organizations as alias o.</summary>
    private sealed record Filter(string FromWhere, DynamicParameters Parameters, bool HasText)
    {
        public static Filter Build(SearchQuery q)
        {
            var parameters = new DynamicParameters();
            var from = new StringBuilder("FROM organizations o");
            var where = new List<string>();
            var match = q.Text is null ? null : FtsQuery.Build(q.Text);
            if (match is not null)
            {
                from.Append(" JOIN organizations_fts ON organizations_fts.rowid = o.id");
                where.Add("organizations_fts MATCH @match");
                var key = TextKey.Of(q.Text!);
                parameters.AddDynamicParams(new { match, textKey = key, textPrefix = key + "%" });
            }
            if (q.Near is not null) parameters.AddDynamicParams(new { nearLat = q.Near.Latitude, nearLon = q.Near.Longitude });
            if (q.Kinds.Count > 0) { where.Add("o.kind IN @kinds"); parameters.Add("kinds", q.Kinds); }
            if (q.Sectors.Count > 0) { where.Add("o.sector IN @sectors"); parameters.Add("sectors", q.Sectors); }
            if (q.Types.Count > 0)
            {
                where.Add("EXISTS (SELECT 1 FROM organization_types t WHERE t.organization_id = o.id AND t.type IN @types)");
                parameters.Add("types", q.Types);
            }
            if (q.HasLocationFilter) where.Add(LocationCondition(q, parameters));
            var sql = from + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where));
            return new Filter(sql, parameters, match is not null);
        }

        // All place conditions must hold for one and the same location of the organization.
        private static string LocationCondition(SearchQuery q, DynamicParameters parameters)
        {
            var conditions = new List<string> { "l.organization_id = o.id" };
            if (q.Countries.Count > 0) { conditions.Add("l.country IN @countries"); parameters.Add("countries", q.Countries); }
            if (q.Regions.Count > 0) { conditions.Add("l.region COLLATE NOCASE IN @regions"); parameters.Add("regions", q.Regions); }
            if (q.Localities.Count > 0) { conditions.Add("l.locality COLLATE NOCASE IN @localities"); parameters.Add("localities", q.Localities); }
            if (q.Near is not null && q.RadiusKm is not null)
            {
                conditions.Add(RtreeCondition(GeoBox.AroundCircle(q.Near, q.RadiusKm.Value), "c", parameters));
                conditions.Add("distance_km(l.latitude, l.longitude, @nearLat, @nearLon) <= @radiusKm");
                parameters.Add("radiusKm", q.RadiusKm.Value);
            }
            if (q.Bbox is not null) conditions.Add(RtreeCondition(GeoBox.Of(q.Bbox), "b", parameters));
            return $"EXISTS (SELECT 1 FROM locations l WHERE {string.Join(" AND ", conditions)})";
        }

        private static string RtreeCondition(GeoBox box, string prefix, DynamicParameters parameters)
        {
            parameters.Add($"{prefix}MinLat", box.MinLat);
            parameters.Add($"{prefix}MaxLat", box.MaxLat);
            var lonRanges = box.LonRanges.Select((range, i) =>
            {
                parameters.Add($"{prefix}MinLon{i}", range.Min);
                parameters.Add($"{prefix}MaxLon{i}", range.Max);
                return $"(r.min_lon >= @{prefix}MinLon{i} AND r.max_lon <= @{prefix}MaxLon{i})";
            });
            return $"l.id IN (SELECT r.id FROM locations_rtree r WHERE r.min_lat >= @{prefix}MinLat AND r.max_lat <= @{prefix}MaxLat AND ({string.Join(" OR ", lonRanges)}))";
        }
    }

    private sealed class FacetRow
    {
        public string Value { get; set; } = "";
        public long Count { get; set; }
    }

    private sealed class TypeRow
    {
        public long OrganizationId { get; set; }
        public string Type { get; set; } = "";
    }

    private sealed class SummaryRow
    {
        public long Id { get; set; }
        public string Slug { get; set; } = "";
        public string Name { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Sector { get; set; }
        public string Status { get; set; } = "";
        public string? Website { get; set; }
    }

}

public sealed class MapPoint
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}
