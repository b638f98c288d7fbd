using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Areas;
using Coopdir.Core.Data;
using Dapper;

namespace Coopdir.Core.CivicProblems;

/// <summary>
/// Which published problems to list: everything within an area (the area itself and every area inside it,
/// by the gazetteer), of a category, with a status. The list, the Atom feed and the downloads take the same filter.
/// </summary>
public sealed record ProblemFilter(Area? Area = null, string? Category = null, string? Status = null);

public sealed record ProblemListPage(IReadOnlyList<CivicProblem> Problems, int Total);

/// <summary>The one read path for problems: the API, the pages, the feed and the downloads all go through here.</summary>
public static class ProblemQueries
{
    private const string Select = """
        SELECT p.id AS Id, p.organization_id AS OrganizationId, o.name AS OrganizationName, p.title AS Title, p.description AS Description,
               p.area_id AS AreaId, a.name AS AreaName, p.category AS Category, p.bounty_amount AS BountyAmount,
               p.bounty_currency AS BountyCurrency, p.bounty_currency_id AS BountyCurrencyId, c.name AS CurrencyName,
               p.deadline AS Deadline, p.status AS Status, p.accepted_response_id AS AcceptedResponseId, p.solution_id AS SolutionId,
               s.name AS SolutionName, p.moderation AS Moderation, p.held_because AS HeldBecause, p.revision AS Revision,
               p.created_at AS CreatedAt, p.updated_at AS UpdatedAt
        FROM civic_problems p
        JOIN organizations o ON o.id = p.organization_id
        LEFT JOIN areas a ON a.id = p.area_id
        LEFT JOIN organizations c ON c.id = p.bounty_currency_id
        LEFT JOIN organizations s ON s.id = p.solution_id
        """;

    private const string SelectResponses = """
        SELECT r.id AS Id, r.problem_id AS ProblemId, r.organization_id AS OrganizationId, o.name AS OrganizationName, r.user_id AS UserId,
               r.author AS Author, r.text AS Text, r.links_json AS LinksJson, r.moderation AS Moderation, r.held_because AS HeldBecause,
               r.created_at AS CreatedAt
        FROM problem_responses r LEFT JOIN organizations o ON o.id = r.organization_id
        """;

    /// <summary>One problem with its responses (the unpublished ones too: callers show what the reader may see).</summary>
    public static async Task<CivicProblem?> GetAsync(DbConnection connection, long id, DbTransaction? transaction = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE p.id = @id", new { id }, transaction);
        if (row is null) return null;
        var responses = await connection.QueryAsync<ResponseRow>($"{SelectResponses} WHERE r.problem_id = @id ORDER BY r.id", new { id }, transaction);
        return row.ToProblem(responses.Select(r => r.ToResponse()).ToList());
    }

    public static Task<CivicProblem?> GetAsync(WriteSession session, long id) => GetAsync(session.Connection, id, session.Transaction);

    /// <summary>Published problems that pass the filter, newest first, a page at a time.</summary>
    public static async Task<ProblemListPage> ListAsync(DbConnection connection, AreaGazetteer gazetteer, ProblemFilter filter, int skip, int take)
    {
        var matching = await MatchingAsync(connection, gazetteer, filter);
        return new ProblemListPage(await WithResponsesAsync(connection, matching.Skip(skip).Take(take).ToList()), matching.Count);
    }

    /// <summary>Every published problem that passes the filter, newest first, with its published responses (downloads, feed).</summary>
    public static async Task<IReadOnlyList<CivicProblem>> AllAsync(DbConnection connection, AreaGazetteer gazetteer, ProblemFilter filter) =>
        await WithResponsesAsync(connection, await MatchingAsync(connection, gazetteer, filter));

    // Filters in SQL by category and status; by area in memory, as search does, since "within" walks the gazetteer's tree.
    private static async Task<List<Row>> MatchingAsync(DbConnection connection, AreaGazetteer gazetteer, ProblemFilter filter)
    {
        var rows = await connection.QueryAsync<Row>($"""
            {Select} WHERE p.moderation = 'published'
              AND (@category IS NULL OR p.category = @category) AND (@status IS NULL OR p.status = @status)
            ORDER BY p.id DESC
            """, new { category = filter.Category, status = filter.Status });
        return filter.Area is not { } area ? rows.ToList() : rows.Where(r => IsWithin(gazetteer, r.AreaId, area)).ToList();
    }

    private static bool IsWithin(AreaGazetteer gazetteer, string areaId, Area ancestor) =>
        gazetteer.Find(areaId) is { } area && (area.Id == ancestor.Id || gazetteer.Ancestors(area).Any(a => a.Id == ancestor.Id));

    private static async Task<IReadOnlyList<CivicProblem>> WithResponsesAsync(DbConnection connection, List<Row> rows)
    {
        var found = new List<ResponseRow>();
        // A few hundred problems a statement, well under either store's limit on parameters.
        foreach (var chunk in rows.Chunk(500))
        {
            var parameters = new DynamicParameters();
            var among = SqlList.In("r.problem_id", "p", chunk.Select(r => r.Id), parameters);
            found.AddRange(await connection.QueryAsync<ResponseRow>($"{SelectResponses} WHERE {among} AND r.moderation = 'published' ORDER BY r.id", parameters));
        }
        var responses = found.GroupBy(r => r.ProblemId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ProblemResponse>)g.Select(r => r.ToResponse()).ToList());
        return rows.Select(r => r.ToProblem(responses.GetValueOrDefault(r.Id) ?? [])).ToList();
    }

    /// <summary>
    /// What an organization's page shows: the published problems it posted, those whose solution it is,
    /// and those it answered (with whether its response was accepted).
    /// </summary>
    public static async Task<IReadOnlyList<CivicProblem>> InvolvingAsync(DbConnection connection, long organizationId)
    {
        var rows = (await connection.QueryAsync<Row>($"""
            {Select} WHERE p.moderation = 'published' AND (p.organization_id = @organizationId OR p.solution_id = @organizationId
                OR p.id IN (SELECT problem_id FROM problem_responses WHERE organization_id = @organizationId AND moderation = 'published'))
            ORDER BY p.id DESC LIMIT 200
            """, new { organizationId })).ToList();
        return await WithResponsesAsync(connection, rows);
    }

    /// <summary>Problems and responses waiting for a reviewer, oldest first.</summary>
    public static async Task<(IReadOnlyList<CivicProblem> Problems, IReadOnlyList<ProblemResponse> Responses)> PendingAsync(DbConnection connection)
    {
        var problems = (await connection.QueryAsync<Row>($"{Select} WHERE p.moderation = 'pending' ORDER BY p.id LIMIT 200")).Select(r => r.ToProblem([])).ToList();
        var responses = (await connection.QueryAsync<ResponseRow>($"{SelectResponses} WHERE r.moderation = 'pending' ORDER BY r.id LIMIT 200")).Select(r => r.ToResponse()).ToList();
        return (problems, responses);
    }

    internal static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private sealed class Row
    {
        public long Id { get; set; }
        public long OrganizationId { get; set; }
        public string OrganizationName { get; set; } = "";
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";
        public string AreaId { get; set; } = "";
        public string? AreaName { get; set; }
        public string Category { get; set; } = "";
        public string? BountyAmount { get; set; }
        public string? BountyCurrency { get; set; }
        public long? BountyCurrencyId { get; set; }
        public string? CurrencyName { get; set; }
        public string? Deadline { get; set; }
        public string Status { get; set; } = "";
        public long? AcceptedResponseId { get; set; }
        public long? SolutionId { get; set; }
        public string? SolutionName { get; set; }
        public string Moderation { get; set; } = "";
        public string? HeldBecause { get; set; }
        public int Revision { get; set; }
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";

        public CivicProblem ToProblem(IReadOnlyList<ProblemResponse> responses) => new(Id, OrganizationId, OrganizationName, Title, Description,
            AreaId, AreaName, Category,
            BountyAmount is null ? null : new Bounty(decimal.Parse(BountyAmount, CultureInfo.InvariantCulture),
                BountyCurrencyId is null ? BountyCurrency ?? "" : CurrencyName ?? $"currency {BountyCurrencyId}", BountyCurrencyId),
            Deadline, Status, AcceptedResponseId, SolutionId, SolutionName, Moderation, HeldBecause, Revision, Parse(CreatedAt), Parse(UpdatedAt), responses);
    }

    private sealed class ResponseRow
    {
        public long Id { get; set; }
        public long ProblemId { get; set; }
        public long? OrganizationId { get; set; }
        public string? OrganizationName { get; set; }
        public long? UserId { get; set; }
        public string Author { get; set; } = "";
        public string Text { get; set; } = "";
        public string LinksJson { get; set; } = "[]";
        public string Moderation { get; set; } = "";
        public string? HeldBecause { get; set; }
        public string CreatedAt { get; set; } = "";

        public ProblemResponse ToResponse() => new(Id, ProblemId, OrganizationId, OrganizationName, UserId, Author, Text,
            JsonSerializer.Deserialize<List<string>>(LinksJson) ?? [], Moderation, HeldBecause, Parse(CreatedAt));
    }
}
