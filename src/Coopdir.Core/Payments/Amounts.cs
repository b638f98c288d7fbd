using System.Globalization;

namespace Coopdir.Core.Payments;

/// <summary>
/// Amounts as people and the API write them ("12.50") and as they are stored: whole minor units
/// (amount × 10^decimals) in a 64-bit integer. Never floating point; an amount finer than the currency's
/// precision is refused, not rounded.
/// </summary>
public static class Amounts
{
    public const int MaxDecimals = 6;
    public const int MaxLength = 32;

    /// <summary>The largest balance (either sign) an account may reach, in minor units: far from overflow on both stores.</summary>
    public const long MaxBalanceMinor = 1_000_000_000_000_000L;

    /// <summary>The largest single amount, in minor units.</summary>
    public const long MaxAmountMinor = 1_000_000_000_000_000L / 1000;

    /// <summary>Minor units of a positive amount written with at most <paramref name="decimals"/> decimals, or why not.</summary>
    public static (long Minor, string? Error) Parse(string? text, int decimals)
    {
        if (string.IsNullOrWhiteSpace(text)) return (0, "is required, as a decimal such as \"12.50\"");
        text = text.Trim();
        if (text.Length > MaxLength) return (0, $"is longer than {MaxLength} characters");
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return (0, $"'{text}' is not a positive decimal number such as \"12.50\"");
        // decimal keeps 28 places and rounds silently beyond them: count the written places, so nothing is ever rounded.
        var point = text.IndexOf('.');
        if (point >= 0 && text.Length - point - 1 - (text.Length - text.TrimEnd('0').Length) > decimals)
            return (0, decimals == 0 ? "must be a whole number: this currency has no decimals" : $"has more than {decimals} decimals, this currency's precision");
        return FromDecimal(value, decimals);
    }

    public static (long Minor, string? Error) FromDecimal(decimal value, int decimals)
    {
        if (value <= 0) return (0, "must be more than zero");
        // Compared before scaling: a 29-digit amount times 10^decimals would overflow decimal.
        if (value > MaxAmountMinor / Pow10(decimals)) return (0, $"is larger than {Format(MaxAmountMinor, decimals)}, the largest amount of one movement");
        var scaled = value * Pow10(decimals);
        if (scaled != decimal.Truncate(scaled))
            return (0, decimals == 0 ? "must be a whole number: this currency has no decimals" : $"has more than {decimals} decimals, this currency's precision");
        if (scaled > MaxAmountMinor) return (0, $"is larger than {Format(MaxAmountMinor, decimals)}, the largest amount of one movement");
        return ((long)scaled, null);
    }

    /// <summary>A limit or cap: zero allowed.</summary>
    public static (long Minor, string? Error) ParseLimit(string? text, int decimals) =>
        text?.Trim() is "0" or "0.0" or "0.00" ? (0, null) : Parse(text, decimals);

    public static decimal ToDecimal(long minor, int decimals) => minor / Pow10(decimals);

    /// <summary>Exactly <paramref name="decimals"/> decimals, invariant culture: "-12.50".</summary>
    public static string Format(long minor, int decimals) =>
        ToDecimal(minor, decimals).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static decimal Pow10(int decimals)
    {
        decimal p = 1;
        for (var i = 0; i < decimals; i++) p *= 10;
        return p;
    }
}
