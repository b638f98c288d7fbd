using Coopdir.Core.Edits;

namespace Coopdir.History;

public sealed record FieldChangeDetail(string Field, string? Before, string? After);

/// <summary>GET /api/v1/organizations/{id}/revisions: one revision and what it changed, field by field.</summary>
public sealed record RevisionDetail(
    long OrganizationId, int Revision, string Action, string Author, long? UserId, string Summary, DateTimeOffset CreatedAt,
    long? MergedInto, IReadOnlyList<FieldChangeDetail> Changes)
{
    public static RevisionDetail From(RevisionEntry r) => new(r.OrganizationId, r.Revision, r.Action, r.Author, r.UserId, r.Summary,
        r.CreatedAt, r.MergedInto, r.Changes.Select(c => new FieldChangeDetail(c.Field, c.Before, c.After)).ToList());
}
