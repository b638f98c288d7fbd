using Coopdir.Core.Organizations;

namespace Coopdir.Shared;

/// <summary>How places read on pages. Sources often repeat the town as the region ("Leeds, Leeds"); say it once.</summary>
public static class PlaceText
{
    public static string Short(Location l) => string.Join(", ", Distinct(l.Locality, l.Region, CountryName(l)));

    public static IEnumerable<string> AddressLines(Location l) =>
        (l.Street ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(Distinct(l.Locality, l.Region, l.Postcode, CountryName(l)));

    private static string? CountryName(Location l) => l.Country is null ? null : Countries.NameOf(l.Country);

    private static IEnumerable<string> Distinct(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase);
}
