using System.Globalization;

namespace Coopdir.Core.Payments;

/// <summary>What the operator sets: a fee on each payment (a rate and a fixed part) and demurrage, a monthly rate on positive balances.</summary>
public sealed record ChargesDraft(int? FeeBasisPoints, string? FeeFixed, int? DemurrageBasisPoints);

/// <summary>
/// Fees and demurrage, computed the same way everywhere, in whole minor units. Rates are basis points (1/100 of a
/// percent). The one rounding rule: a fraction of a minor unit is dropped (rounded toward zero), always in the
/// favour of the one who pays. A period of demurrage is a calendar month in UTC, read from the clock the caller has.
/// </summary>
public static class Charges
{
    /// <summary>10%: the highest fee rate, and the highest demurrage a month.</summary>
    public const int MaxBasisPoints = 1000;

    /// <summary>The fee on a payment of <paramref name="amount"/>: the fixed part plus the rate of the amount, rounded down.</summary>
    public static long FeeOn(PayCurrency currency, long amount) => currency.FeeFixed + PartOf(amount, currency.FeeRate);

    /// <summary>A month's demurrage on a balance: the rate of it if positive, rounded down; never more than the balance.</summary>
    public static long DemurrageOn(PayCurrency currency, long balance) => balance <= 0 ? 0 : PartOf(balance, currency.DemurrageRate);

    /// <summary>The demurrage period that <paramref name="now"/> falls in: its calendar month in UTC, "2026-12".</summary>
    public static string PeriodOf(DateTimeOffset now) => now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static bool HasFee(PayCurrency currency) => currency.FeeRate > 0 || currency.FeeFixed > 0;

    /// <summary>The operator's settings checked: rates 0 to <see cref="MaxBasisPoints"/>, the fixed fee in the currency's precision.</summary>
    public static (long FeeFixed, List<Organizations.FieldError> Errors) Check(ChargesDraft draft, int decimals)
    {
        var errors = new List<Organizations.FieldError>();
        if (draft.FeeBasisPoints is < 0 or > MaxBasisPoints)
            errors.Add(new("fee_basis_points", $"must be 0 to {MaxBasisPoints} (basis points: 25 is 0.25% of each payment)"));
        if (draft.DemurrageBasisPoints is < 0 or > MaxBasisPoints)
            errors.Add(new("demurrage_basis_points", $"must be 0 to {MaxBasisPoints} (basis points a month: 50 is 0.5% of a positive balance)"));
        long fixedFee = 0;
        if (draft.FeeFixed is not null)
        {
            string? error;
            (fixedFee, error) = Amounts.ParseLimit(draft.FeeFixed, decimals);
            if (error is not null) errors.Add(new("fee_fixed", error));
        }
        return (fixedFee, errors);
    }

    // Int128: a balance near the largest allowed times a rate would overflow a long.
    private static long PartOf(long amount, int basisPoints) => (long)((Int128)amount * basisPoints / 10_000);
}
