using System.Data.Common;
using System.Text.Json.Nodes;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Edits;

/// <summary>
/// Peer production's rules in one place: who may apply a change directly and who proposes it, how a
/// proposal is approved (carried onto the current version when nothing it touches changed since),
/// rejected, or sent back, and how a revision is undone. Every edit is prepared once
/// (<see cref="PrepareAsync"/>) and every applied change goes through <see cref="OrganizationWriter"/>,
/// so it is a revision like any other; the result carries the record as written.
/// </summary>
public sealed partial class OrganizationEdits(Store store, TimeProvider clock)
{
    private readonly OrganizationWriter writer = new(clock);

    /// <summary>Editors and above change anything directly; a verified claimer changes its own listing.</summary>
    public static async Task<bool> CanApplyDirectlyAsync(DbConnection connection, User user, string action, long? organizationId) =>
        user.Can(Roles.Editor)
        || action == ProposalActions.Update && organizationId is { } id && await ListingClaims.IsVerifiedClaimerAsync(connection, id, user.Id);

    /// <summary>
    /// Records a proposal. It is applied at once when its author may apply it directly and it does not
    /// look like spam; otherwise it waits in the review queue.
    /// </summary>
    public async Task<EditResult> ProposeAsync(User author, EditRequest request)
    {
        var (prepared, direct) = await PrepareForAsync(author, request, rebase: true);
        if (prepared.Refusal is not null) return prepared.Refusal;
        var held = SpamCheck.Reason(request.Patch, request.Summary);
        var queued = await QueueAsync(author, request, held);
        // A direct apply that cannot happen (the record changed meanwhile) leaves the proposal in the queue.
        if (held is not null || prepared.Conflict is not null || !direct) return queued;
        var applied = await WriteAsync(prepared, author, request, author, queued.ProposalId);
        return applied.Outcome is EditOutcome.Applied or EditOutcome.Unchanged ? applied : queued;
    }

    /// <summary>
    /// A direct edit (PATCH, the web form, the CLI): refused unless the author may apply directly;
    /// spam-looking edits are queued instead; a stale base revision is a conflict.
    /// </summary>
    /// <param name="first">
    /// A step of the caller's taken first in the edit's own write session (the duplicates queue marks its
    /// pair decided there): a result it returns refuses the edit, and nothing of either is written.
    /// </param>
    public async Task<EditResult> ApplyDirectlyAsync(User author, EditRequest request, Func<WriteSession, Task<EditResult?>>? first = null)
    {
        var (prepared, direct) = await PrepareForAsync(author, request, rebase: false);
        if (!direct)
            return new EditResult(EditOutcome.Forbidden, Detail: "Only editors, maintainers, admins and the organization's verified claimers can edit directly; propose the change instead.");
        if (prepared.Refusal is not null) return prepared.Refusal;
        if (SpamCheck.Reason(request.Patch, request.Summary) is { } held) return await QueueAsync(author, request, held);
        if (prepared.Conflict is not null) return prepared.Conflict;
        return await WriteAsync(prepared, author, request, author, first: first);
    }

    // The reads before a write, on a connection closed before the write opens its own.
    private async Task<(PreparedEdit Prepared, bool Direct)> PrepareForAsync(User author, EditRequest request, bool rebase)
    {
        await using var connection = await store.OpenAsync();
        return (await PrepareAsync(connection, request, rebase), await CanApplyDirectlyAsync(connection, author, request.Action, request.OrganizationId));
    }

    private async Task<EditResult> QueueAsync(User author, EditRequest request, string? heldBecause)
    {
        await using var session = await store.BeginWriteAsync();
        var id = await Proposals.InsertAsync(session, request.Action, request.OrganizationId, request.MergeInto, request.BaseRevision,
            (request.Patch ?? new JsonObject()).ToJsonString(), request.Summary.Trim(), author.Id, ProposalStatus.Pending, heldBecause, Now());
        await session.CommitAsync();
        return new EditResult(EditOutcome.Queued, request.OrganizationId, ProposalId: id,
            Detail: heldBecause is null ? "Waiting for review." : $"Held for review because {heldBecause}.");
    }

    /// <summary>
    /// Writes a prepared edit, crediting <paramref name="author"/>, in one session with the proposal's
    /// review; the record as written is read back in the same transaction, from the primary.
    /// </summary>
    private async Task<EditResult> WriteAsync(PreparedEdit prepared, User author, EditRequest request, User actor, long? proposalId = null,
        Func<WriteSession, Task<EditResult?>>? first = null)
    {
        var summary = actor.Id == author.Id ? request.Summary.Trim() : $"{request.Summary.Trim()} (approved by {actor.Name})";
        var note = new ChangeNote(author.Name, summary, UserId: author.Id);
        await using var session = await store.BeginWriteAsync();
        if (first is not null && await first(session) is { } refused) return refused;
        var written = request.Action switch
        {
            ProposalActions.Create => await writer.CreateAsync(session, prepared.Content!, note),
            ProposalActions.Update => await writer.UpdateAsync(session, request.OrganizationId!.Value, prepared.Content!, note, prepared.Current!.Revision),
            ProposalActions.Merge => await writer.MergeAsync(session, request.OrganizationId!.Value, request.MergeInto!.Value, note),
            _ => await writer.DeleteAsync(session, request.OrganizationId!.Value, note, request.BaseRevision),
        };
        if (written.Outcome == WriteOutcome.Conflict)
            return new EditResult(EditOutcome.Conflict, written.Id, written.Revision, Detail: $"The record changed meanwhile; it is now at revision {written.Revision}.",
                Record: await OrganizationQueries.GetAsync(session, written.Id));
        if (written.Outcome == WriteOutcome.NotFound) return NotFound(written.Id);
        if (proposalId is not null)
            await Proposals.ReviewAsync(session, proposalId.Value, ProposalStatus.Approved, actor.Id, null, written.Revision, written.Id, Now());
        var record = await OrganizationQueries.GetAsync(session, written.Id);
        await session.CommitAsync();
        return new EditResult(written.Outcome == WriteOutcome.Unchanged ? EditOutcome.Unchanged : EditOutcome.Applied,
            written.Id, written.Revision, proposalId, Record: record);
    }

    private string Now() => clock.GetUtcNow().ToString("O");
}
