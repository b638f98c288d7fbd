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
    /// asked for are read. The next batch is read on another thread while the caller writes this one, so
    /// reading and writing overlap; the connection is still used by one thread at a time.
    /// </summary>
    public static IEnumerable<Organization> Matching(Store store, DbConnection connection, SearchQuery query,
        OrganizationParts parts = OrganizationParts.All)
    {
        Batch? Read(long after)
        {
            var ids = store.Search.MatchingIdsAfter(connection, query, after, BatchSize);
            return ids.Count == 0 ? null : new Batch(ids[^1], OrganizationBatch.Load(connection, ids, parts, null));
        }

        var next = Task.Run(() => Read(0));
        try
        {
            while (next.GetAwaiter().GetResult() is { } batch)
            {
                next = Task.Run(() => Read(batch.LastId));
                foreach (var organization in batch.Organizations) yield return organization;
            }
        }
        finally
        {
            // A caller that stops early (a client that went away) must not close the connection under a read.
            Task.WaitAny(next);
        }
    }

    private sealed record Batch(long LastId, IReadOnlyList<Organization> Organizations);
}
