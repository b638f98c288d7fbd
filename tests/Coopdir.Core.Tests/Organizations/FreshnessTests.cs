using Coopdir.Core.Organizations;

namespace Coopdir.Core.Tests.Organizations;

public sealed class FreshnessTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static readonly Freshness Rule = new(730, new FixedClock(new DateTimeOffset(2025, 7, 1, 23, 30, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("2023-06-30", 2023, 6, 30)]
    [InlineData("2023-06", 2023, 6, 1)]
    [InlineData("2023", 2023, 1, 1)]
    [InlineData("2024-03-01T23:30:00.0000000-02:00", 2024, 3, 2)]
    public void A_confirmation_is_read_as_the_day_it_can_first_mean(string confirmedAt, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), Freshness.Date(confirmedAt));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("last spring")]
    [InlineData("2023-13-01")]
    public void A_missing_or_unreadable_confirmation_has_no_day_and_is_stale(string? confirmedAt)
    {
        Assert.Null(Freshness.Day(confirmedAt));
        Assert.True(Rule.IsStale(confirmedAt));
    }

    [Fact]
    public void A_record_is_stale_once_its_confirmation_is_more_than_the_limit_of_days_old()
    {
        // 2 July 2023 is 730 days before 1 July 2025 (2024 was a leap year).
        Assert.False(Rule.IsStale("2023-07-02"));
        Assert.False(Rule.IsStale("2023-07-02T00:00:00.0000000+00:00"));
        Assert.True(Rule.IsStale("2023-07-01T23:59:59.0000000+00:00"));
        Assert.True(Rule.IsStale("2023-07"));
    }
}
