using System.Data.Common;
using Coopdir.Core.Edits;
using Coopdir.Core.Organizations;
using Dapper;

namespace Coopdir.Core.Relationships;

/// <summary>Which relationships a list shows: any of type, status, subject and object, a page at a time.</summary>
public sealed record RelationshipFilter(string? Type = null, RelationshipStatusCode? Status = null, long? Subject = null, long? Object = null);

/// <summary>One step in a relationship's history: the subject's revision that changed it, and its status before and after.</summary>
public sealed record RelationshipStep(
    long SubjectId, int Revision, DateTimeOffset At, string Author, string Summary,
    RelationshipStatusCode? Before, RelationshipStatusCode? After, Assertion? Added);

/// <summary>Reads relationships for the API and the pages, one read path per view.</summary>
public static class RelationshipQueries
{
    public const int PageSize = 50;

    private const string Select = """
        SELECT r.id, r.type, r.subject_id, s.name, r.object_id, o.name, r.start_date, r.end_date, r.note, r.assertions
        FROM relationships r
        JOIN organizations s ON s.id = r.subject_id
        JOIN organizations o ON o.id = r.object_id
        """;

    public static async Task<RelationshipView?> GetAsync(DbConnection connection, long id) =>
        (await QueryAsync(connection, $"{Select} WHERE r.id = @id", new { id })).SingleOrDefault();

    /// <summary>A page of relationships in id order, and how many match.</summary>
    public static async Task<(IReadOnlyList<RelationshipView> Items, long Total)> ListAsync(DbConnection connection, RelationshipFilter filter, int page)
    {
        var where = new List<string>();
        if (filter.Type is not null) where.Add("r.type = @Type");
        if (filter.Status is not null) where.Add("r.status = @status");
        if (filter.Subject is not null) where.Add("r.subject_id = @Subject");
        if (filter.Object is not null) where.Add("r.object_id = @Object");
        var clause = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        var values = new DynamicParameters(filter);
        values.Add("status", filter.Status is { } s ? RelationshipText.Of(s) : null);
        values.Add("offset", (page - 1) * PageSize);
        values.Add("limit", PageSize);
        var items = await QueryAsync(connection, $"{Select} {clause} ORDER BY r.id LIMIT @limit OFFSET @offset", values);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM relationships r {clause}", values);
        return (items, total);
    }

    /// <summary>Every revision of the subject that changed this relationship, newest first.</summary>
    public static async Task<IReadOnlyList<RelationshipStep>> HistoryAsync(DbConnection connection, RelationshipView relationship)
    {
        var steps = new List<RelationshipStep>();
        foreach (var entry in await Revisions.OfAsync(connection, relationship.SubjectId))
        {
            var before = Find(entry.BeforeJson, relationship.Id);
            var after = Find(entry.AfterJson, relationship.Id);
            if (before is null && after is null || before is not null && after is not null && Json(before) == Json(after)) continue;
            var added = after is not null && after.Assertions.Count > (before?.Assertions.Count ?? 0) ? after.Assertions[^1] : null;
            steps.Add(new RelationshipStep(entry.OrganizationId, entry.Revision, entry.CreatedAt, entry.Author, entry.Summary,
                before?.State.Status, after?.State.Status, added));
        }
        return steps;
    }

    private static Relationship? Find(string? snapshot, long id) =>
        snapshot is null ? null : Snapshots.FromJson(snapshot).Relationships.FirstOrDefault(r => r.Id == id);

    private static string Json(Relationship r) => System.Text.Json.JsonSerializer.Serialize(r, Snapshots.Options);

    private static async Task<IReadOnlyList<RelationshipView>> QueryAsync(DbConnection connection, string sql, object values)
    {
        var views = new List<RelationshipView>();
        await using var reader = await connection.ExecuteReaderAsync(sql, values);
        while (await reader.ReadAsync())
        {
            var assertions = Snapshots.AssertionsFromJson(reader.GetString(9));
            views.Add(new RelationshipView(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                reader.GetInt64(4), reader.GetString(5), Text(reader, 6), Text(reader, 7), Text(reader, 8),
                RelationshipStatus.Of(assertions), assertions));
        }
        return views;
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
