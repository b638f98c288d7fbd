using Coopdir.Core.Data;
using Coopdir.Core.Sources.Matching;

namespace Coopdir.Core.Sources;

/// <summary>
/// The possible duplicates queue (the <c>duplicate_pairs</c> table): pairs of organizations that may be
/// one, found by an import or a scan, for people to decide. A pair is kept once decided, so a pair
/// marked "not the same" is never queued again.
/// </summary>
public static class DuplicatePairs
{
    public const string Open = "open", Later = "later", Same = "same", NotSame = "not_same";

    /// <summary>Queues the pair unless it is already queued or decided.</summary>
    public static Task AddAsync(WriteSession session, long a, long b, MatchResult match, string foundBy, string now) =>
        session.Command("""
            INSERT INTO duplicate_pairs (first_id, second_id, score, reasons, found_by, status, created_at)
            VALUES (@first, @second, @score, @reasons, @foundBy, 'open', @now)
            ON CONFLICT (first_id, second_id) DO NOTHING
            """, "@first", "@second", "@score", "@reasons", "@foundBy", "@now")
            .QueueAsync(Math.Min(a, b), Math.Max(a, b), match.Score, System.Text.Json.JsonSerializer.Serialize(match.Reasons), foundBy, now);
}
