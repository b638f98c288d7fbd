namespace Coopdir.Core.Edits;

public static class ProposalActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Merge = "merge";
    public const string Delete = "delete";
    /// <summary>A new relationship, proposed by someone who cannot add it directly (Relationships/RelationshipEdits); not through the proposals API.</summary>
    public const string Relate = "relate";
    public static readonly IReadOnlyList<string> All = [Create, Update, Merge, Delete];
}

public static class ProposalStatus
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string ChangesRequested = "changes_requested";
    public static readonly IReadOnlyList<string> All = [Pending, Approved, Rejected, ChangesRequested];
}

/// <summary>
/// A change someone asked for: a new organization, a merge patch to one, a merge of a duplicate into
/// another, or a removal; with its review. <see cref="HeldBecause"/> says why it was held for review
/// even though its author could have applied it (it looks like spam). <see cref="OrganizationName"/> is the record's
/// current name, or for a new organization the name proposed; <see cref="MergeIntoName"/> the survivor's.
/// </summary>
public sealed record Proposal(
    long Id,
    string Action,
    long? OrganizationId,
    long? MergeInto,
    int? BaseRevision,
    string PatchJson,
    string Summary,
    long AuthorId,
    string AuthorName,
    string Status,
    string? HeldBecause,
    string? Reason,
    string? ReviewerName,
    int? AppliedRevision,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReviewedAt,
    string? OrganizationName = null,
    string? MergeIntoName = null);
