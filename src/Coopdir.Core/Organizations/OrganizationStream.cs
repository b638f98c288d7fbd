using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Search;

namespace Coopdir.Core.Organizations;

/// <summary>Whole organizations matching a search, in id order, for exports.</summary>
public static class OrganizationStream
{
    /// <summary>Records loaded per round trip: big enough to make reads cheap, small enough to keep memory flat.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// Walks the matches a batch at a time (keyset paging on id), so memory stays the same whatever the
    /// number of matches and no statement stays open while the caller writes.
    /// </summary>
    public static IEnumerable<Organization> Matching(Store store, DbConnection connection, SearchQuery query)
    {
        var after = 0L;
        while (true)
        {
            var ids = store.Search.MatchingIdsAfter(connection, query, after, BatchSize);
            if (ids.Count == 0) yield break;
            foreach (var organization in OrganizationQueries.Load(connection, ids)) yield return organization;
            after = ids[^1];
        }
    }
}
