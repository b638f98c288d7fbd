using Coopdir.Core.Payments;
using Coopdir.Core.Payments.Clearing;

namespace Coopdir.Core.Tests.Payments.Clearing;

public sealed class ClearingAgreementRulesTests
{
    private static AgreementDraft Draft(string limit) => new("riv-brk", null, "BRK", "4", "5", limit, new string('s', 40));

    [Theory]
    [InlineData(MoneyModel.MutualCredit, "20", true)]
    [InlineData(MoneyModel.OperatorIssued, "20", true)]
    [InlineData(MoneyModel.ReserveBacked, "0", true)]
    [InlineData(MoneyModel.ReserveBacked, "20", false)]
    public void A_reserve_backed_currency_may_clear_only_without_going_below_zero(string model, string limit, bool allowed)
    {
        var currency = new PayCurrency { Code = "RIV", Model = model, Decimals = 2 };

        var errors = ClearingAgreements.Check(Draft(limit), currency);

        Assert.Equal(allowed, errors.Count == 0);
        if (!allowed) Assert.Contains("reserve-backed", Assert.Single(errors).Message);
    }
}
