using Coopdir.Core.Relationships;

namespace Coopdir.Core.Tests.Relationships;

public sealed class MembershipHistoryTests
{
    private static readonly DateTimeOffset Recorded = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static RelationshipView Membership(string? start, string? end, params Assertion[] said)
    {
        IReadOnlyList<Assertion> assertions = said.Length > 0 ? said : [new(Party.Third, Voice.Dataset, Stance.Asserts, Recorded, "register")];
        return new(1, RelationshipTypes.MemberOf, 2, "Member", 1, "Network", start, end, null, RelationshipStatus.Of(assertions), assertions);
    }

    [Fact]
    public void A_member_counts_from_its_start_year_to_its_end_year_both_included()
    {
        var history = MembershipHistory.Of([Membership("2019-05", "2021"), Membership("2020", null)], 2022);

        Assert.Equal(
            [new(2019, 1, 1, 0), new(2020, 2, 1, 0), new(2021, 2, 0, 1), new(2022, 1, 0, 0)],
            history.Years);
    }

    [Fact]
    public void Undated_memberships_count_from_the_year_recorded_ended_ones_to_the_year_ended_and_disputed_ones_not_at_all()
    {
        var ended = new Assertion(Party.Subject, Voice.Claimer, Stance.Ends, new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero), "member");
        var denied = new Assertion(Party.Object, Voice.Claimer, Stance.Denies, Recorded, "network");
        var history = MembershipHistory.Of([
            Membership(null, null),
            Membership(null, null, new Assertion(Party.Subject, Voice.Claimer, Stance.Asserts, Recorded, "member"), ended),
            Membership("2010", null, new Assertion(Party.Subject, Voice.Claimer, Stance.Asserts, Recorded, "member"), denied),
        ], 2026);

        Assert.Equal((2, 1), (history.Undated, history.Disputed));
        Assert.Equal([new(2024, 2, 2, 0), new(2025, 2, 0, 1), new(2026, 1, 0, 0)], history.Years);
    }

    [Fact]
    public void Nothing_to_count_is_no_years()
    {
        Assert.Empty(MembershipHistory.Of([], 2026).Years);
    }
}
