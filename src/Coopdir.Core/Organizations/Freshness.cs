using System.Globalization;

namespace Coopdir.Core.Organizations;

/// <summary>The search filter on freshness: records past the directory's confirmation age, or within it.</summary>
public enum FreshnessFilter { Stale, Current }

/// <summary>
/// When a record counts as stale: when it was not confirmed (by a source's vintage, a person's edit, a
/// claimer's or editor's "still correct") within <see cref="StaleAfterDays"/> days of today (UTC). A
/// record never confirmed is stale. Decided against the clock each time it is asked, so a record goes
/// stale without anything being written.
/// </summary>
public sealed class Freshness(int staleAfterDays, TimeProvider clock)
{
    public const int DefaultStaleAfterDays = 730;

    /// <summary>The default rule on the system clock: what the CLI and code without the site's settings use.</summary>
    public static Freshness Default { get; } = new(DefaultStaleAfterDays, TimeProvider.System);

    public int StaleAfterDays => staleAfterDays;

    /// <summary>The first day (a <see cref="DateOnly.DayNumber"/>) a confirmation keeps a record current today.</summary>
    public int CurrentFromDay => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).DayNumber - staleAfterDays;

    public bool IsStale(string? confirmedAt) => Day(confirmedAt) is not { } day || day < CurrentFromDay;

    /// <summary>
    /// The day of a stored confirmation, as a <see cref="DateOnly.DayNumber"/>: a date, a year and month
    /// or a year (a source's vintage: its first day, the earliest it can mean), or a round-trip time (its
    /// UTC day). Null when absent or unreadable.
    /// </summary>
    public static int? Day(string? confirmedAt) => Date(confirmedAt)?.DayNumber;

    /// <summary>See <see cref="Day"/>.</summary>
    public static DateOnly? Date(string? confirmedAt)
    {
        if (string.IsNullOrEmpty(confirmedAt)) return null;
        if (confirmedAt.Length > 10 && confirmedAt[10] == 'T')
            return DateTimeOffset.TryParse(confirmedAt, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? DateOnly.FromDateTime(time.UtcDateTime) : null;
        var format = confirmedAt.Length switch { 10 => "yyyy-MM-dd", 7 => "yyyy-MM", 4 => "yyyy", _ => null };
        return format is not null && DateOnly.TryParseExact(confirmedAt, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date : null;
    }
}
