using System.Globalization;
using Coopdir.Core.Organizations;

namespace Coopdir.Core.Relationships;

/// <summary>One year of a network: its members during the year, and how many joined and left in it.</summary>
public sealed record MemberYear(int Year, int Members, int Joined, int Left);

/// <summary>
/// A network's members year by year, and how many of the memberships counted had no start date
/// (<paramref name="Undated"/>: counted from the year they were recorded) or were disputed (left out).
/// </summary>
public sealed record MembershipHistory(IReadOnlyList<MemberYear> Years, int Undated, int Disputed)
{
    /// <summary>
    /// From a network's incoming member_of relationships: each counts from its start date's year (else the
    /// year it was first recorded) to its end date's year (else, when it ended, the year it was ended; else
    /// this year), both years included. A disputed membership is not counted: a side denies it.
    /// </summary>
    public static MembershipHistory Of(IEnumerable<RelationshipView> memberships, int thisYear)
    {
        var spans = new List<(int Start, int? End)>();
        var (undated, disputed) = (0, 0);
        foreach (var m in memberships)
        {
            if (m.State.Status == RelationshipStatusCode.Disputed)
            {
                disputed++;
                continue;
            }
            if (m.StartDate is null) undated++;
            var start = Year(m.StartDate) ?? m.Assertions.Min(a => a.At).UtcDateTime.Year;
            var end = Year(m.EndDate) ?? (m.State.Status == RelationshipStatusCode.Ended ? m.State.EndedAt?.UtcDateTime.Year : null);
            spans.Add((start, end is { } e && e < start ? start : end));
        }
        if (spans.Count == 0) return new([], undated, disputed);
        var last = Math.Max(thisYear, spans.Max(s => s.Start));
        var years = Enumerable.Range(spans.Min(s => s.Start), last - spans.Min(s => s.Start) + 1)
            .Select(y => new MemberYear(y,
                spans.Count(s => s.Start <= y && (s.End is null || s.End >= y)),
                spans.Count(s => s.Start == y),
                spans.Count(s => s.End == y)))
            .ToList();
        return new(years, undated, disputed);
    }

    /// <summary>
    /// A network's members now: memberships neither ended nor disputed (<see cref="Organization.Members"/>) whose
    /// end date, if they have one, has not passed (an end in 2022 recorded by a dataset that never said "ends").
    /// </summary>
    public static IReadOnlySet<long> CurrentMembers(Organization network, DateOnly today) =>
        network.Members.Where(m => !Passed(m.EndDate, today)).Select(m => m.SubjectId).ToHashSet();

    // Before the day, month or year of today that the (partial) date names.
    private static bool Passed(string? date, DateOnly today)
    {
        if (date is null) return false;
        var now = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return string.CompareOrdinal(date, now[..Math.Min(date.Length, now.Length)]) < 0;
    }

    // The year of a date that may be partial (2012, 2012-09, 2012-09-30).
    private static int? Year(string? date) =>
        date is { Length: >= 4 } && int.TryParse(date.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;
}
