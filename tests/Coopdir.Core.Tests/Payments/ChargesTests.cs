using Coopdir.Core.Payments;

namespace Coopdir.Core.Tests.Payments;

public sealed class ChargesTests
{
    private static PayCurrency With(int feeRate = 0, long feeFixed = 0, int demurrage = 0) =>
        new() { Code = "RIV", Decimals = 2, FeeRate = feeRate, FeeFixed = feeFixed, DemurrageRate = demurrage };

    [Theory]
    [InlineData(25, 0, 4000, 10)]    // 0.25% of 40.00
    [InlineData(25, 10, 975, 12)]    // 2.4375 minor units dropped to 2, plus 10
    [InlineData(30, 0, 33, 0)]       // less than a minor unit: no fee
    [InlineData(0, 5, 1, 5)]
    public void A_fee_is_the_fixed_part_plus_the_rate_of_the_amount_rounded_down(int rate, long fixedPart, long amount, long fee) =>
        Assert.Equal(fee, Charges.FeeOn(With(rate, fixedPart), amount));

    [Theory]
    [InlineData(150, 7777, 116)]     // 1.5% of 77.77 is 1.16655
    [InlineData(150, -7777, 0)]      // a debt pays no demurrage
    [InlineData(1000, Amounts.MaxBalanceMinor, Amounts.MaxBalanceMinor / 10)]  // no overflow at the largest balance
    public void Demurrage_is_the_monthly_rate_of_a_positive_balance_rounded_down(int rate, long balance, long charge) =>
        Assert.Equal(charge, Charges.DemurrageOn(With(demurrage: rate), balance));

    [Fact]
    public void A_period_is_the_calendar_month_in_utc()
    {
        Assert.Equal("2026-11", Charges.PeriodOf(new DateTimeOffset(2026, 12, 1, 0, 30, 0, TimeSpan.FromHours(1))));
        Assert.Equal("2026-12", Charges.PeriodOf(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Rates_past_ten_percent_and_fixed_fees_finer_than_the_precision_are_named()
    {
        var (_, errors) = Charges.Check(new ChargesDraft(1001, "0.001", -1), 2);
        Assert.Equal(["fee_basis_points", "demurrage_basis_points", "fee_fixed"], errors.Select(e => e.Field));
    }
}
