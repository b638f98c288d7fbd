using System.Data.Common;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Search;

/// <summary>Search over one store. The SQLite and PostgreSQL implementations pass the same tests.</summary>
public interface IOrganizationSearch
{
    /// <summary>One page of results, the total and facet counts for the whole result set.</summary>
    SearchResult Run(DbConnection connection, SearchQuery query);

    /// <summary>Every matching id in result order; exports walk this.</summary>
    IReadOnlyList<long> MatchingIds(DbConnection connection, SearchQuery query);

    /// <summary>Names and places for the search box while a person types.</summary>
    Suggestions Suggest(DbConnection connection, string text);

    /// <summary>Map points for every located match, up to <paramref name="limit"/>.</summary>
    IReadOnlyList<MapPoint> Points(DbConnection connection, SearchQuery query, int limit);
}

/// <summary>Keeps a store's text and geo indexes in step with an organization's rows.</summary>
public interface ISearchIndex
{
    /// <summary>Called before an organization's rows are replaced or deleted.</summary>
    void Remove(DbConnection connection, DbTransaction transaction, long id);

    /// <summary>Called after an organization's rows (locations included) are written.</summary>
    void Add(DbConnection connection, DbTransaction transaction, long id, OrganizationContent content);

    /// <summary>Re-indexes every organization, in one transaction.</summary>
    void Rebuild(DbConnection connection);
}

public sealed class MapPoint
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}
