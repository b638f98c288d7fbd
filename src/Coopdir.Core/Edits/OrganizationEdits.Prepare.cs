using System.Data.Common;
using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Edits;

public sealed partial class OrganizationEdits
{
    /// <summary>
    /// An edit ready to write, or why it cannot be. <see cref="Refusal"/> ends the edit (invalid, not
    /// found); <see cref="Conflict"/> only stops it being written now (a proposal still waits for review).
    /// For an update, <see cref="Content"/> is the patch applied at its base revision and carried onto
    /// the current one, <see cref="Current"/> the record it was carried onto; Base and Proposed are
    /// revision snapshots for the reviewer's three-way view.
    /// </summary>
    private sealed record PreparedEdit(
        EditResult? Refusal = null, EditResult? Conflict = null, OrganizationContent? Content = null, Organization? Current = null,
        JsonObject? Base = null, JsonObject? Now = null, JsonObject? Proposed = null);

    /// <summary>
    /// The one step every edit takes before it writes (propose, apply directly, approve, compare): the
    /// record is read once, the patch applied (and, if the record moved on since the patch's base, rebased)
    /// once, the result validated once. A direct edit is not rebased: a stale base is a conflict.
    /// </summary>
    /// <param name="current">The record, when the caller has read it already.</param>
    private static async Task<PreparedEdit> PrepareAsync(DbConnection connection, EditRequest request, bool rebase, Organization? current = null)
    {
        if (string.IsNullOrWhiteSpace(request.Summary)) return Refused(EditResult.Invalid("summary", "is required: say what changed and why"));
        if (request.Summary.Length > Input.InputLimits.Summary) return Refused(EditResult.Invalid("summary", $"is longer than {Input.InputLimits.Summary} characters"));
        if (PlainText.Problem(request.Summary) is { } problem) return Refused(EditResult.Invalid("summary", problem));
        if (!ProposalActions.All.Contains(request.Action))
            return Refused(EditResult.Invalid("action", $"'{request.Action}' is not one of {string.Join(", ", ProposalActions.All)}"));
        if (request.Action == ProposalActions.Create)
        {
            if (request.OrganizationId is not null) return Refused(EditResult.Invalid("organization_id", "must be absent for a new organization"));
            var (created, shapeErrors) = OrganizationPatch.Apply(null, request.Patch);
            if (created is null) return Refused(EditResult.Invalid(shapeErrors));
            var errors = await ValidateAsync(connection, created, null);
            return errors.Count > 0 ? Refused(EditResult.Invalid(errors)) : new PreparedEdit(Content: created);
        }
        if (request.OrganizationId is not { } id) return Refused(EditResult.Invalid("organization_id", "is required"));
        current ??= await OrganizationQueries.GetAsync(connection, id);
        if (current is null) return Refused(NotFound(id));
        if (request.BaseRevision is { } b && (b < 1 || b > current.Revision))
            return Refused(EditResult.Invalid("base_revision", $"must be a revision of the record (1 to {current.Revision})"));
        // A direct edit without a base revision (If-Match: *) applies to whatever revision is current.
        if (!rebase && request.BaseRevision is null) request = request with { BaseRevision = current.Revision };
        var stale = request.BaseRevision is { } given && given != current.Revision;
        switch (request.Action)
        {
            case ProposalActions.Update:
                if (request.BaseRevision is null) return Refused(EditResult.Invalid("base_revision", "is required: the revision the patch was written against"));
                return await PrepareUpdateAsync(connection, request, current, rebase);
            case ProposalActions.Merge:
                if (request.MergeInto is not { } into || into == id || await OrganizationQueries.GetAsync(connection, into) is null)
                    return Refused(EditResult.Invalid("merge_into", "must be the id of another organization that exists"));
                return new PreparedEdit(Current: current, Conflict: stale && !rebase ? StaleBase(current, request) : null);
            default:
                return new PreparedEdit(Current: current, Conflict: stale ? StaleBase(current, request) : null);
        }
    }

    private static async Task<PreparedEdit> PrepareUpdateAsync(DbConnection connection, EditRequest request, Organization current, bool rebase)
    {
        var id = current.Id;
        var baseRevision = request.BaseRevision!.Value;
        var now = Snapshot(await Revisions.GetAsync(connection, id, current.Revision));
        var stale = baseRevision != current.Revision;
        // A direct edit is checked against the record as it is; a stale one is a conflict once its patch is known to be valid.
        var atBase = stale && rebase ? Snapshot(await Revisions.GetAsync(connection, id, baseRevision)) : now;
        var baseContent = Snapshots.FromJson(atBase.ToJsonString());
        var asOfBase = current with { Content = baseContent };
        var (patched, shapeErrors) = OrganizationPatch.Apply(asOfBase, request.Patch);
        if (patched is null) return Refused(EditResult.Invalid(shapeErrors));
        var proposed = FieldDiff.ToObject(patched);
        var content = patched;
        var rebased = stale && rebase ? ThreeWayDiff.Rebase(atBase, now, proposed) : null;
        if (rebased is not null) content = Snapshots.FromJson(rebased.ToJsonString());
        // Validated once: what will be written, or (when fields clash) the patch as written, so an
        // invalid proposal is refused whatever changed since.
        var errors = await ValidateAsync(connection, content, id);
        if (errors.Count > 0) return new PreparedEdit(Refusal: EditResult.Invalid(errors), Current: current, Base: atBase, Now: now, Proposed: proposed);
        var conflict = stale && rebase && rebased is null
            ? new EditResult(EditOutcome.Conflict, id, current.Revision, Record: current,
                Detail: $"Fields this change touches were changed since revision {baseRevision}; the record is now at revision {current.Revision}.")
            : stale && !rebase ? StaleBase(current, request) : null;
        return new PreparedEdit(Content: conflict is null ? content : null, Current: current, Base: atBase, Now: now, Proposed: proposed, Conflict: conflict);
    }

    /// <summary>Everything a written record must satisfy: the validator's rules, and relationships with organizations that exist.</summary>
    private static async Task<List<FieldError>> ValidateAsync(DbConnection connection, OrganizationContent content, long? self)
    {
        var errors = OrganizationValidator.Validate(content).ToList();
        for (var i = 0; i < content.Relationships.Count; i++)
        {
            var objectId = content.Relationships[i].ObjectId;
            if (objectId == self)
                errors.Add(new($"relationships[{i}].object_id", "an organization cannot be related to itself"));
            else if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organizations WHERE id = @objectId", new { objectId }) == 0)
                errors.Add(new($"relationships[{i}].object_id", $"there is no organization with id {objectId}"));
        }
        return errors;
    }

    private static PreparedEdit Refused(EditResult result) => new(Refusal: result);

    private static EditResult NotFound(long id) => new(EditOutcome.NotFound, id, Detail: $"There is no organization with id {id}.");

    private static EditResult StaleBase(Organization current, EditRequest request) =>
        new(EditOutcome.Conflict, current.Id, current.Revision, Detail: $"The record is at revision {current.Revision}, not {request.BaseRevision}.", Record: current);

    private static JsonObject Snapshot(RevisionEntry? revision) => JsonNode.Parse(revision!.AfterJson!)!.AsObject();
}
