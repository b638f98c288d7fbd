using System.Globalization;
using Coopdir.Core.Data;
using Coopdir.Core.Organizations;
using Coopdir.Core.Search;

namespace Coopdir.Search;

/// <summary>
/// A parsed search and, when it was asked for by place, where that place was found; or, for a locality
/// none of whose organizations has coordinates, its name, searched as a locality filter without a radius.
/// </summary>
public sealed record PlacedSearch(SearchQuery? Query, IReadOnlyList<FieldError> Errors, PlaceCentre? Place, string? UnlocatedPlace = null)
{
    /// <summary>What most callers want, as <see cref="SearchRequest.Parse()"/> gives it.</summary>
    public void Deconstruct(out SearchQuery? query, out IReadOnlyList<FieldError> errors) => (query, errors) = (Query, Errors);
}

/// <summary>
/// Searching near a place by name (<c>place=Manchester</c>): the place is looked up in the store
/// (<see cref="OrganizationSearch.FindPlaceAsync"/>) and the search runs near its centre within
/// radius_km, so a town's neighbours are found too, not only records that write its name.
/// </summary>
public static class SearchPlaces
{
    public const double DefaultRadiusKm = 10;

    /// <summary>The radii the search page offers.</summary>
    public static readonly IReadOnlyList<int> RadiusChoicesKm = [1, 5, 10, 25, 50, 100];

    /// <summary><see cref="SearchRequest.Parse()"/>, with the request's place looked up first.</summary>
    public static async Task<PlacedSearch> ParseAsync(this SearchRequest request, Store store)
    {
        var name = request.Place?.Trim();
        if (string.IsNullOrEmpty(name) || !string.IsNullOrWhiteSpace(request.Near))
        {
            var (query, errors) = request.Parse(null, null);
            return new(query, errors, null);
        }
        PlaceCentre? found = null;
        FieldError? why = null;
        if (name.Length > PlaceLookup.MaxPlaceLength) why = new("place", $"is longer than {PlaceLookup.MaxPlaceLength} characters");
        else
        {
            await using var connection = await store.OpenForReadingAsync();
            var lookup = await store.Search.FindPlaceAsync(connection, name);
            if (lookup.UnlocatedLocality is { } locality)
            {
                // Nothing to measure a radius from: the records that write the place are all there is to find.
                var byName = request with { Place = null, Locality = [.. request.Locality ?? [], locality], RadiusKm = null, Sort = IsDistance(request.Sort) ? null : request.Sort };
                var (query, errors) = byName.Parse(null, null);
                return new(query, errors, null, locality);
            }
            (found, why) = (lookup.Found, lookup.Why is null ? null : new FieldError("place", lookup.Why));
        }
        var (placed, placeErrors) = request.Parse(found, why);
        return new(placed, placeErrors, found);
    }

    /// <summary>"within 5 km of Manchester" (or of the coordinates searched near; "in Manchester" for a place without coordinates), or null for a search that is not near anywhere.</summary>
    public static string? WithinPhrase(SearchQuery? query, PlaceCentre? place)
    {
        if (query?.Near is not { } near) return null;
        var where = place?.Name ?? $"{near.Latitude.ToString("0.####", CultureInfo.InvariantCulture)}, {near.Longitude.ToString("0.####", CultureInfo.InvariantCulture)}";
        return query.RadiusKm is { } radius ? $"within {Km(radius)} of {where}" : $"nearest {where}";
    }

    internal static bool IsDistance(string? sort) => string.Equals(sort?.Trim(), "distance", StringComparison.OrdinalIgnoreCase);

    public static string Km(double radius) => $"{radius.ToString("0.#", CultureInfo.InvariantCulture)} km";
}
