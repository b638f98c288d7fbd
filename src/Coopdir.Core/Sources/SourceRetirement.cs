using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Sources;

public enum RetirementOutcome { Retired, AlreadyRetired, NotFound }

/// <param name="Counts">What re-merging the source's records did (none unless <see cref="RetirementOutcome.Retired"/>).</param>
public sealed record RetirementResult(RetirementOutcome Outcome, SourceInfo? Source, RemergeCounts Counts);

/// <summary>
/// Retires a source: its values stop counting. Every record it lists is merged again, in the same write, from
/// the other sources' claims and people's edits; a field only it gave, and no person set, goes. A record only
/// it listed keeps its values and is "no longer listed by any source"; nothing is deleted. Importing the
/// source again brings it back (<see cref="SourceRegistry.UpsertAsync"/>).
/// </summary>
public sealed class SourceRetirement(Store store, TimeProvider clock)
{
    private static readonly RemergeCounts None = new(0, 0, 0, 0);

    /// <param name="author">Who retires it, named on each revision (not as a person's edit of the fields).</param>
    public async Task<RetirementResult> RetireAsync(long sourceId, string author)
    {
        var now = clock.GetUtcNow();
        await using var session = await store.BeginWriteAsync(bulk: true);
        // Conditional, and on PostgreSQL a row lock until the commit, so an import of the source waits for this.
        var retired = await session.ExecuteAsync("UPDATE sources SET retired_at = @now WHERE id = @sourceId AND retired_at IS NULL",
            new { now = now.ToString("O"), sourceId });
        var source = await SourceRegistry.GetAsync(await session.ReadingAsync(), sourceId);
        if (source is null) return new RetirementResult(RetirementOutcome.NotFound, null, None);
        if (retired == 0) return new RetirementResult(RetirementOutcome.AlreadyRetired, source, None);

        var counts = await Remerge.RunAsync(session, new OrganizationWriter(clock), await Remerge.OrganizationsOfAsync(session, sourceId),
            new ChangeNote(author, $"Source {source.Name} retired", now), keepUnclaimed: false);
        await session.CommitAsync();
        return new RetirementResult(RetirementOutcome.Retired, source, counts);
    }
}
