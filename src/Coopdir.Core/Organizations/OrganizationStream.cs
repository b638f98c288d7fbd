using System.Data.Common;
using Coopdir.Core.Data;
using Coopdir.Core.Search;

namespace Coopdir.Core.Organizations;

/// <summary>Whole organizations matching a search, in id order, for exports.</summary>
public static class OrganizationStream
{
    /// <summary>Records loaded per round trip: big enough to make reads cheap, small enough to keep memory flat (a few MB).</summary>
    public const int BatchSize = 2000;

    /// <summary>
    /// Walks the matches a batch at a time (keyset paging on id), so memory stays the same whatever the
    /// number of matches and no statement stays open while the caller writes. Only the <paramref name="parts"/>
    /// asked for are read.
    /// </summary>
    public static IEnumerable<Organization> Matching(Store store, DbConnection connection, SearchQuery query,
        OrganizationParts parts = OrganizationParts.All)
    {
        var after = 0L;
        while (true)
        {
            var ids = store.Search.MatchingIdsAfter(connection, query, after, BatchSize);
            if (ids.Count == 0) yield break;
            foreach (var organization in OrganizationBatch.Load(connection, ids, parts, null)) yield return organization;
            after = ids[^1];
        }
    }
}
