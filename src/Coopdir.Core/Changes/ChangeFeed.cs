using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Changes;

/// <summary>
/// Every revision in commit order, after a cursor. The cursor is the revision's id: ids are handed
/// out in commit order because writers write their revisions last, taking turns (<see cref="Data.WrittenLast"/>),
/// so a follower that remembers the last id it saw never skips a change.
/// </summary>
public static class ChangeFeed
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Checks since and limit as they arrive, naming each one that is wrong.</summary>
    public static (long After, int Limit, IReadOnlyList<FieldError> Errors) Parse(string? since, string? limit)
    {
        var errors = new List<FieldError>();
        long after = 0;
        if (!string.IsNullOrEmpty(since) && !TryParseCursor(since, out after))
            errors.Add(new FieldError("since", $"'{Shorten(since)}' is not a cursor from this feed (use the 'next' of a previous page, or leave it out to start from the beginning)"));
        var size = DefaultLimit;
        if (!string.IsNullOrEmpty(limit) &&
            (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
            errors.Add(new FieldError("limit", $"must be a whole number from 1 to {MaxLimit}"));
        return (after, size, errors);
    }

    public static string Cursor(long revisionId) => revisionId.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseCursor(string cursor, out long after) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after);

    private sealed class RevisionRow
    {
        public long Id { get; set; }
        public long OrganizationId { get; set; }
        public int Revision { get; set; }
        public string Action { get; set; } = "";
        public string Author { get; set; } = "";
        public string Summary { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? AfterJson { get; set; }
        public long? MergedInto { get; set; }
    }

    public static async Task<ChangePage> ReadAsync(DbConnection connection, long after, int limit)
    {
        // One row more than asked for says whether another page is waiting.
        var rows = (await connection.QueryAsync<RevisionRow>("""
            SELECT id, organization_id AS OrganizationId, revision, action, author, summary, created_at AS CreatedAt,
                after_json AS AfterJson, merged_into AS MergedInto
            FROM revisions WHERE id > @after ORDER BY id LIMIT @take
            """, new { after, take = limit + 1 })).AsList();
        var page = rows.Take(limit).ToList();
        var records = page.ToDictionary(r => r.Id, r => r.AfterJson is null ? (JsonElement?)null : JsonDocument.Parse(r.AfterJson).RootElement.Clone());
        var sourceIds = records.Values
            .Select(r => r is { } record && record.TryGetProperty("source_id", out var id) ? id.GetInt64() : (long?)null)
            .OfType<long>().ToList();
        var sources = sourceIds.Count == 0
            ? new Dictionary<long, ChangeSource>()
            : (await SourceRegistry.WithIdsAsync(connection, sourceIds)).ToDictionary(s => s.Id, ChangeSource.From);

        var changes = page.Select(r =>
        {
            var record = records[r.Id];
            var source = record is { } json && json.TryGetProperty("source_id", out var id) ? sources.GetValueOrDefault(id.GetInt64()) : null;
            return new Change(Cursor(r.Id), r.OrganizationId, r.Revision, r.Action, DateTimeOffset.Parse(r.CreatedAt, CultureInfo.InvariantCulture),
                r.Author, r.Summary, r.MergedInto, record, source);
        }).ToList();
        var next = page.Count == 0 ? Cursor(after) : Cursor(page[^1].Id);
        return new ChangePage(changes, next, rows.Count > limit);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
