using System.Data.Common;
using System.Text;
using Coopdir.Core.Data;
using Coopdir.Core.Search.Columns;
using Dapper;

namespace Coopdir.Core.Search;

/// <summary>
/// Search in two steps. The database finds the ids that match the text (the store's full-text
/// index, one statement, no join); everything per match after that (vocabulary, place and geo
/// filters, the total, facet counts, relevance tiers and the page's order) is computed over
/// <see cref="SearchColumns"/>, the compact in-memory copy of what those need, kept current by
/// revision id. Only the page's summaries are read back from the database. The stores differ in
/// the hooks at the bottom: full text, case folding of places and how the geo index tests a box.
/// </summary>
public abstract class SqlOrganizationSearch : IOrganizationSearch, IGeoRules
{
    private readonly ColumnsCache cache;

    protected SqlOrganizationSearch() => cache = new ColumnsCache(PlaceGroupKey);

    public SearchResult Run(DbConnection connection, SearchQuery query)
    {
        var (columns, matched, text) = Match(connection, query);
        using var _ = matched;
        var (page, facets) = cache.Read(columns, c => (
            PageOrder.Page(c, matched, query, text),
            ColumnFacets.Count(c, matched, f => f is Facets.Region or Facets.Locality ? Facets.MaxPlaceValues : null)));
        var items = SearchSummaries.Load(connection, page, query.Near);
        return new SearchResult(matched.Count, query.Page, query.PageSize, items, facets);
    }

    public FacetCount Count(DbConnection connection, SearchQuery query, string facet)
    {
        if (!Facets.All.Contains(facet)) throw new ArgumentOutOfRangeException(nameof(facet), facet, "not a facet");
        var (columns, matched, _) = Match(connection, query);
        using var __ = matched;
        return new FacetCount(matched.Count, cache.Read(columns, c => ColumnFacets.Count(c, matched, _ => null)[facet]));
    }

    public IReadOnlyList<MapPoint> Points(DbConnection connection, SearchQuery query, int limit)
    {
        var (columns, matched, _) = Match(connection, query);
        using var __ = matched;
        if (!matched.IsSorted()) matched.SortDistinct();
        var located = cache.Read(columns, c =>
        {
            var points = new List<MapPoint>();
            foreach (var id in matched.Span)
            {
                var (start, count) = c.Locations(id);
                for (var i = start; i < start + count && points.Count < limit; i++)
                {
                    if (double.IsNaN(c.LocationLatitude[i])) continue;
                    points.Add(new MapPoint { Id = id, Latitude = c.LocationLatitude[i], Longitude = c.LocationLongitude[i] });
                }
                if (points.Count >= limit) break;
            }
            return points;
        });
        var names = new Dictionary<long, string>();
        foreach (var chunk in located.Select(p => p.Id).Distinct().Chunk(500))
        {
            var parameters = new DynamicParameters();
            foreach (var (id, name) in connection.Query<(long, string)>($"SELECT id, name FROM organizations WHERE {SqlList.In("id", "id", chunk, parameters)}", parameters))
                names[id] = name;
        }
        // An organization removed since the columns were read is left out, as the database would.
        return located.Where(p => names.ContainsKey(p.Id)).Select(p => { p.Name = names[p.Id]; return p; }).ToList();
    }

    /// <summary>The columns, current for this connection, and the ids of the organizations the query matches (in no order).</summary>
    private (SearchColumns Columns, IdList Matched, TextQuery? Text) Match(DbConnection connection, SearchQuery query)
    {
        var text = TextQuery.Parse(query.Text, (word, typing) => TypoCorrection.Corrections(connection, word, typing));
        var columns = cache.Current(connection);
        using var candidates = text is null ? null : TextMatches(connection, text);
        var matched = cache.Read(columns, c =>
        {
            var filter = new ColumnFilter(c, query, this, PlaceGroupKey);
            return candidates is null ? filter.All() : filter.Of(candidates);
        });
        return (columns, matched, text);
    }

    public IReadOnlyList<long> MatchingIdsAfter(DbConnection connection, SearchQuery query, long afterId, int limit)
    {
        var filter = Filter.Build(connection, query, this);
        return connection.Query<long>($"SELECT o.id {filter.And("o.id > @afterId")} ORDER BY o.id LIMIT @limit",
            Merge(filter.Parameters, new { afterId, limit })).ToList();
    }

    public Suggestions Suggest(DbConnection connection, string text) => SuggestionQueries.Run(connection, text, this);

    public void Prepare(DbConnection connection) => cache.Current(connection);

    /// <summary>
    /// The first <paramref name="limit"/> organizations, in id order, whose name holds every ranking
    /// word and whose document matches the text. The names are looked at in the columns, in id order,
    /// a batch at a time; only each batch's candidates are checked against the full-text index, so a
    /// word common in descriptions but rare in names costs one pass over the columns, not one
    /// look-up per matching document.
    /// </summary>
    internal List<long> NamesHoldingWords(DbConnection connection, TextQuery text, int limit)
    {
        var columns = cache.Current(connection);
        var found = new List<long>();
        var (after, batch) = (0, 64);
        while (found.Count < limit)
        {
            var candidates = cache.Read(columns, c =>
            {
                using var tiers = new TextTiers(c, text);
                var next = new List<int>();
                if (after == 0 && !tiers.VocabularyHoldsAll()) return next;
                for (var id = after + 1; id < c.Capacity && next.Count < batch; id++)
                {
                    if (c.Kind[id] != 0 && tiers.NameHoldsAll(id)) next.Add(id);
                }
                return next;
            });
            if (candidates.Count == 0) break;
            found.AddRange(TextMatchesAmong(connection, text, candidates).Order());
            if (candidates.Count < batch) break;
            (after, batch) = (candidates[^1], batch * 4);
        }
        return found.Take(limit).ToList();
    }

    /// <summary>The most populous locality groups starting with the text (ignoring case as the store does), largest first.</summary>
    internal List<(string Label, int Count)> LocalitiesStartingWith(DbConnection connection, string text, int limit)
    {
        var columns = cache.Current(connection);
        var key = PlacePrefixKey(text);
        return cache.Read(columns, c => c.Localities.StartingWith(c, key, limit));
    }

    /// <summary>Which of <paramref name="ids"/> match the text (in no order).</summary>
    private protected virtual IEnumerable<long> TextMatchesAmong(DbConnection connection, TextQuery text, IReadOnlyList<int> ids)
    {
        var parameters = new DynamicParameters();
        var from = new StringBuilder("FROM organizations o");
        var where = new List<string> { SqlList.In("o.id", "id", ids.Select(id => (long)id), parameters) };
        AddTextMatch(text, from, where, parameters);
        return connection.Query<long>($"SELECT o.id {from} WHERE {string.Join(" AND ", where)}", parameters);
    }

    /// <summary>The typed text as a place's start, folded as <see cref="PlaceGroupKey"/> folds place names (SQLite's LIKE, PostgreSQL's lower() ranges did the same).</summary>
    protected virtual string PlacePrefixKey(string text) => PlaceGroupKey(text);

    private static DynamicParameters Merge(DynamicParameters parameters, object extra)
    {
        var merged = new DynamicParameters(parameters);
        merged.AddDynamicParams(extra);
        return merged;
    }

    /// <summary>The FROM ... WHERE ... that selects matching organizations as alias o (exports page through it in id order).</summary>
    private sealed record Filter(string FromWhere, DynamicParameters Parameters, bool HasWhere)
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
            return new Filter(sql, parameters, where.Count > 0);
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

    /// <summary>A condition on location l: its point lies in the box (through the store's geo index).</summary>
    protected abstract string WithinBox(GeoBox box, string prefix, DynamicParameters parameters);

    /// <summary>The ids of every organization whose document holds the required words (the same match as <see cref="AddTextMatch"/>).</summary>
    private protected abstract IdList TextMatches(DbConnection connection, TextQuery text);

    /// <summary>The columns hold ids up to int.MaxValue (<see cref="SearchColumns.SetOrganization"/> refuses more); 0 for any other is no organization.</summary>
    protected static int SearchColumnsId(long id) => id is > 0 and <= int.MaxValue ? (int)id : 0;

    /// <summary>What place names that the store compares as equal (<see cref="PlaceIn"/>, GROUP BY of the former SQL facets) have in common.</summary>
    protected abstract string PlaceGroupKey(string place);

    /// <summary>Whether the store's geo index (<see cref="WithinBox"/>) finds a point in the box.</summary>
    public abstract bool InBox(GeoBox box, double latitude, double longitude);
}
