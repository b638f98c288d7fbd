using System.Data.Common;
using System.Text.Json.Nodes;
using Coopdir.Core.Accounts;
using Coopdir.Core.Claims;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Edits;

/// <summary>
/// Peer production's rules in one place: who may apply a change directly and who proposes it, how a
/// proposal is approved (carried onto the current version when nothing it touches changed since),
/// rejected, or sent back, and how a revision is undone. Every applied change goes through
/// <see cref="OrganizationWriter"/>, so it is a revision like any other.
/// </summary>
public sealed partial class OrganizationEdits(Store store, TimeProvider clock)
{
    private readonly OrganizationWriter writer = new(store, clock);

    /// <summary>Editors and above change anything directly; a verified claimer changes its own listing.</summary>
    public static bool CanApplyDirectly(DbConnection connection, User user, string action, long? organizationId) =>
        user.Can(Roles.Editor)
        || action == ProposalActions.Update && organizationId is { } id && ListingClaims.IsVerifiedClaimer(connection, id, user.Id);

    /// <summary>
    /// Records a proposal. It is applied at once when its author may apply it directly and it does not
    /// look like spam; otherwise it waits in the review queue.
    /// </summary>
    public EditResult Propose(User author, EditRequest request)
    {
        using var connection = store.Open();
        var check = Check(connection, request);
        if (check.Outcome != EditOutcome.Applied) return check;
        var held = SpamCheck.Reason(request.Patch, request.Summary);
        var queued = Queue(connection, author, request, held);
        if (held is not null || !CanApplyDirectly(connection, author, request.Action, request.OrganizationId)) return queued;
        var applied = Apply(connection, author, request, author, queued.ProposalId);
        // A direct apply that failed (the record changed meanwhile) leaves the proposal in the queue.
        return applied.Outcome is EditOutcome.Applied or EditOutcome.Unchanged ? applied : queued;
    }

    /// <summary>
    /// A direct edit (PATCH, the web form, the CLI): refused unless the author may apply directly;
    /// spam-looking edits are queued instead; a stale base revision is a conflict.
    /// </summary>
    public EditResult ApplyDirectly(User author, EditRequest request)
    {
        using var connection = store.Open();
        if (!CanApplyDirectly(connection, author, request.Action, request.OrganizationId))
            return new EditResult(EditOutcome.Forbidden, Detail: "Only editors, maintainers, admins and the organization's verified claimers can edit directly; propose the change instead.");
        var check = Check(connection, request);
        if (check.Outcome != EditOutcome.Applied) return check;
        if (SpamCheck.Reason(request.Patch, request.Summary) is { } held) return Queue(connection, author, request, held);
        if (request.OrganizationId is { } id && request.BaseRevision is { } expected
            && OrganizationQueries.Get(connection, id) is { } current && current.Revision != expected)
            return new EditResult(EditOutcome.Conflict, id, current.Revision, Detail: $"The record is at revision {current.Revision}, not {expected}.");
        return Apply(connection, author, request, author);
    }

    /// <summary>Checks a request without writing; Applied means it is acceptable.</summary>
    private EditResult Check(DbConnection connection, EditRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Summary)) return EditResult.Invalid("summary", "is required: say what changed and why");
        if (request.Summary.Length > 500) return EditResult.Invalid("summary", "is longer than 500 characters");
        if (!ProposalActions.All.Contains(request.Action))
            return EditResult.Invalid("action", $"'{request.Action}' is not one of {string.Join(", ", ProposalActions.All)}");
        if (request.Action == ProposalActions.Create)
        {
            if (request.OrganizationId is not null) return EditResult.Invalid("organization_id", "must be absent for a new organization");
            var (_, errors) = OrganizationPatch.Apply(connection, null, request.Patch);
            return errors.Count > 0 ? EditResult.Invalid(errors) : new EditResult(EditOutcome.Applied);
        }
        if (request.OrganizationId is not { } id) return EditResult.Invalid("organization_id", "is required");
        var current = OrganizationQueries.Get(connection, id);
        if (current is null) return new EditResult(EditOutcome.NotFound, id, Detail: $"There is no organization with id {id}.");
        if (request.BaseRevision is { } b && (b < 1 || b > current.Revision))
            return EditResult.Invalid("base_revision", $"must be a revision of the record (1 to {current.Revision})");
        switch (request.Action)
        {
            case ProposalActions.Update:
                if (request.BaseRevision is null) return EditResult.Invalid("base_revision", "is required: the revision the patch was written against");
                var (_, errors) = OrganizationPatch.Apply(connection, current, request.Patch);
                return errors.Count > 0 ? EditResult.Invalid(errors) : new EditResult(EditOutcome.Applied);
            case ProposalActions.Merge:
                if (request.MergeInto is not { } into || into == id || OrganizationQueries.Get(connection, into) is null)
                    return EditResult.Invalid("merge_into", "must be the id of another organization that exists");
                return new EditResult(EditOutcome.Applied);
            default:
                return new EditResult(EditOutcome.Applied);
        }
    }

    private EditResult Queue(DbConnection connection, User author, EditRequest request, string? heldBecause)
    {
        using var transaction = connection.BeginTransaction();
        var id = Proposals.Insert(connection, transaction, request.Action, request.OrganizationId, request.MergeInto, request.BaseRevision,
            (request.Patch ?? new JsonObject()).ToJsonString(), request.Summary.Trim(), author.Id, ProposalStatus.Pending, heldBecause, Now());
        transaction.Commit();
        return new EditResult(EditOutcome.Queued, request.OrganizationId, ProposalId: id,
            Detail: heldBecause is null ? "Waiting for review." : $"Held for review because {heldBecause}.");
    }

    /// <summary>Writes a checked request, crediting <paramref name="author"/>; a stale base is carried forward or is a conflict.</summary>
    private EditResult Apply(DbConnection connection, User author, EditRequest request, User actor, long? proposalId = null)
    {
        var summary = actor.Id == author.Id ? request.Summary.Trim() : $"{request.Summary.Trim()} (approved by {actor.Name})";
        var note = new ChangeNote(author.Name, summary, UserId: author.Id);
        OrganizationContent? content = null;
        int? expected = null;
        if (request.Action == ProposalActions.Create)
            content = OrganizationPatch.Apply(connection, null, request.Patch).Content;
        else if (request.Action == ProposalActions.Update)
        {
            var target = Target(connection, request);
            if (target.Conflict is not null) return target.Conflict;
            (content, expected) = (target.Content, target.Revision);
            if (content is null) return EditResult.Invalid(target.Errors!);
        }

        using var transaction = connection.BeginTransaction();
        var written = request.Action switch
        {
            ProposalActions.Create => writer.Create(connection, transaction, content!, note),
            ProposalActions.Update => writer.Update(connection, transaction, request.OrganizationId!.Value, content!, note, expected),
            ProposalActions.Merge => writer.Merge(connection, transaction, request.OrganizationId!.Value, request.MergeInto!.Value, note),
            _ => writer.Delete(connection, transaction, request.OrganizationId!.Value, note, request.BaseRevision),
        };
        if (written.Outcome == WriteOutcome.Conflict)
            return new EditResult(EditOutcome.Conflict, written.Id, written.Revision, Detail: $"The record changed meanwhile; it is now at revision {written.Revision}.");
        if (written.Outcome == WriteOutcome.NotFound)
            return new EditResult(EditOutcome.NotFound, written.Id, Detail: $"There is no organization with id {written.Id}.");
        if (proposalId is not null)
            Proposals.Review(connection, transaction, proposalId.Value, ProposalStatus.Approved, actor.Id, null, written.Revision, written.Id, Now());
        transaction.Commit();
        return new EditResult(written.Outcome == WriteOutcome.Unchanged ? EditOutcome.Unchanged : EditOutcome.Applied,
            written.Id, written.Revision, proposalId);
    }

    private string Now() => clock.GetUtcNow().ToString("O");
}
