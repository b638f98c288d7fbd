using Coopdir.Core.Accounts;
using Coopdir.Core.Data;
using Coopdir.Core.Edits;

namespace Coopdir.Core.Sources;

/// <summary>
/// People's decisions on the duplicates queue. "Same" merges the pair through the edits path (so who may,
/// the revision and the changes feed are an editor's merge like any other) with the pair marked decided
/// in the same write session; "not the same" and "later" only mark the pair. Editors and above decide.
/// </summary>
public sealed class DuplicateDecisions(Store store, OrganizationEdits edits, TimeProvider clock)
{
    public async Task<EditResult> DecideAsync(User user, long pairId, string? decision, long? survivorId)
    {
        if (!user.Can(Roles.Editor)) return new EditResult(EditOutcome.Forbidden, Detail: "Only editors, maintainers and admins decide possible duplicates.");
        if (decision is null || !DuplicatePairs.Decisions.Contains(decision))
            return EditResult.Invalid("decision", $"must be one of {string.Join(", ", DuplicatePairs.Decisions)}");
        if (survivorId is not null && decision != DuplicatePairs.Same)
            return EditResult.Invalid("survivor_id", "is only for the decision same");
        DuplicatePair? pair;
        await using (var connection = await store.OpenAsync()) pair = await DuplicatePairs.GetAsync(connection, pairId);
        if (pair is null) return new EditResult(EditOutcome.NotFound, Detail: $"There is no possible duplicate pair {pairId} waiting or decided.");
        if (pair.IsDecided) return AlreadyDecided(pair);
        var now = clock.GetUtcNow().ToString("O");
        if (decision != DuplicatePairs.Same)
        {
            await using var session = await store.BeginWriteAsync();
            if (!await DuplicatePairs.DecideAsync(session, pairId, decision, user.Name, now)) return DecidedMeanwhile(pairId);
            await session.CommitAsync();
            return new EditResult(EditOutcome.Applied);
        }
        // The older record survives unless the reviewer says otherwise: it is the one people have linked to longest.
        var survivor = survivorId ?? pair.FirstId;
        if (survivor != pair.FirstId && survivor != pair.SecondId)
            return EditResult.Invalid("survivor_id", $"must be {pair.FirstId} or {pair.SecondId}, one of the pair");
        var duplicate = survivor == pair.FirstId ? pair.SecondId : pair.FirstId;
        var merge = new EditRequest(ProposalActions.Merge, duplicate, null, null,
            $"Merged into {survivor}: the same organization (possible duplicate pair {pairId}: {string.Join(", ", pair.Reasons)})", survivor);
        var merged = await edits.ApplyDirectlyAsync(user, merge, first: async session =>
            await DuplicatePairs.DecideAsync(session, pairId, DuplicatePairs.Same, user.Name, now) ? null : DecidedMeanwhile(pairId));
        // A concurrent decision that merged the pair after it was read here leaves one record gone: say so, not "no such organization".
        if (merged.Outcome == EditOutcome.NotFound)
        {
            await using var connection = await store.OpenAsync();
            if (await DuplicatePairs.GetAsync(connection, pairId) is { IsDecided: true } decided) return AlreadyDecided(decided);
        }
        return merged;
    }

    private static EditResult AlreadyDecided(DuplicatePair pair) => new(EditOutcome.Conflict,
        Detail: $"Pair {pair.Id} was already decided: {(pair.Status == DuplicatePairs.Same ? "the same organization" : "not the same")}, by {pair.DecidedBy}.");

    private static EditResult DecidedMeanwhile(long pairId) => new(EditOutcome.Conflict, Detail: $"Pair {pairId} was decided by someone else meanwhile.");
}
