using System.Data.Common;
using System.Text.Json;
using Coopdir.Core.Changes;
using Dapper;

namespace Coopdir.Core.CivicProblems;

/// <summary>One revision of one problem, as the problems' changes feed gives it.</summary>
/// <param name="Action">posted, responded, accepted, solved or closed.</param>
/// <param name="Record">The problem's public record after the change.</param>
public sealed record ProblemChange(string Cursor, long ProblemId, int Revision, string Action, DateTimeOffset At, string Author, string Summary,
    JsonElement Record);

public sealed record ProblemChangePage(IReadOnlyList<ProblemChange> Changes, string Next, bool HasMore);

/// <summary>
/// Problems' revisions after a cursor, in commit order: the same paging, cursor rules and limits as the
/// organizations' feed (<see cref="ChangeFeed"/>), over a sequence of its own. Problems are not organizations,
/// so a mirror that follows organizations is not sent them; a follower of problems keeps its own cursor.
/// </summary>
public static class ProblemChanges
{
    public static async Task<ProblemChangePage> ReadAsync(DbConnection connection, long after, int limit)
    {
        var rows = (await connection.QueryAsync<Row>("""
            SELECT id AS Id, problem_id AS ProblemId, revision AS Revision, action AS Action, author AS Author, summary AS Summary,
                   created_at AS CreatedAt, after_json AS AfterJson
            FROM problem_revisions WHERE id > @after ORDER BY id LIMIT @take
            """, new { after, take = limit + 1 })).AsList();
        var page = rows.Take(limit).Select(r => new ProblemChange(ChangeFeed.Cursor(r.Id), r.ProblemId, r.Revision, r.Action,
            ProblemQueries.Parse(r.CreatedAt), r.Author, r.Summary, JsonDocument.Parse(r.AfterJson).RootElement.Clone())).ToList();
        return new ProblemChangePage(page, page.Count == 0 ? ChangeFeed.Cursor(after) : page[^1].Cursor, rows.Count > limit);
    }

    /// <summary>One problem's revisions, newest first: its history page.</summary>
    public static async Task<IReadOnlyList<ProblemRevision>> OfAsync(DbConnection connection, long problemId) =>
        (await connection.QueryAsync<Row>("""
            SELECT id AS Id, problem_id AS ProblemId, revision AS Revision, action AS Action, author AS Author, summary AS Summary,
                   created_at AS CreatedAt, before_json AS BeforeJson, after_json AS AfterJson
            FROM problem_revisions WHERE problem_id = @problemId ORDER BY revision DESC
            """, new { problemId })).Select(r => new ProblemRevision(r.Revision, r.Action, r.Author, r.Summary, ProblemQueries.Parse(r.CreatedAt),
            r.BeforeJson, r.AfterJson)).ToList();

    private sealed class Row
    {
        public long Id { get; set; }
        public long ProblemId { get; set; }
        public int Revision { get; set; }
        public string Action { get; set; } = "";
        public string Author { get; set; } = "";
        public string Summary { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string? BeforeJson { get; set; }
        public string AfterJson { get; set; } = "";
    }
}

/// <summary>A revision of a problem with its record before (none for the first) and after.</summary>
public sealed record ProblemRevision(int Revision, string Action, string Author, string Summary, DateTimeOffset At, string? BeforeJson, string AfterJson);
