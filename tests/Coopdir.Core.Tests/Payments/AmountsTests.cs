using Coopdir.Core.Payments;

namespace Coopdir.Core.Tests.Payments;

public sealed class AmountsTests
{
    [Theory]
    [InlineData("12.5", 2, 1250)]
    [InlineData("12.50", 2, 1250)]
    [InlineData("12.5000", 2, 1250)]
    [InlineData(" 7 ", 0, 7)]
    [InlineData("0.000001", 6, 1)]
    public void An_amount_within_the_precision_becomes_minor_units(string text, int decimals, long minor) =>
        Assert.Equal((minor, (string?)null), Amounts.Parse(text, decimals));

    [Theory]
    [InlineData("1.005", 2, "more than 2 decimals")]
    [InlineData("1.5", 0, "whole number")]
    [InlineData("0", 2, "more than zero")]
    [InlineData("-1", 2, "not a positive decimal")]
    [InlineData("1,5", 2, "not a positive decimal")]
    [InlineData("", 2, "is required")]
    [InlineData("1000000000000001", 0, "larger than")]
    [InlineData("10000000000000000000000000000", 2, "larger than")]
    [InlineData("1.00000000000000000000000000001", 2, "more than 2 decimals")]
    public void An_amount_outside_the_precision_or_range_is_refused_not_rounded(string text, int decimals, string message) =>
        Assert.Contains(message, Amounts.Parse(text, decimals).Error);

    [Fact]
    public void Formatting_always_shows_the_currencys_decimals() =>
        Assert.Equal(["-12.50", "3", "0.000100"], [Amounts.Format(-1250, 2), Amounts.Format(3, 0), Amounts.Format(100, 6)]);
}
