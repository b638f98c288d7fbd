using System.Globalization;
using System.Numerics;

namespace Coopdir.Core.Payments.Clearing;

/// <summary>
/// The operators' agreed rate as an exact ratio: <see cref="Units"/> of the paying currency are worth
/// <see cref="PeerUnits"/> of the paid one ("4" = "5"). Both are decimals as written, kept as text so that each side can
/// compare its record with the other's exactly; conversion is integer arithmetic on minor units, never floating point.
/// </summary>
public sealed record ClearingRate(string Units, string PeerUnits)
{
    public const int MaxLength = 20;

    /// <summary>The rate, or the field that is wrong and why.</summary>
    public static (ClearingRate? Rate, string? Field, string? Error) Parse(string? units, string? peerUnits)
    {
        if (Positive(units) is { } a) return (null, "rate_units", a);
        if (Positive(peerUnits) is { } b) return (null, "rate_peer_units", b);
        return (new ClearingRate(Canonical(units!), Canonical(peerUnits!)), null, null);
    }

    /// <summary>The same rate seen from the other side.</summary>
    public ClearingRate Reversed => new(PeerUnits, Units);

    /// <summary>
    /// What <paramref name="minor"/> units of the paying currency (with <paramref name="decimals"/> decimals) are worth in
    /// the paid one (<paramref name="peerDecimals"/>), in its minor units, rounded down: the payer pays exactly what was
    /// asked, the payee gets the largest amount in its currency's precision that is not worth more. Null past the
    /// largest amount of one movement.
    /// </summary>
    public long? Convert(long minor, int decimals, int peerDecimals)
    {
        var (u, uScale) = Exact(Units);
        var (p, pScale) = Exact(PeerUnits);
        // minor / 10^decimals × p / 10^pScale ÷ (u / 10^uScale) × 10^peerDecimals
        var numerator = minor * p * BigInteger.Pow(10, uScale + peerDecimals);
        var denominator = u * BigInteger.Pow(10, pScale + decimals);
        var result = BigInteger.Divide(numerator, denominator);
        return result > Amounts.MaxAmountMinor ? null : (long)result;
    }

    public override string ToString() => $"{Units} = {PeerUnits}";

    private static string? Positive(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "is required: a positive decimal such as \"1.25\"";
        text = text.Trim();
        if (text.Length > MaxLength) return $"is longer than {MaxLength} characters";
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
            return $"'{text}' is not a positive decimal such as \"1.25\"";
        return null;
    }

    // "1.250" and "01.25" are the same rate: kept as "1.25" so that both sides compare equal.
    private static string Canonical(string text)
    {
        var value = decimal.Parse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
    }

    private static (BigInteger Value, int Scale) Exact(string text)
    {
        var point = text.IndexOf('.');
        return point < 0
            ? (BigInteger.Parse(text, CultureInfo.InvariantCulture), 0)
            : (BigInteger.Parse(text.Remove(point, 1), CultureInfo.InvariantCulture), text.Length - point - 1);
    }
}
