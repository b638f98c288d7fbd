using System.Data.Common;

namespace Coopdir.Core.Organizations;

/// <summary>Whole organizations for a list of ids (a search's matches, in id order), for exports.</summary>
public static class OrganizationStream
{
    /// <summary>Records loaded per round trip: big enough to make reads cheap, small enough to keep memory flat (a few MB).</summary>
    public const int BatchSize = 2000;

    /// <summary>
    /// Walks the ids a batch at a time, so memory stays the same whatever the number of matches, and
    /// nothing is held while the caller writes: each batch reads on a connection it returns to the
    /// pool at once, so a slow client holds none. Only the <paramref name="parts"/> asked for are
    /// read. The next batch is read on another thread while the caller writes this one, so reading and
    /// writing overlap. Export writers are
    /// synchronous (they write to a stream the caller owns), so the caller waits for each batch: on the
    /// site, on a thread of the export's own (ExportPipe), never one of the server's pool.
    /// </summary>
    /// <param name="open">Opens a connection for one batch: the same kind the ids were read on, so that a
    /// replica never answers for records whose ids came from the primary.</param>
    public static IEnumerable<Organization> Of(Func<Task<DbConnection>> open, IReadOnlyList<long> ids, OrganizationParts parts = OrganizationParts.All)
    {
        Task<IReadOnlyList<Organization>> Read(int start)
        {
            var batch = new List<long>(BatchSize);
            for (var i = start; i < Math.Min(start + BatchSize, ids.Count); i++) batch.Add(ids[i]);
            return Task.Run(async () =>
            {
                await using var connection = await open();
                return await OrganizationBatch.LoadAsync(connection, batch, parts);
            });
        }

        if (ids.Count == 0) yield break;
        var next = Read(0);
        try
        {
            for (var start = 0; start < ids.Count; start += BatchSize)
            {
                var batch = next.GetAwaiter().GetResult();
                if (start + BatchSize < ids.Count) next = Read(start + BatchSize);
                foreach (var organization in batch) yield return organization;
            }
        }
        finally
        {
            // A caller that stops early (a client that went away) leaves no read running behind it.
            Task.WaitAny(next);
        }
    }
}
