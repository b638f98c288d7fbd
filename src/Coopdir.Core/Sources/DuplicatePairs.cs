using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Coopdir.Core.Data;
using Coopdir.Core.Sources.Matching;
using Dapper;

namespace Coopdir.Core.Sources;

/// <summary>
/// One pair in the duplicates queue. A name is null when its organization is gone (a decided pair's
/// duplicate was merged away, or either was deleted or merged elsewhere).
/// </summary>
public sealed record DuplicatePair(
    long Id, long FirstId, string? FirstName, long SecondId, string? SecondName, double Score, IReadOnlyList<string> Reasons,
    string FoundBy, string Status, string? DecidedBy, DateTimeOffset? DecidedAt, DateTimeOffset CreatedAt)
{
    public bool IsDecided => Status is DuplicatePairs.Same or DuplicatePairs.NotSame;
}

/// <summary>
/// The possible duplicates queue (the <c>duplicate_pairs</c> table): pairs of organizations that may be
/// one, found by an import or a scan, for people to decide. A pair is kept once decided, so a pair
/// marked "not the same" is never queued again.
/// </summary>
/// <remarks>
/// A pair still waiting whose organization has gone (merged or deleted by any path: an edit, an approved
/// proposal, a mirror replaying its source) is left out when read rather than closed when the organization
/// goes: one condition here instead of a step every removing path must remember, and the next scan
/// queues the survivor's own pairs afresh.
/// </remarks>
public static class DuplicatePairs
{
    public const string Open = "open", Later = "later", Same = "same", NotSame = "not_same";
    /// <summary>The filters a list takes: a status, or "decided" for both decided statuses.</summary>
    public const string Decided = "decided";
    public static readonly IReadOnlyList<string> Filters = [Open, Later, Decided, Same, NotSame];
    public static readonly IReadOnlyList<string> Decisions = [Same, NotSame, Later];

    private const string Select = """
        SELECT p.id AS Id, p.first_id AS FirstId, a.name AS FirstName, p.second_id AS SecondId, b.name AS SecondName,
               p.score AS Score, p.reasons AS Reasons, p.found_by AS FoundBy, p.status AS Status, p.decided_by AS DecidedBy,
               p.decided_at AS DecidedAt, p.created_at AS CreatedAt
        FROM duplicate_pairs p
        LEFT JOIN organizations a ON a.id = p.first_id
        LEFT JOIN organizations b ON b.id = p.second_id
        """;

    // Waiting pairs count only while both organizations exist; decided pairs are history and always shown.
    private const string Listed = "(p.status IN ('same', 'not_same') OR (a.id IS NOT NULL AND b.id IS NOT NULL))";

    /// <summary>Queues the pair unless it is already queued or decided.</summary>
    /// <returns>Whether it was queued now.</returns>
    public static async Task<bool> AddAsync(WriteSession session, long a, long b, MatchResult match, string foundBy, string now) =>
        await session.Command("""
            INSERT INTO duplicate_pairs (first_id, second_id, score, reasons, found_by, status, created_at)
            VALUES (@first, @second, @score, @reasons, @foundBy, 'open', @now)
            ON CONFLICT (first_id, second_id) DO NOTHING
            """, "@first", "@second", "@score", "@reasons", "@foundBy", "@now")
            .ExecuteAsync(Math.Min(a, b), Math.Max(a, b), match.Score, JsonSerializer.Serialize(match.Reasons), foundBy, now) > 0;

    /// <summary>One page of the pairs with a status (or decided), highest score first, and how many there are in all.</summary>
    public static async Task<(IReadOnlyList<DuplicatePair> Items, long Total)> ListAsync(DbConnection connection, string filter, int page, int pageSize)
    {
        var parameters = new DynamicParameters(new { limit = pageSize, offset = (long)(page - 1) * pageSize });
        var where = $"WHERE {SqlList.In("p.status", "status", filter == Decided ? [Same, NotSame] : new[] { filter }, parameters)} AND {Listed}";
        var total = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM ({Select} {where}) listed", parameters);
        var rows = await connection.QueryAsync<Row>($"{Select} {where} ORDER BY p.score DESC, p.id LIMIT @limit OFFSET @offset", parameters);
        return (rows.Select(r => r.ToPair()).ToList(), total);
    }

    /// <summary>The pair, or null when there is none or it is waiting on an organization that is gone.</summary>
    public static async Task<DuplicatePair?> GetAsync(DbConnection connection, long id) =>
        (await connection.QueryAsync<Row>($"{Select} WHERE p.id = @id AND {Listed}", new { id })).Select(r => r.ToPair()).SingleOrDefault();

    /// <summary>Every queued or decided pair's two ids and status, for a scan to tell new pairs from known ones.</summary>
    public static async Task<Dictionary<(long, long), string>> KnownAsync(DbConnection connection) =>
        (await connection.QueryAsync<(long First, long Second, string Status)>("SELECT first_id, second_id, status FROM duplicate_pairs"))
            .ToDictionary(r => (r.First, r.Second), r => r.Status);

    /// <summary>
    /// Records a decision on a pair still waiting; false when it was decided meanwhile. On PostgreSQL the
    /// update waits for a concurrent decision's transaction, then finds the pair decided.
    /// </summary>
    public static async Task<bool> DecideAsync(WriteSession session, long id, string status, string decidedBy, string now) =>
        await session.ExecuteAsync("""
            UPDATE duplicate_pairs SET status = @status, decided_by = @decidedBy, decided_at = @now
            WHERE id = @id AND status IN ('open', 'later')
            """, new { id, status, decidedBy, now }) == 1;

    private sealed class Row
    {
        public long Id { get; set; }
        public long FirstId { get; set; }
        public string? FirstName { get; set; }
        public long SecondId { get; set; }
        public string? SecondName { get; set; }
        public double Score { get; set; }
        public string Reasons { get; set; } = "[]";
        public string FoundBy { get; set; } = "";
        public string Status { get; set; } = "";
        public string? DecidedBy { get; set; }
        public string? DecidedAt { get; set; }
        public string CreatedAt { get; set; } = "";

        public DuplicatePair ToPair() => new(Id, FirstId, FirstName, SecondId, SecondName, Score,
            JsonSerializer.Deserialize<List<string>>(Reasons) ?? [], FoundBy, Status, DecidedBy,
            DecidedAt is null ? null : Parse(DecidedAt), Parse(CreatedAt));
    }

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
