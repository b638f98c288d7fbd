using System.Data.Common;
using System.Globalization;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.Edits;

/// <summary>Reads and writes proposal rows; <see cref="OrganizationEdits"/> decides what happens to them.</summary>
public static class Proposals
{
    private const string Select = """
        SELECT p.id AS Id, p.action AS Action, p.organization_id AS OrganizationId, p.merge_into AS MergeInto,
               p.base_revision AS BaseRevision, p.patch_json AS PatchJson, p.summary AS Summary, p.author_id AS AuthorId,
               a.name AS AuthorName, p.status AS Status, p.held_because AS HeldBecause, p.reason AS Reason,
               r.name AS ReviewerName, p.applied_revision AS AppliedRevision, p.created_at AS CreatedAt, p.reviewed_at AS ReviewedAt,
               o.name AS OrganizationName, m.name AS MergeIntoName
        FROM proposals p
        JOIN users a ON a.id = p.author_id
        LEFT JOIN users r ON r.id = p.reviewer_id
        LEFT JOIN organizations o ON o.id = p.organization_id
        LEFT JOIN organizations m ON m.id = p.merge_into
        """;

    public static async Task<Proposal?> GetAsync(DbConnection connection, long id) =>
        (await connection.QueryAsync<Row>($"{Select} WHERE p.id = @id", new { id })).Select(r => r.ToProposal()).SingleOrDefault();

    /// <summary>Inside a write: sees what the session wrote.</summary>
    public static async Task<Proposal?> GetAsync(WriteSession session, long id) => await GetAsync(await session.ReadingAsync(), id);

    /// <summary>
    /// A page of the queue, oldest first so it is worked in the order it filled, without the patches (each may be up
    /// to an edit's body limit): what a list shows is who proposed what and why, and the proposal's own page shows the rest.
    /// A new organization's patch is read, for the name it proposes.
    /// </summary>
    public static async Task<IReadOnlyList<Proposal>> HeadersWithStatusAsync(DbConnection connection, string status, int limit, int offset) =>
        (await connection.QueryAsync<Row>($"{Select.Replace("p.patch_json AS PatchJson", "CASE WHEN p.action = 'create' THEN p.patch_json ELSE '{}' END AS PatchJson")} WHERE p.status = @status ORDER BY p.id LIMIT @limit OFFSET @offset",
            new { status, limit, offset })).Select(r => r.ToProposal()).ToList();

    /// <summary>The pending proposals about an organization (to change, merge or remove it), oldest first.</summary>
    public static async Task<IReadOnlyList<long>> PendingForAsync(DbConnection connection, long organizationId) =>
        (await connection.QueryAsync<long>("SELECT id FROM proposals WHERE organization_id = @organizationId AND status = 'pending' ORDER BY id LIMIT 10",
            new { organizationId })).ToList();

    public static Task<long> CountWithStatusAsync(DbConnection connection, string status) =>
        connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM proposals WHERE status = @status", new { status });

    public static async Task<IReadOnlyList<Proposal>> ByAuthorAsync(DbConnection connection, long authorId, int limit = 200) =>
        (await connection.QueryAsync<Row>($"{Select} WHERE p.author_id = @authorId ORDER BY p.id DESC LIMIT @limit", new { authorId, limit }))
            .Select(r => r.ToProposal()).ToList();

    internal static Task<long> InsertAsync(WriteSession session, string action, long? organizationId, long? mergeInto,
        int? baseRevision, string patchJson, string summary, long authorId, string status, string? heldBecause, string now) =>
        session.ScalarAsync<long>("""
            INSERT INTO proposals (action, organization_id, merge_into, base_revision, patch_json, summary, author_id, status, held_because, created_at)
            VALUES (@action, @organizationId, @mergeInto, @baseRevision, @patchJson, @summary, @authorId, @status, @heldBecause, @now)
            RETURNING id
            """, new { action, organizationId, mergeInto, baseRevision, patchJson, summary, authorId, status, heldBecause, now });

    internal static Task ReviewAsync(WriteSession session, long id, string status, long reviewerId,
        string? reason, int? appliedRevision, long? organizationId, string now) =>
        session.ExecuteAsync("""
            UPDATE proposals SET status = @status, reviewer_id = @reviewerId, reason = @reason, applied_revision = @appliedRevision,
                organization_id = COALESCE(organization_id, @organizationId), reviewed_at = @now
            WHERE id = @id
            """, new { id, status, reviewerId, reason, appliedRevision, organizationId, now });

    private sealed class Row
    {
        public long Id { get; set; }
        public string Action { get; set; } = "";
        public long? OrganizationId { get; set; }
        public long? MergeInto { get; set; }
        public int? BaseRevision { get; set; }
        public string PatchJson { get; set; } = "{}";
        public string Summary { get; set; } = "";
        public long AuthorId { get; set; }
        public string AuthorName { get; set; } = "";
        public string Status { get; set; } = "";
        public string? HeldBecause { get; set; }
        public string? Reason { get; set; }
        public string? ReviewerName { get; set; }
        public int? AppliedRevision { get; set; }
        public string CreatedAt { get; set; } = "";
        public string? ReviewedAt { get; set; }
        public string? OrganizationName { get; set; }
        public string? MergeIntoName { get; set; }

        public Proposal ToProposal() => new(Id, Action, OrganizationId, MergeInto, BaseRevision, PatchJson, Summary, AuthorId, AuthorName,
            Status, HeldBecause, Reason, ReviewerName, AppliedRevision, Parse(CreatedAt), ReviewedAt is null ? null : Parse(ReviewedAt),
            OrganizationName ?? (Action == ProposalActions.Create ? ProposedName(PatchJson) : null), MergeIntoName);
    }

    private static string? ProposedName(string patchJson)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(patchJson) is System.Text.Json.Nodes.JsonObject patch
                && patch["name"] is System.Text.Json.Nodes.JsonValue name && name.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
