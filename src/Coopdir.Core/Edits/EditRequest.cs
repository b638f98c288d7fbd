using System.Text.Json.Nodes;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Edits;

/// <summary>
/// A change to the directory, as proposed or applied: <see cref="Action"/> is create (Patch is the new
/// record), update (Patch is a merge patch over the record at BaseRevision), merge (OrganizationId
/// folds into MergeInto) or delete.
/// </summary>
public sealed record EditRequest(string Action, long? OrganizationId, int? BaseRevision, JsonNode? Patch, string Summary, long? MergeInto = null);

public enum EditOutcome { Applied, Unchanged, Queued, Invalid, NotFound, Conflict, Forbidden }

/// <summary>
/// What an edit did. Applied: the organization and its new revision, and <see cref="Record"/> as written
/// (null when the edit deleted it). Queued: the proposal waiting for review. Conflict: the current revision and record.
/// </summary>
public sealed record EditResult(
    EditOutcome Outcome,
    long? OrganizationId = null,
    int Revision = 0,
    long? ProposalId = null,
    IReadOnlyList<FieldError>? Errors = null,
    string? Detail = null,
    Organization? Record = null)
{
    public static EditResult Invalid(string field, string message) => new(EditOutcome.Invalid, Errors: [new FieldError(field, message)]);
    public static EditResult Invalid(IReadOnlyList<FieldError> errors) => new(EditOutcome.Invalid, Errors: errors);
}
