using System.Text.Json.Nodes;
using Coopdir.Core.Accounts;
using Coopdir.Core.Organizations;
using Coopdir.Core.Relationships;

namespace Coopdir.Core.Edits;

/// <summary>How a proposal compares with the record now: Stale when the record changed since the proposal's base.</summary>
public sealed record ProposalComparison(bool Stale, int? CurrentRevision, IReadOnlyList<ThreeWayField> Fields, IReadOnlyList<FieldError> Errors)
{
    public bool HasConflicts => Fields.Any(f => f.Conflict);
}

public sealed partial class OrganizationEdits
{
    /// <summary>Applies a pending proposal, crediting its author. A stale one is carried onto the current version unless a field conflicts.</summary>
    public async Task<EditResult> ApproveAsync(User reviewer, long proposalId)
    {
        if (!reviewer.Can(Roles.Maintainer)) return new EditResult(EditOutcome.Forbidden, Detail: "Only maintainers and admins review proposals.");
        Proposal? proposal;
        PreparedEdit prepared;
        User author;
        await using (var connection = await store.OpenAsync())
        {
            proposal = await Proposals.GetAsync(connection, proposalId);
            if (proposal is null) return new EditResult(EditOutcome.NotFound, Detail: $"There is no proposal {proposalId}.");
            if (proposal.Status != ProposalStatus.Pending)
                return EditResult.Invalid("status", $"the proposal is {proposal.Status.Replace('_', ' ')}, not pending");
            if (proposal.Action == ProposalActions.Relate) return await new RelationshipEdits(store, clock).ApproveAsync(reviewer, proposal);
            prepared = await PrepareAsync(connection, ToRequest(proposal), rebase: true);
            author = (await Users.FindAsync(connection, proposal.AuthorId))!;
        }
        if (prepared.Refusal is not null) return prepared.Refusal;
        if (prepared.Conflict is not null) return prepared.Conflict;
        return await WriteAsync(prepared, author, ToRequest(proposal), reviewer, proposalId);
    }

    /// <summary>Closes a pending proposal as rejected or sent back for changes, with the reason its author will see.</summary>
    public async Task<EditResult> DeclineAsync(User reviewer, long proposalId, string status, string? reason)
    {
        if (!reviewer.Can(Roles.Maintainer)) return new EditResult(EditOutcome.Forbidden, Detail: "Only maintainers and admins review proposals.");
        if (string.IsNullOrWhiteSpace(reason)) return EditResult.Invalid("reason", "is required: the author sees it");
        if (reason.Length > 2000) return EditResult.Invalid("reason", "is longer than 2000 characters");
        await using var session = await store.BeginWriteAsync();
        var proposal = await Proposals.GetAsync(session, proposalId);
        if (proposal is null) return new EditResult(EditOutcome.NotFound, Detail: $"There is no proposal {proposalId}.");
        if (proposal.Status != ProposalStatus.Pending)
            return EditResult.Invalid("status", $"the proposal is {proposal.Status.Replace('_', ' ')}, not pending");
        await Proposals.ReviewAsync(session, proposalId, status, reviewer.Id, reason.Trim(), null, null, Now());
        await session.CommitAsync();
        return new EditResult(EditOutcome.Applied, proposal.OrganizationId, ProposalId: proposalId);
    }

    /// <summary>
    /// Undoes one revision as a new revision: each field it changed goes back to its earlier value,
    /// unless a later revision changed that field again (a conflict: nothing is written).
    /// </summary>
    public async Task<EditResult> RevertAsync(User user, long organizationId, int revision, int? expectedRevision)
    {
        var (prepared, request) = await PrepareRevertAsync(user, organizationId, revision, expectedRevision);
        return prepared.Refusal ?? prepared.Conflict ?? await WriteAsync(prepared, user, request!, user);
    }

    // The reads before a revert, on a connection closed before the write opens its own.
    private async Task<(PreparedEdit Prepared, EditRequest? Request)> PrepareRevertAsync(User user, long organizationId, int revision, int? expectedRevision)
    {
        await using var connection = await store.OpenAsync();
        if (!await CanApplyDirectlyAsync(connection, user, ProposalActions.Update, organizationId))
            return (Refused(new EditResult(EditOutcome.Forbidden, Detail: "Only editors and above, or the organization's verified claimers, can revert.")), null);
        var current = await OrganizationQueries.GetAsync(connection, organizationId);
        if (current is null) return (Refused(NotFound(organizationId)), null);
        if (expectedRevision is { } expected && expected != current.Revision)
            return (Refused(new EditResult(EditOutcome.Conflict, organizationId, current.Revision, Detail: $"The record is at revision {current.Revision}, not {expected}.", Record: current)), null);
        var entry = await Revisions.GetAsync(connection, organizationId, revision);
        if (entry is null) return (Refused(new EditResult(EditOutcome.NotFound, organizationId, Detail: $"Organization {organizationId} has no revision {revision}.")), null);
        if (entry.Action != "updated" || entry.BeforeJson is null || entry.AfterJson is null)
            return (Refused(EditResult.Invalid("revision", $"revision {revision} {entry.Action} the record; only changes to its content can be reverted")), null);
        var now = Snapshot(await Revisions.GetAsync(connection, organizationId, current.Revision));
        var undone = ThreeWayDiff.Rebase(Parse(entry.AfterJson), now, Parse(entry.BeforeJson));
        if (undone is null)
            return (Refused(new EditResult(EditOutcome.Conflict, organizationId, current.Revision,
                Detail: $"A later revision changed the same fields as revision {revision}; edit the record instead.", Record: current)), null);
        var content = Snapshots.FromJson(undone.ToJsonString());
        // A claimer speaks only for its own side: undoing what the other side said is an editor's call.
        if (!user.Can(Roles.Editor) && undone["relationships"]?.ToJsonString() != now["relationships"]?.ToJsonString())
            return (Refused(new EditResult(EditOutcome.Forbidden,
                Detail: "Only editors and above revert changes to relationships: they record what each side said.")), null);
        var errors = await ValidateAsync(connection, content, organizationId);
        if (errors.Count > 0) return (Refused(EditResult.Invalid(errors)), null);
        var request = new EditRequest(ProposalActions.Update, organizationId, current.Revision, null, $"Revert revision {revision} ({entry.Summary})");
        return (new PreparedEdit(Content: content, Current: current), request);
    }

    /// <summary>The field-by-field view a reviewer sees; three-way when the record changed since the proposal's base.</summary>
    public async Task<ProposalComparison> CompareAsync(Proposal proposal)
    {
        await using var connection = await store.OpenAsync();
        var request = ToRequest(proposal);
        if (request.Action == ProposalActions.Create)
        {
            var (content, errors) = OrganizationPatch.Apply(null, request.Patch);
            if (content is not null) errors = await ValidateAsync(connection, content, null);
            return new ProposalComparison(false, null, ThreeWayDiff.Of(new JsonObject(), new JsonObject(), FieldDiff.ToObject(content)), errors);
        }
        var current = request.OrganizationId is { } id ? await OrganizationQueries.GetAsync(connection, id) : null;
        if (current is null) return new ProposalComparison(true, null, [], [new FieldError("organization_id", "the organization no longer exists")]);
        if (request.Action != ProposalActions.Update)
            return new ProposalComparison(proposal.BaseRevision is { } b && b != current.Revision, current.Revision, [], []);
        var prepared = await PrepareAsync(connection, request, rebase: true, current);
        var now = prepared.Now ?? Snapshot(await Revisions.GetAsync(connection, current.Id, current.Revision));
        var @base = prepared.Base ?? now;
        return new ProposalComparison(request.BaseRevision != current.Revision, current.Revision,
            ThreeWayDiff.Of(@base, now, prepared.Proposed ?? @base), prepared.Refusal?.Errors ?? []);
    }

    private static EditRequest ToRequest(Proposal p) =>
        new(p.Action, p.OrganizationId, p.BaseRevision, JsonNode.Parse(p.PatchJson), p.Summary, p.MergeInto);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
