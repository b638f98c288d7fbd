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

/// <summary>
/// Which slice of a newest-first list to read: the newest, those older than a key, or those newer than it. Keys
/// (a record's revision number, or a revision's id across the directory) are stable, so a link to a page stays
/// right while new changes arrive.
/// </summary>
public sealed record RevisionWindow(long? Before = null, long? After = null)
{
    public const int Size = 50;
}

/// <summary>A page of revisions, newest first, with the keys that link to the older and the newer page when there is one.</summary>
public sealed record RevisionPage(IReadOnlyList<RevisionEntry> Entries, long? OlderBefore, long? NewerAfter);

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

    /// <summary>Every revision of a record, newest first: for checks inside the product. People and the API read <see cref="PageOfAsync"/>.</summary>
    public static Task<IReadOnlyList<RevisionEntry>> OfAsync(DbConnection connection, long organizationId) =>
        QueryAsync(connection, $"{Select} WHERE organization_id = @organizationId ORDER BY revision DESC", new { organizationId });

    /// <summary>Whether the record has any history (a merged or removed record keeps its own).</summary>
    public static async Task<bool> ExistsAsync(DbConnection connection, long organizationId) =>
        await connection.ExecuteScalarAsync<long?>("SELECT 1 FROM revisions WHERE organization_id = @organizationId LIMIT 1", new { organizationId }) is not null;

    /// <summary>The record's name as of its newest revision, for the heading of any page of its history.</summary>
    public static async Task<string?> CurrentNameAsync(DbConnection connection, long organizationId) =>
        (await QueryAsync(connection, $"{Select} WHERE organization_id = @organizationId ORDER BY revision DESC LIMIT 1", new { organizationId }))
            .FirstOrDefault()?.OrganizationName;

    /// <summary>One page of a record's history, keyed by revision number.</summary>
    public static Task<RevisionPage> PageOfAsync(DbConnection connection, long organizationId, RevisionWindow window) =>
        PageAsync(connection, "organization_id = @organizationId", "revision", r => r.Revision, window, new { organizationId });

    /// <summary>One page of the changes to the whole directory, keyed by revision id, optionally of one action only.</summary>
    public static Task<RevisionPage> ChangesAsync(DbConnection connection, RevisionWindow window, string? action = null) =>
        PageAsync(connection, action is null ? "1 = 1" : "action = @action", "id", r => r.Id, window, new { action });

    /// <summary>The latest changes to the whole directory, newest first.</summary>
    public static Task<IReadOnlyList<RevisionEntry>> RecentAsync(DbConnection connection, int limit) =>
        QueryAsync(connection, $"{Select} ORDER BY id DESC LIMIT @limit", new { limit });

    // One more row than a page tells whether there is another page beyond it; reading newer pages goes upwards from the
    // key and is turned round, so every page is newest first.
    private static async Task<RevisionPage> PageAsync(
        DbConnection connection, string where, string key, Func<RevisionEntry, long> keyOf, RevisionWindow window, object filter)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("limit", RevisionWindow.Size + 1);
        parameters.Add("key", window.After ?? window.Before);
        var sql = window switch
        {
            { After: not null } => $"{Select} WHERE {where} AND {key} > @key ORDER BY {key} LIMIT @limit",
            { Before: not null } => $"{Select} WHERE {where} AND {key} < @key ORDER BY {key} DESC LIMIT @limit",
            _ => $"{Select} WHERE {where} ORDER BY {key} DESC LIMIT @limit",
        };
        var rows = (await QueryAsync(connection, sql, parameters)).ToList();
        var more = rows.Count > RevisionWindow.Size;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (window.After is not null) rows.Reverse();
        if (rows.Count == 0) return new RevisionPage(rows, null, null);
        // The far side of the read was counted by the extra row; the near side (the way the reader came) is asked.
        var hasOlder = window.After is null ? more : await AnyAsync(connection, $"{where} AND {key} < @edge", filter, keyOf(rows[^1]));
        var hasNewer = window.After is not null ? more : window.Before is not null && await AnyAsync(connection, $"{where} AND {key} > @edge", filter, keyOf(rows[0]));
        return new RevisionPage(rows, hasOlder ? keyOf(rows[^1]) : null, hasNewer ? keyOf(rows[0]) : null);
    }

    private static async Task<bool> AnyAsync(DbConnection connection, string where, object filter, long edge)
    {
        var parameters = new DynamicParameters(filter);
        parameters.Add("edge", edge);
        return await connection.ExecuteScalarAsync<long?>($"SELECT 1 FROM revisions WHERE {where} LIMIT 1", parameters) is not null;
    }

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
