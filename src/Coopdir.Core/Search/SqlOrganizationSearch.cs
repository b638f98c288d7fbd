using System.Data.Common;
using System.Text;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Search;

/// <summary>
/// Search as SQL: one "matched set" (FROM ... WHERE ...) drives the page of results, the total and
/// every facet. The stores differ only in the hooks at the bottom: full text, case-insensitive place
/// matching and the geo index.
/// </summary>
public abstract class SqlOrganizationSearch : IOrganizationSearch
{
    public SearchResult Run(DbConnection connection, SearchQuery query)
    {
        var filter = Filter.Build(connection, query, this);
        var total = connection.ExecuteScalar<long>($"SELECT count(*) {filter.FromWhere}", filter.Parameters);
        var ids = total == 0 ? [] : connection.Query<long>(
            $"SELECT o.id {filter.FromWhere} ORDER BY {OrderBy(query, filter)} LIMIT @limit OFFSET @offset",
            Merge(filter.Parameters, new { limit = query.PageSize, offset = (long)(query.Page - 1) * query.PageSize })).ToList();
        var items = SearchSummaries.Load(connection, ids, query.Near);
        var facets = total == 0
            ? Facets.All.ToDictionary(f => f, IReadOnlyList<FacetValue> (_) => [])
            : CountFacets(connection, filter);
        return new SearchResult(total, query.Page, query.PageSize, items, facets);
    }

    public IReadOnlyList<long> MatchingIdsAfter(DbConnection connection, SearchQuery query, long afterId, int limit)
    {
        var filter = Filter.Build(connection, query, this);
        return connection.Query<long>($"SELECT o.id {filter.And("o.id > @afterId")} ORDER BY o.id LIMIT @limit",
            Merge(filter.Parameters, new { afterId, limit })).ToList();
    }

    public Suggestions Suggest(DbConnection connection, string text) => SuggestionQueries.Run(connection, text, this);

    public IReadOnlyList<MapPoint> Points(DbConnection connection, SearchQuery query, int limit)
    {
        var filter = Filter.Build(connection, query, this);
        return connection.Query<MapPoint>($"""
            SELECT o.id AS Id, o.name AS Name, l.latitude AS Latitude, l.longitude AS Longitude
            FROM locations l JOIN organizations o ON o.id = l.organization_id
            WHERE l.latitude IS NOT NULL AND o.id IN (SELECT o.id {filter.FromWhere})
            ORDER BY o.id, l.position LIMIT @limit
            """, Merge(filter.Parameters, new { limit })).ToList();
    }

    private string OrderBy(SearchQuery query, Filter filter)
    {
        var distance = query.Near is null ? null :
            "(SELECT min(distance_km(l.latitude, l.longitude, @nearLat, @nearLon)) FROM locations l WHERE l.organization_id = o.id)";
        return query.Sort switch
        {
            SearchSort.Distance when distance is not null => $"{distance} IS NULL, {distance}, o.name_key, o.id",
            SearchSort.Relevance when filter.Text is not null => TextRanking.OrderBy(filter.Text, filter.Parameters),
            SearchSort.Relevance when distance is not null => $"{distance} IS NULL, {distance}, o.name_key, o.id",
            _ => "o.name_key, o.id",
        };
    }

    public FacetCount Count(DbConnection connection, SearchQuery query, string facet)
    {
        var filter = Filter.Build(connection, query, this);
        var total = connection.ExecuteScalar<long>($"SELECT count(*) {filter.FromWhere}", filter.Parameters);
        var values = total == 0 ? [] : SearchSummaries.Label(connection.Query<FacetRow>(FacetSql(facet, filter, limit: null), filter.Parameters), facet);
        return new FacetCount(total, values);
    }

    private IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> CountFacets(DbConnection connection, Filter filter) =>
        Facets.All.ToDictionary(f => f, IReadOnlyList<FacetValue> (facet) =>
        {
            var limit = facet is Facets.Region or Facets.Locality ? Facets.MaxPlaceValues : (int?)null;
            return SearchSummaries.Label(connection.Query<FacetRow>(FacetSql(facet, filter, limit), filter.Parameters), facet);
        });

    /// <summary>Count per value of one facet over the matched set, largest first; an organization counts once per value.</summary>
    private string FacetSql(string facet, Filter filter, int? limit)
    {
        var matched = $"SELECT o.id {filter.FromWhere}";
        var sql = facet switch
        {
            Facets.Kind => $"SELECT kind AS Value, count(*) AS Count FROM organizations WHERE id IN ({matched}) GROUP BY kind",
            Facets.Type => $"SELECT type AS Value, count(*) AS Count FROM organization_types WHERE organization_id IN ({matched}) GROUP BY type",
            Facets.Sector => $"SELECT sector AS Value, count(*) AS Count FROM organizations WHERE sector IS NOT NULL AND id IN ({matched}) GROUP BY sector",
            Facets.Country => $"SELECT country AS Value, count(DISTINCT organization_id) AS Count FROM locations WHERE country IS NOT NULL AND organization_id IN ({matched}) GROUP BY country",
            Facets.Region or Facets.Locality => $"SELECT min({facet}) AS Value, count(DISTINCT organization_id) AS Count FROM locations WHERE {facet} IS NOT NULL AND organization_id IN ({matched}) GROUP BY {GroupIgnoringCase(facet)}",
            _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "not a facet"),
        };
        return sql + " ORDER BY Count DESC, Value" + (limit is null ? "" : $" LIMIT {limit}");
    }

    private static DynamicParameters Merge(DynamicParameters parameters, object extra)
    {
        var merged = new DynamicParameters(parameters);
        merged.AddDynamicParams(extra);
        return merged;
    }

    /// <summary>The FROM ... WHERE ... that selects matching organizations as alias o.</summary>
    private sealed record Filter(string FromWhere, DynamicParameters Parameters, TextQuery? Text, bool HasWhere)
    {
        /// <summary>The same FROM ... WHERE ... with one more condition.</summary>
        public string And(string condition) => FromWhere + (HasWhere ? " AND " : " WHERE ") + condition;

        public static Filter Build(DbConnection connection, SearchQuery q, SqlOrganizationSearch dialect)
        {
            var parameters = new DynamicParameters();
            var from = new StringBuilder("FROM organizations o");
            var where = new List<string>();
            var text = TextQuery.Parse(q.Text, (word, typing) => TypoCorrection.Corrections(connection, word, typing));
            if (text is not null) dialect.AddTextMatch(text, from, where, parameters);
            if (q.Near is not null) parameters.AddDynamicParams(new { nearLat = q.Near.Latitude, nearLon = q.Near.Longitude });
            if (q.Kinds.Count > 0) where.Add(SqlList.In("o.kind", "kind", q.Kinds, parameters));
            if (q.Sectors.Count > 0) where.Add(SqlList.In("o.sector", "sector", q.Sectors, parameters));
            if (q.Types.Count > 0)
            {
                where.Add($"EXISTS (SELECT 1 FROM organization_types t WHERE t.organization_id = o.id AND {SqlList.In("t.type", "type", q.Types, parameters)})");
            }
            if (q.HasLocationFilter) where.Add(LocationCondition(q, parameters, dialect));
            var sql = from + (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where));
            return new Filter(sql, parameters, text, where.Count > 0);
        }

        // All place conditions must hold for one and the same location of the organization. An
        // uncorrelated IN, not EXISTS: the matching locations are found once (through the geo or
        // place indexes), not once per organization.
        private static string LocationCondition(SearchQuery q, DynamicParameters parameters, SqlOrganizationSearch dialect)
        {
            var conditions = new List<string>();
            if (q.Countries.Count > 0) conditions.Add(SqlList.In("l.country", "country", q.Countries, parameters));
            if (q.Regions.Count > 0) conditions.Add(dialect.PlaceIn("l.region", "regions", q.Regions, parameters));
            if (q.Localities.Count > 0) conditions.Add(dialect.PlaceIn("l.locality", "localities", q.Localities, parameters));
            if (q.Near is not null && q.RadiusKm is not null)
            {
                conditions.Add(dialect.WithinBox(GeoBox.AroundCircle(q.Near, q.RadiusKm.Value), "c", parameters));
                conditions.Add("distance_km(l.latitude, l.longitude, @nearLat, @nearLon) <= @radiusKm");
                parameters.Add("radiusKm", q.RadiusKm.Value);
            }
            if (q.Bbox is not null) conditions.Add(dialect.WithinBox(GeoBox.Of(q.Bbox), "b", parameters));
            return $"o.id IN (SELECT l.organization_id FROM locations l WHERE {string.Join(" AND ", conditions)})";
        }

    }

    /// <summary>Adds the full-text condition: every required word, by any of its stems (the last also as a prefix).</summary>
    protected internal abstract void AddTextMatch(TextQuery text, StringBuilder from, List<string> where, DynamicParameters parameters);

    /// <summary>A condition: the column equals one of the values, ignoring case.</summary>
    protected abstract string PlaceIn(string column, string parameter, IReadOnlyList<string> values, DynamicParameters parameters);

    /// <summary>A condition: the column starts with the text, ignoring case (through an index).</summary>
    protected internal abstract string StartsWithIgnoringCase(string column, string text, DynamicParameters parameters);

    /// <summary>A GROUP BY expression that puts values differing only in case together.</summary>
    protected internal abstract string GroupIgnoringCase(string column);

    /// <summary>A condition on location l: its point lies in the box (through the store's geo index).</summary>
    protected abstract string WithinBox(GeoBox box, string prefix, DynamicParameters parameters);
}
