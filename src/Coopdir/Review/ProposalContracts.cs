using System.Text.Json.Nodes;
using Coopdir.Core.Edits;

namespace Coopdir.Review;

/// <summary>POST /api/v1/proposals. Without organization_id it proposes a new organization; action defaults accordingly.</summary>
public sealed record ProposalRequest(long? OrganizationId, int? BaseRevision, JsonNode? Patch, string? Summary, string? Action = null, long? MergeInto = null)
{
    public EditRequest ToEdit() => new(Action ?? (OrganizationId is null ? ProposalActions.Create : ProposalActions.Update),
        OrganizationId, BaseRevision, Patch, Summary ?? "", MergeInto);
}

/// <summary>POST /api/v1/proposals/{id}/reject and /request-changes.</summary>
public sealed record ReviewRequest(string? Reason);

public sealed record FieldComparison(string Field, string? Base, string? Current, string? Proposed, bool Conflict);

/// <summary>A proposal; organization_name is the record's current name, or the name a new organization is proposed with.</summary>
public sealed record ProposalResponse(
    long Id, string Action, long? OrganizationId, string? OrganizationName, long? MergeInto, int? BaseRevision, JsonNode? Patch, string Summary,
    string Author, string Status, string? HeldBecause, string? Reason, string? Reviewer, int? AppliedRevision,
    DateTimeOffset CreatedAt, DateTimeOffset? ReviewedAt, bool? Stale, int? CurrentRevision, IReadOnlyList<FieldComparison>? Changes)
{
    public static ProposalResponse From(Proposal p, ProposalComparison? comparison = null) => new(
        p.Id, p.Action, p.OrganizationId, p.OrganizationName, p.MergeInto, p.BaseRevision, JsonNode.Parse(p.PatchJson), p.Summary, p.AuthorName, p.Status,
        p.HeldBecause, p.Reason, p.ReviewerName, p.AppliedRevision, p.CreatedAt, p.ReviewedAt,
        comparison?.Stale, comparison?.CurrentRevision,
        comparison?.Fields.Select(f => new FieldComparison(f.Field, f.Base, f.Current, f.Proposed, f.Conflict)).ToList());

    /// <summary>A proposal in a list: everything but the patch, which only GET /api/v1/proposals/{id} carries.</summary>
    public static ProposalResponse Header(Proposal p) => From(p) with { Patch = null };
}
