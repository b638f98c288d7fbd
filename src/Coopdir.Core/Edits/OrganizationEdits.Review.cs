using System.Data.Common;
using System.Text.Json.Nodes;
using Coopdir.Core.Accounts;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Edits;

/// <summary>How a proposal compares with the record now: Stale when the record changed since the proposal's base.</summary>
public sealed record ProposalComparison(bool Stale, int? CurrentRevision, IReadOnlyList<ThreeWayField> Fields, IReadOnlyList<FieldError> Errors)
{
    public bool HasConflicts => Fields.Any(f => f.Conflict);
}

public sealed partial class OrganizationEdits
{
    /// <summary>Applies a pending proposal, crediting its author. A stale one is carried onto the current version unless a field conflicts.</summary>
    public EditResult Approve(User reviewer, long proposalId)
    {
        using var connection = store.Open();
        if (!reviewer.Can(Roles.Maintainer)) return new EditResult(EditOutcome.Forbidden, Detail: "Only maintainers and admins review proposals.");
        var proposal = Proposals.Get(connection, proposalId);
        if (proposal is null) return new EditResult(EditOutcome.NotFound, Detail: $"There is no proposal {proposalId}.");
        if (proposal.Status != ProposalStatus.Pending)
            return EditResult.Invalid("status", $"the proposal is {proposal.Status.Replace('_', ' ')}, not pending");
        var request = ToRequest(proposal);
        var check = Check(connection, request);
        if (check.Outcome != EditOutcome.Applied) return check;
        return Apply(connection, Users.Find(connection, proposal.AuthorId)!, request, reviewer, proposalId);
    }

    /// <summary>Closes a pending proposal as rejected or sent back for changes, with the reason its author will see.</summary>
    public EditResult Decline(User reviewer, long proposalId, string status, string? reason)
    {
        using var connection = store.Open();
        if (!reviewer.Can(Roles.Maintainer)) return new EditResult(EditOutcome.Forbidden, Detail: "Only maintainers and admins review proposals.");
        if (string.IsNullOrWhiteSpace(reason)) return EditResult.Invalid("reason", "is required: the author sees it");
        if (reason.Length > 2000) return EditResult.Invalid("reason", "is longer than 2000 characters");
        var proposal = Proposals.Get(connection, proposalId);
        if (proposal is null) return new EditResult(EditOutcome.NotFound, Detail: $"There is no proposal {proposalId}.");
        if (proposal.Status != ProposalStatus.Pending)
            return EditResult.Invalid("status", $"the proposal is {proposal.Status.Replace('_', ' ')}, not pending");
        using var transaction = connection.BeginTransaction();
        Proposals.Review(connection, transaction, proposalId, status, reviewer.Id, reason.Trim(), null, null, Now());
        transaction.Commit();
        return new EditResult(EditOutcome.Applied, proposal.OrganizationId, ProposalId: proposalId);
    }

    /// <summary>
    /// Undoes one revision as a new revision: each field it changed goes back to its earlier value,
    /// unless a later revision changed that field again (a conflict: nothing is written).
    /// </summary>
    public EditResult Revert(User user, long organizationId, int revision, int? expectedRevision)
    {
        using var connection = store.Open();
        if (!CanApplyDirectly(connection, user, ProposalActions.Update, organizationId))
            return new EditResult(EditOutcome.Forbidden, Detail: "Only editors and above, or the organization's verified claimers, can revert.");
        var current = OrganizationQueries.Get(connection, organizationId);
        if (current is null) return new EditResult(EditOutcome.NotFound, organizationId, Detail: $"There is no organization with id {organizationId}.");
        if (expectedRevision is { } expected && expected != current.Revision)
            return new EditResult(EditOutcome.Conflict, organizationId, current.Revision, Detail: $"The record is at revision {current.Revision}, not {expected}.");
        var entry = Revisions.Get(connection, organizationId, revision);
        if (entry is null) return new EditResult(EditOutcome.NotFound, organizationId, Detail: $"Organization {organizationId} has no revision {revision}.");
        if (entry.Action != "updated" || entry.BeforeJson is null || entry.AfterJson is null)
            return EditResult.Invalid("revision", $"revision {revision} {entry.Action} the record; only changes to its content can be reverted");
        var now = Revisions.Get(connection, organizationId, current.Revision)!.AfterJson!;
        var undone = ThreeWayDiff.Rebase(Parse(entry.AfterJson), Parse(now), Parse(entry.BeforeJson));
        if (undone is null)
            return new EditResult(EditOutcome.Conflict, organizationId, current.Revision,
                Detail: $"A later revision changed the same fields as revision {revision}; edit the record instead.");
        var content = Snapshots.FromJson(undone.ToJsonString());
        var errors = OrganizationValidator.Validate(content).Concat(MissingNetworks(connection, content)).ToList();
        if (errors.Count > 0) return EditResult.Invalid(errors);
        using var transaction = connection.BeginTransaction();
        var written = writer.Update(connection, transaction, organizationId, content,
            new ChangeNote(user.Name, $"Revert revision {revision} ({entry.Summary})", UserId: user.Id), current.Revision);
        transaction.Commit();
        return written.Outcome switch
        {
            WriteOutcome.Conflict => new EditResult(EditOutcome.Conflict, organizationId, written.Revision, Detail: "The record changed meanwhile."),
            WriteOutcome.Unchanged => new EditResult(EditOutcome.Unchanged, organizationId, written.Revision),
            _ => new EditResult(EditOutcome.Applied, organizationId, written.Revision),
        };
    }

    /// <summary>The field-by-field view a reviewer sees; three-way when the record changed since the proposal's base.</summary>
    public ProposalComparison Compare(Proposal proposal)
    {
        using var connection = store.Open();
        var request = ToRequest(proposal);
        var current = request.OrganizationId is { } id ? OrganizationQueries.Get(connection, id) : null;
        if (request.Action == ProposalActions.Create)
        {
            var (content, errors) = OrganizationPatch.Apply(connection, null, request.Patch);
            return new ProposalComparison(false, null, ThreeWayDiff.Of(new JsonObject(), new JsonObject(), FieldDiff.ToObject(content)), errors);
        }
        if (current is null) return new ProposalComparison(true, null, [], [new FieldError("organization_id", "the organization no longer exists")]);
        var now = Parse(Revisions.Get(connection, current.Id, current.Revision)!.AfterJson!);
        if (request.Action != ProposalActions.Update)
            return new ProposalComparison(proposal.BaseRevision is { } b && b != current.Revision, current.Revision, [], []);
        var target = Target(connection, request, current);
        var @base = target.Base ?? now;
        return new ProposalComparison(request.BaseRevision != current.Revision, current.Revision,
            ThreeWayDiff.Of(@base, now, target.Proposed ?? @base), target.Errors ?? []);
    }

    private static EditRequest ToRequest(Proposal p) =>
        new(p.Action, p.OrganizationId, p.BaseRevision, JsonNode.Parse(p.PatchJson), p.Summary, p.MergeInto);

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
