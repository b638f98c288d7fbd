using Coopdir.Core.Payments.Clearing;

namespace Coopdir.Core.Tests.Payments.Clearing;

public sealed class ClearingRateTests
{
    [Theory]
    // 10.01 at 4 = 5 is 12.5125: to 3 decimals 12.512, to 2 decimals 12.51 (always down, never up).
    [InlineData("4", "5", 1001, 2, 3, 12512)]
    [InlineData("4", "5", 1001, 2, 2, 1251)]
    // A third: 1.00 at 3 = 1 is 0.333…, and 0.01 is worth less than the smallest unit of a whole-number currency.
    [InlineData("3", "1", 100, 2, 2, 33)]
    [InlineData("1", "1", 1, 2, 0, 0)]
    // Many decimals on both sides, exactly: 123456.789012 × 1.000001 = 123456.912468789012.
    [InlineData("1", "1.000001", 123456789012, 6, 6, 123456912468)]
    public void Converts_minor_units_exactly_rounding_down(string units, string peerUnits, long minor, int decimals, int peerDecimals, long expected)
    {
        var (rate, _, error) = ClearingRate.Parse(units, peerUnits);
        Assert.Null(error);
        Assert.Equal(expected, rate!.Convert(minor, decimals, peerDecimals));
    }

    [Fact]
    public void The_same_rate_written_two_ways_is_equal_and_reversed_is_the_other_sides_record()
    {
        Assert.Equal(ClearingRate.Parse("1.250", "04").Rate, ClearingRate.Parse("1.25", "4").Rate);
        Assert.Equal(ClearingRate.Parse("4", "1.25").Rate, ClearingRate.Parse("1.25", "4").Rate!.Reversed);
    }

    [Theory]
    [InlineData("0", "1", "rate_units")]
    [InlineData("1", "-2", "rate_peer_units")]
    [InlineData("1", "1e3", "rate_peer_units")]
    [InlineData(null, "1", "rate_units")]
    [InlineData("1", "123456789012345678901", "rate_peer_units")]
    public void A_rate_that_is_not_two_positive_decimals_names_the_field(string? units, string? peerUnits, string field) =>
        Assert.Equal(field, ClearingRate.Parse(units, peerUnits).Field);

    [Fact]
    public void An_amount_worth_more_than_one_movement_may_carry_converts_to_nothing() =>
        Assert.Null(ClearingRate.Parse("1", "1000000").Rate!.Convert(1_000_000_000_000, 0, 6));
}
