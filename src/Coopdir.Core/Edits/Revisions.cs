using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;

namespace Coopdir.Core.Edits;

/// <summary>One revision of one organization, with the record's name as of that revision for display.</summary>
public sealed record RevisionEntry(
    long Id, long OrganizationId, int Revision, string Action, string Author, long? UserId, string Summary,
    DateTimeOffset CreatedAt, string? BeforeJson, string? AfterJson, long? MergedInto)
{
    public string OrganizationName =>
        (JsonNode.Parse(AfterJson ?? BeforeJson ?? "{}")?["name"]?.GetValue<string>()) ?? $"Organization {OrganizationId}";

    public IReadOnlyList<FieldChange> Changes => FieldDiff.Between(
        BeforeJson is null ? new JsonObject() : JsonNode.Parse(BeforeJson)!.AsObject(),
        AfterJson is null ? new JsonObject() : JsonNode.Parse(AfterJson)!.AsObject());
}

/// <summary>The history: one record's revisions, everyone's recent changes, one person's contributions.</summary>
public static class Revisions
{
    private const string Select = """
        SELECT id AS Id, organization_id AS OrganizationId, revision AS Revision, action AS Action, author AS Author,
               user_id AS UserId, summary AS Summary, created_at AS CreatedAt, before_json AS BeforeJson,
               after_json AS AfterJson, merged_into AS MergedInto
        FROM revisions
        """;

    public static async Task<RevisionEntry?> GetAsync(DbConnection connection, long organizationId, int revision) =>
        (await QueryAsync(connection, $"{Select} WHERE organization_id = @organizationId AND revision = @revision", new { organizationId, revision }))
            .SingleOrDefault();

    /// <summary>Newest first.</summary>
    public static Task<IReadOnlyList<RevisionEntry>> OfAsync(DbConnection connection, long organizationId) =>
        QueryAsync(connection, $"{Select} WHERE organization_id = @organizationId ORDER BY revision DESC", new { organizationId });

    /// <summary>The latest changes to the whole directory, newest first.</summary>
    public static Task<IReadOnlyList<RevisionEntry>> RecentAsync(DbConnection connection, int limit) =>
        QueryAsync(connection, $"{Select} ORDER BY id DESC LIMIT @limit", new { limit });

    public static Task<IReadOnlyList<RevisionEntry>> ByUserAsync(DbConnection connection, long userId, int limit) =>
        QueryAsync(connection, $"{Select} WHERE user_id = @userId ORDER BY id DESC LIMIT @limit", new { userId, limit });

    private static async Task<IReadOnlyList<RevisionEntry>> QueryAsync(DbConnection connection, string sql, object parameters) =>
        (await connection.QueryAsync<Row>(sql, parameters)).Select(r => new RevisionEntry(r.Id, r.OrganizationId, r.Revision, r.Action, r.Author,
            r.UserId, r.Summary, DateTimeOffset.Parse(r.CreatedAt, CultureInfo.InvariantCulture), r.BeforeJson, r.AfterJson, r.MergedInto)).ToList();

    private sealed class Row
    {
        public long Id { get; set; }
        public long OrganizationId { get; set; }
        public int Revision { get; set; }
        public string Action { get; set; } = "";
        public string Author { get; set; } = "";
        public long? UserId { get; set; }
        public string Summary { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? BeforeJson { get; set; }
        public string? AfterJson { get; set; }
        public long? MergedInto { get; set; }
    }
}
