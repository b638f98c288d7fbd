using System.Data.Common;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Search;

/// <summary>Search over one store. The SQLite and PostgreSQL implementations pass the same tests.</summary>
public interface IOrganizationSearch
{
    /// <summary>One page of results, the total and facet counts for the whole result set.</summary>
    SearchResult Run(DbConnection connection, SearchQuery query);

    /// <summary>
    /// The next <paramref name="limit"/> matching ids above <paramref name="afterId"/>, in id order: exports
    /// walk the matches in batches this way, so no size of result is ever held at once.
    /// </summary>
    IReadOnlyList<long> MatchingIdsAfter(DbConnection connection, SearchQuery query, long afterId, int limit);

    /// <summary>
    /// The number of matches and the count for every value of one facet (all of them, where the
    /// search's region and locality facets keep only the most frequent); the figures the facets show.
    /// </summary>
    FacetCount Count(DbConnection connection, SearchQuery query, string facet);

    /// <summary>Names and places for the search box while a person types.</summary>
    Suggestions Suggest(DbConnection connection, string text);

    /// <summary>Map points for every located match, up to <paramref name="limit"/>.</summary>
    IReadOnlyList<MapPoint> Points(DbConnection connection, SearchQuery query, int limit);

    /// <summary>
    /// Reads what searches keep in memory (the search columns) now, so that the first search does not
    /// wait for it; searches arriving meanwhile wait for the same read.
    /// </summary>
    void Prepare(DbConnection connection);
}

/// <summary>Keeps a store's text and geo indexes in step with an organization's rows.</summary>
public interface ISearchIndex
{
    /// <summary>Called before an organization's rows are replaced or deleted.</summary>
    void Remove(DbConnection connection, DbTransaction transaction, long id);

    /// <summary>
    /// Called after an organization's rows (locations included) are written. Its statements may wait
    /// in the transaction's queue (<see cref="Data.TransactionCommands.Send"/>) until its next command.
    /// </summary>
    void Add(DbConnection connection, DbTransaction transaction, long id, OrganizationContent content);

    /// <summary>Re-indexes every organization, in one transaction.</summary>
    void Rebuild(DbConnection connection);
}

public sealed record FacetCount(long Total, IReadOnlyList<FacetValue> Values);

public sealed class MapPoint
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
}
